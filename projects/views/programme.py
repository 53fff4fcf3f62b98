"""1. The programme of projects: the projects table, new projects (also from actions of the approved plan)
and the overview PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from programmes.formatting import format_euro
from programmes.forms import apply_service_errors

from .. import services
from ..analysis import analyse
from ..document import latest_projects_job, projects_pdf_request
from ..forms import FromActionsForm, ProjectForm
from ..queries import programme_projects
from .common import (
    CONFLICTS_SHOWN,
    TEMPLATES,
    _conflicts,
    _context,
    _programme,
    _require_edit,
    _rows,
    projects_table_body,
)

# --- 1. The programme of projects -------------------------------------------------------------------


@login_required
@require_GET
def overview(request, pk: int):
    programme = _programme(request, pk)
    data = programme_projects(programme)
    analysis = analyse(data)
    rows = _rows(data, analysis)
    budgets = [p.budget for p in data.projects if p.budget is not None]
    total_budget = sum(budgets) if budgets else None
    context = _context(
        request,
        programme,
        "overview",
        data=data,
        analysis=analysis,
        rows=rows,
        table_rows=projects_table_body(rows),
        conflicts=_conflicts(data, analysis, CONFLICTS_SHOWN),
        n_conflicts=len(analysis.conflicts),
        n_more_conflicts=max(len(analysis.conflicts) - CONFLICTS_SHOWN, 0),
        critical_path=[data.by_pk[pk] for pk in analysis.critical_path if pk in data.by_pk],
        total_budget=format_euro(total_budget) if total_budget is not None else "",
        n_quick_wins=sum(1 for p in data.projects if p.quick_win),
        pdf_job=latest_projects_job(programme),
    )
    return render(request, TEMPLATES + "overview.html", context)


def _project_form_page(request, programme, form, *, status=200):
    context = _context(request, programme, "overview", form=form, can_edit=True)
    return render(request, TEMPLATES + "project_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def project_add(request, pk: int):
    programme = _programme(request, pk)
    _require_edit(request, programme)
    form = ProjectForm(request.POST if request.method == "POST" else None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(user=request.user, programme=programme, **form.project_data())
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het project ‘%(title)s’ is toegevoegd.") % {"title": project.title})
            return redirect("projects:project_detail", project.pk)
    return _project_form_page(request, programme, form, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def project_from_actions(request, pk: int):
    programme = _programme(request, pk)
    _require_edit(request, programme)
    form = FromActionsForm(request.POST if request.method == "POST" else None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create_from_actions(
                user=request.user,
                programme=programme,
                actions=list(form.cleaned_data["actions"]),
                title=form.cleaned_data["title"],
                group=form.cleaned_data["group"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Het project ‘%(title)s’ is gemaakt uit %(n)s acties van het plan.")
                % {"title": project.title, "n": project.actions.count()},
            )
            return redirect("projects:project_detail", project.pk)
    has_actions = form.fields["actions"].queryset.exists()
    context = _context(request, programme, "overview", form=form, can_edit=True, has_actions=has_actions)
    return render(request, TEMPLATES + "from_actions.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def pdf(request, pk: int):
    programme = _programme(request, pk)
    job = projects_pdf_request(user=request.user, programme=programme)
    if request.htmx:
        return render(request, "documents/partials/job_status.html", {"job": job})
    messages.info(request, _("Het programma van projecten wordt opgemaakt als PDF."))
    return redirect("projects:overview", programme.pk)
