"""The plan's overview and approval workflow, its versions, their comparison and the plan PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from programmes.forms import apply_service_errors, pk_in_range

from ..models import Plan, PlanEvent, PlanVersion
from . import workflow
from .compare import compare
from .document import latest_plan_job, plan_content, plan_pdf_request
from .forms_workflow import DecisionForm
from .views_core import load_plan, load_version, plan_context

State = PlanVersion.State


def _last_rejection(version: PlanVersion) -> PlanEvent | None:
    """The director's rejection, if it is the last decision about this draft."""
    if version.state != State.DRAFT:
        return None
    event = (
        version.events.filter(kind__in=[PlanEvent.Kind.SUBMITTED, PlanEvent.Kind.REJECTED])
        .select_related("user")
        .order_by("-at", "-pk")
        .first()
    )
    return event if event is not None and event.kind == PlanEvent.Kind.REJECTED else None


def _overview_context(request, plan: Plan, *, decision_form: DecisionForm | None = None) -> dict:
    context = plan_context(request, plan, "overview")
    version = context["version"]
    user = request.user
    is_consultant, is_approver = context["is_consultant"], context["is_approver"]
    submitted_by_me = version.submitted_by_id == user.pk
    can_decide = is_approver and version.state == State.SUBMITTED and not submitted_by_me
    context.update(
        {
            "problems": workflow.submission_problems(version) if version.state == State.DRAFT else [],
            "can_submit": is_consultant and version.state == State.DRAFT,
            "can_decide": can_decide,
            "own_submission": is_approver and version.state == State.SUBMITTED and submitted_by_me,
            "can_new_version": is_consultant and version.state == State.APPROVED,
            "decision_form": decision_form or (DecisionForm() if can_decide else None),
            "rejection": _last_rejection(version),
            "events": PlanEvent.objects.filter(version__plan=plan).select_related("user", "version"),
            "n_results": version.results.count(),
            "n_actions": version.actions.count(),
            "n_phases": version.phases.count(),
            "n_versions": plan.versions.count(),
            "approved": workflow.latest_approved(plan),
            "pdf_job": latest_plan_job(plan),
        }
    )
    return context


@login_required
@require_GET
def overview(request, pk: int):
    plan = load_plan(request, pk)
    return render(request, "programmes/plan/workflow/overview.html", _overview_context(request, plan))


def _error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_POST
def submit(request, pk: int):
    version = load_version(request, pk)
    try:
        workflow.plan_submit(user=request.user, version=version)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(
            request,
            _("Versie %(n)s is ingediend bij de algemeen directeur.") % {"n": version.number},
        )
    return redirect("programmes:plan", version.plan_id)


@login_required
@require_POST
def decide(request, pk: int):
    version = load_version(request, pk)
    workflow.require_approver(request.user, version.plan)
    form = DecisionForm(request.POST)
    if form.is_valid():
        comment = form.cleaned_data["comment"]
        try:
            if form.cleaned_data["decision"] == DecisionForm.APPROVE:
                workflow.plan_approve(user=request.user, version=version, comment=comment)
                messages.success(request, _("Versie %(n)s is goedgekeurd.") % {"n": version.number})
            else:
                workflow.plan_reject(user=request.user, version=version, comment=comment)
                messages.success(
                    request,
                    _("Versie %(n)s is afgekeurd en gaat terug naar de consultant.") % {"n": version.number},
                )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):  # not about the comment: e.g. no longer submitted
                _error_messages(request, error)
                return redirect("programmes:plan", version.plan_id)
            apply_service_errors(form, error)
        else:
            return redirect("programmes:plan", version.plan_id)
    context = _overview_context(request, version.plan, decision_form=form)
    return render(request, "programmes/plan/workflow/overview.html", context)


@login_required
@require_POST
def new_version(request, pk: int):
    plan = load_plan(request, pk)
    try:
        version = workflow.plan_new_version(user=request.user, plan=plan)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(
            request,
            _("Versie %(n)s is gestart als ontwerp. Na uw wijzigingen dient u ze opnieuw in.")
            % {"n": version.number},
        )
    return redirect("programmes:plan", plan.pk)


def _versions(plan: Plan):
    rejections = PlanEvent.objects.filter(version=OuterRef("pk"), kind=PlanEvent.Kind.REJECTED).order_by(
        "-at", "-pk"
    )
    return (
        plan.versions.select_related("created_by", "submitted_by", "approved_by")
        .annotate(last_rejection=Subquery(rejections.values("comment")[:1]))
        .order_by("-number")
    )


@login_required
@require_GET
def versions(request, pk: int):
    plan = load_plan(request, pk)
    version_list = list(_versions(plan))
    context = plan_context(request, plan, "versions")
    approved = next((v for v in version_list if v.state == State.APPROVED), None)
    default_a = approved or (version_list[-1] if version_list else None)
    context.update(
        {
            "versions": version_list,
            "default_a": default_a.pk if default_a else None,
            "default_b": context["version"].pk,
        }
    )
    return render(request, "programmes/plan/workflow/versions.html", context)


def _chosen(versions: list[PlanVersion], value: str | None, default: PlanVersion) -> PlanVersion:
    """The version of this plan picked in the form (by pk), else the default; 404 for anything else."""
    if value is None or value == "":
        return default
    if not pk_in_range(value):
        raise Http404
    pk = int(value.strip())
    for version in versions:
        if version.pk == pk:
            return version
    raise Http404


@login_required
@require_GET
def compare_versions(request, pk: int):
    plan = load_plan(request, pk)
    # The versions once (a plan has a handful): the defaults, the choice and the form's lists come from it.
    versions = list(plan.versions.select_related("submitted_by").order_by("-number"))
    if not versions:
        raise Http404
    working = next((v for v in versions if v.state in (State.DRAFT, State.SUBMITTED)), versions[0])
    default_a = next((v for v in versions if v.state == State.APPROVED), working)
    if default_a.pk == working.pk:
        default_a = next((v for v in versions if v.pk != working.pk), working)
    left = _chosen(versions, request.GET.get("a"), default_a)
    right = _chosen(versions, request.GET.get("b"), working)
    for version in (left, right):
        version.plan = plan  # the versions hang off the plan already loaded
    diffs = compare(left, right)
    context = plan_context(request, plan, "versions", version=working)
    context.update(
        {
            "left": left,
            "right": right,
            "diffs": diffs,
            "any_change": any(d.changed for d in diffs),
            "versions": versions,
        }
    )
    return render(request, "programmes/plan/workflow/compare.html", context)


@login_required
@require_GET
def version_detail(request, pk: int):
    version = load_version(request, pk)
    plan = version.plan
    context = plan_context(request, plan, "versions", version=version)
    context.update(plan_content(version))
    context["events"] = version.events.select_related("user")
    context["working"] = workflow.working_version(plan)
    return render(request, "programmes/plan/workflow/version_detail.html", context)


@login_required
@require_POST
def pdf(request, pk: int):
    version = load_version(request, pk)
    job = plan_pdf_request(user=request.user, version=version)
    if request.htmx:
        return render(request, "documents/partials/job_status.html", {"job": job})
    messages.info(request, _("Het plan wordt opgemaakt als PDF."))
    return redirect("programmes:plan", version.plan_id)
