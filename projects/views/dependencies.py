"""4. Dependencies and planning: the graph with the critical path, the Gantt, conflicts, what-if, and adding,
changing and removing dependencies."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from programmes.forms import apply_service_errors

from .. import services
from ..analysis import analyse, what_if
from ..charts import dependency_graph_svg, projects_gantt_svg
from ..forms import DependencyEditForm, DependencyForm, WhatIfForm
from ..models import Dependency, Project
from ..queries import programme_projects
from .common import (
    CONFLICTS_SHOWN,
    TEMPLATES,
    _conflicts,
    _context,
    _dependency_rows,
    _programme,
    _require_edit,
    _rows,
    cycle_hint,
    dependency_remove_form,
    dependency_table_body,
    schedule_table_body,
    weeks_text,
)

# --- 4. Dependencies and planning ------------------------------------------------------------------------


def _dependencies_page(request, programme, *, data=None, dep_form=None, status=200):
    data = data or programme_projects(programme, lean=True)
    analysis = analyse(data)
    can_edit = services.may_edit(request.user, programme)
    if can_edit and dep_form is None:
        dep_form = DependencyForm(projects=data.projects)
    # What-if: a GET form; nothing is saved.
    whatif_form = WhatIfForm(request.GET if "watals-project" in request.GET else None, projects=data.projects)
    whatif = None
    if whatif_form.is_bound and whatif_form.is_valid():
        chosen = whatif_form.cleaned_data["project"]
        result = what_if(
            data, project_id=chosen.pk, delay_weeks=whatif_form.cleaned_data["weeks"], base=analysis
        )
        whatif = {
            "result": result,
            "project": chosen,
            "moves": [
                {"move": m, "project": data.by_pk.get(m.project_id), "shift": weeks_text(m.shift_weeks)}
                for m in result.moved
            ],
            "end_shift": weeks_text(result.end_shift_weeks),
        }
    rows = _rows(data, analysis, details=False)
    dependency_rows = _dependency_rows(data, analysis)
    context = _context(
        request,
        programme,
        "dependencies",
        can_edit=can_edit,
        data=data,
        analysis=analysis,
        schedule_rows=schedule_table_body(rows),
        conflicts=_conflicts(data, analysis, CONFLICTS_SHOWN),
        n_conflicts=len(analysis.conflicts),
        n_more_conflicts=max(len(analysis.conflicts) - CONFLICTS_SHOWN, 0),
        dependencies=dependency_rows,
        dependency_rows=dependency_table_body(dependency_rows, can_edit=can_edit),
        remove_form=dependency_remove_form(get_token(request)) if can_edit else "",
        critical_path=[data.by_pk[pk] for pk in analysis.critical_path if pk in data.by_pk],
        graph=dependency_graph_svg(data.projects, data.dependencies, analysis),
        gantt=projects_gantt_svg(data.projects, data.dependencies, analysis, today=timezone.localdate()),
        dep_form=dep_form,
        whatif_form=whatif_form,
        whatif=whatif,
    )
    return render(request, TEMPLATES + "dependencies.html", context, status=status)


@login_required
@require_GET
def dependencies(request, pk: int):
    return _dependencies_page(request, _programme(request, pk))


@login_required
@require_POST
def dependency_add(request, pk: int):
    programme = _programme(request, pk)
    _require_edit(request, programme)
    data = programme_projects(programme, lean=True)
    form = DependencyForm(request.POST, projects=data.projects)
    if form.is_valid():
        chosen = Project.objects.filter(programme=programme).in_bulk(
            [form.cleaned_data["predecessor"].pk, form.cleaned_data["successor"].pk]
        )
        predecessor = chosen.get(form.cleaned_data["predecessor"].pk)
        successor = chosen.get(form.cleaned_data["successor"].pk)
        try:
            if predecessor is None or successor is None:  # removed since the page was read
                raise ValidationError(_("Een van beide projecten bestaat niet meer. Laad de pagina opnieuw."))
            services.dependency_add(
                user=request.user,
                predecessor=predecessor,
                successor=successor,
                **form.terms(),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            cycle_hint(form, error)
        else:
            messages.success(
                request,
                _("‘%(b)s’ heeft nu ‘%(a)s’ nodig.") % {"b": successor.title, "a": predecessor.title},
            )
            return redirect(reverse("projects:dependencies", args=[programme.pk]) + "#graaf")
    return _dependencies_page(request, programme, data=data, dep_form=form, status=400)


def _dependency(request, pk: int) -> Dependency:
    return get_object_or_404(
        Dependency.objects.visible_to(request.user).select_related(
            "programme__local_government", "predecessor", "successor"
        ),
        pk=pk,
    )


def _back(request, dependency: Dependency) -> str:
    """Back where the button was: the project page (terug=project-<pk> of either end) or the analysis."""
    back = request.POST.get("terug", "")
    for project_id in (dependency.predecessor_id, dependency.successor_id):
        if back == f"project-{project_id}":
            return reverse("projects:project_detail", args=[project_id]) + "#afhankelijkheden"
    return reverse("projects:dependencies", args=[dependency.programme_id]) + "#lijst"


def _back_get(request, dependency: Dependency) -> str:
    """_back for a GET form: the `terug` value travels as a query parameter, then as a hidden field."""
    back = request.GET.get("terug", "") or request.POST.get("terug", "")
    if back in (f"project-{dependency.predecessor_id}", f"project-{dependency.successor_id}"):
        return back
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def dependency_edit(request, pk: int):
    dependency = _dependency(request, pk)
    programme = dependency.programme
    _require_edit(request, programme)
    initial = {"kind": dependency.kind, "lag_weeks": dependency.lag_weeks, "note": dependency.note}
    form = DependencyEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.dependency_update(user=request.user, dependency=dependency, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("De afhankelijkheid ‘%(b)s’ heeft ‘%(a)s’ nodig is bewaard.")
                % {"b": dependency.successor.title, "a": dependency.predecessor.title},
            )
            return redirect(_back(request, dependency))
    context = _context(
        request,
        programme,
        "dependencies",
        can_edit=True,
        form=form,
        dependency=dependency,
        back=_back_get(request, dependency),
    )
    return render(request, TEMPLATES + "dependency_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def dependency_remove(request, pk: int):
    dependency = _dependency(request, pk)
    _require_edit(request, dependency.programme)
    back = _back(request, dependency)
    services.dependency_remove(user=request.user, dependency=dependency)
    messages.success(
        request,
        _("‘%(b)s’ hangt niet meer af van ‘%(a)s’.")
        % {"b": dependency.successor.title, "a": dependency.predecessor.title},
    )
    return redirect(back)
