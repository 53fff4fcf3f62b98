"""Two people adding dependencies at the same time cannot store a cycle together.

dependency_add locks the programme row (SELECT ... FOR UPDATE) before it reads the programme's edges, so
the second addition waits for the first to commit and then sees its edge. The threaded test really runs
both additions at once on PostgreSQL (two threads, each its own connection, a barrier, and a pause inside
the check that would let both pass without the lock). SQLite has no row locks and serialises whole
transactions, so there the threaded test is skipped (on CI, where SQLite is never used, it fails instead);
the SQLite-safe test checks that the lock is taken, and before the edges are read.
"""

from __future__ import annotations

import datetime
import os
import threading
import time
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.db.models.query import QuerySet
from django.test.utils import CaptureQueriesContext

from programmes.models import Programme
from projects import analysis, services
from projects.models import Dependency

from .conftest import make_project


def _require_postgresql() -> None:
    if connection.vendor == "postgresql":
        return
    reason = f"concurrent row locks need PostgreSQL (the test database is {connection.vendor})"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"the concurrency test must run on CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_additions_cannot_close_a_cycle(consultant_a, programme_a):
    _require_postgresql()
    start = datetime.date(2027, 1, 4)
    concept = make_project(consultant_a, programme_a, "Dienstverleningsconcept", start, 16)
    location = make_project(consultant_a, programme_a, "Nieuwe locatie", start, 26)
    secretariat = make_project(consultant_a, programme_a, "Samenvoeging secretariaat", start, 12)
    services.dependency_add(user=consultant_a, predecessor=concept, successor=location)
    # Thread 1: secretariat needs location. Thread 2: concept needs secretariat. Each alone is fine; both
    # together close Samenvoeging secretariaat → Nieuwe locatie → Dienstverleningsconcept → Samenvoeging.
    pairs = [(location, secretariat), (secretariat, concept)]
    barrier = threading.Barrier(len(pairs), timeout=30)
    results: list[object] = [None] * len(pairs)
    real_cycle_through = analysis.cycle_through

    def slow_cycle_through(edges, predecessor_id, successor_id):
        time.sleep(0.5)  # both would have read the edges by now, were there no lock
        return real_cycle_through(edges, predecessor_id, successor_id)

    def add(index: int) -> None:
        predecessor, successor = pairs[index]
        try:
            barrier.wait()
            results[index] = services.dependency_add(
                user=consultant_a, predecessor=predecessor, successor=successor
            )
        except Exception as error:  # noqa: BLE001 – the test reads what each thread got
            results[index] = error
        finally:
            connections.close_all()

    with mock.patch.object(services.dependencies, "cycle_through", slow_cycle_through):
        threads = [threading.Thread(target=add, args=(i,)) for i in range(len(pairs))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    stored = [r for r in results if isinstance(r, Dependency)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(stored) == 1 and len(refused) == 1, results
    assert "Deze afhankelijkheid zou een kring sluiten" in refused[0].messages[0]
    edges = set(Dependency.objects.values_list("predecessor_id", "successor_id"))
    assert len(edges) == 2
    # whatever order they ran in, what is stored has no cycle
    for a, b in edges:
        assert real_cycle_through(edges - {(a, b)}, a, b) is None


@pytest.mark.django_db
def test_dependency_add_locks_the_programme_before_reading_the_edges(chain, consultant_a, project_factory):
    concept, _location, _secretariat = chain
    extra = project_factory("Archief en documentbeheer")
    locked: list[type] = []
    real = QuerySet.select_for_update

    def spy(self, *args, **kwargs):
        locked.append(self.model)
        return real(self, *args, **kwargs)

    with mock.patch.object(QuerySet, "select_for_update", spy), CaptureQueriesContext(connection) as ctx:
        services.dependency_add(user=consultant_a, predecessor=concept, successor=extra)
    assert locked == [Programme]
    sql = [q["sql"] for q in ctx.captured_queries]
    lock = next(i for i, s in enumerate(sql) if 'FROM "programmes_programme"' in s)
    edges = next(i for i, s in enumerate(sql) if 'FROM "projects_dependency"' in s)
    assert lock < edges
    if connection.vendor == "postgresql":
        assert "FOR UPDATE" in sql[lock]
