"""The programme overview as a PDF through the documents pipeline: the steering structure, the projects, their
dependencies, the critical path and the conflicts, with the organisation chart, the dependency graph and
the Gantt of the projects."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from documents.models import RenderJob
from documents.services import render_job_request
from programmes.formatting import format_euro
from programmes.models import Programme

from .analysis import analyse
from .charts import (
    dependency_graph_svg,
    dependency_label,
    org_chart_svg,
    org_units,
    person,
    projects_gantt_svg,
)
from .queries import ProgrammeData, programme_projects

PROJECTS_KIND = "projects_overview"
GRAPH_MAX_PROJECTS = 40  # a bigger graph does not fit a page legibly: the tables carry it
GANTT_ROWS_PER_PAGE = 32


def projects_content(data: ProgrammeData, analysis=None) -> dict:
    """What the overview holds: structure, projects with their schedule, dependencies, path, conflicts."""
    analysis = analysis or analyse(data)
    by_pk = data.by_pk
    conflicts_by_project = {c.project_id: c for c in analysis.conflicts}
    projects = []
    for pk in analysis.order:
        project = by_pk[pk]
        projects.append(
            {
                "project": project,
                "schedule": analysis.schedules[pk],
                "conflict": conflicts_by_project.get(pk),
                "leader": person(project.leader, project.leader_name),
                "budget": format_euro(project.budget) if project.budget is not None else "–",
                "group": project.group.name if project.group_id and project.group else "",
            }
        )
    deps = {d.pk: d for d in data.dependencies}
    conflicts = []
    for conflict in analysis.conflicts:
        pushers = []
        for dep_pk in getattr(conflict, "dependency_ids", []) or []:
            dep = deps.get(dep_pk)
            if dep is not None:
                pushers.append(
                    {
                        "title": data.title(dep.predecessor_id),
                        "label": dependency_label(dep.kind, dep.lag_weeks),
                    }
                )
        if not pushers:
            pushers = [{"title": data.title(pk), "label": ""} for pk in conflict.because]
        conflicts.append({"conflict": conflict, "title": data.title(conflict.project_id), "pushers": pushers})
    dependencies = [
        {
            "dependency": dep,
            "predecessor": data.title(dep.predecessor_id),
            "successor": data.title(dep.successor_id),
            "critical": (dep.predecessor_id, dep.successor_id) in analysis.critical_edges,
        }
        for dep in data.dependencies
    ]
    steering = data.steering_group
    unit, groups, unplaced = org_units(data)
    # The Gantt in slices that fit a page, on one time axis.
    gantt_pages = []
    ordered = [by_pk[pk] for pk in analysis.order]
    for start in range(0, len(ordered), GANTT_ROWS_PER_PAGE):
        part = ordered[start : start + GANTT_ROWS_PER_PAGE]
        keys = {p.pk for p in part}
        part_deps = [d for d in data.dependencies if d.predecessor_id in keys and d.successor_id in keys]
        gantt_pages.append(
            projects_gantt_svg(part, part_deps, analysis, chart_id=f"gantt-{start}", span=_span(analysis))
        )
    return {
        "steering": steering,
        "chair": person(steering.chair, steering.chair_name) if steering else "",
        "manager": person(steering.programme_manager, steering.programme_manager_name) if steering else "",
        "members": steering.member_list if steering else [],
        "groups": [
            {"group": g, "lead": person(g.lead, g.lead_name), "projects": g.project_list} for g in data.groups
        ],
        "unplaced": data.unplaced,
        "org_chart": org_chart_svg(unit, groups, unplaced, chart_id="org"),
        "projects": projects,
        "dependencies": dependencies,
        "critical_path": [data.title(pk) for pk in analysis.critical_path],
        "conflicts": conflicts,
        "end_date": analysis.end_date,
        "graph": (
            dependency_graph_svg(data.projects, data.dependencies, analysis, chart_id="graph")
            if 0 < len(data.projects) <= GRAPH_MAX_PROJECTS
            else ""
        ),
        "graph_max": GRAPH_MAX_PROJECTS,
        "gantt_pages": gantt_pages,
    }


def _span(analysis):
    schedules = list(analysis.schedules.values())
    if not schedules:
        return None
    first = min(min(s.planned_start, s.earliest_start) for s in schedules)
    last = max(max(s.earliest_finish, s.latest_finish or s.earliest_finish) for s in schedules)
    return first, last


def projects_html(programme: Programme, data: ProgrammeData | None = None) -> str:
    """The print HTML of the programme overview; equal HTML means an equal version (rendered once)."""
    data = data or programme_projects(programme)
    return render_to_string(
        "projects/projects_print.html",
        {
            "document_title": _("Programma van projecten"),
            "programme": programme,
            "local_government": programme.local_government,
            # The day, not the minute: asking again the same day for unchanged data reuses the PDF.
            "generated_on": timezone.localdate(),
            **projects_content(data),
        },
    )


def projects_pdf_request(*, user, programme: Programme) -> RenderJob:
    """Ask for the overview PDF as the programme is now (anyone who may see the programme)."""
    return render_job_request(
        user=user,
        source=programme,
        kind=PROJECTS_KIND,
        title=_("Programma van projecten"),
        html=projects_html(programme),
        filename=f"programma-van-projecten-{slugify(programme.title)[:60] or programme.pk}.pdf",
    )


def latest_projects_job(programme: Programme) -> RenderJob | None:
    return RenderJob.objects.for_source(programme).filter(kind=PROJECTS_KIND).order_by("-created_at").first()
