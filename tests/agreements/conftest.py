"""The fixtures of every agreement test (services, pages, documents, worker): a small clause library with
every mandatory chapter, one optional per-service clause and one optional clause with a placeholder nothing
offers ({{ rechtbank }}); A's version 1 as started (`started`), completed (`draft`) and moved through the
workflow (`submitted`, `approved`, `adopted`)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agreements import services
from agreements.models import AgreementVersion, ClauseCategory
from tests.documents.worker import celery_worker_env  # noqa: F401 (a fixture, for test_worker)

State = AgreementVersion.State
C = ClauseCategory

CORE_LIBRARY = [
    (C.PURPOSE, "Doel", True, "{{ gemeente }} en {{ ocmw }} delen hun diensten."),
    (C.LEGAL_FRAME, "Grondslag", True, "Deze overeenkomst steunt op het decreet over het lokaal bestuur."),
    (C.GENERAL, "Algemene afspraken", True, "{{ algemeen_directeur }} volgt de uitvoering op."),
    (C.STAFF, "Personeel", True, "Het personeel in bijlage 2 blijft bij de eigen werkgever."),
    (C.COST_ALLOCATION, "Kosten", True, "De kosten worden verdeeld volgens bijlage 1."),
    (C.INFORMATION_SECURITY, "Informatieveiligheid", True, "Eén beleid voor beide partijen."),
    (C.EVALUATION, "Evaluatie", True, "Jaarlijks geëvalueerd door het managementteam."),
    (C.DURATION, "Duur", True, "Deze overeenkomst gaat in op {{ startdatum }}."),
    (C.SERVICE_WORKING_METHOD, "Werkwijze", False, "De dienst {{ dienst }} werkt als één dienst."),
    (C.DISPUTES, "Geschillen", False, "Bij een geschil is {{ rechtbank }} bevoegd."),
]


def messages_of(excinfo) -> list[str]:
    error = excinfo.value
    return list(error.messages) if hasattr(error, "messages") else [str(error)]


def refused(call, *, kind=ValidationError) -> list[str]:
    """Run a service call that must be refused; its Dutch messages."""
    with pytest.raises(kind) as excinfo:
        call()
    return messages_of(excinfo)


@pytest.fixture
def clauses(consultant_a) -> dict:
    """{title: clause} of a consultancy-wide library with one clause per mandatory chapter."""
    return {
        title: services.clause_create(
            user=consultant_a, category=category, title=title, text=text, mandatory=mandatory
        )
        for category, title, mandatory, text in CORE_LIBRARY
    }


@pytest.fixture
def library(clauses) -> dict:
    """The same library by role: the mandatory clauses, the per-service one and the disputes clause."""
    return {
        "mandatory": [clause for clause in clauses.values() if clause.mandatory],
        "per_service": clauses["Werkwijze"],
        "disputes": clauses["Geschillen"],
    }


def complete(version, user) -> AgreementVersion:
    """Give a started version what it needs to be submitted: start date, preamble, an annex row (once)."""
    version.refresh_from_db()
    if not version.annex_services.exists():
        services.annex_service_add(
            user=user,
            version=version,
            service="ICT",
            provider="gemeente",
            gemeente_share=Decimal("60"),
            allocation_basis="aantal werkposten",
        )
    return services.version_update(
        user=user,
        version=version,
        expected_edit_version=version.edit_version,
        title=version.title,
        start_date=datetime.date(2027, 1, 1),
        preamble="Tussen {{ gemeente }} en {{ ocmw }}.",
    )


@pytest.fixture
def started(clauses, programme_a, consultant_a, approver_a) -> AgreementVersion:
    """A's version 1 as the consultant starts it: the mandatory clauses, no start date, no annex yet."""
    return services.agreement_start(user=consultant_a, programme=programme_a)


@pytest.fixture
def draft(started, consultant_a) -> AgreementVersion:
    """A's version 1: started from the library and completed (submittable)."""
    return complete(started, consultant_a)


@pytest.fixture
def submitted(draft, consultant_a) -> AgreementVersion:
    return services.agreement_submit(user=consultant_a, version=draft)


@pytest.fixture
def approved(submitted, approver_a) -> AgreementVersion:
    return services.agreement_approve(user=approver_a, version=submitted, comment="Akkoord voor de raad.")


@pytest.fixture
def adopted(approved, consultant_a) -> AgreementVersion:
    today = timezone.localdate()
    for council, number in (("gemeenteraad", "2027/GR/014"), ("ocmwraad", "2027/OR/009")):
        services.agreement_record_decision(
            user=consultant_a, version=approved, council=council, date=today, number=number
        )
    return services.agreement_adopt(user=consultant_a, version=approved)


__all__ = ["PermissionDenied", "messages_of", "refused"]
