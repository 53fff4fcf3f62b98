"""What the programme page and the dashboard show of step 1: the scan's real progress."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from programmes.models import Programme
from programmes.steps import StepState, StepStatus

from .models import Interview, Scan, SupportService, SurveyResponse

_MISSING = object()


def _count(model, scan_path: str, **filters):
    rows = (
        model.objects.filter(**{scan_path: OuterRef("pk")}, **filters)
        .order_by()
        .values(scan_path)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def load(programmes: list[Programme]) -> None:
    """One query for the scans of all these programmes, with their counts."""
    scans = Scan.objects.filter(programme__in=[p.pk for p in programmes]).annotate(
        n_interviews=_count(Interview, "scan"),
        n_responses=_count(SurveyResponse, "survey__scan"),
        n_services=_count(SupportService, "scan"),
        n_services_done=_count(SupportService, "scan", total_scenario__gt=""),
    )
    by_programme = {scan.programme_id: scan for scan in scans}
    for programme in programmes:
        programme._scan_progress = by_programme.get(programme.pk)


def provide(programme: Programme, status: StepStatus) -> StepStatus:
    scan = getattr(programme, "_scan_progress", _MISSING)
    if scan is _MISSING:
        load([programme])
        scan = programme._scan_progress
    if scan is None:
        status.url = reverse("scans:start", args=[programme.pk])
        if status.state == StepState.CURRENT:
            status.next_action = _("De organisatiescan starten")
        return status
    status.url = reverse("scans:overview", args=[scan.pk])
    missing = []
    if not scan.n_interviews:
        missing.append(_("Interviews met bevoorrechte getuigen"))
    if not scan.n_responses:
        missing.append(_("Antwoorden op de personeelsbevraging"))
    if scan.n_services_done < scan.n_services:
        missing.append(
            _("Totaalscenario voor %(open)s van de %(total)s ondersteunende diensten")
            % {"open": scan.n_services - scan.n_services_done, "total": scan.n_services}
        )
    if not scan.confirmed_scenario:
        missing.append(_("Advies over het samenwerkingsscenario bevestigen"))
    if scan.state != Scan.State.FINAL:
        missing.append(_("Het scanrapport afronden"))
    status.missing = missing
    if scan.state == Scan.State.FINAL and status.state != StepState.DONE:
        status.state = StepState.DONE
    status.next_action = missing[0] if missing and status.state == StepState.CURRENT else ""
    return status
