"""Benchmark: the plan pages (step 2) and the plan PDF of A's first programme, at scale 1 and 10.

Run from the project folder:  .venv/bin/python tests/bench/bench_plan.py [--scales 1 10] [--requests 50]

It prints figures and asserts nothing. It works as bench_scan.py does and reuses bench_pages.py's helpers:
per scale a fresh database (a SQLite file in a temporary folder; with a PostgreSQL DATABASE_URL, a database
named <name>_bench_plan_<scale> there, dropped and recreated), migrate, `seed_demo --scale N` (which gives
the plan of "Samen één bestuur in Geel" N rounds of its actions in both versions, with status updates), then
in-process with Django's test Client, signed in as consultant.a: every plan page (overview, target picture,
opportunities and costs, action plan, follow-up, versions, the comparison of version 1 with the draft, the
approved version) with its median and p95 time and SQL queries. Then the plan PDF of the approved
version: plan_html + html_to_pdf (median of 3, HTML and PDF apart too). The PDF's peak memory is the
high-water mark of yet another fresh process that imports Django, builds the plan HTML and renders it once.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# bench_pages.py sits next to this file; run as a script, this folder is on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pages import (  # noqa: E402
    PROGRAMME_A,
    RESULT_PREFIX,
    USERNAME,
    _child_env,
    _database_url,
    _fresh_database,
    _proc_status_mb,
    _setup_django,
)


def _measure_page(client, url: str, *, warmup: int, requests: int) -> dict:
    """bench_pages' measure, plus the median CPU time of this process per request: on a machine shared
    with other work the wall time swings with the load, the CPU time much less (the view, the template and
    SQLite all run in this process)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    timings, cpu = [], []
    for _ in range(requests):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        cpu.append((time.process_time() - start_cpu) * 1000)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as captured:  # apart: capturing slows the requests down a little
        client.get(url)
    ordered = sorted(timings)
    return {
        "median_ms": statistics.median(timings),
        "p95_ms": ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)],
        "cpu_ms": statistics.median(cpu),
        "queries": len(captured),
    }


TARGETS = "targets: plan page <= 50 ms median and <= 25 queries at --scale 10; plan PDF <= 4 s and <= 300 MB"


# --- Parent: one child process per scale -----------------------------------------------------------


