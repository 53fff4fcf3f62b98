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
import tempfile
import time
from pathlib import Path

# common.py sits next to this file; run as a script, this folder is on sys.path.
from common import (
    PROGRAMME_A,
    dispatch,
    given_database_url,
    measure_pages,
    measure_pdf,
    print_footer,
    print_pages,
    print_result,
    run_scales,
    scales_parser,
    seeded_database,
    signed_in_client,
)

TARGETS = "targets: pages <= 30 ms median and <= 20 queries at scale 10; PDF <= 1.5 s, <= 200 MB"


# --- Parent: one child process per scale -----------------------------------------------------------


def parent(options: argparse.Namespace) -> None:
    given = given_database_url()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tandem-bench-") as tmp:
        largest = max(options.scales)
        results = run_scales(
            __file__,
            options,
            Path(tmp),
            given,
            name="bench_{scale}",
            documents_at=lambda index, scale: scale == largest,
            documents_flag="--pdf",
        )

    print()
    print_pages(results, width=12, data=lambda result: f"({result['programmes']} programmes)")
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
    print_footer(results, options, started)


# --- Child: one scale -------------------------------------------------------------------------------


def _summary_programme():
    from programmes.models import Programme

    return Programme.objects.select_related("local_government").get(title=PROGRAMME_A)


def _summary_html() -> str:
    from programmes.documents import summary_html

    return summary_html(_summary_programme())


def child(options: argparse.Namespace) -> None:
    migrate_s, seed_s = seeded_database(options.scale)
    from programmes.models import Programme

    programme = _summary_programme()
    urls = {"dashboard": "/", "programme": programme.get_absolute_url()}
    result = {
        "scale": options.scale,
        "programmes": Programme.objects.count(),
        "migrate_s": migrate_s,
        "seed_s": seed_s,
        "pages": measure_pages(signed_in_client(), urls, options),
    }
    if options.pdf:
        result["pdf"] = measure_pdf(_summary_html)
    print_result(result)


def main() -> None:
    parser = scales_parser(__doc__)
    parser.add_argument("--pdf", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    dispatch(options, parent=parent, child=child, pdf_html=_summary_html)


if __name__ == "__main__":
    main()
