"""Anonymous survey results: grouping that never reveals a group under five, and a constant query count.

The guarantee tested here (see scans/survey_results.py): every region of the Venn diagram of the shown
groups is empty or holds at least min_group_size responses. Any set of responses one can compute by adding
and subtracting shown groups is a union of such regions, so it is empty or at least that large.
"""

import itertools
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scans.models import Survey, SurveyAnswer, SurveyInvitation, SurveyQuestion, SurveyResponse
from scans.survey_results import plan_groups, survey_summary

DEPARTMENTS = ["Technische dienst", "Burgerzaken", "ICT", "Sociale dienst", "Woonzorgcentrum", ""]
ORG_LABEL = {"gemeente": "Gemeente", "ocmw": "OCMW"}
NO_DEPARTMENT = "dienst niet opgegeven"


def _members(label: str, keys: list[tuple[str, str]], shown_labels: set[str]) -> set[int]:
    """Which responses (by index) a label stands for, reconstructed from the label alone."""
    if label == "Alle medewerkers":
        return set(range(len(keys)))
    for org, name in ORG_LABEL.items():
        if label == f"{name} (alle diensten)":
            return {i for i, (o, _d) in enumerate(keys) if o == org}
        if label == f"{name} – andere diensten":
            named = {d for d in DEPARTMENTS if f"{name} – {d or NO_DEPARTMENT}" in shown_labels}
            return {i for i, (o, d) in enumerate(keys) if o == org and d not in named}
        if label.startswith(f"{name} – "):
            department = label.removeprefix(f"{name} – ")
            department = "" if department == NO_DEPARTMENT else department
            return {i for i, (o, d) in enumerate(keys) if o == org and d == department}
    raise AssertionError(f"unknown label {label!r}")


def assert_nothing_small_derivable(keys: list[tuple[str, str]], plans, m: int) -> None:
    shown = {plan.label for plan in plans}
    assert len(shown) == len(plans), "a label appears twice"
    members = {plan.label: _members(plan.label, keys, shown) for plan in plans}
    for plan in plans:
        expected = {i for i, key in enumerate(keys) if key in plan.members}
        assert members[plan.label] == expected, plan.label
        assert len(expected) >= m, f"{plan.label} shown with {len(expected)} responses"
    # The regions of the Venn diagram: responses grouped by the set of shown groups they belong to.
    regions = Counter(
        frozenset(label for label, group in members.items() if i in group) for i in range(len(keys))
    )
    for signature, size in regions.items():
        if signature:  # responses in no shown group cannot be computed from them
            assert size >= m, f"region {sorted(signature)} holds only {size} responses"
    # Laminar: two shown groups are nested or disjoint (so the tree above is the whole story).
    for a, b in itertools.combinations(members.values(), 2):
        assert a <= b or b <= a or not (a & b)


cells = st.tuples(st.sampled_from(["gemeente", "ocmw"]), st.sampled_from(DEPARTMENTS))


@settings(max_examples=400, deadline=None)
@given(keys=st.lists(cells, max_size=80), m=st.integers(min_value=2, max_value=8))
def test_no_group_under_min_size_can_be_derived(keys, m):
    plans = plan_groups(Counter(keys), min_group_size=m)
    if len(keys) < m:
        assert plans == []
        return
    assert plans[-1].label == "Alle medewerkers"
    assert_nothing_small_derivable(keys, plans, m)


@settings(max_examples=200, deadline=None)
@given(keys=st.lists(cells, min_size=5, max_size=80))
def test_every_response_counts_in_all_staff(keys):
    plans = plan_groups(Counter(keys))
    assert plans[-1].label == "Alle medewerkers"
    assert sum(Counter(keys)[k] for k in plans[-1].members) == len(keys)


def test_examples_of_grouping():
    sizes = {
        ("gemeente", "Technische dienst"): 12,
        ("gemeente", "ICT"): 3,
        ("gemeente", "Burgerzaken"): 4,
        ("ocmw", "Sociale dienst"): 6,
        ("ocmw", "Thuiszorg"): 2,
    }
    labels = [(p.label, p.level) for p in plan_groups(sizes)]
    assert labels == [
        ("Gemeente (alle diensten)", 1),
        ("Gemeente – Technische dienst", 2),
        ("Gemeente – andere diensten", 2),
        ("OCMW (alle diensten)", 1),  # "andere diensten" would hold 2: only the whole OCMW
        ("Alle medewerkers", 0),
    ]
    # an organisation under five: everyone minus the other would reveal it, so only the total
    labels = [p.label for p in plan_groups({("gemeente", "ICT"): 30, ("ocmw", "Sociale dienst"): 3})]
    assert labels == ["Alle medewerkers"]
    # one organisation only: its total would repeat "Alle medewerkers"
    labels = [p.label for p in plan_groups({("gemeente", "ICT"): 6, ("gemeente", "Burgerzaken"): 7})]
    assert labels == ["Gemeente – Burgerzaken", "Gemeente – ICT", "Alle medewerkers"]


# --- Through the database -------------------------------------------------------------------------


