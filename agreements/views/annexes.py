"""The annexes of a version: the shared services with their cost allocation key, the staff made available."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from programmes.forms import apply_service_errors
from programmes.services import StaleEditError

from .. import services
from ..document import annex_content
from ..forms import AnnexServiceForm, AnnexStaffForm
from ..models import AgreementVersion
from .core import (
    error_messages,
    load_annex_service,
    load_annex_staff,
    load_version,
    user_roles,
    version_flags,
)
from .drafting import _editable, stale_context

SERVICE_FIELDS = ("service", "provider", "gemeente_share", "allocation_basis", "note")
STAFF_FIELDS = ("name", "function", "employer", "service", "fte", "since")


def _annex_url(version: AgreementVersion, anchor: str = "") -> str:
    url = reverse("agreements:annexes", args=[version.pk])
    return f"{url}#{anchor}" if anchor else url


def _page(request, version, *, service_form=None, staff_form=None):
    roles = user_roles(request.user, version.agreement.programme.local_government)
    return render(
        request,
        "agreements/annexes.html",
        {
            "version": version,
            "agreement": version.agreement,
            "programme": version.agreement.programme,
            **annex_content(version),
            "service_form": service_form or AnnexServiceForm(initial={"provider": "gemeente"}),
            "staff_form": staff_form or AnnexStaffForm(),
            "section": "annexes",
            **version_flags(version, roles, request.user),
        },
    )


@login_required
@require_GET
def annexes(request, pk: int):
    return _page(request, load_version(request, pk))


@login_required
@require_POST
def service_add(request, pk: int):
    version = load_version(request, pk)
    if response := _editable(request, version):
        return response
    form = AnnexServiceForm(request.POST)
    if form.is_valid():
        data = {name: form.cleaned_data[name] for name in SERVICE_FIELDS}
        try:
            services.annex_service_add(user=request.user, version=version, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("De dienst “%(name)s” staat in de bijlage.") % {"name": data["service"]}
            )
            return redirect(_annex_url(version, "bijlage-1"))
    return _page(request, version, service_form=form)


@login_required
@require_POST
def staff_add(request, pk: int):
    version = load_version(request, pk)
    if response := _editable(request, version):
        return response
    form = AnnexStaffForm(request.POST)
    if form.is_valid():
        data = {name: form.cleaned_data[name] for name in STAFF_FIELDS}
        try:
            services.annex_staff_add(user=request.user, version=version, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s staat in de bijlage.") % {"name": data["name"]})
            return redirect(_annex_url(version, "bijlage-2"))
    return _page(request, version, staff_form=form)


def _edit(request, obj, form_class, fields, update, template_title, anchor):
    version = obj.version
    if response := _editable(request, version):
        return response
    initial = {name: getattr(obj, name) for name in fields}
    initial["edit_version"] = obj.edit_version
    form = form_class(request.POST or None, initial=initial)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in fields}
        try:
            update(user=request.user, expected_edit_version=form.cleaned_data.get("edit_version"), **data)
        except StaleEditError as error:
            stale = stale_context(error)
            form.data = form.data.copy()
            form.data["edit_version"] = str(type(obj).objects.get(pk=obj.pk).edit_version)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De bijlage is bijgewerkt."))
            return redirect(_annex_url(version, anchor))
    return render(
        request,
        "agreements/annex_form.html",
        {
            "version": version,
            "agreement": version.agreement,
            "programme": version.agreement.programme,
            "is_consultant": True,
            "form": form,
            "stale": stale,
            "form_title": template_title,
            "back_url": _annex_url(version, anchor),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, pk: int):
    obj = load_annex_service(request, pk)
    title = _("Dienst in de bijlage")
    return _edit(request, obj, AnnexServiceForm, SERVICE_FIELDS, _service_update(obj), title, "bijlage-1")


def _service_update(obj):
    def update(*, user, expected_edit_version, **data):
        return services.annex_service_update(
            user=user, annex_service=obj, expected_edit_version=expected_edit_version, **data
        )

    return update


def _staff_update(obj):
    def update(*, user, expected_edit_version, **data):
        return services.annex_staff_update(
            user=user, annex_staff=obj, expected_edit_version=expected_edit_version, **data
        )

    return update


@login_required
@require_http_methods(["GET", "POST"])
def staff_edit(request, pk: int):
    obj = load_annex_staff(request, pk)
    return _edit(
        request,
        obj,
        AnnexStaffForm,
        STAFF_FIELDS,
        _staff_update(obj),
        _("Personeelslid in de bijlage"),
        "bijlage-2",
    )


@login_required
@require_POST
def service_remove(request, pk: int):
    obj = load_annex_service(request, pk)
    version = obj.version
    if response := _editable(request, version):
        return response
    try:
        services.annex_service_remove(user=request.user, annex_service=obj)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(
            request, _("De dienst “%(name)s” is uit de bijlage gehaald.") % {"name": obj.service}
        )
    return redirect(_annex_url(version, "bijlage-1"))


@login_required
@require_POST
def staff_remove(request, pk: int):
    obj = load_annex_staff(request, pk)
    version = obj.version
    if response := _editable(request, version):
        return response
    try:
        services.annex_staff_remove(user=request.user, annex_staff=obj)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _("%(name)s is uit de bijlage gehaald.") % {"name": obj.name})
    return redirect(_annex_url(version, "bijlage-2"))
