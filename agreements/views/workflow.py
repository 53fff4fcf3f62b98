"""Submit, approve or reject for the council, record the two council decisions, adopt."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.forms import apply_service_errors
from programmes.models import Role

from .. import services
from ..forms import CouncilDecisionForm, DecisionForm, SubmitForm
from .agreement import agreement_page_context
from .core import error_messages, load_version, require_consultant, user_roles


def _back(version):
    return redirect("agreements:agreement_detail", version.agreement_id)


def _page(request, version, **forms):
    context = agreement_page_context(request, version.agreement, version=version, **forms)
    return render(request, "agreements/agreement.html", context)


@login_required
@require_POST
def submit(request, pk: int):
    version = load_version(request, pk)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        return _page(request, version, submit_form=form)
    try:
        services.agreement_submit(user=request.user, version=version, comment=form.cleaned_data["comment"])
    except ValidationError as error:
        # The page again, with the typed comment kept and every problem listed.
        messages.error(request, _("Versie %(n)s kan nog niet worden ingediend:") % {"n": version.number})
        error_messages(request, error)
        return _page(request, version, submit_form=form)
    else:
        messages.success(
            request, _("Versie %(n)s is ingediend bij de algemeen directeur.") % {"n": version.number}
        )
    return _back(version)


@login_required
@require_POST
def decide(request, pk: int):
    version = load_version(request, pk)
    if Role.APPROVER not in user_roles(request.user, version.agreement.programme.local_government):
        raise PermissionDenied(_("Alleen de algemeen directeur beslist over de overeenkomst."))
    form = DecisionForm(request.POST)
    if form.is_valid():
        comment = form.cleaned_data["comment"]
        try:
            if form.cleaned_data["decision"] == DecisionForm.APPROVE:
                services.agreement_approve(user=request.user, version=version, comment=comment)
                messages.success(
                    request,
                    _("Versie %(n)s is goedgekeurd en kan naar de gemeenteraad en de OCMW-raad.")
                    % {"n": version.number},
                )
            else:
                services.agreement_reject(user=request.user, version=version, comment=comment)
                messages.success(
                    request,
                    _("Versie %(n)s is afgewezen en gaat terug naar de consultant.") % {"n": version.number},
                )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                if form.cleaned_data["decision"] == DecisionForm.REJECT and not comment.strip():
                    form.add_error("comment", error)
                    return _page(request, version, decision_form=form)
                error_messages(request, error)
                return _back(version)
            apply_service_errors(form, error)
        else:
            return _back(version)
    return _page(request, version, decision_form=form)


@login_required
@require_POST
def record_decision(request, pk: int):
    version = load_version(request, pk)
    require_consultant(request.user, version.agreement.programme.local_government)
    if version.state != version.State.APPROVED:
        messages.error(
            request,
            _(
                "Een beslissing van de raad registreert u pas nadat de algemeen directeur de versie "
                "heeft goedgekeurd voor de raad."
            ),
        )
        return _back(version)
    form = CouncilDecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.agreement_record_decision(
                user=request.user,
                version=version,
                council=data["council"],
                date=data["date"],
                number=data["number"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                apply_service_errors(form, error)
            else:
                form.add_error(None, error)
        else:
            label = _("gemeenteraad") if data["council"] == "gemeenteraad" else _("OCMW-raad")
            messages.success(
                request, _("De beslissing van de %(council)s is geregistreerd.") % {"council": label}
            )
            return _back(version)
    return _page(request, version, council_form=form)


@login_required
@require_POST
def adopt(request, pk: int):
    version = load_version(request, pk)
    try:
        services.agreement_adopt(user=request.user, version=version)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(
            request,
            _("Versie %(n)s is vastgesteld en ligt vast. Een latere wijziging wordt een nieuwe versie.")
            % {"n": version.number},
        )
    return _back(version)