def _fill(survey: Survey, rows: list[tuple[str, str, list[int], list[str]]]) -> None:
    """Responses in bulk: (organisation, dienst, scores per score question, texts per open question)."""
    questions = list(survey.questions.order_by("position", "pk"))
    score_qs = [q for q in questions if q.kind == SurveyQuestion.Kind.SCORE]
    open_qs = [q for q in questions if q.kind == SurveyQuestion.Kind.OPEN]
    responses = SurveyResponse.objects.bulk_create(
        SurveyResponse(survey=survey, organisation=o, department=d, submitted_on=timezone.localdate())
        for o, d, _s, _t in rows
    )
    answers = []
    for response, (_o, _d, scores, texts) in zip(responses, rows, strict=True):
        answers += [
            SurveyAnswer(response=response, question=q, score=s)
            for q, s in zip(score_qs, scores, strict=False)
        ]
        answers += [
            SurveyAnswer(response=response, question=q, text=t)
            for q, t in zip(open_qs, texts, strict=False)
            if t
        ]
    SurveyAnswer.objects.bulk_create(answers)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["gemeente", "ocmw"]),
            st.sampled_from(DEPARTMENTS[:4]),
            st.lists(st.integers(1, 5), min_size=3, max_size=3),
        ),
        max_size=40,
    )
)
def test_summary_from_database_never_shows_small_groups(scan_a, rows):
    survey = scan_a.survey
    SurveyResponse.objects.filter(survey=survey).delete()
    _fill(survey, [(o, d, s, []) for o, d, s in rows])
    summary = survey_summary(survey)
    keys = [(o, d) for o, d, _s in rows]
    assert summary.too_few == (len(rows) < 5)
    if summary.too_few:
        assert summary.groups == [] and summary.open_answers == {}
        return
    plans = plan_groups(Counter(keys))
    assert [g.label for g in summary.groups] == [p.label for p in plans]
    assert_nothing_small_derivable(keys, plans, 5)
    for group, plan in zip(summary.groups, plans, strict=True):
        inside = [s for (o, d, s) in rows if (o, d) in plan.members]
        assert group.size == len(inside) >= 5
        for n, score in enumerate(group.scores):
            values = [s[n] for s in inside]
            assert score.n == len(values)
            assert score.distribution == [values.count(v) for v in range(1, 6)]
            expected = (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            assert score.average == float(expected)  # 1,25 shows as 1,3


def test_summary_rates_groups_and_open_answers(scan_a):
    survey = scan_a.survey
    SurveyInvitation.objects.bulk_create(
        [SurveyInvitation(survey=survey, email=f"g{n}@geel.be", organisation="gemeente") for n in range(10)]
        + [SurveyInvitation(survey=survey, email=f"o{n}@geel.be", organisation="ocmw") for n in range(5)]
    )
    SurveyInvitation.objects.filter(email__in=["g0@geel.be", "g1@geel.be", "o0@geel.be"]).update(
        responded_at=timezone.now()
    )
    summary = survey_summary(survey)
    assert (summary.invited, summary.responded, summary.rate) == (15, 3, pytest.approx(0.2))
    assert [(o.label, o.invited, o.responded) for o in summary.by_organisation] == [
        ("Gemeente", 10, 2),
        ("OCMW", 5, 1),
    ]
    assert summary.too_few and summary.groups == []

    _fill(
        survey,
        [("gemeente", "ICT", [4, 4, 5], ["zorg b", "Idee"])] * 3
        + [("gemeente", "ICT", [2, 3, 1], ["Zorg a", ""])] * 2
        + [("ocmw", "Sociale dienst", [1, 1, 1], ["", ""])] * 2,
    )
    summary = survey_summary(survey)
    assert not summary.too_few
    assert [(g.label, g.size) for g in summary.groups] == [("Alle medewerkers", 7)]  # OCMW has 2
    first = summary.groups[0].scores[0]
    assert first.question == "Ik sta achter een nauwere samenwerking tussen gemeente en OCMW."
    assert (first.n, first.distribution, first.average) == (7, [2, 2, 0, 3, 0], 2.6)
    worries, ideas = summary.open_answers.values()
    assert worries == ["Zorg a", "Zorg a", "zorg b", "zorg b", "zorg b"]  # alphabetical, case-insensitive
    assert ideas == ["Idee", "Idee", "Idee"]


def _results_queries(client, scan, n):
    survey = scan.survey
    SurveyResponse.objects.filter(survey=survey).delete()
    rows = [
        (
            ["gemeente", "ocmw"][i % 2],
            DEPARTMENTS[i % 5],
            [1 + i % 5, 1 + (i * 3) % 5, 3],
            [f"Antwoord {i}", ""],
        )
        for i in range(n)
    ]
    _fill(survey, rows)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("scans:survey_results", args=[scan.pk]))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_results_page_query_count_does_not_grow(client, scan_a, consultant_a):
    client.force_login(consultant_a)
    small, _ = _results_queries(client, scan_a, 10)
    large, content = _results_queries(client, scan_a, 200)
    assert small == large
    assert "Gemeente – Technische dienst" in content and "Alle medewerkers" in content
    assert "Antwoord 199" in content


@pytest.mark.parametrize("who", ["council_a", "approver_a"])
def test_results_visible_to_council_and_approver_without_addresses(request, client, scan_a, who):
    survey = scan_a.survey
    SurveyInvitation.objects.create(survey=survey, email="an.peeters@geel.be", organisation="gemeente")
    _fill(survey, [("gemeente", "ICT", [4, 4, 4], ["Sterk idee", ""])] * 6)
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("scans:survey_results", args=[scan_a.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Sterk idee" in content and "4,0" in content
    assert "an.peeters@geel.be" not in content


def test_results_too_few(client, scan_a, consultant_a):
    _fill(scan_a.survey, [("gemeente", "ICT", [4, 4, 4], ["Geheim", ""])] * 4)
    client.force_login(consultant_a)
    content = client.get(reverse("scans:survey_results", args=[scan_a.pk])).content.decode()
    assert "Nog te weinig antwoorden" in content
    assert "Geheim" not in content


def test_results_404_for_other_local_government(client, scan_a, consultant_b, council_b):
    for user in (consultant_b, council_b):
        client.force_login(user)
        assert client.get(reverse("scans:survey_results", args=[scan_a.pk])).status_code == 404
