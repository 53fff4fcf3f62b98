"""Benchmark: the agreement pages (step 4) at scale 1 and 10, and a 40-page agreement as PDF and .docx.

Run from the project folder:  .venv/bin/python tests/bench/bench_agreements.py [--scales 1 10] [--requests 50]

It prints figures and asserts nothing. It works as bench_plan.py does and uses common.py's helpers:
per scale a fresh database (a SQLite file in a temporary folder; with a PostgreSQL DATABASE_URL, a database
named <name>_bench_agreements_<scale> there, dropped and recreated), migrate, `seed_demo --scale N`, then
in-process with Django's test Client, signed in as consultant.a: the agreement page of "Samen één bestuur in
Geel" (its draft version 2), the adopted version 1 as a document, the versions list, the comparison of 1
and 2, the annexes, the library chooser and the clause library (median and p95 time, SQL queries).

Then, at the first scale only, the 40-page agreement: the draft's articles are copied (straight into the
database, as a bench may) until its PDF has at least 40 pages; agreement_html + html_to_pdf (median of 3,
HTML and PDF apart), the peak memory (VmHWM) of one render in a fresh process, and agreement_docx (median
of 3).
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
    pdf_page_count,
    print_footer,
    print_pages,
    print_result,
    run_scales,
    scales_parser,
    seeded_database,
    signed_in_client,
    timed_runs,
)

PAGES_WANTED = 40
TARGETS = (
    "targets: agreement page <= 50 ms median; 40-page agreement PDF <= 3 s and <= 300 MB peak; .docx <= 1 s"
)


# --- Parent ---------------------------------------------------------------------------------------------


def parent(options: argparse.Namespace) -> None:
    given = given_database_url()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tandem-bench-agreements-") as tmp:
        # On PostgreSQL <name>_bench_agreements_<scale>; the documents at the first scale only.
        results = run_scales(
            __file__,
            options,
            Path(tmp),
            given,
            name="bench_agreements_{scale}",
            sqlite_name="bench_{scale}",
            documents_at=lambda index, scale: index == 0,
            documents_flag="--documents",
        )

    print()
    print_pages(
        results,
        width=14,
        data=lambda result: f"({result['articles']} articles in the draft, {result['clauses']} clauses)",
    )
    pdf = results[0]["pdf"]
    docx = results[0]["docx"]
    print()
    print(
        f"40-page agreement: {pdf['articles']} articles, {pdf['pages']} pages, {pdf['size_kb']} kB PDF; "
        f"PDF median {pdf['median_s']:.2f} s "
        f"(html {pdf['html_median_s']:.2f} + pdf {pdf['pdf_median_s']:.2f}); "
        f"runs {', '.join(f'{s:.2f}' for s in pdf['runs_s'])} s"
    )
    print(
        f"PDF memory (fresh process): {pdf['before_render_mb']:.0f} MB before the render, "
        f"high-water mark (VmHWM) {pdf['hwm_mb']:.0f} MB, ru_maxrss {pdf['peak_mb']:.0f} MB"
    )
    print(
        f".docx: median {docx['median_s']:.2f} s, runs {', '.join(f'{s:.2f}' for s in docx['runs_s'])} s, "
        f"{docx['size_kb']} kB"
    )
    print_footer(results, options, started, TARGETS)


# --- Child -------------------------------------------------------------------------------------------------


def _agreement():
    from agreements.models import Agreement

    return Agreement.objects.select_related("programme__local_government").get(programme__title=PROGRAMME_A)


def _versions(agreement):
    from agreements import services

    draft = services.working_version(agreement)
    adopted = services.latest_adopted(agreement)
    return draft, adopted


def _pdf_pages(version) -> int:
    from agreements.document import agreement_html
    from documents.pdf import html_to_pdf

    return pdf_page_count(html_to_pdf(agreement_html(version)))


def _grow_to_pages(version, pages_wanted: int) -> int:
    """Copy the version's articles (numbered on) until its PDF has at least pages_wanted pages."""
    from agreements.models import Article

    originals = list(version.articles.order_by("position", "pk"))
    pages = _pdf_pages(version)
    round_ = 0
    while pages < pages_wanted:
        round_ += 1
        missing_ratio = pages_wanted / max(pages, 1)
        copies = (
            max(1, math.ceil(len(originals) * (missing_ratio - 1) * 1.05))
            if round_ == 1
            else len(originals) // 4
        )
        last = version.articles.order_by("-position").values_list("position", flat=True).first() or 0
        Article.objects.bulk_create(
            Article(
                version=version,
                clause_version_id=source.clause_version_id,
                category=source.category,
                service=source.service,
                title=f"{source.title} ({round_}.{n + 1})",
                text=source.text,
                position=last + n + 1,
            )
            for n, source in enumerate(originals[i % len(originals)] for i in range(copies))
        )
        pages = _pdf_pages(version)
    return pages


def _measure_documents(version) -> dict:
    from agreements.document import agreement_docx, agreement_html

    pages = _grow_to_pages(version, PAGES_WANTED)
    pdf = {"articles": version.articles.count(), **measure_pdf(lambda: agreement_html(version))}
    pdf["pages"] = pdf["pages"] or pages
    docx_runs, docx = timed_runs(lambda: agreement_docx(version))
    return {
        "pdf": pdf,
        "docx": {
            "runs_s": docx_runs,
            "median_s": statistics.median(docx_runs),
            "size_kb": math.ceil(len(docx) / 1024),
        },
    }


def _draft_html() -> str:
    """The (grown) draft's HTML, for its peak memory in a fresh process."""
    from agreements.document import agreement_html

    draft, _ = _versions(_agreement())
    return agreement_html(draft)


def child(options: argparse.Namespace) -> None:
    migrate_s, seed_s = seeded_database(options.scale)
    from django.urls import reverse

    from agreements.models import Clause

    agreement = _agreement()
    draft, adopted = _versions(agreement)
    urls = {
        "agreement": reverse("agreements:agreement_detail", args=[agreement.pk]),
        "version": reverse("agreements:version_detail", args=[adopted.pk]),
        "versions": reverse("agreements:versions", args=[agreement.pk]),
        "compare": reverse("agreements:compare", args=[agreement.pk]) + f"?a={adopted.pk}&b={draft.pk}",
        "annexes": reverse("agreements:annexes", args=[draft.pk]),
        "library_add": reverse("agreements:library_add", args=[draft.pk]),
        "library": reverse("agreements:library"),
    }
    result = {
        "scale": options.scale,
        "articles": draft.articles.count(),
        "clauses": Clause.objects.count(),
        "migrate_s": migrate_s,
        "seed_s": seed_s,
        "pages": measure_pages(signed_in_client(), urls, options),
    }
    if options.documents:
        result.update(_measure_documents(draft))
    print_result(result)


def main() -> None:
    parser = scales_parser(__doc__)
    parser.add_argument("--documents", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    dispatch(options, parent=parent, child=child, pdf_html=_draft_html)


if __name__ == "__main__":
    main()
