"""What every page of step 3 shares: scoped loading, the role check, the page context, the rows of the
projects and dependencies, and the two long tables of the analysis page written in Python."""

from __future__ import annotations

import html
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from programmes.formatting import format_euro
from programmes.forms import carry_stored_version
from programmes.models import Programme

from .. import services
from ..charts import dependency_label, person
from ..models import DependencyKind, Project, ProjectStatus
from ..queries import ProgrammeData

TEMPLATES = "projects/"
SECTIONS = [
    ("overview", gettext_lazy("Projecten"), "projects:overview"),
    ("structure", gettext_lazy("Stuurstructuur"), "projects:structure"),
    ("dependencies", gettext_lazy("Afhankelijkheden en planning"), "projects:dependencies"),
]


# --- Loading and shared context ---------------------------------------------------------------------


def _programme(request, pk: int) -> Programme:
    """The programme, if the user may see it (404 otherwise)."""
    return get_object_or_404(
        Programme.objects.visible_to(request.user).select_related("local_government"), pk=pk
    )


def _require_edit(request, programme: Programme) -> None:
    if not services.may_edit(request.user, programme):
        raise PermissionDenied(
            _("Alleen de consultants van dit lokaal bestuur kunnen het programma van projecten wijzigen.")
        )


def _project(request, pk: int) -> Project:
    return get_object_or_404(
        Project.objects.visible_to(request.user).select_related(
            "programme__local_government", "group", "leader"
        ),
        pk=pk,
    )


def _context(request, programme: Programme, section: str, **extra) -> dict:
    can_edit = extra.pop("can_edit", None)
    if can_edit is None:
        can_edit = services.may_edit(request.user, programme)
    nav = [
        {"key": key, "label": label, "url": reverse(name, args=[programme.pk]), "active": key == section}
        for key, label, name in SECTIONS
    ]
    return {"programme": programme, "section": section, "nav": nav, "can_edit": can_edit, **extra}


@dataclass
class Row:
    """A project with what the pages show of it."""

    project: Project
    schedule: object | None
    conflict: object | None
    budget: str
    leader: str


def _rows(data: ProgrammeData, analysis, *, details: bool = True) -> list[Row]:
    """The projects in the analysis' order; `details=False` leaves budget and leader out (lean data)."""
    conflicts = {c.project_id: c for c in analysis.conflicts}
    rows = []
    for pk in analysis.order:
        project = data.by_pk[pk]
        rows.append(
            Row(
                project=project,
                schedule=analysis.schedules.get(pk),
                conflict=conflicts.get(pk),
                budget=format_euro(project.budget) if details and project.budget is not None else "",
                leader=person(project.leader, project.leader_name) if details else "",
            )
        )
    return rows


def _conflicts(data: ProgrammeData, analysis, limit: int | None = None) -> list[dict]:
    """Each conflict (the first `limit`) with the projects and dependencies that push it, by name."""
    deps = {d.pk: d for d in data.dependencies}
    out = []
    for conflict in analysis.conflicts[:limit]:
        pushers = []
        for dep_pk in getattr(conflict, "dependency_ids", []) or []:
            dep = deps.get(dep_pk)
            if dep is not None:
                pushers.append(
                    {
                        "project": data.by_pk.get(dep.predecessor_id),
                        "label": dependency_label(dep.kind, dep.lag_weeks),
                        "dependency": dep,
                    }
                )
        if not pushers:
            pushers = [{"project": data.by_pk.get(pk), "label": ""} for pk in conflict.because]
        out.append({"conflict": conflict, "project": data.by_pk.get(conflict.project_id), "pushers": pushers})
    return out


def keep_stale(form, row):
    """After a refused stale edit: the form keeps what was typed but now carries the row's stored version
    (so saving again knowingly overwrites what the colleague saved)."""
    carry_stored_version(form, type(row).objects.get(pk=row.pk).version)


def cycle_hint(form, error) -> None:
    """After a refused cycle: what the arrows mean and what to do (the service's message names the cycle)."""
    if getattr(error, "code", None) == "cycle":
        form.add_error(
            None,
            _(
                "Elk project in die rij heeft het volgende nodig, dus geen van hen zou ooit kunnen "
                "starten. Kies een ander project, of verwijder eerst de afhankelijkheid in de kring die "
                "niet meer klopt."
            ),
        )


