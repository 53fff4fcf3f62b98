"""Benchmark: the pages of step 3 (programme of projects) and the overview PDF, at scale 1 and 10, and the
dependencies page at 500 projects and 2,000 dependencies.

Run from the project folder:  .venv/bin/python tests/bench/bench_projects.py [--scales 1 10] [--requests 30]

It prints figures and asserts nothing. It works as bench_plan.py does and uses common.py's helpers:
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
import math
import random
import tempfile
import time
from pathlib import Path

# common.py sits next to this file; run as a script, this folder is on sys.path.
from common import (
    PROGRAMME_A,
    child_env,
    database_url,
    dispatch,
    fresh_database,
    given_database_url,
    measure_pages,
    measure_pdf,
    print_footer,
    print_pages,
    print_result,
    run_child,
    run_scales,
    scales_parser,
    seeded_database,
    setup_django,
    signed_in_client,
)

TARGETS = (
    "targets: analysis page <= 150 ms median at 500 projects / 2,000 dependencies; "
    "overview PDF <= 4 s; queries constant with scale"
)


def parent(options: argparse.Namespace) -> None:
    given = given_database_url(note=False)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tandem-bench-projects-") as tmp:
        tmpdir = Path(tmp)
        # On PostgreSQL <name>_bench_projects_<scale> and _large: never another benchmark's database.
        results = run_scales(__file__, options, tmpdir, given, name="bench_projects_{scale}")
        url, described = database_url(tmpdir, given, name="bench_projects_large")
        print(
            f"large: {described}: {options.projects} projects, {options.dependencies} dependencies, "
            "measure ...",
            flush=True,
        )
        env = child_env(url, tmpdir / "media_large")
        large = run_child(
            __file__,
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
    print_pages(
        results,
        width=16,
        data=lambda result: f"({result['projects']} projects, {result['dependencies']} dependencies)",
    )
    print_pages(
        [large],
        width=16,
        header=False,
        data=lambda result: f"({result['projects']} projects, {result['dependencies']} dependencies)",
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
    print_footer(results, options, started, TARGETS)


# --- Children ----------------------------------------------------------------------------------------


def _programme():
    from programmes.models import Programme

    return Programme.objects.select_related("local_government").get(title=PROGRAMME_A)


def _overview_html() -> str:
    from projects.document import projects_html

    return projects_html(_programme())


def _pages(client, programme, options: argparse.Namespace) -> dict:
    from django.urls import reverse

    from projects.models import Project

    first = Project.objects.filter(programme=programme).order_by("pk").first()
    urls = {
        "projecten": reverse("projects:overview", args=[programme.pk]),
        "structuur": reverse("projects:structure", args=[programme.pk]),
        "afhankelijkheden": reverse("projects:dependencies", args=[programme.pk]),
        "project": reverse("projects:project_detail", args=[first.pk]),
    }
    return measure_pages(client, urls, options)


def child(options: argparse.Namespace) -> None:
    migrate_s, seed_s = seeded_database(options.scale)
    from projects.document import projects_html
    from projects.models import Dependency, Project

    programme = _programme()
    result = {
        "scale": options.scale,
        "projects": Project.objects.filter(programme=programme).count(),
        "dependencies": Dependency.objects.filter(programme=programme).count(),
        "migrate_s": migrate_s,
        "seed_s": seed_s,
        "pages": _pages(signed_in_client(), programme, options),
        "pdf": measure_pdf(lambda: projects_html(programme)),
    }
    print_result(result)


def large(options: argparse.Namespace) -> None:
    fresh_database()
    setup_django()
    from bench_dependencies import _build
    from django.core.management import call_command
    from django.urls import reverse

    call_command("migrate", verbosity=0, interactive=False)
    _user, programme, *_rest = _build(options.projects, options.dependencies, random.Random(6))
    client = signed_in_client()
    urls = {
        "afhankelijkheden": reverse("projects:dependencies", args=[programme.pk]),
        "projecten": reverse("projects:overview", args=[programme.pk]),
    }
    pages = measure_pages(client, urls, options)
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
    print_result(result)


def main() -> None:
    parser = scales_parser(__doc__, requests=30, warmup=3)
    parser.add_argument("--projects", type=int, default=500, help="projects of the large programme (500)")
    parser.add_argument("--dependencies", type=int, default=2000, help="its dependencies (2000)")
    parser.add_argument(
        "--no-large-pdf", action="store_true", help="skip the large programme's overview PDF (about 15 s)"
    )
    parser.add_argument("--large", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    dispatch(options, parent=parent, child=child, pdf_html=_overview_html, large=large)


if __name__ == "__main__":
    main()
