"""Benchmark: the dashboard, a programme page and the programme summary PDF, at scale 1 and 10.

Run from the project folder:  .venv/bin/python tests/bench/bench_pages.py [--scales 1 10] [--requests 50]

It prints figures and asserts nothing. Per scale it builds a fresh database (a SQLite file in a temporary
folder; with a PostgreSQL DATABASE_URL, a database named <name>_bench_<scale> there, dropped and
recreated), migrates it, runs `seed_demo --scale N`, and measures in-process with Django's test Client,
signed in as consultant.a. Each scale runs in its own process (DJANGO_SETTINGS_MODULE=config.settings.test:
fast password hashing, e-mail in memory), which prints one JSON line that this parent collects.
The PDF's peak memory is the maximum resident set size of yet another fresh process that imports Django,
builds the summary HTML and renders it once: what one render costs a worker, Django included.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[2]
RESULT_PREFIX = "BENCH_RESULT "
PROGRAMME_A = "Samen één bestuur in Geel"
USERNAME = "consultant.a"
TARGETS = "targets: pages <= 30 ms median and <= 20 queries at scale 10; PDF <= 1.5 s, <= 200 MB"


# --- Parent: one child process per scale -----------------------------------------------------------


def _database_url(scale: int, tmpdir: Path, given: str) -> tuple[str, str]:
    """The database URL for one scale, and how to describe it."""
    scheme = urlsplit(given).scheme if given else ""
    if scheme.startswith("postgres"):
        parts = urlsplit(given)
        name = unquote(parts.path.lstrip("/")) or "tandem"
        bench_name = f"{name}_bench_{scale}"
        return urlunsplit(parts._replace(path=f"/{bench_name}")), f"PostgreSQL database {bench_name}"
    path = tmpdir / f"bench_{scale}.sqlite3"
    return f"sqlite:///{path}", f"SQLite {path}"


def _run(args: list[str], env: dict[str, str]) -> dict:
    """Run this script in a child process; its result is the JSON line it prints."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *args],
        cwd=REPO,
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


def _child_env(database_url: str, media_root: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
        PYTHONWARNINGS="ignore",
    )
    env.pop("CELERY_BROKER_URL", None)  # nothing is rendered through the queue here
    return env


def parent(options: argparse.Namespace) -> None:
    given = os.environ.get("DATABASE_URL", "")
    if given and not urlsplit(given).scheme.startswith("postgres"):
        print(
            f"note: DATABASE_URL is not PostgreSQL ({urlsplit(given).scheme}); using SQLite in a temp folder"
        )
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="tandem-bench-") as tmp:
        tmpdir = Path(tmp)
        largest = max(options.scales)
        for scale in options.scales:
            url, described = _database_url(scale, tmpdir, given)
            print(f"scale {scale}: {described}: migrate, seed_demo --scale {scale}, measure ...", flush=True)
            args = ["--child", "--scale", str(scale), "--requests", str(options.requests)]
            args += ["--warmup", str(options.warmup)]
            if scale == largest:
                args.append("--pdf")
            env = _child_env(url, tmpdir / f"media_{scale}")
            result = _run(args, env)
            if scale == largest:
                # Started from this small process, not from the child: on Linux a process keeps the
                # ru_maxrss of the image it was exec'ed from, so the child's own peak would leak in.
                result["pdf"].update(_run(["--pdf-memory"], env))
            results.append(result)

    print()
    print(f"{'scale':<7}{'page':<12}{'median_ms':>10}{'p95_ms':>9}{'queries':>9}   (data)")
    for result in results:
        for name, page in result["pages"].items():
            print(
                f"{result['scale']:<7}{name:<12}{page['median_ms']:>10.1f}{page['p95_ms']:>9.1f}"
                f"{page['queries']:>9}   ({result['programmes']} programmes)"
            )
    for result in results:
        if "pdf" in result:
            pdf = result["pdf"]
            print(
                f"summary PDF (scale {result['scale']}): {pdf['median_s']:.2f} s median, "
                f"peak {pdf['peak_mb']:.0f} MB ({TARGETS})"
            )
            print(
                f"  renders: {', '.join(f'{s:.2f}' for s in pdf['runs_s'])} s (the first includes "
                f"WeasyPrint's start); {pdf['pages']} page(s), {pdf['size_kb']} kB; memory process: "
                f"{pdf['before_render_mb']:.0f} MB resident before the render, high-water mark (VmHWM) "
                f"{pdf['hwm_mb']:.0f} MB"
            )
    for result in results:
        print(
            f"scale {result['scale']}: migrate {result['migrate_s']:.1f} s, "
            f"seed_demo {result['seed_s']:.1f} s, "
            f"{options.warmup} warm-up + {options.requests} timed requests per page"
        )
    print(f"total {time.perf_counter() - started:.0f} s")


