"""The scan's entry points and what every scan page shares: loading through the scoping helpers,
the section navigation, and whether the user may edit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from programmes.models import Programme, Role
from programmes.services import has_role

from ..models import Scan
from ..progress import load as progress_load
from ..services import core as services

SECTIONS = [
    ("overview", gettext_lazy("Overzicht"), "scans:overview"),
    ("interviews", gettext_lazy("Interviews"), "scans:interviews"),
    ("survey", gettext_lazy("Personeelsbevraging"), "scans:survey"),
    ("services", gettext_lazy("Ondersteunende diensten"), "scans:services"),
    ("results", gettext_lazy("Resultaten en rapport"), "scans:results"),
]


def load_scan(request, pk: int, *, edit: bool = False) -> Scan:
    """The scan, if the user may see it (404 otherwise); with edit=True also a consultant (403 otherwise)."""
    scan = get_object_or_404(
        Scan.objects.visible_to(request.user).select_related("programme__local_government"), pk=pk
    )
    if edit:
        services.require_consultant(request.user, scan)
    return scan


def scan_context(request, scan: Scan, section: str, **extra) -> dict:
    """What every scan page needs: the scan, its programme, the section navigation, the user's rights."""
    nav = []
    for key, label, url_name in SECTIONS:
        try:
            nav.append(
                {
                    "key": key,
                    "label": label,
                    "url": reverse(url_name, args=[scan.pk]),
                    "active": key == section,
                }
            )
        except NoReverseMatch:
            continue
    return {
        "scan": scan,
        "programme": scan.programme,
        "scan_nav": nav,
        "section": section,
        "can_edit": has_role(request.user, scan.programme.local_government, Role.CONSULTANT),
        "is_draft": scan.state == Scan.State.DRAFT,
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def start(request, pk: int):
    programme = get_object_or_404(
        Programme.objects.visible_to(request.user).select_related("local_government"), pk=pk
    )
    existing = Scan.objects.filter(programme=programme).first()
    if existing is not None:
        return redirect("scans:overview", existing.pk)
    if request.method == "POST":
        scan = services.scan_start(user=request.user, programme=programme)
        messages.success(
            request, _("De organisatiescan is gestart met de standaardleidraad, -bevraging en -diensten.")
        )
        return redirect("scans:overview", scan.pk)
    can_start = has_role(request.user, programme.local_government, Role.CONSULTANT)
    return render(request, "scans/start.html", {"programme": programme, "can_start": can_start})


@login_required
@require_GET
def overview(request, pk: int):
    scan = load_scan(request, pk)
    counts = scan.questions.aggregate(
        n_questions=Count("pk"), n_scored=Count("pk", filter=Q(asks_score=True))
    )
    progress_load([scan.programme])
    progress = scan.programme._scan_progress
    return render(
        request,
        "scans/overview.html",
        scan_context(request, scan, "overview", counts=counts, progress=progress),
    )


@login_required
@require_POST
def finalise(request, pk: int):
    scan = load_scan(request, pk, edit=True)
    try:
        services.scan_finalise(user=request.user, scan=scan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De scan is afgerond. Het rapport verschijnt zonder ONTWERP-markering."))
    return redirect("scans:overview", scan.pk)


@login_required
@require_POST
def reopen(request, pk: int):
    scan = load_scan(request, pk, edit=True)
    try:
        services.scan_reopen(user=request.user, scan=scan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De scan is heropend en kan weer wijzigen."))
    return redirect("scans:overview", scan.pk)
