"""Anonymous results of the staff survey: response rates, score averages per group, open answers.

Plain functions for the results page and the scan report. A constant number of aggregate queries per
survey, whatever the number of responses (only the open answers themselves are read row by row).

The anonymity guarantee (tested with hypothesis in tests/scans/test_survey_results.py):

    The shown groups form a tree (all staff ⊃ organisation ⊃ dienst). Every shown group holds at least
    ``min_group_size`` responses, and so does every part of a shown group that is not covered by the
    shown groups inside it (or that part is empty). Every set of responses that can be derived from the
    shown groups by adding and subtracting them is a union of such parts: it is empty or holds at least
    ``min_group_size`` responses. No small group can be computed by subtraction.

How the groups are chosen, per organisation (gemeente, OCMW) with at least ``min_group_size`` responses:
diensten with at least that many responses are shown on their own; the others are merged into
"<organisation> – andere diensten". If that merged group is not empty but still too small, the
organisation is shown only as a whole, "<organisation> (alle diensten)". An organisation with fewer
responses is shown in no group of its own; and since "Alle medewerkers" minus the other organisation
would then reveal it, the organisations are then not shown separately at all: only "Alle medewerkers".
Below ``min_group_size`` responses in total nothing but the counts is shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from .models import Organisation, Survey, SurveyAnswer, SurveyInvitation, SurveyQuestion, SurveyResponse

MIN_GROUP_SIZE = 5
SCORES = (1, 2, 3, 4, 5)
ORGANISATIONS = (Organisation.GEMEENTE, Organisation.OCMW)

GroupKey = tuple[str, str]  # (organisation, department) as stored on a SurveyResponse


@dataclass(frozen=True)
class OrganisationRate:
    label: str
    invited: int
    responded: int
    rate: float | None  # 0..1; None when nobody was invited


@dataclass(frozen=True)
class QuestionScore:
    question: str
    average: float | None  # rounded to 1 decimal; None when nobody in the group scored it
    n: int
    distribution: list[int]  # number of answers with score 1, 2, 3, 4 and 5


@dataclass(frozen=True)
class GroupResult:
    label: str
    size: int  # responses in the group
    scores: list[QuestionScore]
    level: int = 0  # 0 all staff, 1 an organisation, 2 a dienst (or the other diensten) within it


@dataclass(frozen=True)
class SurveySummary:
    invited: int
    responded: int
    rate: float | None
    by_organisation: list[OrganisationRate]
    groups: list[GroupResult]
    open_answers: dict[str, list[str]]
    too_few: bool
    min_group_size: int = MIN_GROUP_SIZE


@dataclass(frozen=True)
class GroupPlan:
    """A group to show: its label, depth in the tree and which (organisation, dienst) cells it holds."""

    label: str
    level: int
    members: frozenset[GroupKey] = field(default_factory=frozenset)


def _rate(part: int, whole: int) -> float | None:
    return min(part / whole, 1.0) if whole else None


def _organisation_label(organisation: str) -> str:
    try:
        return str(Organisation(organisation).label)
    except ValueError:
        return organisation


def _department_label(department: str) -> str:
    return department or _("dienst niet opgegeven")


def plan_groups(sizes: Mapping[GroupKey, int], *, min_group_size: int = MIN_GROUP_SIZE) -> list[GroupPlan]:
    """Which groups to show for these response counts per (organisation, dienst); see the module doc."""
    m = min_group_size
    sizes = {key: n for key, n in sizes.items() if n > 0}
    total = sum(sizes.values())
    if total < m or total == 0:
        return []
    everyone = GroupPlan(_("Alle medewerkers"), 0, frozenset(sizes))
    per_org: dict[str, dict[str, int]] = defaultdict(dict)
    for (organisation, department), n in sizes.items():
        per_org[organisation][department] = n
    org_totals = {org: sum(cells.values()) for org, cells in per_org.items()}
    # An organisation with some but too few responses: everyone minus the other would reveal it.
    if any(0 < n < m for n in org_totals.values()):
        return [everyone]

    plans: list[GroupPlan] = []
    order = [o.value for o in ORGANISATIONS if o.value in per_org]
    order += sorted(o for o in per_org if o not in order)
    for organisation in order:
        cells = per_org[organisation]
        org_label = _organisation_label(organisation)
        big = sorted((d for d, n in cells.items() if n >= m), key=lambda d: (d.casefold(), d))
        small = [d for d, n in cells.items() if n < m]
        rest = sum(cells[d] for d in small)
        children: list[GroupPlan] = []
        if rest == 0 or rest >= m:
            children = [
                GroupPlan(
                    _("%(organisation)s – %(department)s")
                    % {"organisation": org_label, "department": _department_label(d)},
                    2,
                    frozenset({(organisation, d)}),
                )
                for d in big
            ]
            if rest:
                children.append(
                    GroupPlan(
                        _("%(organisation)s – andere diensten") % {"organisation": org_label},
                        2,
                        frozenset((organisation, d) for d in small),
                    )
                )
        if len(children) == 1:
            children = []  # one child would repeat the organisation as a whole
        if len(per_org) > 1:  # with one organisation its total would repeat "Alle medewerkers"
            plans.append(
                GroupPlan(
                    _("%(organisation)s (alle diensten)") % {"organisation": org_label},
                    1,
                    frozenset((organisation, d) for d in cells),
                )
            )
        plans.extend(children)
    plans.append(everyone)
    return plans


def _average(distribution: list[int]) -> float | None:
    n = sum(distribution)
    if not n:
        return None
    total = sum(score * count for score, count in zip(SCORES, distribution, strict=True))
    return float((Decimal(total) / Decimal(n)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _scores(
    questions: Iterable[SurveyQuestion],
    counts: Mapping[tuple[GroupKey, int, int], int],
    members: frozenset[GroupKey],
) -> list[QuestionScore]:
    result = []
    for question in questions:
        distribution = [sum(counts.get((key, question.pk, score), 0) for key in members) for score in SCORES]
        result.append(
            QuestionScore(
                question=question.text,
                average=_average(distribution),
                n=sum(distribution),
                distribution=distribution,
            )
        )
    return result


def survey_summary(survey: Survey, *, min_group_size: int = MIN_GROUP_SIZE) -> SurveySummary:
    """Response rate, score averages per group and open answers of a survey, never of a group too small."""
    invitations = {
        row["organisation"]: row
        for row in SurveyInvitation.objects.filter(survey=survey)
        .order_by()
        .values("organisation")
        .annotate(invited=Count("pk"), responded=Count("pk", filter=Q(responded_at__isnull=False)))
    }
    by_organisation = []
    for organisation in ORGANISATIONS:
        row = invitations.get(organisation.value)
        if row is None:
            continue
        by_organisation.append(
            OrganisationRate(
                label=str(organisation.label),
                invited=row["invited"],
                responded=row["responded"],
                rate=_rate(row["responded"], row["invited"]),
            )
        )
    invited = sum(row["invited"] for row in invitations.values())
    responded = sum(row["responded"] for row in invitations.values())

    sizes: dict[GroupKey, int] = {
        (row["organisation"], row["department"]): row["n"]
        for row in SurveyResponse.objects.filter(survey=survey)
        .order_by()
        .values("organisation", "department")
        .annotate(n=Count("pk"))
    }
    total = sum(sizes.values())
    too_few = total < min_group_size
    summary = {
        "invited": invited,
        "responded": responded,
        "rate": _rate(responded, invited),
        "by_organisation": by_organisation,
        "min_group_size": min_group_size,
    }
    if too_few:
        return SurveySummary(**summary, groups=[], open_answers={}, too_few=True)

    questions = list(survey.questions.order_by("position", "pk"))
    score_questions = [q for q in questions if q.kind == SurveyQuestion.Kind.SCORE]
    open_questions = [q for q in questions if q.kind == SurveyQuestion.Kind.OPEN]
    counts: dict[tuple[GroupKey, int, int], int] = {
        ((row["response__organisation"], row["response__department"]), row["question_id"], row["score"]): row[
            "n"
        ]
        for row in SurveyAnswer.objects.filter(response__survey=survey, score__isnull=False)
        .order_by()
        .values("response__organisation", "response__department", "question_id", "score")
        .annotate(n=Count("pk"))
    }
    groups = [
        GroupResult(
            label=plan.label,
            size=sum(sizes[key] for key in plan.members),
            scores=_scores(score_questions, counts, plan.members),
            level=plan.level,
        )
        for plan in plan_groups(sizes, min_group_size=min_group_size)
    ]

    open_answers: dict[str, list[str]] = {question.text: [] for question in open_questions}
    if open_questions:
        texts: dict[int, list[str]] = defaultdict(list)
        for question_id, text in (
            SurveyAnswer.objects.filter(response__survey=survey, question__in=open_questions)
            .exclude(text="")
            .values_list("question_id", "text")
        ):
            if text.strip():
                texts[question_id].append(text.strip())
        for question in open_questions:
            open_answers[question.text].extend(texts[question.pk])
        for answers in open_answers.values():
            answers.sort(key=lambda t: (t.casefold(), t))  # alphabetical: the order says nothing of who
    return SurveySummary(**summary, groups=groups, open_answers=open_answers, too_few=False)