CONFLICTS_SHOWN = 12  # more are unreadable as a list: the planning table flags every one


def _dependency_rows(data: ProgrammeData, analysis) -> list[dict]:
    critical = analysis.critical_edges
    rows = [
        {
            "dependency": dep,
            "predecessor": data.by_pk.get(dep.predecessor_id),
            "successor": data.by_pk.get(dep.successor_id),
            "critical": (dep.predecessor_id, dep.successor_id) in critical,
        }
        for dep in data.dependencies
    ]
    position = {pk: i for i, pk in enumerate(analysis.order)}
    rows.sort(key=lambda r: (position.get(r["dependency"].successor_id, 0), r["dependency"].pk))
    return rows


# The two long tables of the analysis page are written in Python: at 500 projects and 2,000 dependencies
# the template engine needed more than a second for their rows, the page may take 150 ms in all.

CRITICAL_FLAG = '<span class="flag flag-critical"><span aria-hidden="true">★</span> %s</span>'
CONFLICT_FLAG = '<span class="flag flag-conflict"><span aria-hidden="true">!</span> %s</span>'
UNPLACED_FLAG = '<span class="flag flag-unplaced">%s</span>'
ROW_CRITICAL = ' class="row-critical"'


def _flags_html(schedule, conflict, project, texts: dict | None = None) -> str:
    texts = texts or _flag_texts()
    flags = []
    if schedule is not None and schedule.critical:
        flags.append(texts["critical"])
    if conflict is not None:
        text = ngettext("conflict %(n)s week", "conflict %(n)s weken", conflict.weeks) % {"n": conflict.weeks}
        flags.append(CONFLICT_FLAG % html.escape(text))
    if not project.group_id:
        flags.append(texts["unplaced"])
    return " ".join(flags)


def _flag_texts() -> dict:
    return {
        "critical": CRITICAL_FLAG % html.escape(_("kritiek")),
        "unplaced": UNPLACED_FLAG % html.escape(_("zonder plaats")),
    }


def weeks_text(weeks) -> str:
    """ "1 week", "6 weken", "5,3 weken": a whole number of weeks counted, a fraction with a decimal comma."""
    if float(weeks).is_integer():
        n = int(weeks)
        return ngettext("%(n)s week", "%(n)s weken", n) % {"n": n}
    return _("%(n)s weken") % {"n": f"{float(weeks):.1f}".replace(".", ",")}


def _weeks_texts() -> dict:
    """ "n weken" for every lag, translated once per page rather than once per row."""
    return {n: html.escape(ngettext("%(n)s week", "%(n)s weken", n) % {"n": n}) for n in range(0, 105)}


REMOVE_FORM = "afh-verwijderen"  # the one form every remove button of the table submits (form="...")


def dependency_remove_form(csrf_token: str) -> str:
    """The one (empty) form the table's remove buttons belong to: one CSRF field, not 2,000."""
    return mark_safe(  # noqa: S308 – the token is escaped
        f'<form method="post" id="{REMOVE_FORM}" hidden>'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{html.escape(csrf_token)}"></form>'
    )


