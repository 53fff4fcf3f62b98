"""What the programme page and the dashboard show of step 2: the plan's real progress."""

from __future__ import annotations

from django.db.models import Case, CharField, Count, Exists, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, Length, Trim
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import Action, IntendedResult, Plan, PlanVersion, Programme
from ..steps import StepState, StepStatus

_MISSING = object()
State = PlanVersion.State


def _working_versions():
    """The working version of the outer plan first: the open one, else the latest."""
    return (
        PlanVersion.objects.filter(plan=OuterRef("pk"))
        .annotate(
            open_first=Case(
                When(state__in=[State.DRAFT, State.SUBMITTED], then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("open_first", "-number")
    )


def _count(model):
    rows = (
        model.objects.filter(version_id=OuterRef("working_id"))
        .order_by()
        .values("version_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def load(programmes: list[Programme]) -> None:
    """One query for the plans of all these programmes, with their working version's state and counts."""
    plans = (
        Plan.objects.filter(programme__in=[p.pk for p in programmes])
        .annotate(
            working_id=Subquery(_working_versions().values("pk")[:1]),
            working_state=Subquery(_working_versions().values("state")[:1], output_field=CharField()),
            ambition_length=Subquery(
                _working_versions().annotate(n=Length(Trim("ambition"))).values("n")[:1],
                output_field=IntegerField(),
            ),
            has_approved=Exists(PlanVersion.objects.filter(plan=OuterRef("pk"), state=State.APPROVED)),
        )
        .annotate(n_results=_count(IntendedResult), n_actions=_count(Action))
    )
    by_programme = {plan.programme_id: plan for plan in plans}
    for programme in programmes:
        programme._plan_progress = by_programme.get(programme.pk)


def provide(programme: Programme, status: StepStatus) -> StepStatus:
    plan = getattr(programme, "_plan_progress", _MISSING)
    if plan is _MISSING:
        load([programme])
        plan = programme._plan_progress
    if plan is None:
        status.url = reverse("programmes:plan_start", args=[programme.pk])
        if status.state == StepState.CURRENT:
            status.next_action = _("Het streefbeeld en actieplan starten")
        return status
    status.url = reverse("programmes:plan", args=[plan.pk])
    missing = []
    if not plan.ambition_length:
        missing.append(_("Streefbeeld met gedeelde ambitie"))
    if not plan.n_results:
        missing.append(_("Beoogde resultaten vanuit de invalshoeken"))
    if not plan.n_actions:
        missing.append(_("Gefaseerd actieplan met acties"))
    if plan.working_state != State.APPROVED:
        missing.append(_("Goedkeuring door de algemeen directeur"))
    status.missing = missing
    if plan.has_approved and status.state != StepState.DONE:
        status.state = StepState.DONE
    elif status.state == StepState.TODO:
        # The plan was started while the programme is still at an earlier step (the consultant often writes
        # the target picture while the scan report is being finished): step 2 is under way, not "not
        # started"; the programme's step moves on when the earlier step is done.
        status.state = StepState.CURRENT
    if status.state == StepState.CURRENT and plan.working_state == State.SUBMITTED:
        status.next_action = _("Wacht op de goedkeuring door de algemeen directeur")
    else:
        status.next_action = missing[0] if missing and status.state == StepState.CURRENT else ""
    return status
