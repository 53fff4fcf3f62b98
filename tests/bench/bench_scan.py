"""Benchmark: the scan's pages and the scan report (PDF and Word) of A's first programme, at scale 1 and 10.

Run from the project folder:  .venv/bin/python tests/bench/bench_scan.py [--scales 1 10] [--requests 50]

It prints figures and asserts nothing. It works as bench_pages.py does, with the helpers in common.py: per
scale a fresh database (a SQLite file in a temporary folder; with a PostgreSQL DATABASE_URL, a database named
<name>_bench_scan_<scale> there, dropped and recreated), migrate, `seed_demo --scale N` (which gives the scan
of "Samen één bestuur in Geel" 12×N interviews and 60×N survey responses), then in-process with Django's
test Client, signed in as consultant.a: the results page, the interviews list, the survey results, the
services overview and one service's detail page (median and p95, SQL queries per page). Then the scan
report: report_html + html_to_pdf (median of 3, HTML and PDF apart too) and report_docx (median of 3).
The PDF's peak memory is the high-water mark of yet another fresh process that imports Django, builds the
report HTML and renders it once: what one render costs a worker, Django included.
"""

from __future__ import annotations

import argparse
import math
import statistics
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
    print_pdf_runs,
    print_result,
    run_scales,
    scales_parser,
    seeded_database,
    signed_in_client,
    timed_runs,
)

SERVICE = "ICT"  # the service whose detail page is measured: it has products and hypotheses
TARGETS = (
    "targets: results page <= 50 ms median and <= 25 queries at --scale 10; "
    "scan report PDF <= 4 s and <= 300 MB peak"
)


# --- Parent: one child process per scale -----------------------------------------------------------


def parent(options: argparse.Namespace) -> None:
    given = given_database_url()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tandem-bench-scan-") as tmp:
        # On PostgreSQL <name>_bench_scan_<scale>: the benchmarks never drop each other's database.
        results = run_scales(
            __file__,
            options,
            Path(tmp),
            given,
            name="bench_scan_{scale}",
            sqlite_name="bench_{scale}",
            memory_into="report",
        )

    print()
    print_pages(
        results,
        width=16,
        data=lambda result: f"({result['interviews']} interviews, {result['responses']} survey responses)",
    )
    print()
    print(
        f"{'scale':<7}{'report PDF s':>13}{'(html':>8}{'+ pdf)':>8}{'peak MB':>9}"
        f"{'pages':>7}{'kB':>6}{'docx s':>8}{'docx kB':>8}"
    )
    for result in results:
        report = result["report"]
        print(
            f"{result['scale']:<7}{report['median_s']:>13.2f}{report['html_median_s']:>8.2f}"
            f"{report['pdf_median_s']:>8.2f}{report['hwm_mb']:>9.0f}{report['pages']:>7}"
            f"{report['size_kb']:>6}{report['docx_median_s']:>8.2f}{report['docx_kb']:>8}"
        )
    print_pdf_runs(results, "report")
    print_footer(results, options, started, TARGETS)


# --- Child: one scale -------------------------------------------------------------------------------


def _scan():
    from scans.models import Scan

    return Scan.objects.select_related("programme__local_government").get(programme__title=PROGRAMME_A)


def _report_html() -> str:
    from scans.report import report_html

    return report_html(_scan())


def _measure_report(scan) -> dict:
    from scans.report import report_docx, report_html

    report = measure_pdf(lambda: report_html(scan))
    docx_runs, docx = timed_runs(lambda: report_docx(scan))
    report.update(
        docx_s=docx_runs,
        docx_median_s=statistics.median(docx_runs),
        docx_kb=math.ceil(len(docx) / 1024),
    )
    return report


def child(options: argparse.Namespace) -> None:
    migrate_s, seed_s = seeded_database(options.scale)
    from django.urls import reverse

    scan = _scan()
    urls = {
        "results": reverse("scans:results", args=[scan.pk]),
        "interviews": reverse("scans:interviews", args=[scan.pk]),
        "survey results": reverse("scans:survey_results", args=[scan.pk]),
        "services": reverse("scans:services", args=[scan.pk]),
        "service detail": reverse("scans:service_detail", args=[scan.services.get(name=SERVICE).pk]),
    }
    result = {
        "scale": options.scale,
        "interviews": scan.interviews.count(),
        "responses": scan.survey.responses.count(),
        "migrate_s": migrate_s,
        "seed_s": seed_s,
        "pages": measure_pages(signed_in_client(), urls, options),
        "report": _measure_report(scan),
    }
    print_result(result)


def main() -> None:
    options = scales_parser(__doc__).parse_args()
    dispatch(options, parent=parent, child=child, pdf_html=_report_html)


if __name__ == "__main__":
    main()