def dependency_table_body(rows: list[dict], *, can_edit: bool, csrf_token: str = "") -> str:
    """The <tbody> rows of the dependencies table: who needs whom, kind, lag, critical, note, change.

    Each remove button submits the one form of dependency_remove_form (its formaction names the
    dependency), so a row carries no form of its own."""
    yes, no = html.escape(_("ja")), html.escape(_("nee"))
    remove, edit = html.escape(_("Verwijderen")), html.escape(_("Bewerken"))
    kinds = {value: html.escape(str(label)) for value, label in DependencyKind.choices}
    weeks_text, needs = _weeks_texts(), _("%(b)s heeft %(a)s nodig")
    project_url = reverse("projects:project_detail", args=[0])[: -len("0/")]
    base_url = reverse("projects:dependency_remove", args=[0])[: -len("0/verwijderen/")]
    titles: dict[int, str] = {}
    out = []
    for r in rows:
        dep, pre, suc = r["dependency"], r["predecessor"], r["successor"]
        pre_title = titles.get(pre.pk) or titles.setdefault(pre.pk, html.escape(pre.title))
        suc_title = titles.get(suc.pk) or titles.setdefault(suc.pk, html.escape(suc.title))
        critical = CRITICAL_FLAG % yes if r["critical"] else no
        out.append(
            f"<tr{ROW_CRITICAL if r['critical'] else ''}>"
            f'<th scope="row"><a href="{project_url}{suc.pk}/">{suc_title}</a></th>'
            f'<td><a href="{project_url}{pre.pk}/">{pre_title}</a></td>'
            f"<td>{kinds.get(dep.kind, dep.kind)}</td><td>{weeks_text.get(dep.lag_weeks, dep.lag_weeks)}</td>"
            f"<td>{critical}</td><td>{html.escape(dep.note) or '–'}</td>"
        )
        if can_edit:
            label = html.escape(needs % {"b": suc.title, "a": pre.title})
            out.append(
                f'<td class="text-nowrap"><a class="btn btn-sm btn-outline-secondary" '
                f'href="{base_url}{dep.pk}/bewerken/">{edit}'
                f'<span class="visually-hidden"> {label}</span></a> '
                f'<button type="submit" form="{REMOVE_FORM}" formaction="{base_url}{dep.pk}/verwijderen/" '
                f'class="btn btn-sm btn-outline-danger">{remove}'
                f'<span class="visually-hidden"> {label}</span></button></td>'
            )
        out.append("</tr>")
    return mark_safe("".join(out))  # noqa: S308 – every value above is escaped


def schedule_table_body(rows: list[Row]) -> str:
    """The <tbody> rows of the planning table: the Gantt's text equivalent."""
    out = []
    texts, w = _flag_texts(), _("%(n)s w")
    for row in rows:
        s = row.schedule
        weeks = html.escape(w % {"n": s.slack_weeks})
        out.append(
            f'<tr><th scope="row">{html.escape(row.project.title)}</th>'
            f"<td>{s.planned_start:%d/%m/%Y}</td><td>{s.earliest_start:%d/%m/%Y}</td>"
            f"<td>{s.earliest_finish:%d/%m/%Y}</td><td>{s.latest_finish:%d/%m/%Y}</td>"
            f"<td>{weeks}</td><td>{_flags_html(s, row.conflict, row.project, texts)}</td></tr>"
        )
    return mark_safe("".join(out))  # noqa: S308 – every value above is escaped


def projects_table_body(rows: list[Row]) -> str:
    """The <tbody> rows of the programme's projects table (the overview page): at 500 projects the
    template engine took four fifths of that page's time for them."""
    texts = _flag_texts()
    no = html.escape(_("nee"))
    no_group = f'<span class="text-muted">{html.escape(_("geen"))}</span>'
    quick_win = f'<span class="quick-win-mark">{html.escape(_("quick win"))}</span>'
    not_quick = f'<span aria-hidden="true">–</span><span class="visually-hidden">{no}</span>'
    critical_slack, slack = html.escape(_("0 (kritiek)")), _("%(n)s w")
    statuses = {value: html.escape(str(label)) for value, label in ProjectStatus.choices}
    project_url = reverse("projects:project_detail", args=[0])[: -len("0/")]
    out = []
    for row in rows:
        project, s = row.project, row.schedule
        group = html.escape(project.group.name) if project.group_id else no_group
        out.append(
            f'<tr id="project-{project.pk}"{ROW_CRITICAL if s.critical else ""}>'
            f'<th scope="row"><a href="{project_url}{project.pk}/">{html.escape(project.title)}</a></th>'
            f"<td>{group}</td><td>{html.escape(row.leader) or '–'}</td>"
            f'<td class="text-nowrap">{s.planned_start:%d/%m/%Y}</td>'
            f'<td class="text-nowrap">{s.planned_finish:%d/%m/%Y}</td>'
            f"<td>{statuses.get(project.status, html.escape(project.status))}</td>"
            f'<td class="text-end text-nowrap">{html.escape(row.budget) or "–"}</td>'
            f"<td>{quick_win if project.quick_win else not_quick}</td>"
            f'<td class="text-nowrap">'
            f"{critical_slack if s.critical else html.escape(slack % {'n': s.slack_weeks})}</td>"
            f"<td>{_flags_html(s, row.conflict, project, texts)}</td></tr>"
        )
    return mark_safe("".join(out))  # noqa: S308 – every value above is escaped
