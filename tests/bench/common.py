"""What the benchmarks in this folder share: their databases, their child processes, the measuring of a page
and of a PDF (time in-process, peak memory in a fresh process), the command line and the closing lines.

Each benchmark runs as a parent that starts one child process per scale (DJANGO_SETTINGS_MODULE=
config.settings.test: fast password hashing, e-mail in memory); a child prints one JSON line that the parent
collects. Run as a script, a benchmark has this folder on sys.path, so `from common import ...` works.
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
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[2]
RESULT_PREFIX = "BENCH_RESULT "
PROGRAMME_A = "Samen één bestuur in Geel"
USERNAME = "consultant.a"


# --- Parent -----------------------------------------------------------------------------------------------


def given_database_url(*, note: bool = True) -> str:
    """The DATABASE_URL this run was given; with note, say when it is not PostgreSQL (SQLite is used)."""
    given = os.environ.get("DATABASE_URL", "")
    if note and given and not urlsplit(given).scheme.startswith("postgres"):
        print(
            f"note: DATABASE_URL is not PostgreSQL ({urlsplit(given).scheme}); using SQLite in a temp folder"
        )
    return given


def database_url(tmpdir: Path, given: str, *, name: str, sqlite_name: str | None = None) -> tuple[str, str]:
    """A benchmark database and how to describe it: with a PostgreSQL `given`, the database <db>_<name> on
    that server (<db> the given database's name, `tandem` if none), so that no two benchmarks drop each
    other's database; otherwise the SQLite file <sqlite_name or name>.sqlite3 in this run's folder."""
    scheme = urlsplit(given).scheme if given else ""
    if scheme.startswith("postgres"):
        parts = urlsplit(given)
        bench_name = f"{unquote(parts.path.lstrip('/')) or 'tandem'}_{name}"
        return urlunsplit(parts._replace(path=f"/{bench_name}")), f"PostgreSQL database {bench_name}"
    path = tmpdir / f"{sqlite_name or name}.sqlite3"
    return f"sqlite:///{path}", f"SQLite {path}"


def child_env(database_url: str, media_root: Path) -> dict[str, str]:
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


def run_child(script: str, args: list[str], env: dict[str, str]) -> dict:
    """Run a benchmark script in a child process; its result is the JSON line it prints."""
    done = subprocess.run(
        [sys.executable, str(Path(script).resolve()), *args],
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


def run_scales(
    script: str,
    options: argparse.Namespace,
    tmpdir: Path,
    given: str,
    *,
    name: str,
    sqlite_name: str | None = None,
    documents_at: Callable[[int, int], bool] = lambda index, scale: True,
    documents_flag: str | None = None,
    memory_into: str = "pdf",
) -> list[dict]:
    """One child per scale of options.scales in its own database (`name` and `sqlite_name` are formatted
    with the scale, see database_url): migrate, seed_demo --scale N, measure. Where documents_at(index,
    scale), the child gets documents_flag (if any) and the PDF's peak memory is measured in yet another
    fresh process, into result[memory_into]. Returns the children's results."""
    results = []
    for index, scale in enumerate(options.scales):
        url, described = database_url(
            tmpdir,
            given,
            name=name.format(scale=scale),
            sqlite_name=sqlite_name.format(scale=scale) if sqlite_name else None,
        )
        print(f"scale {scale}: {described}: migrate, seed_demo --scale {scale}, measure ...", flush=True)
        args = ["--child", "--scale", str(scale), "--requests", str(options.requests)]
        args += ["--warmup", str(options.warmup)]
        documents = documents_at(index, scale)
        if documents and documents_flag:
            args.append(documents_flag)
        env = child_env(url, tmpdir / f"media_{scale}")
        result = run_child(script, args, env)
        if documents:
            # Started from this small process, not from the child: on Linux a process keeps the
            # ru_maxrss of the image it was exec'ed from, so the child's own peak would leak in.
            result[memory_into].update(run_child(script, ["--pdf-memory"], env))
        results.append(result)
    return results


def print_pages(
    results: list[dict], *, width: int, data: Callable[[dict], str], cpu: bool = False, header: bool = True
) -> None:
    """The table of the pages: per scale and page the median and p95 time (and CPU time), the queries."""
    if header:
        cpu_head = f"{'cpu_ms':>8}" if cpu else ""
        print(f"{'scale':<7}{'page':<{width}}{'median_ms':>10}{'p95_ms':>9}{cpu_head}{'queries':>9}   (data)")
    for result in results:
        described = data(result)
        for page_name, page in result["pages"].items():
            cpu_ms = f"{page['cpu_ms']:>8.1f}" if cpu else ""
            print(
                f"{result.get('scale', 'large')!s:<7}{page_name:<{width}}{page['median_ms']:>10.1f}"
                f"{page['p95_ms']:>9.1f}{cpu_ms}{page['queries']:>9}   {described}"
            )


def print_pdf_runs(results: list[dict], key: str = "pdf") -> None:
    """Per scale the runs of the PDF and the memory of the fresh process that rendered it once."""
    for result in results:
        pdf = result[key]
        runs = ", ".join(f"{s:.2f}" for s in pdf["runs_s"])
        word = ""
        if "docx_s" in pdf:
            word = f"Word runs {', '.join(f'{s:.2f}' for s in pdf['docx_s'])} s; "
        print(
            f"scale {result['scale']}: PDF runs {runs} s (the first includes WeasyPrint's start); "
            f"{word}memory process: {pdf['before_render_mb']:.0f} MB resident before the render, "
            f"high-water mark (VmHWM) {pdf['hwm_mb']:.0f} MB, ru_maxrss {pdf['peak_mb']:.0f} MB"
        )


def print_footer(results: list[dict], options: argparse.Namespace, started: float, targets: str = "") -> None:
    """The closing lines: per scale the time of migrate and seed_demo, the targets and the total time."""
    for result in results:
        print(
            f"scale {result['scale']}: migrate {result['migrate_s']:.1f} s, "
            f"seed_demo {result['seed_s']:.1f} s, "
            f"{options.warmup} warm-up + {options.requests} timed requests per page"
        )
    if targets:
        print(targets)
    print(f"total {time.perf_counter() - started:.0f} s")


# --- Child ------------------------------------------------------------------------------------------------


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


def fresh_database() -> None:
    url = os.environ["DATABASE_URL"]
    if urlsplit(url).scheme.startswith("postgres"):
        _recreate_postgres_database(url)
    else:
        path = Path(urlsplit(url).path)
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)


