"""Benchmark: checking and adding one dependency, and the analysis, in a programme of 500 projects and 2,000
dependencies.

Run from the project folder:  .venv/bin/python tests/bench/bench_dependencies.py [--projects 500]
[--dependencies 2000] [--additions 100] [--refusals 10]

It prints figures and asserts nothing. In a child process with a fresh database (a SQLite file in a
temporary folder; with a PostgreSQL DATABASE_URL, a database named <name>_bench_dependencies there, dropped
and recreated) it migrates, makes one local government with a consultant and a programme, and writes 500
projects and 2,000 dependencies straight into the tables (acyclic: each edge goes forward in a shuffled
order of the projects; kinds and lags random; everything from a fixed seed). Then, as the consultant:
- `projects.services.dependency_add` 100 times, each a fresh valid edge (median, p95, queries of one: the
  lock, the role, the edges, the check, the insert and its history record); interleaved with as many
  additions with django-simple-history switched off (SIMPLE_HISTORY_ENABLED=False), to print what the
  history record costs;
- a few additions that close a cycle and are refused with the cycle named (median);
- `projects.queries.programme_projects` (the page's reading: median, queries), `projects.analysis.analyse`
  (median) and `what_if` for a project early in the graph (median), 20 runs each after 3 warm-ups;
- the dependencies page of step 3 (`projects:dependencies`, median of 20 with the test Client, queries) when
  that page exists.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import tempfile
import time
from pathlib import Path

# common.py sits next to this file; run as a script, this folder is on sys.path.
from common import (
    child_env,
    database_url,
    fresh_database,
    given_database_url,
    p95,
    print_result,
    run_child,
    setup_django,
)

TARGETS = "targets: one checked addition <= 50 ms median; the analysis page <= 150 ms at this size"


def parent(options: argparse.Namespace) -> None:
    given = given_database_url(note=False)
    with tempfile.TemporaryDirectory(prefix="tandem-bench-deps-") as tmp:
        # On PostgreSQL <name>_bench_dependencies: never another benchmark's database.
        url, described = database_url(Path(tmp), given, name="bench_dependencies")
        print(
            f"{described}: migrate, {options.projects} projects and {options.dependencies} dependencies, "
            "measure ...",
            flush=True,
        )
        args = ["--child", "--projects", str(options.projects), "--dependencies", str(options.dependencies)]
        args += ["--additions", str(options.additions), "--refusals", str(options.refusals)]
        result = run_child(__file__, args, child_env(url, Path(tmp) / "media"))
    r = result
    print()
    print(
        f"programme: {r['projects']} projects, {r['dependencies']} dependencies (setup {r['setup_s']:.1f} s)"
    )
    add = r["add"]
    print(
        f"dependency_add, {add['n']} fresh valid edges: median {add['median_ms']:.1f} ms, "
        f"p95 {add['p95_ms']:.1f} ms, max {add['max_ms']:.1f} ms, {add['queries']} queries each "
        "(one of them the history record)"
    )
    cost = add["median_ms"] - add["no_history_median_ms"]
    print(
        f"dependency_add without the history record (interleaved, {add['n']} more): median "
        f"{add['no_history_median_ms']:.1f} ms: the history record costs {cost:.1f} ms"
    )
    refused = r["refused"]
    print(
        f"dependency_add refused as a cycle, {refused['n']} tries: median {refused['median_ms']:.1f} ms "
        f"(cycles of {refused['lengths']} projects); e.g. {refused['example']!r}"
    )
    for name in ("programme_projects", "analyse", "what_if"):
        m = r[name]
        extra = f", {m['queries']} queries" if "queries" in m else ""
        if "without_actions_ms" in m:
            extra += f" (median {m['without_actions_ms']:.1f} ms with_actions=False)"
        print(f"{name}: median {m['median_ms']:.1f} ms, p95 {m['p95_ms']:.1f} ms{extra}")
    if r.get("page"):
        page = r["page"]
        print(
            f"dependencies page ({page['url']}): median {page['median_ms']:.1f} ms, "
            f"p95 {page['p95_ms']:.1f} ms, {page['queries']} queries"
        )
    else:
        print("dependencies page: not measured (projects:dependencies does not exist yet)")
    print(TARGETS)


# --- Child ------------------------------------------------------------------------------------------


def _timed(function, *, runs: int, warmup: int = 3) -> tuple[dict, object]:
    value = None
    for _ in range(warmup):
        value = function()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        value = function()
        timings.append((time.perf_counter() - start) * 1000)
    return {"median_ms": statistics.median(timings), "p95_ms": p95(timings)}, value


def _build(n_projects: int, n_dependencies: int, rng: random.Random):
    from django.contrib.auth import get_user_model

    from programmes import services as programme_services
    from programmes.models import LocalGovernment, Membership, Role
    from projects.models import Dependency, Project

    user = get_user_model().objects.create_user("consultant.a", password="demo", first_name="Sofie")
    lg = LocalGovernment.objects.create(
        name="Lokaal bestuur Geel",
        nis_code="13008",
        gemeente_name="Gemeente Geel",
        ocmw_name="OCMW Geel",
        province="antwerpen",
    )
    Membership.objects.create(user=user, local_government=lg, role=Role.CONSULTANT)
    programme = programme_services.programme_create(
        user=user,
        local_government=lg,
        title="Samen één bestuur in Geel",
        start_date=datetime.date(2026, 2, 2),
    )
    start = datetime.date(2026, 3, 2)
    projects = Project.objects.bulk_create(
        Project(
            programme=programme,
            title=f"Project {n:03d}",
            planned_start=start + datetime.timedelta(weeks=rng.randrange(0, 100)),
            duration_weeks=rng.randrange(2, 30),
            position=n,
        )
        for n in range(n_projects)
    )
    order = [p.pk for p in projects]
    rng.shuffle(order)  # edges go forward in this order: acyclic
    rank = {pk: i for i, pk in enumerate(order)}
    edges: set[tuple[int, int]] = set()
    while len(edges) < n_dependencies:
        a, b = rng.sample(order, 2)
        if rank[a] > rank[b]:
            a, b = b, a
        edges.add((a, b))
    kinds = ["fs"] * 6 + ["ss"] * 2 + ["ff"] * 2
    Dependency.objects.bulk_create(
        (
            Dependency(
                programme=programme,
                predecessor_id=a,
                successor_id=b,
                kind=rng.choice(kinds),
                lag_weeks=rng.choice([0, 0, 0, 1, 2, 4]),
            )
            for a, b in sorted(edges)
        ),
        batch_size=500,
    )
    return user, programme, order, rank, edges


def child(options: argparse.Namespace) -> None:
    fresh_database()
    setup_django()
    import networkx as nx
    from django.core.exceptions import ValidationError
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import NoReverseMatch, reverse

    from projects import services
    from projects.analysis import analyse, what_if
    from projects.models import Project
    from projects.queries import programme_projects

    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(2000)  # noqa: S311 – benchmark data
    started = time.perf_counter()
    user, programme, order, rank, edges = _build(options.projects, options.dependencies, rng)
    setup_s = time.perf_counter() - started
    by_pk = Project.objects.in_bulk(order)

    # Fresh valid edges: forward in the order, not stored yet.
    fresh = []
    while len(fresh) < 2 * options.additions + 1:
        a, b = rng.sample(order, 2)
        if rank[a] > rank[b]:
            a, b = b, a
        if (a, b) not in edges:
            edges.add((a, b))
            fresh.append((a, b))
    timings, no_history, queries = [], [], 0
    for n, (a, b) in enumerate(fresh):
        if n == 0:  # the first one counts the queries, and is not timed with the rest
            with CaptureQueriesContext(connection) as captured:
                services.dependency_add(user=user, predecessor=by_pk[a], successor=by_pk[b])
            queries = len(captured)
            continue
        with override_settings(SIMPLE_HISTORY_ENABLED=n % 2 == 1):  # odd: as in production
            start = time.perf_counter()
            services.dependency_add(
                user=user, predecessor=by_pk[a], successor=by_pk[b], kind="fs", lag_weeks=1
            )
            (timings if n % 2 == 1 else no_history).append((time.perf_counter() - start) * 1000)
    add = {
        "n": len(timings),
        "median_ms": statistics.median(timings),
        "p95_ms": p95(timings),
        "max_ms": max(timings),
        "queries": queries,
        "no_history_median_ms": statistics.median(no_history),
    }

    # Refusals: "a needs c" where c already (indirectly) needs a, through at least two edges.
    graph = nx.DiGraph(edges)
    refused_timings, lengths, example = [], [], ""
    tries = 0
    while len(refused_timings) < options.refusals and tries < 10000:
        tries += 1
        a = rng.choice(order[: len(order) // 3])
        reachable = nx.descendants(graph, a)
        if not reachable:
            continue
        c = rng.choice(sorted(reachable))
        if graph.has_edge(a, c):
            continue
        start = time.perf_counter()
        try:
            services.dependency_add(user=user, predecessor=by_pk[c], successor=by_pk[a])
        except ValidationError as error:
            refused_timings.append((time.perf_counter() - start) * 1000)
            message = error.messages[0]
            lengths.append(message.count("→"))
            example = example or message
        else:
            raise SystemExit(f"a cycle through {a} and {c} was accepted")
    refused = {
        "n": len(refused_timings),
        "median_ms": statistics.median(refused_timings) if refused_timings else 0.0,
        "lengths": f"{min(lengths)}..{max(lengths)}" if lengths else "-",
        "example": example,
    }

    runs = 20
    reading, data = _timed(lambda: programme_projects(programme), runs=runs)
    with CaptureQueriesContext(connection) as captured:
        programme_projects(programme)
    reading["queries"] = len(captured)
    lean, _lean = _timed(lambda: programme_projects(programme, with_actions=False), runs=runs)
    reading["without_actions_ms"] = lean["median_ms"]
    analysed, _result = _timed(lambda: analyse(data), runs=runs)
    first = order[0]
    whatif, _moves = _timed(lambda: what_if(data, project_id=first, delay_weeks=4), runs=runs)

    page = None
    try:
        url = reverse("projects:dependencies", args=[programme.pk])
    except NoReverseMatch:
        url = None
    if url:
        from django.test import Client

        client = Client()
        client.force_login(user)

        def get():
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")

        page, _ = _timed(get, runs=runs)
        with CaptureQueriesContext(connection) as captured:
            get()
        page.update(url=url, queries=len(captured))

    result = {
        "projects": options.projects,
        "dependencies": options.dependencies,
        "setup_s": setup_s,
        "add": add,
        "refused": refused,
        "programme_projects": reading,
        "analyse": analysed,
        "what_if": whatif,
        "page": page,
    }
    print_result(result)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--dependencies", type=int, default=2000)
    parser.add_argument("--additions", type=int, default=100)
    parser.add_argument("--refusals", type=int, default=10)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options)
    else:
        parent(options)


if __name__ == "__main__":
    main()
