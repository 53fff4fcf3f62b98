"""The plan's entry points and what every plan page shares: scoped loading, section navigation, rights."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ..models import Membership, Plan, PlanVersion, Programme, Role
from ..services import has_role
from . import workflow

SECTIONS = [
    ("overview", gettext_lazy("Overzicht en goedkeuring"), "programmes:plan"),
    ("target", gettext_lazy("Streefbeeld"), "programmes:plan_target"),
    ("balance", gettext_lazy("Kansen en kosten"), "programmes:plan_balance"),
    ("actions", gettext_lazy("Actieplan"), "programmes:plan_actions"),
    ("follow_up", gettext_lazy("Opvolging"), "programmes:plan_follow_up"),
    ("versions", gettext_lazy("Versies"), "programmes:plan_versions"),
]


def load_plan(request, pk: int) -> Plan:
    """The plan, if the user may see its programme (404 otherwise)."""
    return get_object_or_404(
        Plan.objects.visible_to(request.user).select_related("programme__local_government"), pk=pk
    )


def load_version(request, pk: int) -> PlanVersion:
    return get_object_or_404(
        PlanVersion.objects.visible_to(request.user).select_related("plan__programme__local_government"),
        pk=pk,
    )


def plan_context(request, plan: Plan, section: str, *, version: PlanVersion | None = None, **extra) -> dict:
    """What every plan page needs: plan, programme, the version shown, navigation and the user's rights."""
    version = version or workflow.working_version(plan)
    lg = plan.programme.local_government
    nav = []
    for key, label, url_name in SECTIONS:
        try:
            nav.append(
                {
                    "key": key,
                    "label": label,
                    "url": reverse(url_name, args=[plan.pk]),
                    "active": key == section,
                }
            )
        except NoReverseMatch:
            continue
    roles = user_roles(request.user, lg)
    is_consultant = Role.CONSULTANT in roles
    return {
        "plan": plan,
        "programme": plan.programme,
        "version": version,
        "plan_nav": nav,
        "section": section,
        "is_consultant": is_consultant,
        "is_approver": Role.APPROVER in roles,
        "can_edit": is_consultant and version.state == PlanVersion.State.DRAFT,
        **extra,
    }


def user_roles(user, local_government) -> set[str]:
    """The user's roles in a local government, in one query (site admins hold them all)."""
    if user.is_superuser:
        return set(Role.values)
    return set(
        Membership.objects.filter(user=user, local_government=local_government).values_list("role", flat=True)
    )


@login_required
@require_http_methods(["GET", "POST"])
def start(request, pk: int):
    programme = get_object_or_404(
        Programme.objects.visible_to(request.user).select_related("local_government"), pk=pk
    )
    existing = Plan.objects.filter(programme=programme).first()
    if existing is not None:
        return redirect("programmes:plan", existing.pk)
    if request.method == "POST":
        version = workflow.plan_start(user=request.user, programme=programme)
        messages.success(request, _("Het streefbeeld en actieplan zijn gestart (versie 1, ontwerp)."))
        return redirect("programmes:plan", version.plan_id)
    can_start = has_role(request.user, programme.local_government, Role.CONSULTANT)
    return render(request, "programmes/plan/start.html", {"programme": programme, "can_start": can_start})