# --- Child: one scale -------------------------------------------------------------------------------


def _recreate_postgres_database(url: str) -> None:
    """Drop and create the bench database, connected to the server's maintenance database."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/"))
    maintenance = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _fresh_database() -> None:
    url = os.environ["DATABASE_URL"]
    if urlsplit(url).scheme.startswith("postgres"):
        _recreate_postgres_database(url)
    else:
        path = Path(urlsplit(url).path)
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)


def _setup_django() -> None:
    sys.path.insert(0, str(REPO))
    warnings.simplefilter("ignore")
    import django

    django.setup()


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _measure_page(client, url: str, *, warmup: int, requests: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    # Counted apart from the timed requests: capturing queries slows them down a little.
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return {
        "median_ms": statistics.median(timings),
        "p95_ms": _p95(timings),
        "queries": len(captured),
    }


def _summary_programme():
    from programmes.models import Programme

    return Programme.objects.select_related("local_government").get(title=PROGRAMME_A)


def _measure_pdf() -> dict:
    import io

    from pypdf import PdfReader

    from documents.pdf import html_to_pdf
    from programmes.documents import summary_html

    programme = _summary_programme()
    runs, pdf = [], b""
    for _ in range(3):
        start = time.perf_counter()
        pdf = html_to_pdf(summary_html(programme))
        runs.append(time.perf_counter() - start)
    return {
        "runs_s": runs,
        "median_s": statistics.median(runs),
        "pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "size_kb": math.ceil(len(pdf) / 1024),
    }


def child(options: argparse.Namespace) -> None:
    _fresh_database()
    _setup_django()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from programmes.models import Programme

    start = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrate_s = time.perf_counter() - start
    start = time.perf_counter()
    call_command("seed_demo", scale=options.scale, verbosity=0)
    seed_s = time.perf_counter() - start

    client = Client()
    # force_login: the login form would go through django-axes, which is not what is measured here.
    client.force_login(get_user_model().objects.get(username=USERNAME))
    programme = _summary_programme()
    pages = {
        "dashboard": _measure_page(client, "/", warmup=options.warmup, requests=options.requests),
        "programme": _measure_page(
            client, programme.get_absolute_url(), warmup=options.warmup, requests=options.requests
        ),
    }
    result = {
        "scale": options.scale,
        "programmes": Programme.objects.count(),
        "migrate_s": migrate_s,
        "seed_s": seed_s,
        "pages": pages,
    }
    if options.pdf:
        result["pdf"] = _measure_pdf()
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def _proc_status_mb(field: str) -> float:
    """A VmRSS/VmHWM figure of this process from /proc (Linux), in MB; 0 where there is no /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def pdf_memory() -> None:
    """In a fresh process: import Django, build the summary HTML, render once; report the peak RSS."""
    import resource

    _setup_django()
    from documents.pdf import html_to_pdf
    from programmes.documents import summary_html

    html = summary_html(_summary_programme())
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
    parser.add_argument("--pdf", action="store_true", help=argparse.SUPPRESS)
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
