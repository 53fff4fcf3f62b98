"""The results of a scan, computed in plain functions: the results page, the report (PDF and Word) and the
next step's target picture all read the same dataclasses.

`scan_results(scan)` runs a constant number of queries whatever the number of interviews, answers,
findings or services: scores are summed and counted in the database, grouped by question and witness
organisation, and rolled up here. A witness of organisation "both" counts in the gemeente series and in the
OCMW series; the overall figure counts every answer once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, IntegerField, Max, Min, Sum
from django.db.models.functions import Coalesce

from .models import (
    Finding,
    GuideQuestion,
    Interview,
    InterviewAnswer,
    Organisation,
    OrganisationForm,
    Scan,
    ServiceProduct,
    SupportService,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    Theme,
    Witness,
    WitnessGroup,
)

logger = logging.getLogger(__name__)

# A group of survey respondents smaller than this is not shown on its own (anonymity).
MIN_GROUP_SIZE = 5
# The forms of organisation that mean a service's integration is decided.
INTEGRATION_FORMS = frozenset({OrganisationForm.INTEGRATION, OrganisationForm.FORMAL_TRANSFER})


@dataclass(frozen=True)
class Score:
    """A sum of scores and how many there are; the average is derived."""

    total: int = 0
    n: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.total + other.total, self.n + other.n)

    @property
    def average(self) -> float | None:
        return self.total / self.n if self.n else None


@dataclass
class QuestionResult:
    question_id: int
    text: str
    gemeente: Score = field(default_factory=Score)
    ocmw: Score = field(default_factory=Score)
    overall: Score = field(default_factory=Score)


@dataclass
class ThemeResult:
    key: str
    label: str
    gemeente: Score = field(default_factory=Score)
    ocmw: Score = field(default_factory=Score)
    overall: Score = field(default_factory=Score)
    questions: list[QuestionResult] = field(default_factory=list)

    @property
    def difference(self) -> float | None:
        """Gemeente minus OCMW, when both have scores."""
        if self.gemeente.average is None or self.ocmw.average is None:
            return None
        return self.gemeente.average - self.ocmw.average


@dataclass
class ProductResult:
    name: str
    users: str
    fte_gemeente: Decimal
    fte_ocmw: Decimal
    running_costs: Decimal
    outsourced: str
    current: float | None
    desired: float | None
    decision: str
    decision_label: str
    decision_note: str


@dataclass
class ServiceResult:
    pk: int
    name: str
    working_methods: str
    working_methods_label: str
    n_products: int
    fte_gemeente: Decimal
    fte_ocmw: Decimal
    running_costs: Decimal
    current: float | None
    desired: float | None
    total_scenario: str
    total_scenario_label: str
    total_scenario_note: str
    products: list[ProductResult] = field(default_factory=list)

    @property
    def fte_total(self) -> Decimal:
        return self.fte_gemeente + self.fte_ocmw

    @property
    def gap(self) -> float | None:
        """Desired minus current quality (positive: the service should get better)."""
        if self.current is None or self.desired is None:
            return None
        return self.desired - self.current

    @property
    def is_assessed(self) -> bool:
        """The VVSG analysis reached its end: a total scenario is chosen."""
        return bool(self.total_scenario)

    @property
    def integration_decided(self) -> bool:
        return self.total_scenario in INTEGRATION_FORMS


@dataclass
class FindingResult:
    kind: str
    kind_label: str
    theme_label: str
    text: str
    quote: str
    source: str  # Witness.public_label(): a name only with the witness's consent
    is_key: bool


@dataclass
class WitnessGroupResult:
    group: str
    group_label: str
    organisation: str
    organisation_label: str
    witnesses: int
    interviews: int
    first_held: date | None = None
    last_held: date | None = None


@dataclass
class SurveySupport:
    """The staff's average on the survey's support questions (topic "support")."""

    overall: Score = field(default_factory=Score)
    responses: int = 0
    by_organisation: dict[str, Score] = field(default_factory=dict)

    @property
    def average(self) -> float | None:
        """Only when enough staff answered for the figure to be anonymous and meaningful."""
        return self.overall.average if self.responses >= MIN_GROUP_SIZE else None


@dataclass
class ScanResults:
    scan: Scan
    themes: list[ThemeResult]
    services: list[ServiceResult]
    key_findings: list[FindingResult]
    other_findings: list[FindingResult]
    witness_groups: list[WitnessGroupResult]
    named_witnesses: list[str]
    interview_count: int
    survey: object | None  # scans.survey_results.SurveySummary, when that module and a survey exist
    survey_support: SurveySupport

    @property
    def strengths(self) -> list[FindingResult]:
        return [f for f in self.key_findings if f.kind == Finding.Kind.STRENGTH]

    @property
    def risks(self) -> list[FindingResult]:
        return [f for f in self.key_findings if f.kind == Finding.Kind.RISK]

    @property
    def scored_answers(self) -> int:
        return sum(theme.overall.n for theme in self.themes)

    @property
    def witness_count(self) -> int:
        return sum(group.witnesses for group in self.witness_groups)

    @property
    def interview_period(self) -> tuple[date, date] | None:
        firsts = [g.first_held for g in self.witness_groups if g.first_held]
        lasts = [g.last_held for g in self.witness_groups if g.last_held]
        return (min(firsts), max(lasts)) if firsts and lasts else None

    def theme(self, key: str) -> ThemeResult:
        return next(theme for theme in self.themes if theme.key == key)

    @property
    def assessed_services(self) -> list[ServiceResult]:
        return [service for service in self.services if service.is_assessed]

    @property
    def scored_services(self) -> list[ServiceResult]:
        return [s for s in self.services if s.current is not None or s.desired is not None]


# --- Interviews -----------------------------------------------------------------------------------


def _series_for(organisation: str) -> tuple[str, ...]:
    if organisation == Organisation.GEMEENTE:
        return ("gemeente",)
    if organisation == Organisation.OCMW:
        return ("ocmw",)
    return ("gemeente", "ocmw")  # "both" speaks for both organisations


def _themes(scan: Scan) -> list[ThemeResult]:
    scored = GuideQuestion.objects.filter(scan=scan, asks_score=True).only("pk", "theme", "text", "position")
    questions = {q.pk: q for q in scored}
    results = {
        q.pk: QuestionResult(question_id=q.pk, text=q.text) for q in sorted(questions.values(), key=_q_order)
    }
    rows = (
        InterviewAnswer.objects.filter(
            interview__scan=scan, question__scan=scan, question__asks_score=True, score__isnull=False
        )
        .values("question_id", "interview__witness__organisation")
        .annotate(total=Sum("score"), n=Count("pk"))
        .order_by()
    )
    for row in rows:
        result = results.get(row["question_id"])
        if result is None:
            continue
        score = Score(row["total"] or 0, row["n"])
        result.overall += score
        for series in _series_for(row["interview__witness__organisation"]):
            setattr(result, series, getattr(result, series) + score)

    themes = []
    for theme in Theme:
        theme_result = ThemeResult(key=theme.value, label=str(theme.label))
        for pk, result in results.items():
            if questions[pk].theme != theme.value:
                continue
            theme_result.questions.append(result)
            theme_result.gemeente += result.gemeente
            theme_result.ocmw += result.ocmw
            theme_result.overall += result.overall
        themes.append(theme_result)
    return themes


def _q_order(question: GuideQuestion) -> tuple[int, int]:
    return (question.position, question.pk)


# --- Support services -----------------------------------------------------------------------------


def _avg_of_two(sum_a, n_a, sum_b, n_b) -> float | None:
    n = (n_a or 0) + (n_b or 0)
    return ((sum_a or 0) + (sum_b or 0)) / n if n else None


def _mean(*values: int | None) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _int_sum(name: str):
    return Coalesce(Sum(name), 0, output_field=IntegerField())


def _services(scan: Scan, *, products: bool) -> list[ServiceResult]:
    zero = Decimal("0")
    rows = (
        SupportService.objects.filter(scan=scan)
        .annotate(
            n_products=Count("products"),
            fte_g=Sum("products__fte_gemeente"),
            fte_o=Sum("products__fte_ocmw"),
            costs=Sum("products__running_costs"),
            cqp_sum=_int_sum("products__current_quality_providers"),
            cqp_n=Count("products__current_quality_providers"),
            cqu_sum=_int_sum("products__current_quality_users"),
            cqu_n=Count("products__current_quality_users"),
            dqp_sum=_int_sum("products__desired_quality_providers"),
            dqp_n=Count("products__desired_quality_providers"),
            dqu_sum=_int_sum("products__desired_quality_users"),
            dqu_n=Count("products__desired_quality_users"),
        )
        .order_by("position", "name")
    )
    services = [
        ServiceResult(
            pk=s.pk,
            name=s.name,
            working_methods=s.working_methods,
            working_methods_label=s.get_working_methods_display() if s.working_methods else "",
            n_products=s.n_products,
            fte_gemeente=s.fte_g or zero,
            fte_ocmw=s.fte_o or zero,
            running_costs=s.costs or zero,
            current=_avg_of_two(s.cqp_sum, s.cqp_n, s.cqu_sum, s.cqu_n),
            desired=_avg_of_two(s.dqp_sum, s.dqp_n, s.dqu_sum, s.dqu_n),
            total_scenario=s.total_scenario,
            total_scenario_label=s.get_total_scenario_display() if s.total_scenario else "",
            total_scenario_note=s.total_scenario_note,
        )
        for s in rows
    ]
    if products:
        by_service = {service.pk: service for service in services}
        for p in ServiceProduct.objects.filter(service__scan=scan).order_by("service_id", "position", "pk"):
            by_service[p.service_id].products.append(
                ProductResult(
                    name=p.name,
                    users=p.users,
                    fte_gemeente=p.fte_gemeente,
                    fte_ocmw=p.fte_ocmw,
                    running_costs=p.running_costs,
                    outsourced=p.outsourced,
                    current=_mean(p.current_quality_providers, p.current_quality_users),
                    desired=_mean(p.desired_quality_providers, p.desired_quality_users),
                    decision=p.decision,
                    decision_label=p.get_decision_display() if p.decision else "",
                    decision_note=p.decision_note,
                )
            )
    return services


# --- Findings and witnesses -----------------------------------------------------------------------


def _findings(scan: Scan) -> tuple[list[FindingResult], list[FindingResult]]:
    theme_labels = dict(Theme.choices)
    key, other = [], []
    for f in Finding.objects.filter(scan=scan).select_related("witness"):
        result = FindingResult(
            kind=f.kind,
            kind_label=f.get_kind_display(),
            theme_label=str(theme_labels.get(f.theme, "")),
            text=f.text,
            quote=f.quote,
            # A witness of another scan cannot be the source (defensive: the form scopes it too).
            source=f.witness.public_label() if f.witness and f.witness.scan_id == scan.pk else "",
            is_key=f.is_key,
        )
        (key if f.is_key else other).append(result)
    return key, other


def _witness_groups(scan: Scan) -> list[WitnessGroupResult]:
    """Interviewed witnesses and interviews per group and organisation (no names)."""
    rows = (
        Interview.objects.filter(scan=scan)
        .values("witness__group", "witness__organisation")
        .annotate(
            interviews=Count("pk"),
            witnesses=Count("witness", distinct=True),
            first_held=Min("held_on"),
            last_held=Max("held_on"),
        )
        .order_by()
    )
    groups = dict(WitnessGroup.choices)
    organisations = dict(Organisation.choices)
    group_order = {value: n for n, value in enumerate(WitnessGroup.values)}
    org_order = {value: n for n, value in enumerate(Organisation.values)}
    result = [
        WitnessGroupResult(
            group=row["witness__group"],
            group_label=str(groups.get(row["witness__group"], row["witness__group"])),
            organisation=row["witness__organisation"],
            organisation_label=str(organisations.get(row["witness__organisation"], "")),
            witnesses=row["witnesses"],
            interviews=row["interviews"],
            first_held=row["first_held"],
            last_held=row["last_held"],
        )
        for row in rows
    ]
    result.sort(key=lambda g: (group_order.get(g.group, 99), org_order.get(g.organisation, 99)))
    return result


def _named_witnesses(scan: Scan) -> list[str]:
    """The interviewed witnesses who agreed to be named, as reports may show them."""
    witnesses = (
        Witness.objects.filter(scan=scan, consents_to_quote=True, interviews__isnull=False)
        .distinct()
        .order_by("name")
    )
    return [w.public_label() for w in witnesses]


# --- Staff survey ---------------------------------------------------------------------------------


def _survey_support(scan: Scan) -> SurveySupport:
    rows = (
        SurveyAnswer.objects.filter(
            question__survey__scan=scan,
            question__topic=SurveyQuestion.Topic.SUPPORT,
            question__kind=SurveyQuestion.Kind.SCORE,
            score__isnull=False,
        )
        .values("response__organisation")
        .annotate(total=Sum("score"), n=Count("pk"), responses=Count("response", distinct=True))
        .order_by()
    )
    support = SurveySupport()
    for row in rows:
        score = Score(row["total"] or 0, row["n"])
        support.overall += score
        support.responses += row["responses"]
        support.by_organisation[row["response__organisation"]] = score
    return support


def _survey_summary(scan: Scan):
    survey = Survey.objects.filter(scan=scan).first()
    if survey is None:
        return None
    try:
        from .survey_results import survey_summary
    except ModuleNotFoundError as error:  # built in parallel; the page works without it meanwhile
        if error.name != f"{__package__}.survey_results":
            raise
        logger.warning("scans.survey_results is not available: the survey summary is left out")
        return None
    return survey_summary(survey, min_group_size=MIN_GROUP_SIZE)


# --- The whole --------------------------------------------------------------------------------------


def scan_results(scan: Scan, *, products: bool = False) -> ScanResults:
    """Everything the scan found, in a constant number of queries (with products: one more)."""
    key, other = _findings(scan)
    groups = _witness_groups(scan)
    return ScanResults(
        scan=scan,
        themes=_themes(scan),
        services=_services(scan, products=products),
        key_findings=key,
        other_findings=other,
        witness_groups=groups,
        named_witnesses=_named_witnesses(scan),
        interview_count=sum(group.interviews for group in groups),
        survey=_survey_summary(scan),
        survey_support=_survey_support(scan),
    )
