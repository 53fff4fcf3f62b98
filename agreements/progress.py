"""What the programme page and the dashboard show of step 4: the agreement's real progress.

Registered by the lead in agreements/apps.py: register_step_provider(Step.AGREEMENT, provide, bulk=load).
"""

from __future__ import annotations

from django.db.models import Case, CharField, Count, Exists, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from programmes.models import Programme
from programmes.steps import StepState, StepStatus

from .models import Agreement, AgreementVersion, Article

_MISSING = object()
State = AgreementVersion.State


def _working_versions():
    """The working version of the outer agreement first: the open one, else the latest."""
    return (
        AgreementVersion.objects.filter(agreement=OuterRef("pk"))
        .annotate(
            open_first=Case(
                When(state__in=[State.DRAFT, State.SUBMITTED], then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("open_first", "-number")
    )


def load(programmes: list[Programme]) -> None:
    """One query for the agreements of all these programmes, with their working version's state."""
    articles = (
        Article.objects.filter(version_id=OuterRef("working_id"))
        .order_by()
        .values("version_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    agreements = (
        Agreement.objects.filter(programme__in=[p.pk for p in programmes])
        .annotate(
            working_id=Subquery(_working_versions().values("pk")[:1]),
            working_state=Subquery(_working_versions().values("state")[:1], output_field=CharField()),
            has_adopted=Exists(
                AgreementVersion.objects.filter(agreement=OuterRef("pk"), state=State.ADOPTED)
            ),
        )
        .annotate(n_articles=Coalesce(Subquery(articles, output_field=IntegerField()), Value(0)))
    )
    by_programme = {agreement.programme_id: agreement for agreement in agreements}
    for programme in programmes:
        programme._agreement_progress = by_programme.get(programme.pk)


def provide(programme: Programme, status: StepStatus) -> StepStatus:
    agreement = getattr(programme, "_agreement_progress", _MISSING)
    if agreement is _MISSING:
        load([programme])
        agreement = programme._agreement_progress
    status.url = reverse("agreements:programme_agreement", args=[programme.pk])
    if agreement is None:
        if status.state == StepState.CURRENT:
            status.next_action = _("De beheersovereenkomst starten uit de clausulebibliotheek")
        return status
    status.url = reverse("agreements:agreement_detail", args=[agreement.pk])
    state = agreement.working_state
    missing = []
    if not agreement.n_articles:
        missing.append(_("Ontwerp van beheersovereenkomst"))
    if state in (State.DRAFT, State.SUBMITTED):
        missing.append(
            _("Goedkeuring voor de raadsagenda")
            if state == State.SUBMITTED
            else _("Ontwerp indienen bij de algemeen directeur")
        )
    if state != State.ADOPTED:
        missing.append(_("Besluiten van gemeenteraad en OCMW-raad"))
    status.missing = missing
    if agreement.has_adopted and status.state != StepState.DONE:
        status.state = StepState.DONE
    status.next_action = missing[0] if missing and status.state == StepState.CURRENT else ""
    return status
