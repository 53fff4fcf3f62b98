"""The results page of a scan, the scenario choice, and the report as PDF (pipeline) and Word."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from programmes.forms import apply_service_errors

from ..advice import scenario_advice, scenario_choices
from ..charts import gap_chart, gap_table, question_table, radar_chart, radar_table
from ..forms_results import ScenarioForm
from ..models import Scan
from ..report import (
    DOCX_CONTENT_TYPE,
    latest_report_job,
    report_docx,
    report_filename,
    report_request,
    survey_groups_table,
    survey_rate_table,
)
from ..results import scan_results
from ..services import results as services
from .core import load_scan, scan_context


def _render(request, scan: Scan, *, form: ScenarioForm | None = None, status: int = 200):
    results = scan_results(scan)
    advice = scenario_advice(results)
    context = scan_context(request, scan, "results")
    if form is None and context["can_edit"] and context["is_draft"]:
        form = ScenarioForm(
            initial={
                "scenario": scan.confirmed_scenario or advice.scenario,
                "reason": scan.scenario_reason,
            }
        )
    survey = results.survey
    context.update(
        results=results,
        advice=advice,
        scenario_choices=scenario_choices(advice),
        radar=radar_chart(results.themes) if results.scored_answers else "",
        theme_table=radar_table(results.themes),
        question_tables=[(t, question_table(t)) for t in results.themes if t.questions],
        gap=gap_chart(results.scored_services) if results.scored_services else "",
        services_table=gap_table(results.services),
        survey_rate_table=survey_rate_table(survey) if survey and survey.invited else None,
        survey_groups_table=survey_groups_table(survey) if survey else None,
        form=form,
        report_job=latest_report_job(scan),
        confirmed_by=(scan.confirmed_by.get_full_name() or scan.confirmed_by.username)
        if scan.confirmed_by_id
        else "",
    )
    return render(request, "scans/results/results.html", context, status=status)


@login_required
@require_GET
def results(request, pk: int):
    return _render(request, load_scan(request, pk))


@login_required
@require_POST
def confirm_scenario(request, pk: int):
    scan = load_scan(request, pk, edit=True)
    form = ScenarioForm(request.POST)
    if form.is_valid():
        try:
            services.scan_confirm_scenario(
                user=request.user,
                scan=scan,
                scenario=form.cleaned_data["scenario"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):  # about the scan (finalised), not about a field
                messages.error(request, " ".join(error.messages))
                return redirect(reverse("scans:results", args=[scan.pk]) + "#advies")
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("Het samenwerkingsscenario is bevestigd en staat nu ook bij het traject.")
            )
            return redirect(reverse("scans:results", args=[scan.pk]) + "#advies")
    return _render(request, scan, form=form)


@login_required
@require_POST
def report_pdf(request, pk: int):
    scan = load_scan(request, pk)
    job = report_request(user=request.user, scan=scan)
    if request.htmx:
        return render(request, "documents/partials/job_status.html", {"job": job})
    messages.info(request, _("Het rapport wordt opgemaakt."))
    return redirect(reverse("scans:results", args=[scan.pk]) + "#rapport")


@login_required
@require_GET
def report_docx_download(request, pk: int):
    scan = load_scan(request, pk, edit=True)  # consultants only: the editable Word file
    response = HttpResponse(report_docx(scan), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{report_filename(scan, "docx")}"'
    response["Cache-Control"] = "private, no-store"
    return response
