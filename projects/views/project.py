"""3. A project: its details (optimistically locked), the plan actions it carries out, its dependencies."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from programmes.formatting import format_euro
from programmes.forms import apply_service_errors
from programmes.services import StaleEditError

from .. import services
from ..analysis import analyse
from ..charts import person
from ..forms import ProjectDependencyForm, ProjectForm, VersionField
from ..history import LIMIT as HISTORY_LIMIT
from ..history import project_history
from ..models import Dependency, Project
from ..queries import programme_projects
from .common import TEMPLATES, _conflicts, _context, _project, _require_edit, cycle_hint, keep_stale

# --- 3. A project ----------------------------------------------------------------------------------------


def _project_page(request, project: Project, *, form=None, dep_form=None, stale=None, status=200):
    programme = project.programme
    data = programme_projects(programme)
    analysis = analyse(data)
    can_edit = services.may_edit(request.user, programme)
    current = data.by_pk.get(project.pk, project)
    if can_edit:
        form = form or ProjectForm(programme=programme, initial=ProjectForm.initial_from(current))
        dep_form = dep_form or ProjectDependencyForm(project=project, projects=data.projects)
    conflicts = {c["conflict"].project_id: c for c in _conflicts(data, analysis)}
    critical = analysis.critical_edges
    needs = [
        {
            "dependency": d,
            "other": data.by_pk.get(d.predecessor_id),
            "critical": (d.predecessor_id, d.successor_id) in critical,
        }
        for d in data.predecessors(project.pk)
    ]
    needed_by = [
        {
            "dependency": d,
            "other": data.by_pk.get(d.successor_id),
            "critical": (d.predecessor_id, d.successor_id) in critical,
        }
        for d in data.successors(project.pk)
    ]
    context = _context(
        request,
        programme,
        "overview",
        can_edit=can_edit,
        project=current,
        schedule=analysis.schedules.get(project.pk),
        conflict=conflicts.get(project.pk),
        actions=list(current.actions.all()),
        budget=format_euro(current.budget) if current.budget is not None else "",
        leader=person(current.leader, current.leader_name),
        needs=needs,
        needed_by=needed_by,
        form=form,
        dep_form=dep_form,
        stale=stale,
        history=project_history(
            project,
            titles={p.pk: p.title for p in data.projects},
            group_names={g.pk: g.name for g in data.groups},
        ),
        history_limit=HISTORY_LIMIT,
    )
    return render(request, TEMPLATES + "project.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def project_detail(request, pk: int):
    project = _project(request, pk)
    if request.method == "GET":
        return _project_page(request, project)
    programme = project.programme
    _require_edit(request, programme)
    # The values the page showed: whichever of end and duration the user changed decides the other.
    form = ProjectForm(request.POST, programme=programme, initial=ProjectForm.initial_from(project))
    stale = None
    if form.is_valid():
        expected = form.cleaned_data["version"]
        try:
            project = services.project_update(
                user=request.user,
                project=project,
                expected_version=expected if expected is not None else project.version,
                **form.project_data(),
            )
        except StaleEditError as error:
            stale = error
            keep_stale(form, project)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het project ‘%(title)s’ is bewaard.") % {"title": project.title})
            return redirect("projects:project_detail", project.pk)
    return _project_page(request, project, form=form, stale=stale, status=409 if stale else 400)


@login_required
@require_http_methods(["GET", "POST"])
def project_delete(request, pk: int):
    project = _project(request, pk)
    programme = project.programme
    _require_edit(request, programme)
    if request.method == "POST":
        title = project.title
        services.project_delete(user=request.user, project=project)
        messages.success(request, _("Het project ‘%(title)s’ is verwijderd.") % {"title": title})
        return redirect("projects:overview", programme.pk)
    n_dependencies = (
        Dependency.objects.filter(predecessor=project).count()
        + Dependency.objects.filter(successor=project).count()
    )
    context = _context(
        request, programme, "overview", can_edit=True, project=project, n_dependencies=n_dependencies
    )
    return render(request, TEMPLATES + "project_confirm_delete.html", context)


@login_required
@require_POST
def project_dependency_add(request, pk: int):
    project = _project(request, pk)
    programme = project.programme
    _require_edit(request, programme)
    data = programme_projects(programme)
    form = ProjectDependencyForm(request.POST, project=project, projects=data.projects)
    if form.is_valid():
        predecessor, successor = form.ends()
        try:
            services.dependency_add(
                user=request.user,
                predecessor=predecessor,
                successor=successor,
                **form.terms(),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                error = ValidationError(
                    {
                        "other" if k in ("predecessor", "successor") else k: v
                        for k, v in error.error_dict.items()
                    }
                )
            apply_service_errors(form, error)
            cycle_hint(form, error)
        else:
            messages.success(
                request,
                _("‘%(b)s’ heeft nu ‘%(a)s’ nodig.") % {"b": successor.title, "a": predecessor.title},
            )
            return redirect(reverse("projects:project_detail", args=[project.pk]) + "#afhankelijkheden")
    return _project_page(request, project, dep_form=form, status=400)


RESOLVE_BACK = {"overzicht": "projects:overview", "afhankelijkheden": "projects:dependencies"}


@login_required
@require_POST
def project_resolve_conflict(request, pk: int):
    """Resolve a schedule conflict the simple way: plan the project's start where its dependencies allow.

    The date is computed here from the stored data, never taken from the form; the project's version
    from the form guards against a colleague's edit in between. The successors' forecasts do not move
    (they already counted with this start), so no new conflict arises."""
    project = _project(request, pk)
    programme = project.programme
    _require_edit(request, programme)
    back = request.POST.get("terug", "")
    if back in RESOLVE_BACK:
        back_url = reverse(RESOLVE_BACK[back], args=[programme.pk]) + "#conflicten"
    else:
        back_url = reverse("projects:project_detail", args=[project.pk])
    analysis = analyse(programme_projects(programme, lean=True))
    conflict = next((c for c in analysis.conflicts if c.project_id == project.pk), None)
    if conflict is None:
        messages.info(request, _("‘%(title)s’ heeft geen planningsconflict meer.") % {"title": project.title})
        return redirect(back_url)
    version = VersionField().clean(request.POST.get("version"))
    try:
        services.project_update(
            user=request.user,
            project=project,
            expected_version=version if version is not None else project.version,
            planned_start=conflict.allowed_start,
        )
    except StaleEditError:
        messages.warning(
            request,
            _(
                "Een collega heeft ‘%(title)s’ intussen gewijzigd; er is niets verschoven. Bekijk het "
                "project en los het conflict opnieuw op."
            )
            % {"title": project.title},
        )
        return redirect("projects:project_detail", project.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back_url)
    messages.success(
        request,
        _("De geplande start van ‘%(title)s’ is nu %(date)s: het planningsconflict is opgelost.")
        % {"title": project.title, "date": conflict.allowed_start.strftime("%d/%m/%Y")},
    )
    return redirect(back_url)
