"""The action plan pages: phases and actions with the Gantt chart, the follow-up dashboard with owners'
status updates, the Excel export and the milestone feed for agenda apps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..forms import apply_service_errors
from ..models import Action, Phase, Plan
from . import actions as services
from . import present
from .exports import actions_xlsx, milestones_ics
from .forms_actions import ActionForm, MoveForm, PhaseForm, StatusUpdateForm
from .gantt import gantt_svg
from .stale import StaleRowError, form_values, keep_typed
from .views_core import load_plan, load_version, plan_context
from .workflow import require_consultant, require_editable, working_version

SECTION = "actions"
TEMPLATES = "programmes/plan/actions/"


def _actions_url(plan_id: int, anchor: str = "") -> str:
    url = reverse("programmes:plan_actions", args=[plan_id])
    return f"{url}#{anchor}" if anchor else url


def _phase(request, pk: int) -> Phase:
    phase = get_object_or_404(
        Phase.objects.visible_to(request.user).select_related("version__plan__programme__local_government"),
        pk=pk,
    )
    require_consultant(request.user, phase.version.plan)
    return phase


def _action(request, pk: int, *, edit: bool = True) -> Action:
    action = get_object_or_404(
        Action.objects.visible_to(request.user).select_related(
            "version__plan__programme__local_government", "phase", "owner"
        ),
        pk=pk,
    )
    if edit:
        require_consultant(request.user, action.version.plan)
    return action


def _not_editable(request, version) -> HttpResponse | None:
    """Content changes only in a draft: elsewhere back to the action plan, with the reason."""
    try:
        require_editable(version)
    except ValidationError as error:
        messages.warning(request, " ".join(error.messages))
        return redirect(_actions_url(version.plan_id))
    return None


def _form_errors(request, form, error: ValidationError, plan_id: int) -> HttpResponse | None:
    """A refusal about fields lands on the form (None); one about the plan itself goes back to the plan."""
    if not hasattr(error, "error_dict"):
        return _refused(request, error, plan_id)
    apply_service_errors(form, error)
    return None


def _refused(request, error: ValidationError, plan_id: int, anchor: str = "") -> HttpResponse:
    messages.error(request, " ".join(error.messages))
    return redirect(_actions_url(plan_id, anchor))


# --- The action plan ------------------------------------------------------------------------------


@login_required
@require_GET
def plan_actions(request, pk: int):
    plan = load_plan(request, pk)
    context = plan_context(request, plan, SECTION)
    version = context["version"]
    rows = services.version_phases(version)
    n_actions = sum(len(r.actions) for r in rows)
    context.update(
        rows=present.action_rows(rows),
        marks=present.action_marks(),
        n_actions=n_actions,
        n_milestones=sum(1 for r in rows for a in r.actions if a.is_milestone),
        n_quick_wins=sum(1 for r in rows for a in r.actions if a.is_quick_win),
        gantt=gantt_svg(version, rows=rows),
        feed_url=request.build_absolute_uri(reverse("programmes:plan_calendar", args=[plan.feed_token])),
        today=timezone.localdate(),
    )
    return render(request, TEMPLATES + "actions.html", context)


# --- Phases ---------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def phase_add(request, pk: int):
    version = load_version(request, pk)
    plan = version.plan
    require_consultant(request.user, plan)
    if response := _not_editable(request, version):
        return response
    form = PhaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            phase = services.phase_add(user=request.user, version=version, **form_values(form)[0])
        except ValidationError as error:
            if refused := _form_errors(request, form, error, plan.pk):
                return refused
        else:
            messages.success(request, _("De fase ‘%(name)s’ is toegevoegd.") % {"name": phase.name})
            return redirect(_actions_url(plan.pk, f"fase-{phase.pk}"))
    context = plan_context(request, plan, SECTION, version=version, form=form, phase=None)
    return render(request, TEMPLATES + "phase_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def phase_edit(request, pk: int):
    phase = _phase(request, pk)
    version, plan = phase.version, phase.version.plan
    if response := _not_editable(request, version):
        return response
    initial = {"name": phase.name, "description": phase.description, "edit_version": phase.edit_version}
    form = PhaseForm(request.POST or None, initial=initial)
    stale = None
    if request.method == "POST" and form.is_valid():
        values, expected = form_values(form)
        try:
            saved = services.phase_edit(user=request.user, phase=phase, expected_version=expected, **values)
        except StaleRowError as error:
            stale = error
            keep_typed(form, error)
        except ValidationError as error:
            if refused := _form_errors(request, form, error, plan.pk):
                return refused
        else:
            messages.success(request, _("De fase ‘%(name)s’ is bewaard.") % {"name": saved.name})
            return redirect(_actions_url(plan.pk, f"fase-{phase.pk}"))
    context = plan_context(request, plan, SECTION, version=version, form=form, phase=phase, stale=stale)
    return render(request, TEMPLATES + "phase_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def phase_delete(request, pk: int):
    phase = _phase(request, pk)
    plan_id = phase.version.plan_id
    name = phase.name
    try:
        services.phase_delete(user=request.user, phase=phase)
    except ValidationError as error:
        return _refused(request, error, plan_id, f"fase-{phase.pk}")
    messages.success(request, _("De fase ‘%(name)s’ is verwijderd.") % {"name": name})
    return redirect(_actions_url(plan_id))


@login_required
@require_POST
def phase_move(request, pk: int):
    phase = _phase(request, pk)
    plan_id = phase.version.plan_id
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies of de fase naar boven of naar beneden gaat."))
        return redirect(_actions_url(plan_id))
    try:
        services.phase_move(user=request.user, phase=phase, direction=form.cleaned_data["direction"])
    except ValidationError as error:
        return _refused(request, error, plan_id)
    return redirect(_actions_url(plan_id, f"fase-{phase.pk}"))


# --- Actions --------------------------------------------------------------------------------------


def _save_action(request, form: ActionForm, *, version, phase: Phase | None, action: Action | None):
    """Run the service for a valid form; returns the action or None (errors on the form)."""
    data = form.action_data()
    chosen = form.cleaned_data["phase"]
    if action is None:
        return services.action_add(user=request.user, phase=chosen, data=data)
    expected = form.cleaned_data.get("edit_version")
    return services.action_edit(
        user=request.user, action=action, expected_version=expected, phase=chosen, data=data
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_add(request, pk: int):
    phase = _phase(request, pk)
    version, plan = phase.version, phase.version.plan
    if response := _not_editable(request, version):
        return response
    form = ActionForm(request.POST or None, version=version, initial={"phase": phase.pk})
    if request.method == "POST" and form.is_valid():
        try:
            action = _save_action(request, form, version=version, phase=phase, action=None)
        except ValidationError as error:
            if refused := _form_errors(request, form, error, plan.pk):
                return refused
        else:
            messages.success(request, _("De actie ‘%(title)s’ is toegevoegd.") % {"title": action.title})
            return redirect(_actions_url(plan.pk, f"actie-{action.pk}"))
    context = plan_context(request, plan, SECTION, version=version, form=form, phase=phase, action=None)
    return render(request, TEMPLATES + "action_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, pk: int):
    action = _action(request, pk)
    version, plan = action.version, action.version.plan
    if response := _not_editable(request, version):
        return response
    form = ActionForm(request.POST or None, version=version, initial=ActionForm.initial_from(action))
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save_action(request, form, version=version, phase=action.phase, action=action)
        except StaleRowError as error:
            stale = error
            keep_typed(form, error)
        except ValidationError as error:
            if refused := _form_errors(request, form, error, plan.pk):
                return refused
        else:
            messages.success(request, _("De actie ‘%(title)s’ is bewaard.") % {"title": saved.title})
            return redirect(_actions_url(plan.pk, f"actie-{action.pk}"))
    context = plan_context(
        request, plan, SECTION, version=version, form=form, phase=action.phase, action=action, stale=stale
    )
    return render(request, TEMPLATES + "action_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def action_delete(request, pk: int):
    action = _action(request, pk)
    version, plan = action.version, action.version.plan
    if response := _not_editable(request, version):
        return response
    if request.method == "POST":
        title = action.title
        try:
            services.action_delete(user=request.user, action=action)
        except ValidationError as error:
            return _refused(request, error, plan.pk)
        messages.success(request, _("De actie ‘%(title)s’ is verwijderd.") % {"title": title})
        return redirect(_actions_url(plan.pk, f"fase-{action.phase_id}"))
    context = plan_context(request, plan, SECTION, version=version, action=action)
    return render(request, TEMPLATES + "action_confirm_delete.html", context)


# --- Follow-up ------------------------------------------------------------------------------------


def _follow_up(request, plan: Plan, *, bound: tuple[int, StatusUpdateForm] | None = None, status: int = 200):
    version, carried_out = services.follow_up_version(plan)
    today = timezone.localdate()
    groups = services.follow_up_groups(version, today=today)
    context = plan_context(request, plan, "follow_up", version=version)
    sections = present.follow_up_sections(
        groups, user=request.user, is_consultant=context["is_consultant"], bound=bound
    )
    context.update(
        groups=groups, sections=sections, carried_out=carried_out, today=today, soon_days=services.SOON_DAYS
    )
    return render(request, TEMPLATES + "follow_up.html", context, status=status)


@login_required
@require_GET
def follow_up(request, pk: int):
    return _follow_up(request, load_plan(request, pk))


@login_required
@require_POST
def action_update(request, pk: int):
    action = _action(request, pk, edit=False)
    plan = action.version.plan
    services.require_status_updater(request.user, action, plan)
    form = StatusUpdateForm(request.POST, prefix=f"a{action.pk}")
    if form.is_valid():
        try:
            services.action_update_status(user=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De stand van ‘%(title)s’ is bijgewerkt.") % {"title": action.title})
            url = reverse("programmes:plan_follow_up", args=[plan.pk])
            return redirect(f"{url}#actie-{action.key}")
    return _follow_up(request, plan, bound=(action.pk, form), status=400)


# --- Exports --------------------------------------------------------------------------------------


@login_required
@require_GET
def export_xlsx(request, pk: int):
    plan = load_plan(request, pk)
    content = actions_xlsx(working_version(plan))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    slug = slugify(plan.programme.title) or f"plan-{plan.pk}"
    response["Content-Disposition"] = f'attachment; filename="actieplan-{slug}.xlsx"'
    return response


@require_GET
def calendar(request, token: str):
    """The milestone feed: no login (agenda apps cannot log in), the secret token is the key."""
    plan = Plan.objects.filter(feed_token=token).select_related("programme").first()
    if plan is None or not token:
        raise Http404(_("Deze agenda-link bestaat niet (meer)."))
    response = HttpResponse(milestones_ics(plan), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="mijlpalen.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
@require_POST
def feed_renew(request, pk: int):
    plan = load_plan(request, pk)
    services.feed_renew(user=request.user, plan=plan)
    messages.success(
        request,
        _("De agenda-link is vernieuwd. De vorige link werkt niet meer; deel de nieuwe link opnieuw."),
    )
    return redirect(_actions_url(plan.pk, "agenda"))
