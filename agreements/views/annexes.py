"""The annexes of a version: the shared services with their cost allocation key, the staff made available.

A draft's annexes are edited freely. On the latest adopted version the college keeps the staff list up to
date: a consultant adds, changes and removes rows, each change naming the college decision behind it
(services.annex_staff_college_*); everything else of that version stays frozen."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from programmes.forms import apply_service_errors
from programmes.services import StaleEditError

from .. import services
from ..document import annex_content
from ..forms import AnnexServiceForm, AnnexStaffCollegeForm, AnnexStaffForm, StaffCollegeRemoveForm
from ..models import AgreementVersion
from ..services.staff_list import person_label
from .core import (
    State,
    error_messages,
    load_annex_service,
    load_annex_staff,
    load_version,
    require_consultant,
    user_roles,
    version_flags,
)
from .drafting import _editable, draft_context, keep_stale

SERVICE_FIELDS = ("service", "provider", "gemeente_share", "allocation_basis", "note")
STAFF_FIELDS = ("name", "function", "employer", "service", "fte", "since")
DECISION_FIELDS = ("decision_date", "decision_reference")


def _annex_url(version: AgreementVersion, anchor: str = "") -> str:
    url = reverse("agreements:annexes", args=[version.pk])
    return f"{url}#{anchor}" if anchor else url


def _page(request, version, *, service_form=None, staff_form=None):
    roles = user_roles(request.user, version.agreement.programme.local_government)
    flags = version_flags(version, roles, request.user)
    adopted = version.state == State.ADOPTED
    can_update_staff = flags["is_consultant"] and adopted and not services.staff_list_refusal(version)
    if staff_form is None:
        staff_form = AnnexStaffCollegeForm() if can_update_staff else AnnexStaffForm()
    return render(
        request,
        "agreements/annexes.html",
        {
            "version": version,
            "agreement": version.agreement,
            "programme": version.agreement.programme,
            **annex_content(version),
            "service_form": service_form or AnnexServiceForm(initial={"provider": "gemeente"}),
            "staff_form": staff_form,
            "section": "annexes",
            **flags,
            "can_update_staff": can_update_staff,
            "staff_updates": services.staff_list_updates(version) if adopted else [],
            "newer_versions": list(
                version.agreement.versions.filter(number__gt=version.number).order_by("number")
            )
            if can_update_staff
            else [],
            **_updates_since_start(version, flags),
        },
    )


def _updates_since_start(version: AgreementVersion, flags: dict) -> dict:
    """For a newer version still on its way: the college's updates of the adopted version's staff list
    made after this version was started (its list is a copy and does not follow them)."""
    if version.state == State.ADOPTED or not (flags["is_consultant"] or flags["is_approver"]):
        return {}
    source = (
        version.agreement.versions.filter(state=State.ADOPTED, number__lt=version.number)
        .order_by("-number")
        .first()
    )
    if source is None:
        return {}
    updates = services.staff_list_updates(source, since=version.created_at)
    return {"updates_source": source, "updates_since_start": updates} if updates else {}


def _staff_mode(request, version: AgreementVersion):
    """("draft", None) on a draft, ("college", None) on the latest adopted version, else (None, response):
    403 for anyone but a consultant, back to the annexes with the reason for a version that is frozen."""
    if version.state != State.ADOPTED:
        response = _editable(request, version)
        return (None, response) if response else ("draft", None)
    require_consultant(request.user, version.agreement.programme.local_government)
    refusal = services.staff_list_refusal(version)
    if refusal:
        messages.warning(request, refusal)
        return None, redirect(_annex_url(version, "bijlage-2"))
    return "college", None


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
    mode, response = _staff_mode(request, version)
    if response:
        return response
    if mode == "college":
        form = AnnexStaffCollegeForm(request.POST)
        fields, add = STAFF_FIELDS + DECISION_FIELDS, services.annex_staff_college_add
    else:
        form = AnnexStaffForm(request.POST)
        fields, add = STAFF_FIELDS, services.annex_staff_add
    if form.is_valid():
        data = {name: form.cleaned_data[name] for name in fields}
        try:
            add(user=request.user, version=version, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s staat in de bijlage.") % {"name": data["name"]})
            return redirect(_annex_url(version, "bijlage-2"))
    return _page(request, version, staff_form=form)


def _edit(request, obj, form_class, fields, update, template_title, anchor, *, checked=False, intro=""):
    version = obj.version
    if not checked and (response := _editable(request, version)):
        return response
    initial = {name: getattr(obj, name, None) for name in fields}
    initial["edit_version"] = obj.edit_version
    form = form_class(request.POST or None, initial=initial)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in fields}
        try:
            update(user=request.user, expected_edit_version=form.cleaned_data.get("edit_version"), **data)
        except StaleEditError as error:
            stale = keep_stale(form, error, type(obj).objects.get(pk=obj.pk).edit_version)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De bijlage is bijgewerkt."))
            return redirect(_annex_url(version, anchor))
    return render(
        request,
        "agreements/annex_form.html",
        draft_context(
            version,
            form=form,
            stale=stale,
            form_title=template_title,
            back_url=_annex_url(version, anchor),
            intro=intro,
        ),
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


def _staff_college_update(obj):
    def update(*, user, expected_edit_version, **data):
        return services.annex_staff_college_update(
            user=user, annex_staff=obj, expected_edit_version=expected_edit_version, **data
        )

    return update


COLLEGE_INTRO = gettext_lazy(
    "Het college houdt deze lijst bij; een wijziging vraagt geen nieuwe beslissing van de raden. "
    "Vermeld de collegebeslissing die de wijziging toestaat."
)


@login_required
@require_http_methods(["GET", "POST"])
def staff_edit(request, pk: int):
    obj = load_annex_staff(request, pk)
    mode, response = _staff_mode(request, obj.version)
    if response:
        return response
    if mode == "college":
        return _edit(
            request,
            obj,
            AnnexStaffCollegeForm,
            STAFF_FIELDS + DECISION_FIELDS,
            _staff_college_update(obj),
            _("Personeelslid in de bijlage"),
            "bijlage-2",
            checked=True,
            intro=str(COLLEGE_INTRO),
        )
    return _edit(
        request,
        obj,
        AnnexStaffForm,
        STAFF_FIELDS,
        _staff_update(obj),
        _("Personeelslid in de bijlage"),
        "bijlage-2",
        checked=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_college_remove(request, pk: int):
    """Take a person off the adopted version's staff list, naming the college decision (a form, not a
    one-click button, since the decision must be given)."""
    obj = load_annex_staff(request, pk)
    version = obj.version
    mode, response = _staff_mode(request, version)
    if response:
        return response
    if mode != "college":
        messages.info(request, _("Op een ontwerp haalt u iemand gewoon uit de lijst met Verwijderen."))
        return redirect(_annex_url(version, "bijlage-2"))
    form = StaffCollegeRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.annex_staff_college_remove(
                user=request.user,
                annex_staff=obj,
                decision_date=form.cleaned_data["decision_date"],
                decision_reference=form.cleaned_data["decision_reference"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s is uit de personeelslijst geschrapt.") % {"name": obj.name})
            return redirect(_annex_url(version, "bijlage-2"))
    return render(
        request,
        "agreements/annex_form.html",
        draft_context(
            version,
            form=form,
            form_title=_("%(name)s schrappen uit de personeelslijst") % {"name": obj.name},
            intro=(
                _("%(person)s, %(function)s, in dienst van de gemeente.")
                if obj.employer == "gemeente"
                else _("%(person)s, %(function)s, in dienst van het OCMW.")
            )
            % {"person": person_label(obj.name, obj.fte, obj.service), "function": obj.function}
            + " "
            + str(COLLEGE_INTRO),
            back_url=_annex_url(version, "bijlage-2"),
            submit_label=_("Schrappen"),
            submit_danger=True,
        ),
    )


def _remove(request, obj, remove, done: str, anchor: str):
    """Take a row out of a draft's annex: `remove(obj)` the service call, `done` the success message."""
    version = obj.version
    if response := _editable(request, version):
        return response
    try:
        remove(obj)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, done)
    return redirect(_annex_url(version, anchor))


@login_required
@require_POST
def service_remove(request, pk: int):
    obj = load_annex_service(request, pk)
    return _remove(
        request,
        obj,
        lambda obj: services.annex_service_remove(user=request.user, annex_service=obj),
        _("De dienst “%(name)s” is uit de bijlage gehaald.") % {"name": obj.service},
        "bijlage-1",
    )


@login_required
@require_POST
def staff_remove(request, pk: int):
    obj = load_annex_staff(request, pk)
    return _remove(
        request,
        obj,
        lambda obj: services.annex_staff_remove(user=request.user, annex_staff=obj),
        _("%(name)s is uit de bijlage gehaald.") % {"name": obj.name},
        "bijlage-2",
    )