def setup_django() -> None:
    sys.path.insert(0, str(REPO))
    warnings.simplefilter("ignore")
    import django

    django.setup()


def seeded_database(scale: int) -> tuple[float, float]:
    """A fresh database, Django set up, migrated and seeded with seed_demo --scale N: the seconds of the
    migration and of the seeding."""
    fresh_database()
    setup_django()
    from django.core.management import call_command

    start = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrate_s = time.perf_counter() - start
    start = time.perf_counter()
    call_command("seed_demo", scale=scale, verbosity=0)
    return migrate_s, time.perf_counter() - start


def signed_in_client(username: str = USERNAME):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    # force_login: the login form would go through django-axes, which is not what is measured here.
    client.force_login(get_user_model().objects.get(username=username))
    return client


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def measure_page(client, url: str, *, warmup: int, requests: int, cpu: bool = False) -> dict:
    """Median and p95 of `requests` GETs after `warmup` untimed ones, and the SQL queries of one. With cpu
    also the median CPU time of this process per request: on a machine shared with other work the wall time
    swings with the load, the CPU time much less (the view, the template and SQLite all run in this
    process)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    timings, cpu_timings = [], []
    for _ in range(requests):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        if cpu:
            cpu_timings.append((time.process_time() - start_cpu) * 1000)
        timings.append((time.perf_counter() - start) * 1000)
    # Counted apart from the timed requests: capturing queries slows them down a little.
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    result = {"median_ms": statistics.median(timings), "p95_ms": p95(timings)}
    if cpu:
        result["cpu_ms"] = statistics.median(cpu_timings)
    result["queries"] = len(captured)
    return result


def measure_pages(client, urls: dict[str, str], options: argparse.Namespace, *, cpu: bool = False) -> dict:
    return {
        name: measure_page(client, url, warmup=options.warmup, requests=options.requests, cpu=cpu)
        for name, url in urls.items()
    }


def timed_runs(function: Callable[[], object], times: int = 3) -> tuple[list[float], object]:
    """The seconds of each of `times` calls, and the last call's value."""
    runs, value = [], None
    for _ in range(times):
        start = time.perf_counter()
        value = function()
        runs.append(time.perf_counter() - start)
    return runs, value


def pdf_page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def measure_pdf(build_html: Callable[[], str], times: int = 3) -> dict:
    """build_html + html_to_pdf `times` times: the runs, their median (HTML and PDF apart too), the last
    PDF's pages and size."""
    from documents.pdf import html_to_pdf

    html_runs, pdf_runs, runs, pdf = [], [], [], b""
    for _ in range(times):
        start = time.perf_counter()
        html = build_html()
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
        "pages": pdf_page_count(pdf),
        "size_kb": math.ceil(len(pdf) / 1024),
    }


def proc_status_mb(field: str) -> float:
    """A VmRSS/VmHWM figure of this process from /proc (Linux), in MB; 0 where there is no /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def pdf_memory(build_html: Callable[[], str]) -> None:
    """In a fresh process: import Django, build the HTML, render once; print the peak RSS as the result."""
    import resource

    setup_django()
    from documents.pdf import html_to_pdf

    html = build_html()
    before = proc_status_mb("VmRSS")
    html_to_pdf(html)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    print_result({"peak_mb": peak_kb / 1024, "hwm_mb": proc_status_mb("VmHWM"), "before_render_mb": before})


def print_result(result: dict) -> None:
    print(RESULT_PREFIX + json.dumps(result), flush=True)


# --- Command line -----------------------------------------------------------------------------------------


def scales_parser(doc: str, *, requests: int = 50, warmup: int = 5) -> argparse.ArgumentParser:
    """The options of a benchmark per scale: --scales, --requests, --warmup, and the children's own."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10], help="seed_demo scales (1 10)")
    parser.add_argument(
        "--requests", type=int, default=requests, help=f"timed requests per page ({requests})"
    )
    parser.add_argument("--warmup", type=int, default=warmup, help=f"untimed requests first ({warmup})")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--pdf-memory", action="store_true", help=argparse.SUPPRESS)
    return parser


def dispatch(
    options: argparse.Namespace,
    *,
    parent: Callable[[argparse.Namespace], None],
    child: Callable[[argparse.Namespace], None],
    pdf_html: Callable[[], str],
    **modes: Callable[[argparse.Namespace], None],
) -> None:
    """Run what the command line asks: the PDF's peak memory, another child mode (an option named like a
    keyword of `modes`), the child of one scale or, without any of these, the parent."""
    if options.pdf_memory:
        pdf_memory(pdf_html)
        return
    for mode, function in modes.items():
        if getattr(options, mode):
            function(options)
            return
    if options.child:
        child(options)
    else:
        parent(options)
