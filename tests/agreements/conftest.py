"""Fixtures of the agreement core tests: a small clause library with every mandatory chapter, and a
complete draft of A moved through the workflow (draft, submitted, approved, adopted)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agreements import services
from agreements.models import AgreementVersion, ClauseCategory

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


def complete(version, user) -> AgreementVersion:
    """Give a started version what it needs to be submitted: start date, an annex row."""
    version = services.version_update(
        user=user,
        version=version,
        expected_edit_version=version.edit_version,
        title=version.title,
        start_date=datetime.date(2027, 1, 1),
        preamble="Tussen {{ gemeente }} en {{ ocmw }}.",
    )
    services.annex_service_add(
        user=user,
        version=version,
        service="ICT",
        provider="gemeente",
        gemeente_share=Decimal("60"),
        allocation_basis="aantal werkposten",
    )
    return version


@pytest.fixture
def draft(clauses, programme_a, consultant_a, approver_a) -> AgreementVersion:
    """A's version 1: started from the library and completed (submittable)."""
    version = services.agreement_start(user=consultant_a, programme=programme_a)
    return complete(version, consultant_a)


@pytest.fixture
def submitted(draft, consultant_a) -> AgreementVersion:
    return services.agreement_submit(user=consultant_a, version=draft)


@pytest.fixture
def approved(submitted, approver_a) -> AgreementVersion:
    return services.agreement_approve(user=approver_a, version=submitted, comment="Akkoord.")


@pytest.fixture
def adopted(approved, consultant_a) -> AgreementVersion:
    today = timezone.localdate()
    for council, number in (("gemeenteraad", "GR/1"), ("ocmwraad", "RMW/1")):
        services.agreement_record_decision(
            user=consultant_a, version=approved, council=council, date=today, number=number
        )
    return services.agreement_adopt(user=consultant_a, version=approved)


__all__ = ["PermissionDenied", "messages_of", "refused"]
