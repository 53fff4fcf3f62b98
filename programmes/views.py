"""Thin views: load through the scoping helpers, call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import documents, queries, services
from .forms import (
    InvitationForm,
    LocalGovernmentForm,
    ProgrammeForm,
    apply_service_errors,
    carry_stored_version,
)
from .models import LocalGovernment, Programme, Role
from .steps import next_action, preload

# --- Dashboard and programmes ---------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request):
    programmes = list(queries.dashboard_programmes(request.user))
    preload(programmes)
    for programme in programmes:
        programme.next_action = next_action(programme)
    consultant_lgs = LocalGovernment.objects.with_role(request.user, Role.CONSULTANT)
    return render(
        request,
        "programmes/dashboard.html",
        {
            "programmes": programmes,
            "can_create": consultant_lgs.exists(),
        },
    )


@login_required
@require_GET
def programme_detail(request, pk: int):
    programme = get_object_or_404(
        Programme.objects.visible_to(request.user).select_related("local_government"), pk=pk
    )
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "consultants": list(programme.consultants.all()),
            "people": queries.programme_people(programme),
            "history": queries.programme_history(programme),
            "summary_job": documents.latest_summary_job(programme),
            "can_edit": services.has_role(request.user, programme.local_government, Role.CONSULTANT),
            **queries.programme_overview(programme),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request):
    if not LocalGovernment.objects.with_role(request.user, Role.CONSULTANT).exists():
        raise PermissionDenied(_("Alleen consultants kunnen een traject starten."))
    initial = {"consultants": [request.user.pk], "step": 1}
    if request.GET.get("bestuur", "").isascii() and request.GET.get("bestuur", "").isdigit():
        initial["local_government"] = int(request.GET["bestuur"])
    form = ProgrammeForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programme = services.programme_create(
                user=request.user,
                local_government=data["local_government"],
                title=data["title"],
                description=data["description"],
                start_date=data["start_date"],
                scenario=data["scenario"],
                step=data["step"],
                consultants=data["consultants"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het traject is aangemaakt."))
            return redirect(programme)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": None})


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request, pk: int):
    programme = get_object_or_404(
        Programme.objects.visible_to(request.user).select_related("local_government"), pk=pk
    )
    services.require_role(request.user, programme.local_government, Role.CONSULTANT)
    initial = {
        "title": programme.title,
        "description": programme.description,
        "start_date": programme.start_date,
        "scenario": programme.scenario,
        "step": programme.step,
        "consultants": list(programme.consultants.values_list("pk", flat=True)),
        "version": programme.version,
    }
    form = ProgrammeForm(
        request.POST or None, user=request.user, local_government=programme.local_government, initial=initial
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.programme_update(
                user=request.user,
                programme=programme,
                expected_version=data.get("version") or programme.version,
                consultants=data["consultants"],
                **{name: data[name] for name in services.PROGRAMME_FIELDS},
            )
        except services.StaleEditError as error:
            stale = error
            carry_stored_version(form, Programme.objects.get(pk=programme.pk).version)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(programme)
    return render(
        request, "programmes/programme_form.html", {"form": form, "programme": programme, "stale": stale}
    )


@login_required
@require_POST
def programme_summary_request(request, pk: int):
    programme = get_object_or_404(
        Programme.objects.visible_to(request.user).select_related("local_government"), pk=pk
    )
    job = documents.summary_request(user=request.user, programme=programme)
    if request.htmx:
        return render(request, "documents/partials/job_status.html", {"job": job})
    messages.info(request, _("De samenvatting wordt opgemaakt."))
    return redirect(programme)


# --- Local governments and members ----------------------------------------------------------------


@login_required
@require_GET
def local_government_list(request):
    lgs = LocalGovernment.objects.visible_to(request.user).prefetch_related("programmes").order_by("name")
    return render(
        request,
        "programmes/local_government_list.html",
        {"local_governments": lgs, "can_create": services.can_create_local_government(request.user)},
    )


@login_required
@require_GET
def local_government_detail(request, pk: int):
    lg = get_object_or_404(LocalGovernment.objects.visible_to(request.user), pk=pk)
    return render(
        request,
        "programmes/local_government_detail.html",
        {
            "lg": lg,
            "members": list(
                lg.memberships.select_related("user", "invited_by").order_by("role", "user__last_name")
            ),
            "programmes": list(lg.programmes.order_by("-start_date")),
            "can_manage": services.has_role(request.user, lg, Role.CONSULTANT),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def local_government_create(request):
    if not services.can_create_local_government(request.user):
        raise PermissionDenied(_("Alleen consultants kunnen een lokaal bestuur toevoegen."))
    form = LocalGovernmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lg = services.local_government_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("%(lg)s is toegevoegd. U bent er consultant.") % {"lg": lg.name})
            return redirect(lg)
    return render(request, "programmes/local_government_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def membership_invite(request, pk: int):
    lg = get_object_or_404(LocalGovernment.objects.visible_to(request.user), pk=pk)
    services.require_role(request.user, lg, Role.CONSULTANT)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_invite(
                user=request.user,
                local_government=lg,
                base_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is uitgenodigd als %(role)s. De uitnodiging is verstuurd naar %(email)s.")
                % {
                    "name": membership.user.get_full_name(),
                    "role": membership.get_role_display().lower(),
                    "email": membership.user.email,
                },
            )
            return redirect(lg)
    return render(request, "programmes/invitation_form.html", {"form": form, "lg": lg})


# --- Static pages and errors ----------------------------------------------------------------------


@require_GET
def accessibility_statement(request):
    return render(request, "pages/accessibility.html")


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", {"reason": str(exception) if exception else ""}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
