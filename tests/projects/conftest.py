"""Fixtures of step 3: projects of A's programme made through the services, and the demo's chain."""

from __future__ import annotations

import datetime

import pytest

from projects import services


def make_project(user, programme, title: str, start: datetime.date, weeks: int, **extra):
    return services.project_create(
        user=user, programme=programme, title=title, planned_start=start, duration_weeks=weeks, **extra
    )


@pytest.fixture
def project_factory(consultant_a, programme_a):
    """make(title, start=..., weeks=...) → a project of A's programme, made by A's consultant."""

    def make(title: str, start: datetime.date = datetime.date(2027, 1, 4), weeks: int = 4, **extra):
        return make_project(consultant_a, programme_a, title, start, weeks, **extra)

    return make


@pytest.fixture
def chain(project_factory, consultant_a):
    """The demo's chain: Samenvoeging secretariaat needs Nieuwe locatie, which needs the concept."""
    concept = project_factory("Dienstverleningsconcept", datetime.date(2026, 9, 7), 16)
    location = project_factory("Nieuwe locatie", datetime.date(2027, 1, 11), 26)
    secretariat = project_factory("Samenvoeging secretariaat", datetime.date(2027, 7, 12), 12)
    services.dependency_add(user=consultant_a, predecessor=concept, successor=location)
    services.dependency_add(user=consultant_a, predecessor=location, successor=secretariat)
    return concept, location, secretariat


@pytest.fixture
def project_b(consultant_b, programme_b):
    return make_project(consultant_b, programme_b, "Eén ICT-dienst", datetime.date(2027, 4, 5), 26)
