"""Confirming (or overriding) the advice on the cooperation scenario."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from programmes.models import Scenario
from programmes.services import programme_set_scenario

from ..advice import scenario_advice
from ..models import Scan
from ..results import scan_results
from .core import require_consultant, require_draft

MAX_REASON_LENGTH = 5000


@transaction.atomic
def scan_confirm_scenario(*, user, scan: Scan, scenario: str, reason: str = "") -> Scan:
    """Record the scenario the consultant chooses; a choice other than the advice needs a reason.

    The advice is computed here from the scan as it is now, never taken from the request. The programme
    gets the same scenario, so its page and the next step show it.
    """
    scan = Scan.objects.select_for_update().select_related("programme__local_government").get(pk=scan.pk)
    require_consultant(user, scan)
    require_draft(scan)
    reason = (reason or "").strip()
    if scenario not in Scenario.values:
        raise ValidationError({"scenario": _("Kies een van de vier samenwerkingsscenario's.")})
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError(
            {"reason": _("Houd de motivering korter dan %(n)s tekens.") % {"n": MAX_REASON_LENGTH}}
        )
    advice = scenario_advice(scan_results(scan))
    if not reason:
        if not advice.has_advice:
            raise ValidationError(
                {"reason": _("Er is nog geen advies: geef aan waarom u voor dit scenario kiest.")}
            )
        if scenario != advice.scenario:
            raise ValidationError({"reason": _("Geef aan waarom u afwijkt van het advies.")})
    scan.confirmed_scenario = scenario
    scan.scenario_reason = reason
    scan.confirmed_by = user
    scan.confirmed_at = timezone.now()
    scan.version += 1
    scan._history_user = user
    scan.save()
    programme_set_scenario(
        user=user,
        programme=scan.programme,
        scenario=scenario,
        reason=reason or _("Scenario volgens het advies van de organisatiescan"),
    )
    return scan
