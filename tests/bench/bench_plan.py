"""Benchmark: the plan pages (step 2) and the plan PDF of A's first programme, at scale 1 and 10.

Run from the project folder:  .venv/bin/python tests/bench/bench_plan.py [--scales 1 10] [--requests 50]

It prints figures and asserts nothing. It works as bench_scan.py does and uses common.py's helpers:
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
)

TARGETS = "targets: plan page <= 50 ms median and <= 25 queries at --scale 10; plan PDF <= 4 s and <= 300 MB"


# --- Parent: one child process per scale -----------------------------------------------------------


def parent(options: argparse.Namespace) -> None:
    given = given_database_url()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tandem-bench-plan-") as tmp:
        # On PostgreSQL <name>_bench_plan_<scale>: the benchmarks never drop each other's database.
        results = run_scales(
            __file__, options, Path(tmp), given, name="bench_plan_{scale}", sqlite_name="bench_{scale}"
        )

    print()
    print_pages(
        results,
        width=12,
        cpu=True,
        data=lambda result: (
            f"({result['actions']} actions in the approved version, {result['updates']} status updates)"
        ),
    )
    print()
    print(f"{'scale':<7}{'plan PDF s':>11}{'(html':>8}{'+ pdf)':>8}{'peak MB':>9}{'pages':>7}{'kB':>6}")
    for result in results:
        pdf = result["pdf"]
        print(
            f"{result['scale']:<7}{pdf['median_s']:>11.2f}{pdf['html_median_s']:>8.2f}"
            f"{pdf['pdf_median_s']:>8.2f}{pdf['hwm_mb']:>9.0f}{pdf['pages']:>7}{pdf['size_kb']:>6}"
        )
    print_pdf_runs(results)
    print_footer(results, options, started, TARGETS)


# --- Child: one scale -------------------------------------------------------------------------------


def _plan():
    from programmes.models import Plan

    return Plan.objects.select_related("programme__local_government").get(programme__title=PROGRAMME_A)


def _approved(plan):
    from programmes.plan.workflow import latest_approved

    return latest_approved(plan)


def _approved_html() -> str:
    from programmes.plan.document import plan_html

    return plan_html(_approved(_plan()))


def child(options: argparse.Namespace) -> None:
    migrate_s, seed_s = seeded_database(options.scale)
    from django.urls import reverse

    from programmes.models import ActionUpdate
    from programmes.plan.document import plan_html

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
    result = {
        "scale": options.scale,
        "actions": approved.actions.count(),
        "updates": ActionUpdate.objects.filter(plan=plan).count(),
        "migrate_s": migrate_s,
        "seed_s": seed_s,
        # With the CPU time per request: on a shared machine the wall time swings with the load.
        "pages": measure_pages(signed_in_client(), urls, options, cpu=True),
        "pdf": measure_pdf(lambda: plan_html(approved)),
    }
    print_result(result)


def main() -> None:
    options = scales_parser(__doc__).parse_args()
    dispatch(options, parent=parent, child=child, pdf_html=_approved_html)


if __name__ == "__main__":
    main()
