"""Fixtures of the agreement UI tests (imported with * by test_views, test_document, test_docx, ...): a small
clause library with every mandatory chapter, a draft of A, the same approved and adopted."""

from __future__ import annotations

import pytest
from django.utils import timezone

from agreements import services
from agreements.models import AgreementVersion, ClauseCategory
from tests.documents.worker import celery_worker_env

__all__ = ["MANDATORY", "adopted_a", "approved_a", "celery_worker_env", "complete", "draft_a", "library"]

State = AgreementVersion.State

MANDATORY = [
    (ClauseCategory.PURPOSE, "Doel van de samenwerking", "{{ gemeente }} en {{ ocmw }} werken samen."),
    (
        ClauseCategory.LEGAL_FRAME,
        "Wettelijke grondslag",
        "Deze overeenkomst steunt op het decreet lokaal bestuur.",
    ),
    (ClauseCategory.GENERAL, "Algemene afspraken", "De partijen overleggen maandelijks."),
    (ClauseCategory.STAFF, "Terbeschikkingstelling", "Het personeel blijft in dienst van zijn werkgever."),
    (
        ClauseCategory.COST_ALLOCATION,
        "Verdeling van de kosten",
        "De kosten worden verdeeld volgens bijlage 1.",
    ),
    (ClauseCategory.INFORMATION_SECURITY, "Informatieveiligheid", "Beide partijen volgen de AVG."),
    (ClauseCategory.EVALUATION, "Evaluatie", "De overeenkomst wordt jaarlijks geëvalueerd."),
    (ClauseCategory.DURATION, "Duur", "De overeenkomst geldt vanaf {{ startdatum }} voor onbepaalde duur."),
]


@pytest.fixture
def library(consultant_a):
    clauses = [
        services.clause_create(user=consultant_a, category=c, title=t, text=x, mandatory=True)
        for c, t, x in MANDATORY
    ]
    per_service = services.clause_create(
        user=consultant_a,
        category=ClauseCategory.SERVICE_WORKING_METHOD,
        title="Werkwijze van de gedeelde dienst",
        text="De dienst {{ dienst }} werkt voor beide besturen.",
    )
    disputes = services.clause_create(
        user=consultant_a,
        category=ClauseCategory.DISPUTES,
        title="Geschillen",
        text="Een geschil wordt eerst voorgelegd aan het college en het vast bureau.",
    )
    return {"mandatory": clauses, "per_service": per_service, "disputes": disputes}


@pytest.fixture
def draft_a(library, programme_a, consultant_a, approver_a):
    return services.agreement_start(user=consultant_a, programme=programme_a)


def complete(version, user):
    """Fill what a submission needs: the start date (the only placeholder without an offered value) and a
    shared service in annex 1."""
    version.refresh_from_db()
    if not version.annex_services.exists():
        services.annex_service_add(
            user=user, version=version, service="ICT", gemeente_share=70, allocation_basis="aantal pc's"
        )
    return services.version_update(
        user=user,
        version=version,
        expected_edit_version=version.edit_version,
        title=version.title,
        start_date=timezone.localdate().replace(day=1),
        preamble=version.preamble,
    )


@pytest.fixture
def approved_a(draft_a, consultant_a, approver_a):
    version = complete(draft_a, consultant_a)
    services.agreement_submit(user=consultant_a, version=version)
    services.agreement_approve(user=approver_a, version=version, comment="Akkoord voor de raad.")
    version.refresh_from_db()
    return version


@pytest.fixture
def adopted_a(approved_a, consultant_a):
    for council, number in (("gemeenteraad", "2027/GR/014"), ("ocmwraad", "2027/OR/009")):
        services.agreement_record_decision(
            user=consultant_a, version=approved_a, council=council, date=timezone.localdate(), number=number
        )
    services.agreement_adopt(user=consultant_a, version=approved_a)
    approved_a.refresh_from_db()
    return approved_a
