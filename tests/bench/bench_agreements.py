"""Benchmark: the agreement pages (step 4) at scale 1 and 10, and a 40-page agreement as PDF and .docx.

Run from the project folder:  .venv/bin/python tests/bench/bench_agreements.py [--scales 1 10] [--requests 50]

It prints figures and asserts nothing. It works as bench_plan.py does and reuses bench_pages.py's helpers:
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

PAGES_WANTED = 40
TARGETS = (
    "targets: agreement page <= 50 ms median; 40-page agreement PDF <= 3 s and <= 300 MB peak; .docx <= 1 s"
)


# --- Parent ---------------------------------------------------------------------------------------------


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


def _own_database_url(scale: int, tmpdir: Path, given: str) -> tuple[str, str]:
    url, described = _database_url(scale, tmpdir, given)
    if not urlsplit(url).scheme.startswith("postgres"):
        return url, described
    parts = urlsplit(url)
    name = parts.path.rsplit("_bench_", 1)[0] + f"_bench_agreements_{scale}"
    return urlunsplit(parts._replace(path=name)), f"PostgreSQL database {name.lstrip('/')}"


def parent(options: argparse.Namespace) -> None:
    given = os.environ.get("DATABASE_URL", "")
    if given and not urlsplit(given).scheme.startswith("postgres"):
        print(
            f"note: DATABASE_URL is not PostgreSQL ({urlsplit(given).scheme}); using SQLite in a temp folder"
        )
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="tandem-bench-agreements-") as tmp:
        tmpdir = Path(tmp)
        for index, scale in enumerate(options.scales):
            url, described = _own_database_url(scale, tmpdir, given)
            print(f"scale {scale}: {described}: migrate, seed_demo --scale {scale}, measure ...", flush=True)
            args = ["--child", "--scale", str(scale), "--requests", str(options.requests)]
            args += ["--warmup", str(options.warmup)]
            if index == 0:
                args.append("--documents")
            env = _child_env(url, tmpdir / f"media_{scale}")
            result = _run(args, env)
            if index == 0:
                # From this small process, not the child: a process keeps the ru_maxrss of its exec'er.
                result["pdf"].update(_run(["--pdf-memory"], env))
            results.append(result)

    print()
    print(f"{'scale':<7}{'page':<14}{'median_ms':>10}{'p95_ms':>9}{'queries':>9}   (data)")
    for result in results:
        data = f"({result['articles']} articles in the draft, {result['clauses']} clauses)"
        for name, page in result["pages"].items():
            print(
                f"{result['scale']:<7}{name:<14}{page['median_ms']:>10.1f}{page['p95_ms']:>9.1f}"
                f"{page['queries']:>9}   {data}"
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
    for result in results:
        print(
            f"scale {result['scale']}: migrate {result['migrate_s']:.1f} s, "
            f"seed_demo {result['seed_s']:.1f} s, "
            f"{options.warmup} warm-up + {options.requests} timed requests per page"
        )
    print(TARGETS)
    print(f"total {time.perf_counter() - started:.0f} s")


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
    from pypdf import PdfReader

    from agreements.document import agreement_html
    from documents.pdf import html_to_pdf

    return len(PdfReader(io.BytesIO(html_to_pdf(agreement_html(version)))).pages)


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
    from pypdf import PdfReader

    from agreements.document import agreement_docx, agreement_html
    from documents.pdf import html_to_pdf

    pages = _grow_to_pages(version, PAGES_WANTED)
    html_runs, pdf_runs, runs, pdf = [], [], [], b""
    for _ in range(3):
        start = time.perf_counter()
        html = agreement_html(version)
        middle = time.perf_counter()
        pdf = html_to_pdf(html)
        end = time.perf_counter()
        html_runs.append(middle - start)
        pdf_runs.append(end - middle)
        runs.append(end - start)
    docx_runs, docx = [], b""
    for _ in range(3):
        start = time.perf_counter()
        docx = agreement_docx(version)
        docx_runs.append(time.perf_counter() - start)
    return {
        "pdf": {
            "articles": version.articles.count(),
            "runs_s": runs,
            "median_s": statistics.median(runs),
            "html_median_s": statistics.median(html_runs),
            "pdf_median_s": statistics.median(pdf_runs),
            "pages": len(PdfReader(io.BytesIO(pdf)).pages) or pages,
            "size_kb": math.ceil(len(pdf) / 1024),
        },
        "docx": {
            "runs_s": docx_runs,
            "median_s": statistics.median(docx_runs),
            "size_kb": math.ceil(len(docx) / 1024),
        },
    }


def child(options: argparse.Namespace) -> None:
    _fresh_database()
    _setup_django()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from agreements.models import Clause

    start = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrate_s = time.perf_counter() - start
    start = time.perf_counter()
    call_command("seed_demo", scale=options.scale, verbosity=0)
    seed_s = time.perf_counter() - start

    client = Client()
    client.force_login(get_user_model().objects.get(username=USERNAME))
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
    pages = {
        name: _measure_page(client, url, warmup=options.warmup, requests=options.requests)
        for name, url in urls.items()
    }
    result = {
        "scale": options.scale,
        "articles": draft.articles.count(),
        "clauses": Clause.objects.count(),
        "migrate_s": migrate_s,
        "seed_s": seed_s,
        "pages": pages,
    }
    if options.documents:
        result.update(_measure_documents(draft))
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def pdf_memory() -> None:
    """In a fresh process: import Django, build the (grown) draft's HTML, render once; report the peak."""
    import resource

    _setup_django()
    from agreements.document import agreement_html
    from documents.pdf import html_to_pdf

    draft, _ = _versions(_agreement())
    html = agreement_html(draft)
    before = _proc_status_mb("VmRSS")
    html_to_pdf(html)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {"peak_mb": peak_kb / 1024, "hwm_mb": _proc_status_mb("VmHWM"), "before_render_mb": before}
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10], help="seed_demo scales (1 10)")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page (50)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests first (5)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--documents", action="store_true", help=argparse.SUPPRESS)
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
