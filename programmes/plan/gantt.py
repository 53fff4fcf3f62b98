"""The Gantt chart of the action plan: server-side SVG, the same markup on the page and in the PDF.

One row per phase (a bar spanning its actions) followed by a row per action. Status is written as text in
its own column and drawn as a pattern (outline = nog te starten, hatched = bezig, solid = afgerond, cross
= geblokkeerd), never by colour alone. Milestones are diamonds, quick wins carry "QW". Every label goes
through html.escape; presentation attributes only; role="img" with <title>/<desc>; a viewBox so it scales.
The page puts a table with the same content right after the chart.
"""

from __future__ import annotations

import datetime
import html

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ..models import ActionStatus, PlanVersion

# Fixed Dutch month abbreviations: the chart must not depend on the server's locale.
MONTHS_NL = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]

INK = "#1b2733"
MUTED = "#4f5d6b"
GRID = "#c3cbd6"
PHASE = "#17406d"  # 10.6:1 on white
BAR = "#0b6e69"  # 6.1:1
BLOCKED = "#a1141a"  # 7:1
TODAY = "#b35c00"  # 4.7:1
MILESTONE = "#17406d"
FONT = "'Source Sans 3', 'DejaVu Sans', sans-serif"

WIDTH = 1000
LABEL_W = 290
STATUS_W = 120
CHART_X = LABEL_W + STATUS_W
CHART_W = WIDTH - CHART_X - 20
HEADER_H = 46
ROW_H = 26


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _short(text: str, n: int) -> str:
    text = str(text)
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def gantt_svg(
    version: PlanVersion, *, today: datetime.date | None = None, rows=None, chart_id="gantt"
) -> str:
    """The Gantt chart of a version as an SVG string (safe). rows: version_phases(version), if loaded."""
    from .actions import owner_label, version_phases

    today = today or timezone.localdate()
    rows = version_phases(version) if rows is None else rows
    cid = _e(chart_id)
    actions = [a for row in rows for a in row.actions]
    title = _("Gantt-grafiek van het actieplan, versie %(n)s") % {"n": version.number}
    if not actions:
        height = 80
        return SafeString(
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart gantt" viewBox="0 0 {WIDTH} {height}" '
            f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="{cid}-title {cid}-desc" '
            f'font-family="{FONT}" font-size="14" fill="{INK}">'
            f'<title id="{cid}-title">{_e(title)}</title>'
            f'<desc id="{cid}-desc">{_e(_("Het actieplan heeft nog geen acties."))}</desc>'
            f'<text x="20" y="45" fill="{MUTED}">{_e(_("Het actieplan heeft nog geen acties."))}</text></svg>'
        )

    first = _month_start(min(a.start for a in actions))
    last = _next_month(max(a.end for a in actions))
    total_days = max((last - first).days, 1)

    def x(day: datetime.date) -> float:
        return CHART_X + CHART_W * (day - first).days / total_days

    n_rows = len(rows) + len(actions)
    height = HEADER_H + n_rows * ROW_H + 40
    desc = _(
        "%(phases)s fasen en %(actions)s acties van %(start)s tot %(end)s. "
        "De tabel na de grafiek bevat dezelfde gegevens."
    ) % {
        "phases": len(rows),
        "actions": len(actions),
        "start": min(a.start for a in actions).strftime("%d/%m/%Y"),
        "end": max(a.end for a in actions).strftime("%d/%m/%Y"),
    }
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart gantt" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="{cid}-title {cid}-desc" '
        f'font-family="{FONT}" font-size="13" fill="{INK}">',
        f'<title id="{cid}-title">{_e(title)}</title>',
        f'<desc id="{cid}-desc">{_e(desc)}</desc>',
        "<defs>",
        f'<pattern id="{cid}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{BAR}" stroke-width="3"/></pattern>',
        f'<pattern id="{cid}-cross" patternUnits="userSpaceOnUse" width="8" height="8">'
        f'<rect width="8" height="8" fill="#ffffff"/>'
        f'<path d="M0 0L8 8M8 0L0 8" stroke="{BLOCKED}" stroke-width="1.6"/></pattern>',
        "</defs>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        # column headings
        f'<text x="8" y="{HEADER_H - 10}" font-weight="700">{_e(_("Fase en actie"))}</text>',
        f'<text x="{LABEL_W + 6}" y="{HEADER_H - 10}" font-weight="700">{_e(_("Status"))}</text>',
    ]

    # month grid and labels
    months = []
    day = first
    while day < last:
        months.append(day)
        day = _next_month(day)
    step = 1 if len(months) <= 18 else (2 if len(months) <= 30 else 3)
    bottom = HEADER_H + n_rows * ROW_H
    for i, month in enumerate(months):
        mx = x(month)
        out.append(
            f'<line x1="{_f(mx)}" y1="{HEADER_H - 4}" x2="{_f(mx)}" y2="{bottom}" stroke="{GRID}" '
            f'stroke-width="1"/>'
        )
        if i % step == 0:
            label = MONTHS_NL[month.month - 1]
            out.append(f'<text x="{_f(mx + 3)}" y="{HEADER_H - 10}" font-size="12">{_e(label)}</text>')
            if i == 0 or month.month <= step:
                out.append(
                    f'<text x="{_f(mx + 3)}" y="{HEADER_H - 26}" font-size="12" font-weight="700">'
                    f"{month.year}</text>"
                )
    out.append(
        f'<line x1="{CHART_X}" y1="{bottom}" x2="{CHART_X + CHART_W}" y2="{bottom}" stroke="{MUTED}"/>'
    )
    out.append(f'<line x1="0" y1="{HEADER_H - 4}" x2="{WIDTH}" y2="{HEADER_H - 4}" stroke="{MUTED}"/>')

    y = HEADER_H
    for row in rows:
        phase = row.phase
        out.append(f'<g class="gantt-phase"><title>{_e(_("Fase: %(name)s") % {"name": phase.name})}</title>')
        out.append(f'<rect x="0" y="{y}" width="{WIDTH}" height="{ROW_H}" fill="#eef2f6"/>')
        out.append(f'<text x="8" y="{y + 17}" font-weight="700">{_e(_short(phase.name, 40))}</text>')
        if row.actions:
            x1, x2 = x(row.start), x(row.end + datetime.timedelta(days=1))
            out.append(
                f'<rect x="{_f(x1)}" y="{y + 8}" width="{_f(max(x2 - x1, 2))}" height="10" fill="{PHASE}"/>'
            )
        else:
            out.append(
                f'<text x="{CHART_X + 6}" y="{y + 17}" fill="{MUTED}">{_e(_("nog geen acties"))}</text>'
            )
        out.append("</g>")
        y += ROW_H
        for action in row.actions:
            status = getattr(action, "current_status", action.planned_status)
            status_label = dict(ActionStatus.choices).get(status, status)
            parts = [action.title, status_label]
            if action.is_milestone:
                parts.append(_("mijlpaal"))
            if action.is_quick_win:
                parts.append(_("quick win"))
            owner = owner_label(action)
            if owner:
                parts.append(_("trekker %(owner)s") % {"owner": owner})
            parts.append(f"{action.start:%d/%m/%Y} – {action.end:%d/%m/%Y}")
            out.append(f'<g class="gantt-action"><title>{_e(" · ".join(str(p) for p in parts))}</title>')
            out.append(f'<text x="22" y="{y + 17}">{_e(_short(action.title, 38))}</text>')
            out.append(f'<text x="{LABEL_W + 6}" y="{y + 17}" font-size="12">{_e(status_label)}</text>')
            x1, x2 = x(action.start), x(action.end + datetime.timedelta(days=1))
            if status == ActionStatus.DONE:
                fill, stroke = BAR, BAR
            elif status == ActionStatus.IN_PROGRESS:
                fill, stroke = f"url(#{cid}-hatch)", BAR
            elif status == ActionStatus.BLOCKED:
                fill, stroke = f"url(#{cid}-cross)", BLOCKED
            else:
                fill, stroke = "#ffffff", BAR
            end_x = x2
            if not (action.is_milestone and action.start == action.end):
                out.append(
                    f'<rect x="{_f(x1)}" y="{y + 6}" width="{_f(max(x2 - x1, 3))}" height="14" rx="2" '
                    f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>'
                )
            if action.is_milestone:
                cx, cy, r = x2, y + 13, 7
                out.append(
                    f'<path d="M{_f(cx)} {cy - r}L{_f(cx + r)} {cy}L{_f(cx)} {cy + r}L{_f(cx - r)} {cy}Z" '
                    f'fill="{MILESTONE}" stroke="#ffffff" stroke-width="1"/>'
                )
                end_x = cx + r
            if action.is_quick_win:
                out.append(
                    f'<text x="{_f(end_x + 5)}" y="{y + 17}" font-size="11" font-weight="700" '
                    f'fill="{PHASE}">{_e(_("QW"))}</text>'
                )
            out.append("</g>")
            y += ROW_H

    if first <= today < last:
        tx = x(today)
        out.append(
            f'<line x1="{_f(tx)}" y1="{HEADER_H - 4}" x2="{_f(tx)}" y2="{bottom}" stroke="{TODAY}" '
            f'stroke-width="2" stroke-dasharray="5 3"/>'
        )
        out.append(
            f'<text x="{_f(tx)}" y="{bottom + 16}" text-anchor="middle" font-size="12" font-weight="700" '
            f'fill="{TODAY}">{_e(_("Vandaag %(d)s") % {"d": today.strftime("%d/%m/%Y")})}</text>'
        )
    legend_y = height - 8
    out.append(
        f'<text x="8" y="{legend_y}" font-size="11" fill="{MUTED}">'
        f"{_e(_('Leeg = nog te starten · gearceerd = bezig · vol = afgerond · gekruist = geblokkeerd · '))}"
        f"{_e(_('◆ = mijlpaal · QW = quick win'))}</text>"
    )
    out.append("</svg>")
    return SafeString("".join(out))
