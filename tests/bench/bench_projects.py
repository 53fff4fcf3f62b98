"""Benchmark: the pages of step 3 (programme of projects) and the overview PDF, at scale 1 and 10, and the
dependencies page at 500 projects and 2,000 dependencies.

Run from the project folder:  .venv/bin/python tests/bench/bench_projects.py [--scales 1 10] [--requests 30]

It prints figures and asserts nothing. It works as bench_plan.py does and reuses bench_pages.py's helpers:
per scale a fresh database (a SQLite file in a temporary folder; with a PostgreSQL DATABASE_URL, a database
named <name>_bench_projects_<scale> there, dropped and recreated), migrate, `seed_demo --scale N` (Geel's
programme gets N rounds of its projects and dependencies), then in-process with Django's test Client, signed
in as consultant.a: the programme of projects, the steering structure, dependencies and planning (the
analysis page) and one project page (median and p95, SQL queries per page). Then the overview PDF:
`projects_html` + `html_to_pdf` (median of 3, HTML and PDF apart) and the peak memory (VmHWM) of one render
in a fresh process. Last, in another fresh database, 500 projects and 2,000 dependencies written straight
into the tables (bench_dependencies.py's builder) and the analysis page and the overview page measured there,
plus one render of the overview PDF at that size, for information (--no-large-pdf skips it).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pages import (  # noqa: E402
    PROGRAMME_A,
    RESULT_PREFIX,
    USERNAME,
    _child_env,
    _database_url,
    _fresh_database,
    _measure_page,
    _proc_status_mb,
    _setup_django,
)

TARGETS = (
    "targets: analysis page <= 150 ms median at 500 projects / 2,000 dependencies; "
    "overview PDF <= 4 s; queries constant with scale"
)


def _run(args: list[str], env: dict[str, str]) -> dict:
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


def _projects_database_url(label: str, tmpdir: Path, given: str) -> tuple[str, str]:
    """bench_pages' database; on PostgreSQL under its own name (<name>_bench_projects_<label>)."""
    url, described = _database_url(0, tmpdir, given)
    if not urlsplit(url).scheme.startswith("postgres"):
        path = tmpdir / f"bench_projects_{label}.sqlite3"
        return f"sqlite:///{path}", f"SQLite {path}"
    parts = urlsplit(url)
    name = parts.path.rsplit("_bench_", 1)[0] + f"_bench_projects_{label}"
    return urlunsplit(parts._replace(path=name)), f"PostgreSQL database {name.lstrip('/')}"


def parent(options: argparse.Namespace) -> None:
    given = os.environ.get("DATABASE_URL", "")
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="tandem-bench-projects-") as tmp:
        tmpdir = Path(tmp)
        for scale in options.scales:
            url, described = _projects_database_url(str(scale), tmpdir, given)
            print(f"scale {scale}: {described}: migrate, seed_demo --scale {scale}, measure ...", flush=True)
            env = _child_env(url, tmpdir / f"media_{scale}")
            args = ["--child", "--scale", str(scale), "--requests", str(options.requests)]
            result = _run([*args, "--warmup", str(options.warmup)], env)
            result["pdf"].update(_run(["--pdf-memory"], env))
            results.append(result)
        url, described = _projects_database_url("large", tmpdir, given)
        print(
            f"large: {described}: {options.projects} projects, {options.dependencies} dependencies, "
            "measure ...",
            flush=True,
        )
        env = _child_env(url, tmpdir / "media_large")
        large = _run(
            [
                "--large",
                "--projects",
                str(options.projects),
                "--dependencies",
                str(options.dependencies),
                "--requests",
                str(options.requests),
                "--warmup",
                str(options.warmup),
                *(["--no-large-pdf"] if options.no_large_pdf else []),
            ],
            env,
        )

    print()
    print(f"{'scale':<7}{'page':<16}{'median_ms':>10}{'p95_ms':>9}{'queries':>9}   (data)")
    for result in results:
        data = f"({result['projects']} projects, {result['dependencies']} dependencies)"
        for name, page in result["pages"].items():
            print(
                f"{result['scale']:<7}{name:<16}{page['median_ms']:>10.1f}{page['p95_ms']:>9.1f}"
                f"{page['queries']:>9}   {data}"
            )
    data = f"({large['projects']} projects, {large['dependencies']} dependencies)"
    for name, page in large["pages"].items():
        print(
            f"{'large':<7}{name:<16}{page['median_ms']:>10.1f}{page['p95_ms']:>9.1f}"
            f"{page['queries']:>9}   {data}"
        )
    print(f"large: HTML of the analysis page {large['html_kb']} kB")
    if "pdf_s" in large:
        pdf_s, pdf_kb = large["pdf_s"], large["pdf_kb"]
        print(f"large: overview PDF {pdf_s:.1f} s, {pdf_kb} kB (one render, information only)")
    print()
    print(f"{'scale':<7}{'PDF s':>8}{'(html':>8}{'+ pdf)':>8}{'peak MB':>9}{'pages':>7}{'kB':>6}")
    for result in results:
        pdf = result["pdf"]
        print(
            f"{result['scale']:<7}{pdf['median_s']:>8.2f}{pdf['html_median_s']:>8.2f}"
            f"{pdf['pdf_median_s']:>8.2f}{pdf['hwm_mb']:>9.0f}{pdf['pages']:>7}{pdf['size_kb']:>6}"
        )
    for result in results:
        print(
            f"scale {result['scale']}: migrate {result['migrate_s']:.1f} s, "
            f"seed_demo {result['seed_s']:.1f} s, "
            f"{options.warmup} warm-up + {options.requests} timed requests per page"
        )
    print(TARGETS)
    print(f"total {time.perf_counter() - started:.0f} s")


