"""The target picture (section "target") and the opportunities against the costs (section "balance"):
thin views over programmes/plan/target.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..forms import apply_service_errors, carry_stored_version
from ..models import Angle, BalanceItem, FinancialLine, IntendedResult, PlanVersion
from . import target
from .charts import balance_chart
from .forms_target import BalanceForm, FinancialForm, ResultForm, TargetForm
from .stale import StaleRowError, form_values, keep_typed
from .views_core import load_plan, load_version, plan_context
from .workflow import require_consultant

FORM_TEMPLATE = "programmes/plan/target/form.html"


def _target_url(version: PlanVersion, anchor: str = "") -> str:
    url = reverse("programmes:plan_target", args=[version.plan_id])
    return f"{url}#{anchor}" if anchor else url


def _balance_url(version: PlanVersion, anchor: str = "") -> str:
    url = reverse("programmes:plan_balance", args=[version.plan_id])
    return f"{url}#{anchor}" if anchor else url


def _editable_version(request, pk: int) -> PlanVersion:
    version = load_version(request, pk)
    require_consultant(request.user, version.plan)
    return version


def _child(request, model, pk: int):
    obj = get_object_or_404(
        model.objects.visible_to(request.user).select_related("version__plan__programme__local_government"),
        pk=pk,
    )
    require_consultant(request.user, obj.version.plan)
    return obj


def _not_draft(request, version: PlanVersion, back: str):
    """A GET on an edit page of a submitted or approved version: back, with the reason."""
    try:
        target.require_editable(version)
    except ValidationError as error:
        messages.warning(request, " ".join(error.messages))
        return redirect(back)
    return None


def _apply(form, error: ValidationError) -> None:
    apply_service_errors(form, error)


def _save_edit(request, form, update, *, done: str, back: str):
    """Save a valid edit form through `update(values, expected_version)`.

    Returns (redirect, None) when saved; (None, the StaleRowError) when someone saved first, with what the
    user typed kept in the form; (None, None) when the service refused, its errors on the form."""
    values, expected = form_values(form)
    try:
        update(values, expected)
    except StaleRowError as error:
        keep_typed(form, error)
        return None, error
    except ValidationError as error:
        _apply(form, error)
        return None, None
    messages.success(request, done)
    return redirect(back), None


def _form_page(
    request, version, section, form, *, title, intro="", back, delete_url="", stale=None, extra=None
):
    context = plan_context(
        request,
        version.plan,
        section,
        version=version,
        form=form,
        form_title=title,
        intro=intro,
        back_url=back,
        delete_url=delete_url,
        stale=stale,
        **(extra or {}),
    )
    return render(request, FORM_TEMPLATE, context)


# --- The target picture ---------------------------------------------------------------------------


@login_required
@require_GET
def plan_target(request, pk: int):
    plan = load_plan(request, pk)
    context = plan_context(request, plan, "target")
    version = context["version"]
    years, grand = target.financial_overview(version)
    context.update(
        angles=target.results_by_angle(version),
        years=years,
        grand=grand,
        evidence=target.scan_evidence(plan.programme),
    )
    return render(request, "programmes/plan/target/target.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request, pk: int):
    version = _editable_version(request, pk)
    back = _target_url(version)
    if request.method == "GET" and (response := _not_draft(request, version, back)):
        return response
    initial = {name: getattr(version, name) for name in target.TARGET_FIELDS}
    form = TargetForm(request.POST or None, initial={**initial, "edit_version": version.edit_version})
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            target.target_update(
                user=request.user,
                version=version,
                expected_edit_version=data.get("edit_version"),
                ambition=data["ambition"],
                involved=data["involved"],
                horizon=data["horizon"],
                patrimony=data["patrimony"],
            )
        except target.StaleTargetError as error:
            stale = error
            carry_stored_version(form, PlanVersion.objects.get(pk=version.pk).edit_version, "edit_version")
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, _("Het streefbeeld is opgeslagen."))
            return redirect(back)
    return _form_page(
        request,
        version,
        "target",
        form,
        title=_("Streefbeeld bewerken"),
        intro=_(
            "De gedeelde ambitie, wie betrokken is en tegen wanneer. "
            "Schrijf vanuit de bevindingen van de scan."
        ),
        back=back,
        stale=stale,
        extra={"evidence": target.scan_evidence(version.plan.programme)},
    )


# --- Intended results -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def result_add(request, pk: int):
    version = _editable_version(request, pk)
    back = _target_url(version, "resultaten")
    if request.method == "GET" and (response := _not_draft(request, version, back)):
        return response
    initial = (
        {"angle": request.GET.get("invalshoek")} if request.GET.get("invalshoek") in Angle.values else {}
    )
    form = ResultForm(request.POST or None, initial=initial, patrimony=version.patrimony)
    if request.method == "POST" and form.is_valid():
        try:
            target.result_add(user=request.user, version=version, **form_values(form)[0])
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, _("Het beoogde resultaat is toegevoegd."))
            return redirect(back)
    return _form_page(request, version, "target", form, title=_("Beoogd resultaat toevoegen"), back=back)


@login_required
@require_http_methods(["GET", "POST"])
def result_edit(request, pk: int):
    result = _child(request, IntendedResult, pk)
    version = result.version
    back = _target_url(version, "resultaten")
    if request.method == "GET" and (response := _not_draft(request, version, back)):
        return response
    form = ResultForm(
        request.POST or None,
        initial={"angle": result.angle, "text": result.text, "edit_version": result.edit_version},
        patrimony=version.patrimony,
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        response, stale = _save_edit(
            request,
            form,
            lambda values, expected: target.result_update(
                user=request.user, result=result, expected_version=expected, **values
            ),
            done=_("Het beoogde resultaat is bijgewerkt."),
            back=back,
        )
        if response:
            return response
    return _form_page(
        request,
        version,
        "target",
        form,
        title=_("Beoogd resultaat bewerken"),
        back=back,
        stale=stale,
        delete_url=reverse("programmes:plan_result_delete", args=[result.pk]),
    )


def _delete(request, obj, service, kwarg: str, back: str, done: str):
    try:
        service(user=request.user, **{kwarg: obj})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(back)


@login_required
@require_POST
def result_delete(request, pk: int):
    result = _child(request, IntendedResult, pk)
    return _delete(
        request,
        result,
        target.result_delete,
        "result",
        _target_url(result.version, "resultaten"),
        _("Het beoogde resultaat is verwijderd."),
    )


# --- Financial lines ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def financial_add(request, pk: int):
    version = _editable_version(request, pk)
    back = _target_url(version, "financieel")
    if request.method == "GET" and (response := _not_draft(request, version, back)):
        return response
    form = FinancialForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            target.financial_add(user=request.user, version=version, **form_values(form)[0])
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, _("Het bedrag is toegevoegd."))
            return redirect(back)
    return _form_page(
        request,
        version,
        "target",
        form,
        title=_("Efficiëntiewinst of investering toevoegen"),
        intro=_("Een verwachte efficiëntiewinst of een gezamenlijke investering, in euro voor één jaar."),
        back=back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def financial_edit(request, pk: int):
    line = _child(request, FinancialLine, pk)
    version = line.version
    back = _target_url(version, "financieel")
    if request.method == "GET" and (response := _not_draft(request, version, back)):
        return response
    initial = {"year": line.year, "kind": line.kind, "description": line.description, "amount": line.amount}
    form = FinancialForm(request.POST or None, initial={**initial, "edit_version": line.edit_version})
    stale = None
    if request.method == "POST" and form.is_valid():
        response, stale = _save_edit(
            request,
            form,
            lambda values, expected: target.financial_update(
                user=request.user, line=line, expected_version=expected, **values
            ),
            done=_("Het bedrag is bijgewerkt."),
            back=back,
        )
        if response:
            return response
    return _form_page(
        request,
        version,
        "target",
        form,
        title=_("Bedrag bewerken"),
        back=back,
        stale=stale,
        delete_url=reverse("programmes:plan_financial_delete", args=[line.pk]),
    )


@login_required
@require_POST
def financial_delete(request, pk: int):
    line = _child(request, FinancialLine, pk)
    return _delete(
        request,
        line,
        target.financial_delete,
        "line",
        _target_url(line.version, "financieel"),
        _("Het bedrag is verwijderd."),
    )


# --- Opportunities against costs ------------------------------------------------------------------


@login_required
@require_GET
def plan_balance(request, pk: int):
    plan = load_plan(request, pk)
    context = plan_context(request, plan, "balance")
    rows = target.balance_rows(context["version"])
    context.update(rows=rows, chart=balance_chart(rows))
    return render(request, "programmes/plan/target/balance.html", context)


def _balance_form(request, version, **kwargs) -> BalanceForm:
    return BalanceForm(
        request.POST or None, suggestions=target.domain_suggestions(version.plan.programme), **kwargs
    )


@login_required
@require_http_methods(["GET", "POST"])
def balance_add(request, pk: int):
    version = _editable_version(request, pk)
    back = _balance_url(version)
    if request.method == "GET" and (response := _not_draft(request, version, back)):
        return response
    domain = request.GET.get("domein", "")[:100]
    form = _balance_form(request, version, initial={"domain": domain} if domain else None)
    if request.method == "POST" and form.is_valid():
        try:
            item = target.balance_add(user=request.user, version=version, **form_values(form)[0])
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(
                request,
                _("‘%(factor)s’ is toegevoegd bij %(domain)s.")
                % {"factor": item.get_factor_display(), "domain": item.domain},
            )
            return redirect(back)
    return _form_page(
        request,
        version,
        "balance",
        form,
        title=_("Kans of kost toevoegen"),
        intro=_(
            "Weeg per dienst of domein wat samenwerken oplevert en wat het kost: 1 is licht, 5 is zwaar."
        ),
        back=back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def balance_edit(request, pk: int):
    item = _child(request, BalanceItem, pk)
    version = item.version
    back = _balance_url(version)
    if request.method == "GET" and (response := _not_draft(request, version, back)):
        return response
    initial = {"domain": item.domain, "factor": item.factor, "weight": item.weight, "note": item.note}
    form = _balance_form(request, version, initial={**initial, "edit_version": item.edit_version})
    stale = None
    if request.method == "POST" and form.is_valid():
        response, stale = _save_edit(
            request,
            form,
            lambda values, expected: target.balance_update(
                user=request.user, item=item, expected_version=expected, **values
            ),
            done=_("De afweging is bijgewerkt."),
            back=back,
        )
        if response:
            return response
    return _form_page(
        request,
        version,
        "balance",
        form,
        title=_("Kans of kost bewerken"),
        back=back,
        stale=stale,
        delete_url=reverse("programmes:plan_balance_delete", args=[item.pk]),
    )


@login_required
@require_POST
def balance_delete(request, pk: int):
    item = _child(request, BalanceItem, pk)
    return _delete(
        request,
        item,
        target.balance_delete,
        "item",
        _balance_url(item.version),
        _("De kans of kost is verwijderd."),
    )
