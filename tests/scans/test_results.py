"""scans.results: the figures of a scan, computed in the database in a constant number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scans.models import (
    Finding,
    GuideQuestion,
    InterviewAnswer,
    Organisation,
    OrganisationForm,
    ServiceProduct,
    SupportService,
    Theme,
    WitnessGroup,
)
from scans.results import scan_results
from tests.scans.factories_results import (
    InterviewFactory,
    WitnessFactory,
    interview_with_scores,
    survey_responses,
)


@pytest.fixture
def example(scan_a, consultant_a):
    """Three witnesses: gemeente, OCMW and one who speaks for both."""
    g = WitnessFactory(scan=scan_a, organisation=Organisation.GEMEENTE, group=WitnessGroup.MANDATARY)
    o = WitnessFactory(scan=scan_a, organisation=Organisation.OCMW, group=WitnessGroup.HEAD_OF_SERVICE)
    b = WitnessFactory(scan=scan_a, organisation=Organisation.BOTH, group=WitnessGroup.GENERAL_DIRECTOR)
    interview_with_scores(scan_a, consultant_a, g, {Theme.SUPPORT: [4, 2], Theme.DIRECTION: 5})
    interview_with_scores(scan_a, consultant_a, o, {Theme.SUPPORT: [2, 2], Theme.DIRECTION: 1})
    interview_with_scores(scan_a, consultant_a, b, {Theme.SUPPORT: [3, 5], Theme.DIRECTION: 3})
    return scan_a


def test_theme_averages_per_series_with_both_counting_twice(example):
    results = scan_results(example)
    support = results.theme(Theme.SUPPORT)
    # gemeente: 4, 2 (gemeente) + 3, 5 (both); OCMW: 2, 2 (OCMW) + 3, 5 (both); overall every answer once
    assert (support.gemeente.total, support.gemeente.n, support.gemeente.average) == (14, 4, 3.5)
    assert (support.ocmw.total, support.ocmw.n, support.ocmw.average) == (12, 4, 3.0)
    assert (support.overall.n, support.overall.average) == (6, 3.0)
    assert support.difference == pytest.approx(0.5)
    direction = results.theme(Theme.DIRECTION)
    assert (direction.gemeente.average, direction.ocmw.average, direction.overall.average) == (4.0, 2.0, 3.0)
    assert (
        results.theme(Theme.HOUSING).overall.n == 0 and results.theme(Theme.HOUSING).gemeente.average is None
    )
    assert [t.key for t in results.themes] == [t.value for t in Theme]
    assert results.scored_answers == 9 and results.interview_count == 3


def test_question_averages(example):
    q1, q2 = results_questions = scan_results(example).theme(Theme.SUPPORT).questions
    assert len(results_questions) == 2
    assert (q1.gemeente.average, q1.ocmw.average) == (3.5, 2.5)
    assert (q2.gemeente.average, q2.ocmw.average) == (3.5, 3.5)
    assert q1.text.startswith("Hoeveel politiek draagvlak")


def test_answers_without_score_unscored_questions_and_other_scans_do_not_count(
    example, scan_b, consultant_a, consultant_b
):
    interview = example.interviews.first()
    unscored = GuideQuestion.objects.filter(scan=example, asks_score=False).first()
    InterviewAnswer.objects.create(
        interview=interview, question=unscored, score=1, notes="Een score die niet telt"
    )
    witness = WitnessFactory(scan=example, organisation=Organisation.GEMEENTE)
    interview_with_scores(example, consultant_a, witness, {})
    other = WitnessFactory(scan=scan_b, organisation=Organisation.GEMEENTE)
    interview_with_scores(scan_b, consultant_b, other, {Theme.SUPPORT: 1, Theme.DIRECTION: 1})
    support = scan_results(example).theme(Theme.SUPPORT)
    assert (support.gemeente.average, support.overall.n) == (3.5, 6)


def test_services_aggregate_fte_quality_and_gap(scan_a):
    ict = SupportService.objects.get(scan=scan_a, name="ICT")
    ict.working_methods = "different"
    ict.total_scenario = OrganisationForm.INTEGRATION
    ict.save()
    ServiceProduct.objects.create(
        service=ict,
        name="Helpdesk",
        fte_gemeente=Decimal("1.5"),
        fte_ocmw=Decimal("0.5"),
        current_quality_providers=3,
        current_quality_users=2,
        desired_quality_providers=4,
        desired_quality_users=5,
    )
    ServiceProduct.objects.create(
        service=ict, name="Netwerk", fte_gemeente=Decimal("0.25"), current_quality_providers=4
    )
    results = scan_results(scan_a, products=True)
    service = next(s for s in results.services if s.name == "ICT")
    assert service.fte_gemeente == Decimal("1.75") and service.fte_ocmw == Decimal("0.5")
    assert service.fte_total == Decimal("2.25")
    assert service.current == pytest.approx(3.0)  # (3 + 2 + 4) / 3
    assert service.desired == pytest.approx(4.5)
    assert service.gap == pytest.approx(1.5)
    assert service.total_scenario_label == "Feitelijke integratie" and service.integration_decided
    assert service.working_methods_label == "Verschillende werkwijze"
    assert [p.name for p in service.products] == ["Helpdesk", "Netwerk"]
    assert service.products[0].current == 2.5 and service.products[1].desired is None
    other = next(s for s in results.services if s.name == "Archief")
    assert other.current is None and other.gap is None and other.fte_total == 0
    assert len(results.services) == 10 and len(results.assessed_services) == 1


def test_findings_name_a_witness_only_with_consent(scan_a, consultant_a):
    named = WitnessFactory(scan=scan_a, name="An Peeters", function="Burgemeester", consents_to_quote=True)
    anonymous = WitnessFactory(
        scan=scan_a, name="Koen Janssens", organisation=Organisation.OCMW, group=WitnessGroup.MANDATARY
    )
    Finding.objects.create(
        scan=scan_a, kind="strength", text="Sterk", quote="Citaat", witness=named, is_key=True
    )
    Finding.objects.create(
        scan=scan_a, kind="risk", text="Risico", quote="Ander", witness=anonymous, is_key=True
    )
    Finding.objects.create(scan=scan_a, kind="risk", text="Bijzaak", is_key=False)
    results = scan_results(scan_a)
    assert [f.source for f in results.strengths] == ["An Peeters, Burgemeester"]
    assert [f.source for f in results.risks] == ["mandataris (OCMW)"]
    assert [f.text for f in results.other_findings] == ["Bijzaak"]


def test_witness_groups_and_named_witnesses(scan_a, consultant_a):
    for name, consent in (("An Peeters", True), ("Els Maes", False)):
        witness = WitnessFactory(
            scan=scan_a, name=name, group=WitnessGroup.MANDATARY, consents_to_quote=consent
        )
        InterviewFactory(
            scan=scan_a, witness=witness, interviewer=consultant_a, held_on=datetime.date(2026, 10, 1)
        )
    witness = WitnessFactory(scan=scan_a, name="Niet geïnterviewd", consents_to_quote=True)
    staff = WitnessFactory(scan=scan_a, group=WitnessGroup.STAFF, organisation=Organisation.OCMW)
    InterviewFactory(scan=scan_a, witness=staff, interviewer=consultant_a, held_on=datetime.date(2026, 10, 9))
    InterviewFactory(scan=scan_a, witness=staff, interviewer=consultant_a, held_on=datetime.date(2026, 10, 3))
    results = scan_results(scan_a)
    rows = [(g.group_label, g.organisation_label, g.witnesses, g.interviews) for g in results.witness_groups]
    assert rows == [("Mandataris", "Gemeente", 2, 2), ("Medewerker", "OCMW", 1, 2)]
    assert results.named_witnesses == ["An Peeters, Diensthoofd"]
    assert witness.name not in results.named_witnesses
    assert results.interview_period == (datetime.date(2026, 10, 1), datetime.date(2026, 10, 9))
    assert results.interview_count == 4 and results.witness_count == 3


def test_survey_support_needs_five_responses(scan_a):
    survey_responses(scan_a, [2, 2, 3, 3])
    assert scan_results(scan_a).survey_support.average is None
    survey_responses(scan_a, [5], Organisation.OCMW)
    support = scan_results(scan_a).survey_support
    assert support.responses == 5 and support.average == pytest.approx(3.0)


def test_survey_summary_is_included(scan_a):
    pytest.importorskip("scans.survey_results")
    survey_responses(scan_a, [4, 4, 3, 3, 4])
    summary = scan_results(scan_a).survey
    assert summary.responded == 5 and summary.invited == 5


def _grow(scan, consultant, n: int) -> None:
    for i in range(n):
        organisation = (Organisation.GEMEENTE, Organisation.OCMW, Organisation.BOTH)[i % 3]
        witness = WitnessFactory(scan=scan, organisation=organisation, consents_to_quote=i % 2 == 0)
        interview_with_scores(
            scan, consultant, witness, {Theme.SUPPORT: 3, Theme.DIRECTION: 4, Theme.HOUSING: 2}
        )
        Finding.objects.create(
            scan=scan, kind="strength", text=f"Bevinding {i}", witness=witness, is_key=i % 2 == 0
        )
    for service in SupportService.objects.filter(scan=scan):
        for i in range(n // 10):
            ServiceProduct.objects.create(service=service, name=f"Product {i}", current_quality_users=3)
    survey_responses(scan, [3] * (n // 2))


def _count_queries(scan) -> int:
    with CaptureQueriesContext(connection) as queries:
        scan_results(scan, products=True)
    return len(queries)


def test_query_count_does_not_grow(scan_a, scan_b, consultant_a, consultant_b):
    _grow(scan_a, consultant_a, 10)
    _grow(scan_b, consultant_b, 100)
    assert _count_queries(scan_a) == _count_queries(scan_b)