# --- Children ----------------------------------------------------------------------------------------


def _programme():
    from programmes.models import Programme

    return Programme.objects.select_related("local_government").get(title=PROGRAMME_A)


def _pages(client, programme, *, warmup: int, requests: int) -> dict:
    from django.urls import reverse

    from projects.models import Project

    first = Project.objects.filter(programme=programme).order_by("pk").first()
    urls = {
        "projecten": reverse("projects:overview", args=[programme.pk]),
        "structuur": reverse("projects:structure", args=[programme.pk]),
        "afhankelijkheden": reverse("projects:dependencies", args=[programme.pk]),
        "project": reverse("projects:project_detail", args=[first.pk]),
    }
    return {name: _measure_page(client, url, warmup=warmup, requests=requests) for name, url in urls.items()}


def _measure_pdf(programme) -> dict:
    from pypdf import PdfReader

    from documents.pdf import html_to_pdf
    from projects.document import projects_html

    html_runs, pdf_runs, runs, pdf = [], [], [], b""
    for _ in range(3):
        start = time.perf_counter()
        html = projects_html(programme)
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


def _client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=USERNAME))
    return client


def child(options: argparse.Namespace) -> None:
    _fresh_database()
    _setup_django()
    from django.core.management import call_command

    from projects.models import Dependency, Project

    start = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrate_s = time.perf_counter() - start
    start = time.perf_counter()
    call_command("seed_demo", scale=options.scale, verbosity=0)
    seed_s = time.perf_counter() - start
    programme = _programme()
    result = {
        "scale": options.scale,
        "projects": Project.objects.filter(programme=programme).count(),
        "dependencies": Dependency.objects.filter(programme=programme).count(),
        "migrate_s": migrate_s,
        "seed_s": seed_s,
        "pages": _pages(_client(), programme, warmup=options.warmup, requests=options.requests),
        "pdf": _measure_pdf(programme),
    }
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def large(options: argparse.Namespace) -> None:
    _fresh_database()
    _setup_django()
    from bench_dependencies import _build
    from django.core.management import call_command
    from django.urls import reverse

    call_command("migrate", verbosity=0, interactive=False)
    _user, programme, *_rest = _build(options.projects, options.dependencies, random.Random(6))
    client = _client()
    urls = {
        "afhankelijkheden": reverse("projects:dependencies", args=[programme.pk]),
        "projecten": reverse("projects:overview", args=[programme.pk]),
    }
    pages = {
        name: _measure_page(client, url, warmup=options.warmup, requests=options.requests)
        for name, url in urls.items()
    }
    html_kb = math.ceil(len(client.get(urls["afhankelijkheden"]).content) / 1024)
    result = {
        "projects": options.projects,
        "dependencies": options.dependencies,
        "pages": pages,
        "html_kb": html_kb,
    }
    if not options.no_large_pdf:  # one render, for information: the target is set at the demo's scales
        from documents.pdf import html_to_pdf
        from projects.document import projects_html

        start = time.perf_counter()
        pdf = html_to_pdf(projects_html(programme))
        result["pdf_s"] = time.perf_counter() - start
        result["pdf_kb"] = math.ceil(len(pdf) / 1024)
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def pdf_memory() -> None:
    """In a fresh process: import Django, build the overview HTML, render once; report the peak RSS."""
    import resource

    _setup_django()
    from documents.pdf import html_to_pdf
    from projects.document import projects_html

    html = projects_html(_programme())
    before = _proc_status_mb("VmRSS")
    html_to_pdf(html)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {"peak_mb": peak_kb / 1024, "hwm_mb": _proc_status_mb("VmHWM"), "before_render_mb": before}
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10], help="seed_demo scales (1 10)")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page (30)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests first (3)")
    parser.add_argument("--projects", type=int, default=500, help="projects of the large programme (500)")
    parser.add_argument("--dependencies", type=int, default=2000, help="its dependencies (2000)")
    parser.add_argument(
        "--no-large-pdf", action="store_true", help="skip the large programme's overview PDF (about 15 s)"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--large", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--pdf-memory", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.pdf_memory:
        pdf_memory()
    elif options.large:
        large(options)
    elif options.child:
        child(options)
    else:
        parent(options)


if __name__ == "__main__":
    main()