def _run(args: list[str], env: dict[str, str]) -> dict:
    """Run this script in a child process; its result is the JSON line it prints."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *args],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            return json.loads(line[len(RESULT_PREFIX) :])
    sys.stderr.write(done.stdout + done.stderr)
    raise SystemExit(f"bench child {' '.join(args)} failed (exit {done.returncode}), output above")


def _plan_database_url(scale: int, tmpdir: Path, given: str) -> tuple[str, str]:
    """bench_pages' database for one scale; on PostgreSQL under its own name (<name>_bench_plan_<scale>),
    so that the benchmarks never drop each other's database. A SQLite file lives in this run's folder."""
    url, described = _database_url(scale, tmpdir, given)
    if not urlsplit(url).scheme.startswith("postgres"):
        return url, described
    parts = urlsplit(url)
    name = parts.path.rsplit("_bench_", 1)[0] + f"_bench_plan_{scale}"
    return urlunsplit(parts._replace(path=name)), f"PostgreSQL database {name.lstrip('/')}"


def parent(options: argparse.Namespace) -> None:
    given = os.environ.get("DATABASE_URL", "")
    if given and not urlsplit(given).scheme.startswith("postgres"):
        print(
            f"note: DATABASE_URL is not PostgreSQL ({urlsplit(given).scheme}); using SQLite in a temp folder"
        )
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="tandem-bench-plan-") as tmp:
        tmpdir = Path(tmp)
        for scale in options.scales:
            url, described = _plan_database_url(scale, tmpdir, given)
            print(f"scale {scale}: {described}: migrate, seed_demo --scale {scale}, measure ...", flush=True)
            args = ["--child", "--scale", str(scale), "--requests", str(options.requests)]
            args += ["--warmup", str(options.warmup)]
            env = _child_env(url, tmpdir / f"media_{scale}")
            result = _run(args, env)
            # Started from this small process, not from the child: on Linux a process keeps the
            # ru_maxrss of the image it was exec'ed from, so the child's own peak would leak in.
            result["pdf"].update(_run(["--pdf-memory"], env))
            results.append(result)

    print()
    print(f"{'scale':<7}{'page':<12}{'median_ms':>10}{'p95_ms':>9}{'cpu_ms':>8}{'queries':>9}   (data)")
    for result in results:
        data = f"({result['actions']} actions in the approved version, {result['updates']} status updates)"
        for name, page in result["pages"].items():
            print(
                f"{result['scale']:<7}{name:<12}{page['median_ms']:>10.1f}{page['p95_ms']:>9.1f}"
                f"{page['cpu_ms']:>8.1f}{page['queries']:>9}   {data}"
            )
    print()
    print(f"{'scale':<7}{'plan PDF s':>11}{'(html':>8}{'+ pdf)':>8}{'peak MB':>9}{'pages':>7}{'kB':>6}")
    for result in results:
        pdf = result["pdf"]
        print(
            f"{result['scale']:<7}{pdf['median_s']:>11.2f}{pdf['html_median_s']:>8.2f}"
            f"{pdf['pdf_median_s']:>8.2f}{pdf['hwm_mb']:>9.0f}{pdf['pages']:>7}{pdf['size_kb']:>6}"
        )
    for result in results:
        pdf = result["pdf"]
        runs = ", ".join(f"{s:.2f}" for s in pdf["runs_s"])
        print(
            f"scale {result['scale']}: PDF runs {runs} s (the first includes WeasyPrint's start); "
            f"memory process: {pdf['before_render_mb']:.0f} MB resident before the render, "
            f"high-water mark (VmHWM) {pdf['hwm_mb']:.0f} MB, ru_maxrss {pdf['peak_mb']:.0f} MB"
        )
    for result in results:
        print(
            f"scale {result['scale']}: migrate {result['migrate_s']:.1f} s, "
            f"seed_demo {result['seed_s']:.1f} s, "
            f"{options.warmup} warm-up + {options.requests} timed requests per page"
        )
    print(TARGETS)
    print(f"total {time.perf_counter() - started:.0f} s")


# --- Child: one scale -------------------------------------------------------------------------------


def _plan():
    from programmes.models import Plan

    return Plan.objects.select_related("programme__local_government").get(programme__title=PROGRAMME_A)


def _approved(plan):
    from programmes.plan.workflow import latest_approved

    return latest_approved(plan)


def _measure_pdf(version) -> dict:
    from pypdf import PdfReader

    from documents.pdf import html_to_pdf
    from programmes.plan.document import plan_html

    html_runs, pdf_runs, runs, pdf = [], [], [], b""
    for _ in range(3):
        start = time.perf_counter()
        html = plan_html(version)
        middle = time.perf_counter()
        pdf = html_to_pdf(html)
        end = time.perf_counter()
        html_runs.append(middle - start)
        pdf_runs.append(end - middle)
        runs.append(end - start)
    return {
        "runs_s": runs,
        "median_s": statistics.median(runs),
        "html_median_s": statistics.median(html_runs),
        "pdf_median_s": statistics.median(pdf_runs),
        "pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "size_kb": math.ceil(len(pdf) / 1024),
    }


def child(options: argparse.Namespace) -> None:
    _fresh_database()
    _setup_django()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from programmes.models import ActionUpdate

    start = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrate_s = time.perf_counter() - start
    start = time.perf_counter()
    call_command("seed_demo", scale=options.scale, verbosity=0)
    seed_s = time.perf_counter() - start

    client = Client()
    # force_login: the login form would go through django-axes, which is not what is measured here.
    client.force_login(get_user_model().objects.get(username=USERNAME))
    plan = _plan()
    approved = _approved(plan)
    urls = {
        "overview": reverse("programmes:plan", args=[plan.pk]),
        "streefbeeld": reverse("programmes:plan_target", args=[plan.pk]),
        "afweging": reverse("programmes:plan_balance", args=[plan.pk]),
        "actieplan": reverse("programmes:plan_actions", args=[plan.pk]),
        "opvolging": reverse("programmes:plan_follow_up", args=[plan.pk]),
        "versies": reverse("programmes:plan_versions", args=[plan.pk]),
        "vergelijken": reverse("programmes:plan_compare", args=[plan.pk]),
        "versie": reverse("programmes:plan_version", args=[approved.pk]),
    }
    pages = {
        name: _measure_page(client, url, warmup=options.warmup, requests=options.requests)
        for name, url in urls.items()
    }
    result = {
        "scale": options.scale,
        "actions": approved.actions.count(),
        "updates": ActionUpdate.objects.filter(plan=plan).count(),
        "migrate_s": migrate_s,
        "seed_s": seed_s,
        "pages": pages,
        "pdf": _measure_pdf(approved),
    }
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def pdf_memory() -> None:
    """In a fresh process: import Django, build the plan HTML, render once; report the peak RSS."""
    import resource

    _setup_django()
    from documents.pdf import html_to_pdf
    from programmes.plan.document import plan_html

    html = plan_html(_approved(_plan()))
    before = _proc_status_mb("VmRSS")
    html_to_pdf(html)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    result = {"peak_mb": peak_kb / 1024, "hwm_mb": _proc_status_mb("VmHWM"), "before_render_mb": before}
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10], help="seed_demo scales (1 10)")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page (50)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests first (5)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--pdf-memory", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.pdf_memory:
        pdf_memory()
    elif options.child:
        child(options)
    else:
        parent(options)


if __name__ == "__main__":
    main()
