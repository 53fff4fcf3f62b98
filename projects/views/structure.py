"""2. The steering structure: the one steering group, its members, the project groups and the org chart."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from programmes.forms import apply_service_errors
from programmes.services import StaleEditError

from .. import services
from ..charts import org_chart_svg, org_units, person
from ..forms import ProjectGroupForm, SteeringGroupForm, SteeringMemberForm
from ..history import LIMIT as HISTORY_LIMIT
from ..history import structure_history
from ..models import ProjectGroup, SteeringMember
from ..queries import programme_projects
from .common import TEMPLATES, _context, _programme, _require_edit, keep_stale

# --- 2. The steering structure -----------------------------------------------------------------------


def _structure(request, programme, *, steering_form=None, member_form=None, group_form=None, status=200):
    data = programme_projects(programme)
    can_edit = services.may_edit(request.user, programme)
    steering = data.steering_group
    if can_edit:
        if steering_form is None:
            initial = (
                SteeringGroupForm.initial_from(steering)
                if steering
                else {"name": _("Stuurgroep"), "version": 1}
            )
            steering_form = SteeringGroupForm(programme=programme, initial=initial)
        member_form = member_form or SteeringMemberForm(programme=programme)
        group_form = group_form or ProjectGroupForm(programme=programme, prefix="groep")
    unit, groups, unplaced = org_units(data)
    context = _context(
        request,
        programme,
        "structure",
        can_edit=can_edit,
        data=data,
        steering=steering,
        members=steering.member_list if steering else [],
        chair=person(steering.chair, steering.chair_name) if steering else "",
        manager=person(steering.programme_manager, steering.programme_manager_name) if steering else "",
        groups=[
            {"group": g, "lead": person(g.lead, g.lead_name), "projects": g.project_list} for g in data.groups
        ],
        org_chart=org_chart_svg(unit, groups, unplaced),
        steering_form=steering_form,
        member_form=member_form,
        group_form=group_form,
        stale=getattr(steering_form, "stale", None),
        history=structure_history(programme, steering=steering),
        history_limit=HISTORY_LIMIT,
    )
    return render(request, TEMPLATES + "structure.html", context, status=status)


@login_required
@require_GET
def structure(request, pk: int):
    return _structure(request, _programme(request, pk))


@login_required
@require_POST
def steering_edit(request, pk: int):
    programme = _programme(request, pk)
    _require_edit(request, programme)
    form = SteeringGroupForm(request.POST, programme=programme)
    if form.is_valid():
        data = form.cleaned_data
        group = services.steering_group_get(programme=programme, user=request.user)
        try:
            services.steering_group_update(
                user=request.user,
                group=group,
                expected_version=data["version"] if data["version"] is not None else group.version,
                **{name: data[name] for name in services.STEERING_FIELDS},
            )
        except StaleEditError as error:
            form.stale = error
            keep_stale(form, group)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De stuurgroep is bewaard."))
            return redirect(reverse("projects:structure", args=[programme.pk]) + "#stuurgroep")
    return _structure(
        request, programme, steering_form=form, status=409 if getattr(form, "stale", None) else 400
    )


@login_required
@require_POST
def member_add(request, pk: int):
    programme = _programme(request, pk)
    _require_edit(request, programme)
    form = SteeringMemberForm(request.POST, programme=programme)
    if form.is_valid():
        data = form.cleaned_data
        try:
            member = services.steering_member_add(
                user=request.user,
                group=services.steering_group_get(programme=programme, user=request.user),
                member_user=data["member_user"],
                name=data["name"],
                function=data["function"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is lid van de stuurgroep.") % {"name": person(member.user, member.name)},
            )
            return redirect(reverse("projects:structure", args=[programme.pk]) + "#leden")
    return _structure(request, programme, member_form=form, status=400)


@login_required
@require_POST
def member_remove(request, pk: int):
    member = get_object_or_404(
        SteeringMember.objects.visible_to(request.user).select_related(
            "group__programme__local_government", "user"
        ),
        pk=pk,
    )
    programme = member.group.programme
    _require_edit(request, programme)
    name = person(member.user, member.name)
    services.steering_member_remove(user=request.user, member=member)
    messages.success(request, _("%(name)s is uit de stuurgroep verwijderd.") % {"name": name})
    return redirect(reverse("projects:structure", args=[programme.pk]) + "#leden")


@login_required
@require_POST
def group_add(request, pk: int):
    programme = _programme(request, pk)
    _require_edit(request, programme)
    form = ProjectGroupForm(request.POST, programme=programme, prefix="groep")
    if form.is_valid():
        data = form.cleaned_data
        try:
            group = services.project_group_create(
                user=request.user,
                programme=programme,
                name=data["name"],
                description=data["description"],
                lead=data["lead"],
                lead_name=data["lead_name"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De projectgroep ‘%(name)s’ is toegevoegd.") % {"name": group.name})
            return redirect(reverse("projects:structure", args=[programme.pk]) + f"#groep-{group.pk}")
    return _structure(request, programme, group_form=form, status=400)


def _group(request, pk: int) -> ProjectGroup:
    return get_object_or_404(
        ProjectGroup.objects.visible_to(request.user).select_related("programme__local_government", "lead"),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, pk: int):
    group = _group(request, pk)
    programme = group.programme
    _require_edit(request, programme)
    form = ProjectGroupForm(
        request.POST if request.method == "POST" else None,
        programme=programme,
        initial=ProjectGroupForm.initial_from(group),
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.project_group_update(
                user=request.user,
                group=group,
                expected_version=data["version"] if data["version"] is not None else group.version,
                name=data["name"],
                description=data["description"],
                lead=data["lead"],
                lead_name=data["lead_name"],
            )
        except StaleEditError as error:
            stale = error
            keep_stale(form, group)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De projectgroep ‘%(name)s’ is bewaard.") % {"name": data["name"]})
            return redirect(reverse("projects:structure", args=[programme.pk]) + f"#groep-{group.pk}")
    context = _context(request, programme, "structure", can_edit=True, form=form, group=group, stale=stale)
    status = 409 if stale else (400 if form.errors else 200)
    return render(request, TEMPLATES + "group_form.html", context, status=status)


@login_required
@require_POST
def group_delete(request, pk: int):
    group = _group(request, pk)
    programme = group.programme
    _require_edit(request, programme)
    name = group.name
    n = group.projects.count()
    services.project_group_delete(user=request.user, group=group)
    if n:
        messages.warning(
            request,
            _(
                "De projectgroep ‘%(name)s’ is verwijderd. Haar %(n)s projecten hebben nu geen plaats in de "
                "structuur: kies voor elk een andere projectgroep."
            )
            % {"name": name, "n": n},
        )
    else:
        messages.success(request, _("De projectgroep ‘%(name)s’ is verwijderd.") % {"name": name})
    return redirect(reverse("projects:structure", args=[programme.pk]))
