"""The scan demo: a complete, final scan for Geel (A), a scan in progress for Ieper (B), idempotent."""

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Avg, Q
from django.utils import timezone

from programmes import demo
from programmes.models import Programme
from scans import demo as scans_demo
from scans.models import (
    Finding,
    Hypothesis,
    Interview,
    InterviewAnswer,
    Organisation,
    OrganisationForm,
    Precondition,
    Scan,
    ServiceProduct,
    SupportService,
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
    Witness,
)

pytestmark = pytest.mark.django_db

FULLY_ASSESSED = {"ICT", "Personeel en HR", "Financiën", "Communicatie", "Technische dienst", "Aankoop"}
MODELS = [
    Scan,
    Witness,
    Interview,
    InterviewAnswer,
    Finding,
    SurveyInvitation,
    SurveyResponse,
    SurveyAnswer,
    SupportService,
    ServiceProduct,
    Hypothesis,
]


def _seed(scale: int = 1):
    """Seed as seed_demo does; until scans/apps.py registers the extender, call it here (idempotent)."""
    lgs = demo.seed(scale=scale)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[p[0] for p in demo.PEOPLE])}
    scans_demo.seed_scans(lgs=lgs, users=users, scale=scale)
    return lgs


def _scan(lgs, key: str, title: str | None = None) -> Scan:
    title = title or demo.PROGRAMMES[key]["title"]
    return Scan.objects.get(programme__local_government=lgs[key], programme__title=title)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_a_has_a_complete_final_scan():
    lgs = _seed()
    scan = _scan(lgs, "a")
    assert scan.state == Scan.State.FINAL and scan.finalised_at
    assert scan.confirmed_scenario == "programmatic" and scan.scenario_reason
    assert scan.confirmed_by.username == "consultant.a"

    questions = list(scan.questions.all())
    assert len(questions) == 12
    interviews = list(scan.interviews.prefetch_related("answers"))
    assert len(interviews) >= 12
    assert scan.witnesses.count() == len(interviews)
    assert len({i.witness_id for i in interviews}) == len(interviews)
    witnesses = list(scan.witnesses.all())
    assert {w.organisation for w in witnesses} == {
        Organisation.GEMEENTE,
        Organisation.OCMW,
        Organisation.BOTH,
    }
    assert 0 < sum(w.consents_to_quote for w in witnesses) < len(witnesses)
    for interview in interviews:
        assert interview.interviewer.username == "consultant.a"
        assert (interview.held_on.year, interview.held_on.month) in {(2026, 2), (2026, 3)}
        answers = {a.question_id: a for a in interview.answers.all()}
        assert set(answers) == {q.pk for q in questions}
        for question in questions:
            answer = answers[question.pk]
            assert answer.notes
            if question.asks_score:
                assert 1 <= answer.score <= 5
            else:
                assert answer.score is None
    # notes differ per witness
    first = questions[0]
    notes = InterviewAnswer.objects.filter(interview__scan=scan, question=first).values_list(
        "notes", flat=True
    )
    assert len(set(notes)) == 12


def test_a_scores_follow_a_believable_pattern():
    lgs = _seed()
    scan = _scan(lgs, "a")
    support = scan.questions.get(position=4)  # political support
    by_side = dict(
        InterviewAnswer.objects.filter(question=support)
        .values_list("interview__witness__organisation")
        .annotate(avg=Avg("score"))
    )
    assert by_side[Organisation.GEMEENTE] > by_side[Organisation.OCMW]
    processes = scan.questions.get(position=10)
    housing = scan.questions.get(position=12)
    avg = InterviewAnswer.objects.filter(question=processes).aggregate(a=Avg("score"))["a"]
    assert 2 <= avg <= 3
    avg = InterviewAnswer.objects.filter(question=housing).aggregate(a=Avg("score"))["a"]
    assert avg <= 2.2


def test_a_findings():
    lgs = _seed()
    findings = list(_scan(lgs, "a").findings.select_related("witness"))
    kinds = Counter(f.kind for f in findings)
    assert kinds == {Finding.Kind.STRENGTH: 4, Finding.Kind.RISK: 4}
    assert sum(f.is_key for f in findings) == 4
    quoted = [f for f in findings if f.quote and f.witness]
    assert {f.witness.consents_to_quote for f in quoted} == {True, False}


def test_a_survey_closed_with_anonymous_responses():
    lgs = _seed()
    survey = _scan(lgs, "a").survey
    assert survey.state == Survey.State.CLOSED and survey.opened_at and survey.closed_at
    invitations = survey.invitations.all()
    assert invitations.count() == 80
    assert invitations.filter(responded_at__isnull=False).count() == 60
    assert not invitations.filter(sent_at__isnull=True).exists()
    assert invitations.filter(reminded_at__isnull=False).exists()
    assert {i.organisation for i in invitations} == {Organisation.GEMEENTE, Organisation.OCMW}

    responses = survey.responses.all()
    assert responses.count() == 60
    responded = Counter(
        invitations.filter(responded_at__isnull=False).values_list("organisation", "department")
    )
    assert Counter(responses.values_list("organisation", "department")) == responded
    assert min(responded.values()) < 5  # a group small enough to hide

    score_questions = survey.questions.filter(kind=SurveyQuestion.Kind.SCORE)
    answers = SurveyAnswer.objects.filter(response__survey=survey)
    assert answers.filter(question__in=score_questions).count() == 60 * score_questions.count()
    scores = answers.filter(score__isnull=False).values_list("score", flat=True)
    assert set(scores) <= {1, 2, 3, 4, 5} and len(set(scores)) >= 4
    texts = answers.exclude(text="")
    writers = texts.values("response").distinct().count()
    assert 20 <= writers <= 40
    distinct = texts.values("text").distinct().count()
    assert distinct >= 0.8 * texts.count()  # staff write their own words: few identical answers
    by_side = dict(
        answers.filter(question=score_questions.first())
        .values_list("response__organisation")
        .annotate(avg=Avg("score"))
    )
    assert by_side[Organisation.GEMEENTE] > by_side[Organisation.OCMW]


