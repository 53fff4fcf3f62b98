"""The support services along the VVSG weighing framework: the overview of all services, one service
along the eight steps, and the forms for services, products, hypotheses and the total scenario."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from programmes.forms import apply_service_errors, carry_stored_version

from ..forms_vvsg import HypothesisForm, MoveForm, ProductForm, ScenarioForm, ServiceAddForm, ServiceForm
from ..models import Hypothesis, Scan, ServiceProduct, SupportService
from ..services import vvsg
from ..services.core import require_consultant
from .core import load_scan, scan_context

SECTION = "services"


def _final_redirect(request, scan: Scan, target: str):
    """A finished scan keeps its content: the edit pages send the consultant back with the reason."""
    if scan.state == Scan.State.DRAFT:
        return None
    messages.warning(request, _("Deze scan is afgerond en kan niet meer wijzigen. Heropen hem eerst."))
    return redirect(target)


def _service(request, pk: int, *, edit: bool = False, rows: bool = False) -> SupportService:
    """The service if the user may see it (404 otherwise); with edit=True only for a consultant (403)."""
    queryset = (
        vvsg.service_queryset(request.user)
        if rows
        else SupportService.objects.visible_to(request.user).select_related(
            "scan__programme__local_government"
        )
    )
    service = get_object_or_404(queryset, pk=pk)
    if edit:
        require_consultant(request.user, service.scan)
    return service


def _product(request, pk: int) -> ServiceProduct:
    product = get_object_or_404(
        ServiceProduct.objects.visible_to(request.user)
        .select_related("service__scan__programme__local_government")
        .prefetch_related("hypotheses"),
        pk=pk,
    )
    require_consultant(request.user, product.service.scan)
    return product


def _hypothesis(request, pk: int) -> Hypothesis:
    hypothesis = get_object_or_404(
        Hypothesis.objects.visible_to(request.user).select_related(
            "product__service__scan__programme__local_government"
        ),
        pk=pk,
    )
    require_consultant(request.user, hypothesis.product.service.scan)
    return hypothesis


def _detail_url(service: SupportService, step: int | None = None) -> str:
    url = reverse("scans:service_detail", args=[service.pk])
    return f"{url}#stap-{step}" if step else url


# --- The overview ---------------------------------------------------------------------------------


def _overview(request, scan: Scan, add_form: ServiceAddForm | None = None, status: int = 200):
    rows, totals = vvsg.scan_overview(scan)
    context = scan_context(
        request,
        scan,
        SECTION,
        rows=rows,
        totals=totals,
        n_steps=len(vvsg.STEPS),
        add_form=add_form or ServiceAddForm(),
    )
    return render(request, "scans/vvsg/overview.html", context, status=status)


@login_required
@require_GET
def services_overview(request, pk: int):
    return _overview(request, load_scan(request, pk))


@login_required
@require_POST
def service_add(request, pk: int):
    scan = load_scan(request, pk, edit=True)
    form = ServiceAddForm(request.POST)
    if form.is_valid():
        try:
            service = vvsg.service_add(user=request.user, scan=scan, name=form.cleaned_data["name"])
        except ValidationError as error:
            if not hasattr(error, "error_dict"):  # not about the name: e.g. the scan is final
                messages.error(request, " ".join(error.messages))
                return redirect("scans:services", scan.pk)
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("De dienst ‘%(name)s’ is toegevoegd. Beschrijf nu haar producten en middelen.")
                % {"name": service.name},
            )
            return redirect(service_url(service))
    return _overview(request, scan, add_form=form)


def service_url(service: SupportService) -> str:
    return reverse("scans:service_detail", args=[service.pk])


@login_required
@require_POST
def service_move(request, pk: int):
    service = _service(request, pk, edit=True)
    scan = service.scan
    form = MoveForm(request.POST)
    problem = announcement = ""
    if not form.is_valid():
        problem = _("Kies omhoog of omlaag.")
    else:
        try:
            moved = vvsg.service_move(
                user=request.user, service=service, direction=form.cleaned_data["direction"]
            )
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            order = list(
                SupportService.objects.filter(scan=scan)
                .order_by("position", "name")
                .values_list("pk", flat=True)
            )
            values = {"name": service.name, "place": order.index(service.pk) + 1, "total": len(order)}
            if moved:
                announcement = _("‘%(name)s’ staat nu op plaats %(place)s van %(total)s.") % values
            else:
                announcement = _("‘%(name)s’ staat al op plaats %(place)s van %(total)s.") % values
    if request.htmx:
        rows, totals = vvsg.scan_overview(scan)
        context = scan_context(
            request,
            scan,
            SECTION,
            rows=rows,
            totals=totals,
            n_steps=len(vvsg.STEPS),
            announcement=problem or announcement,
        )
        return render(request, "scans/vvsg/partials/service_table.html", context)
    if problem:
        messages.error(request, problem)
    elif announcement:
        messages.success(request, announcement)
    return redirect(f"{reverse('scans:services', args=[scan.pk])}#dienst-{service.pk}")


# --- One service ----------------------------------------------------------------------------------


@login_required
@require_GET
def service_detail(request, pk: int):
    service = _service(request, pk, rows=True)
    summary = vvsg.summarise(service)
    context = scan_context(request, service.scan, SECTION, service=service, summary=summary)
    return render(request, "scans/vvsg/service_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, pk: int):
    service = _service(request, pk, edit=True)
    if request.method == "GET" and (response := _final_redirect(request, service.scan, _detail_url(service))):
        return response
    initial = {name: getattr(service, name) for name in vvsg.SERVICE_FIELDS}
    form = ServiceForm(request.POST or None, initial={**initial, "version": service.version})
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            vvsg.service_update(
                user=request.user,
                service=service,
                name=data["name"],
                working_methods=data["working_methods"],
                working_methods_note=data["working_methods_note"],
                expected_version=data.get("version"),
            )
        except vvsg.StaleServiceError as error:
            stale = error
            carry_stored_version(form, SupportService.objects.get(pk=service.pk).version)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De dienst is bijgewerkt."))
            return redirect(_detail_url(service, 1))
    context = scan_context(request, service.scan, SECTION, service=service, form=form, stale=stale)
    return render(request, "scans/vvsg/service_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def service_scenario(request, pk: int):
    service = _service(request, pk, edit=True, rows=True)
    if request.method == "GET" and (
        response := _final_redirect(request, service.scan, _detail_url(service, 8))
    ):
        return response
    initial = {name: getattr(service, name) for name in vvsg.SCENARIO_FIELDS}
    form = ScenarioForm(request.POST or None, initial={**initial, "version": service.version})
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            vvsg.service_set_scenario(
                user=request.user,
                service=service,
                total_scenario=data["total_scenario"],
                total_scenario_note=data["total_scenario_note"],
                expected_version=data.get("version"),
            )
        except vvsg.StaleServiceError as error:
            stale = error
            carry_stored_version(form, SupportService.objects.get(pk=service.pk).version)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het totaalscenario is opgeslagen."))
            return redirect(_detail_url(service, 8))
    summary = vvsg.summarise(service)
    context = scan_context(
        request, service.scan, SECTION, service=service, summary=summary, form=form, stale=stale
    )
    return render(request, "scans/vvsg/scenario_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def service_delete(request, pk: int):
    service = _service(request, pk, edit=True, rows=True)
    scan = service.scan
    if request.method == "POST":
        try:
            removed = vvsg.service_delete(user=request.user, service=service)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_detail_url(service))
        messages.success(
            request,
            ngettext(
                "De dienst ‘%(name)s’ is verwijderd, met %(products)s product.",
                "De dienst ‘%(name)s’ is verwijderd, met %(products)s producten.",
                removed["products"],
            )
            % {"name": service.name, **removed},
        )
        return redirect("scans:services", scan.pk)
    if response := _final_redirect(request, scan, _detail_url(service)):
        return response
    summary = vvsg.summarise(service)
    context = scan_context(
        request,
        scan,
        SECTION,
        service=service,
        kind="service",
        title=_("Dienst verwijderen"),
        subject=service.name,
        summary=summary,
        cancel_url=_detail_url(service),
    )
    return render(request, "scans/vvsg/confirm_delete.html", context)


# --- Products -------------------------------------------------------------------------------------

PRODUCT_FIELDS_IN_FORM = [name for name in vvsg.PRODUCT_FIELDS if name not in ("decision", "decision_note")]


@login_required
@require_http_methods(["GET", "POST"])
def product_add(request, pk: int):
    service = _service(request, pk, edit=True)
    if request.method == "GET" and (
        response := _final_redirect(request, service.scan, _detail_url(service, 2))
    ):
        return response
    form = ProductForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            product = vvsg.product_add(
                user=request.user,
                service=service,
                **{n: form.cleaned_data[n] for n in PRODUCT_FIELDS_IN_FORM},
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het product ‘%(name)s’ is toegevoegd.") % {"name": product.name})
            return redirect(_detail_url(service, 2))
    context = scan_context(request, service.scan, SECTION, service=service, product=None, form=form)
    return render(request, "scans/vvsg/product_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def product_edit(request, pk: int):
    product = _product(request, pk)
    service = product.service
    if request.method == "GET" and (
        response := _final_redirect(request, service.scan, _detail_url(service, 2))
    ):
        return response
    initial = {name: getattr(product, name) for name in vvsg.PRODUCT_FIELDS}
    form = ProductForm(
        request.POST or None,
        initial={**initial, "version": product.version},
        decision_choices=vvsg.decision_choices(product),
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            vvsg.product_update(
                user=request.user,
                product=product,
                expected_version=form.cleaned_data.get("version"),
                **{n: form.cleaned_data[n] for n in vvsg.PRODUCT_FIELDS},
            )
        except vvsg.StaleProductError as error:
            stale = error
            carry_stored_version(form, ServiceProduct.objects.get(pk=product.pk).version)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("Het product ‘%(name)s’ is bijgewerkt.") % {"name": form.cleaned_data["name"]}
            )
            return redirect(_detail_url(service, 2))
    hypotheses = list(product.hypotheses.all())
    context = scan_context(
        request,
        service.scan,
        SECTION,
        service=service,
        product=product,
        form=form,
        hypotheses=hypotheses,
        stale=stale,
    )
    return render(request, "scans/vvsg/product_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def product_delete(request, pk: int):
    product = _product(request, pk)
    service = product.service
    if request.method == "POST":
        try:
            vvsg.product_delete(user=request.user, product=product)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Het product ‘%(name)s’ is verwijderd.") % {"name": product.name})
        return redirect(_detail_url(service, 2))
    if response := _final_redirect(request, service.scan, _detail_url(service, 2)):
        return response
    context = scan_context(
        request,
        service.scan,
        SECTION,
        service=service,
        kind="product",
        title=_("Product verwijderen"),
        subject=product.name,
        n_hypotheses=len(product.hypotheses.all()),
        cancel_url=_detail_url(service, 2),
    )
    return render(request, "scans/vvsg/confirm_delete.html", context)


# --- Hypotheses -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def hypothesis_add(request, pk: int):
    product = _product(request, pk)
    service = product.service
    if request.method == "GET" and (
        response := _final_redirect(request, service.scan, _detail_url(service, 5))
    ):
        return response
    form = HypothesisForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            vvsg.hypothesis_add(
                user=request.user,
                product=product,
                **{n: form.cleaned_data[n] for n in vvsg.HYPOTHESIS_FIELDS},
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("De hypothese voor ‘%(name)s’ is toegevoegd.") % {"name": product.name}
            )
            return redirect(_detail_url(service, 5))
    context = scan_context(
        request,
        service.scan,
        SECTION,
        service=service,
        product=product,
        hypothesis=None,
        others=list(product.hypotheses.all()),
        form=form,
    )
    return render(request, "scans/vvsg/hypothesis_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def hypothesis_edit(request, pk: int):
    hypothesis = _hypothesis(request, pk)
    product = hypothesis.product
    service = product.service
    if request.method == "GET" and (
        response := _final_redirect(request, service.scan, _detail_url(service, 6))
    ):
        return response
    initial = {name: getattr(hypothesis, name) for name in vvsg.HYPOTHESIS_FIELDS}
    form = HypothesisForm(request.POST or None, initial={**initial, "version": hypothesis.version})
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            vvsg.hypothesis_update(
                user=request.user,
                hypothesis=hypothesis,
                expected_version=form.cleaned_data.get("version"),
                **{n: form.cleaned_data[n] for n in vvsg.HYPOTHESIS_FIELDS},
            )
        except vvsg.StaleHypothesisError as error:
            stale = error
            carry_stored_version(form, Hypothesis.objects.get(pk=hypothesis.pk).version)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De hypothese is bijgewerkt."))
            return redirect(_detail_url(service, 6))
    others = [h for h in product.hypotheses.all() if h.pk != hypothesis.pk]
    context = scan_context(
        request,
        service.scan,
        SECTION,
        service=service,
        product=product,
        hypothesis=hypothesis,
        others=others,
        form=form,
        stale=stale,
    )
    return render(request, "scans/vvsg/hypothesis_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def hypothesis_delete(request, pk: int):
    hypothesis = _hypothesis(request, pk)
    product = hypothesis.product
    service = product.service
    if request.method == "POST":
        try:
            vvsg.hypothesis_delete(user=request.user, hypothesis=hypothesis)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("De hypothese ‘%(form)s’ voor ‘%(product)s’ is verwijderd.")
                % {"form": hypothesis.get_form_display(), "product": product.name},
            )
        return redirect(_detail_url(service, 5))
    if response := _final_redirect(request, service.scan, _detail_url(service, 5)):
        return response
    context = scan_context(
        request,
        service.scan,
        SECTION,
        service=service,
        kind="hypothesis",
        title=_("Hypothese verwijderen"),
        subject=f"{hypothesis.get_form_display()} ({product.name})",
        blocked=product.decision == hypothesis.form,
        cancel_url=_detail_url(service, 5),
    )
    return render(request, "scans/vvsg/confirm_delete.html", context)
