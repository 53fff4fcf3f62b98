"""The plan as a document: its content for the read-only page, and the PDF through the documents pipeline."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from documents.models import RenderJob
from documents.services import render_job_request

from ..models import ActionKind, Angle, FinancialKind, Plan, PlanVersion
from .compare import format_euro
from .present import day

PLAN_KIND = "plan"


def plan_content(version: PlanVersion) -> dict:
    """Everything a version holds, grouped for display: results per angle, balance, finances, phases."""
    angles = [a for a in Angle if a != Angle.PATRIMONY or version.patrimony]
    results = defaultdict(list)
    for result in version.results.all():
        results[result.angle].append(result)
    results_by_angle = [{"angle": angle, "label": angle.label, "results": results[angle]} for angle in angles]

    balance_items = list(version.balance_items.all())
    domains: dict[str, dict] = {}
    for item in balance_items:
        row = domains.setdefault(item.domain, {"domain": item.domain, "opportunities": 0, "costs": 0})
        row["opportunities" if item.is_opportunity else "costs"] += item.weight
    for row in domains.values():
        row["balance"] = row["opportunities"] - row["costs"]

    lines = list(version.financial_lines.all())
    years: dict[int, dict] = {}
    for line in lines:
        year = years.setdefault(
            line.year,
            {
                "year": line.year,
                FinancialKind.EFFICIENCY_GAIN: Decimal(0),
                FinancialKind.JOINT_INVESTMENT: Decimal(0),
            },
        )
        year[line.kind] += line.amount
    financial_totals = [
        {
            "year": y["year"],
            "gain": format_euro(y[FinancialKind.EFFICIENCY_GAIN]),
            "investment": format_euro(y[FinancialKind.JOINT_INVESTMENT]),
        }
        for y in sorted(years.values(), key=lambda y: y["year"])
    ]
    financial_lines = [{"line": line, "amount": format_euro(line.amount)} for line in lines]

    # The actions as dicts of ready strings: a plan holds hundreds, and per-row filters and lookups in the
    # template add up (programmes/plan/present.py).
    kinds = dict(ActionKind.choices)
    actions_by_phase = defaultdict(list)
    for action in version.actions.select_related("owner").order_by("position", "start", "pk"):
        owner = action.owner_name
        if not owner and action.owner_id:
            owner = action.owner.get_full_name() or action.owner.username
        actions_by_phase[action.phase_id].append(
            {
                "title": action.title,
                "kind": kinds.get(action.kind, action.kind),
                "owner": owner or "–",
                "start": day(action.start),
                "end": day(action.end),
                "is_milestone": action.is_milestone,
                "is_quick_win": action.is_quick_win,
            }
        )
    phases = [{"phase": phase, "actions": actions_by_phase[phase.pk]} for phase in version.phases.all()]
    return {
        "results_by_angle": results_by_angle,
        "balance_items": balance_items,
        "balance_domains": sorted(domains.values(), key=lambda row: row["domain"].lower()),
        "financial_lines": financial_lines,
        "financial_totals": financial_totals,
        "phases": phases,
        "n_results": sum(len(r["results"]) for r in results_by_angle),
        "n_actions": sum(len(p["actions"]) for p in phases),
    }


def plan_html(version: PlanVersion) -> str:
    """The print HTML of one version; ONTWERP unless the version is approved."""
    try:
        from .gantt import gantt_svg
    except ImportError:
        gantt_svg = None
    plan = version.plan
    programme = plan.programme
    return render_to_string(
        "programmes/plan/plan_print.html",
        {
            "document_title": _("Streefbeeld en actieplan"),
            "draft": version.state != PlanVersion.State.APPROVED,
            "version": version,
            "plan": plan,
            "programme": programme,
            "local_government": programme.local_government,
            "gantt": gantt_svg(version) if gantt_svg is not None else "",
            **plan_content(version),
        },
    )


def plan_pdf_request(*, user, version: PlanVersion) -> RenderJob:
    """Ask for the PDF of this version as it is now (anyone who may see the plan)."""
    programme = version.plan.programme
    return render_job_request(
        user=user,
        source=version.plan,
        kind=PLAN_KIND,
        title=_("Streefbeeld en actieplan, versie %(n)s") % {"n": version.number},
        html=plan_html(version),
        filename=f"streefbeeld-{slugify(programme.title)[:60] or programme.pk}-v{version.number}.pdf",
    )


def latest_plan_job(plan: Plan) -> RenderJob | None:
    return RenderJob.objects.for_source(plan).filter(kind=PLAN_KIND).order_by("-created_at").first()