def test_a_support_services_assessed():
    lgs = _seed()
    services = list(_scan(lgs, "a").services.prefetch_related("products__hypotheses"))
    assert len(services) == 10
    assert all(s.total_scenario and s.working_methods for s in services)
    assert {s.working_methods for s in services} >= {"same", "different", "gemeente_only", "ocmw_only"}
    full = [s for s in services if s.name in FULLY_ASSESSED]
    assert len(full) == 6
    forms = set()
    for service in services:
        products = list(service.products.all())
        assert 2 <= len(products) <= 3 if service.name in FULLY_ASSESSED else len(products) == 1
        for product in products:
            assert product.decision and product.users
            assert product.fte_gemeente + product.fte_ocmw > 0 and product.running_costs > 0
            for field in (
                "current_quality_providers",
                "current_quality_users",
                "desired_quality_providers",
                "desired_quality_users",
            ):
                assert 1 <= getattr(product, field) <= 5
            hypotheses = list(product.hypotheses.all())
            assert 1 <= len(hypotheses) <= 3
            assert product.decision in {h.form for h in hypotheses}
            for hypothesis in hypotheses:
                forms.add(hypothesis.form)
                assert hypothesis.legal_reason and hypothesis.process_reason and hypothesis.governance_reason
    assert OrganisationForm.INTEGRATION in forms
    # a final scan has tested every hypothesis: nothing left "to check" (that is in B's draft)
    assert not Hypothesis.objects.filter(product__service__scan__programme__local_government=lgs["a"]).filter(
        Q(legal=Precondition.TO_CHECK)
        | Q(process=Precondition.TO_CHECK)
        | Q(governance=Precondition.TO_CHECK)
    )
    assert Hypothesis.objects.filter(product__service__scan=_scan(lgs, "b"), legal=Precondition.MET).exists()
    assert Hypothesis.objects.filter(product__service__scan=_scan(lgs, "b"), process=Precondition.TO_CHECK)


def test_demo_rows_pass_model_validation():
    lgs = _seed()
    scan = _scan(lgs, "a")
    for queryset in (
        scan.witnesses.all(),
        scan.findings.all(),
        scan.services.all(),
        ServiceProduct.objects.filter(service__scan=scan),
        Hypothesis.objects.filter(product__service__scan=scan),
        scan.survey.invitations.all()[:20],
    ):
        for obj in queryset:
            obj.full_clean()


def test_b_has_a_scan_in_progress():
    lgs = _seed()
    scan = _scan(lgs, "b")
    assert scan.state == Scan.State.DRAFT and not scan.finalised_at
    assert not scan.confirmed_scenario
    assert scan.witnesses.count() == 5
    assert scan.interviews.count() == 4
    survey = scan.survey
    assert survey.state == Survey.State.OPEN and survey.opened_at and not survey.closed_at
    assert survey.invitations.count() == 40
    assert survey.responses.count() == 18
    assert scan.services.exclude(total_scenario="").count() == 3
    assert not ServiceProduct.objects.filter(service__scan__programme__local_government=lgs["b"]).filter(
        service__total_scenario=""
    )


def test_seeding_twice_changes_nothing():
    _seed()
    before = _counts()
    _seed()
    assert _counts() == before


def test_scale_multiplies_interviews_and_responses_of_the_first_programme():
    lgs = _seed(scale=2)
    scan = _scan(lgs, "a")
    assert scan.interviews.count() == 24
    assert scan.witnesses.values("name").distinct().count() == 24
    assert scan.survey.invitations.count() == 160
    assert scan.survey.responses.count() == 120
    assert scan.services.count() == 10
    sizes = Counter(scan.survey.responses.values_list("department", flat=True))
    assert min(sizes.values()) < 5
    assert not InterviewAnswer.objects.filter(interview__scan=scan, question__asks_score=True, score=None)

    second = _scan(lgs, "a", f"{demo.PROGRAMMES['a']['title']} – deeltraject 2")
    assert second.state == Scan.State.FINAL
    assert second.interviews.count() == 12 and second.survey.responses.count() == 60
    assert _scan(lgs, "b", f"{demo.PROGRAMMES['b']['title']} – deeltraject 2").state == Scan.State.DRAFT
    assert Programme.objects.filter(scan__isnull=True).count() == 0


def test_seed_demo_command_runs_the_registered_extender(monkeypatch):
    monkeypatch.setattr(demo, "_extenders", [])
    demo.register_demo(scans_demo.seed_scans)
    call_command("seed_demo", "--scale", "1", stdout=StringIO())
    call_command("seed_demo", "--scale", "1", stdout=StringIO())
    assert Scan.objects.count() == 2
    assert Interview.objects.count() == 16
    assert SurveyResponse.objects.count() == 78


def test_interviews_look_saved_on_the_day_they_were_held():
    lgs = _seed()
    for answer in InterviewAnswer.objects.filter(interview__scan=_scan(lgs, "a")).select_related("interview"):
        assert timezone.localtime(answer.updated_at).date() == answer.interview.held_on
