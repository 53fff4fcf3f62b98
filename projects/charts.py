"""Server-side SVG charts of step 3: the steering structure as an organisation chart, the dependency graph
with the critical path marked, and a Gantt of the projects with their dependencies. The same markup goes on
the page and into the PDF.

Each function returns an SVG string marked safe only after every label in it went through html.escape.
Presentation attributes only (no style attributes, no <style>, no external references), role="img" with
<title> and <desc> tied to it by aria-labelledby, a viewBox so it scales. The pages put the same content in a
table or a nested list right after each chart. The critical path and conflicts are never shown by colour
alone: critical boxes and bars have a thick outline and a ★, conflicts a "!" and their weeks written out.

The charts take plain data: projects (objects with pk and title; planned_start, duration_weeks and
quick_win for the Gantt), dependencies (predecessor_id, successor_id, kind, lag_weeks) and the analysis of
projects/analysis.py (schedules by project pk, order, critical_edges, end_date).
"""

from __future__ import annotations

import datetime
import functools
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

INK = "#1b2733"
MUTED = "#4f5d6b"  # 6.6:1 on white
GRID = "#c3cbd6"  # decoration only
EDGE = "#6b7885"  # 4.6:1
BLUE = "#17406d"  # 10.6:1
TEAL = "#0b6e69"  # 6.1:1
CRITICAL = "#a1141a"  # 7:1
CONFLICT = "#8a4b00"  # 6.4:1
PALE_BLUE = "#eef2f6"
PALE_RED = "#fbeaea"
FONT = "'Source Sans 3', 'DejaVu Sans', sans-serif"

# Fixed Dutch month abbreviations: the chart must not depend on the server's locale.
MONTHS_NL = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
# Short kinds on the graph's arrows (start-start, einde-einde); the legend explains them.
KIND_SHORT = {"fs": "", "ss": gettext_lazy("SS"), "ff": gettext_lazy("EE")}


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _short(text, n: int) -> str:
    text = str(text)
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def two_lines(text: str, width: int) -> list[str]:
    """A title on at most two lines of `width` characters, broken between words; what does not fit is cut
    from the middle of the second line, so that a distinguishing end ("(deelproject 7)") stays."""
    if len(text) <= width:
        return [text]
    cut = text.rfind(" ", 0, width + 1)
    cut = cut if cut > width // 3 else width
    first, rest = text[:cut].rstrip(), text[cut:].strip()
    if len(rest) > width:
        rest = _short_middle(rest, width)
    return [first, rest]


def _short_middle(text: str, n: int) -> str:
    """Shortened in the middle: "Eén personeelsdienst… (deelproject 7)"."""
    text = str(text)
    if len(text) <= n:
        return text
    tail = min(16, (3 * n) // 5)
    return text[: n - tail - 1].rstrip() + "…" + text[-tail:]


def _f(value: float) -> str:
    """A coordinate: one decimal is plenty on screen and paper."""
    return f"{value:.1f}"


@functools.lru_cache(maxsize=4096)
def _d(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "–"


def _open(width: float, height: float, cid: str, title: str, desc: str, css_class: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css_class}" viewBox="0 0 {_f(width)} '
        f'{_f(height)}" width="{_f(width)}" height="{_f(height)}" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc" font-family="{FONT}" font-size="13" fill="{INK}">',
        f'<title id="{cid}-title">{_e(title)}</title>',
        f'<desc id="{cid}-desc">{_e(desc)}</desc>',
        f'<rect x="0" y="0" width="{_f(width)}" height="{_f(height)}" fill="#ffffff"/>',
    ]


def _empty(cid: str, title: str, message: str, css_class: str) -> SafeString:
    out = _open(760, 70, cid, title, message, css_class)
    out.append(f'<text x="16" y="40" fill="{MUTED}">{_e(message)}</text></svg>')
    return SafeString("".join(out))


def dependency_label(kind: str, lag_weeks: int) -> str:
    """ "SS +2 w" for a start-start dependency with two weeks' lag; "" for a plain finish-to-start."""
    parts = [str(KIND_SHORT.get(kind, ""))]
    if lag_weeks:
        parts.append(_("+%(n)s w") % {"n": lag_weeks})
    return " ".join(p for p in parts if p)


def _schedule(analysis, pk):
    return analysis.schedules.get(pk) if analysis is not None else None


def _is_critical(analysis, pk) -> bool:
    schedule = _schedule(analysis, pk)
    return bool(schedule and schedule.critical)


def _conflict_weeks(analysis, pk) -> int:
    schedule = _schedule(analysis, pk)
    return int(getattr(schedule, "conflict_weeks", 0) or 0) if schedule else 0


def _critical_edges(analysis) -> set[tuple[int, int]]:
    return set(getattr(analysis, "critical_edges", None) or ())


def _edges(dependencies: Iterable) -> list[tuple[int, int, str, int]]:
    """(predecessor pk, successor pk, kind, lag) once: a model's foreign key attribute is slow to read
    2,000 times over."""
    return [(d.predecessor_id, d.successor_id, d.kind, d.lag_weeks) for d in dependencies]


def _ordered(projects: Sequence, analysis) -> list:
    """Projects in the analysis' display order (topological, then planned start); the rest after."""
    by_pk = {p.pk: p for p in projects}
    order = [pk for pk in (getattr(analysis, "order", None) or []) if pk in by_pk]
    seen = set(order)
    return [by_pk[pk] for pk in order] + [p for p in projects if p.pk not in seen]


# --- Dependency graph -----------------------------------------------------------------------------

NODE_W = 210
NODE_H = 64
COL_GAP = 74
ROW_GAP = 16
MARGIN = 20
LEGEND_H = 44
WIDE = 1700  # wider than this, the page scrolls the graph rather than shrink it


def graph_layout(projects: Sequence, dependencies: Iterable, analysis=None) -> dict[int, tuple[int, int]]:
    """(column, row) per project pk: a column per topological generation, rows ordered to keep lines short.

    The first column follows the display order; every next column sorts by the mean row of each project's
    predecessors (one barycentre sweep), so a chain stays on one line where it can."""
    ordered = _ordered(projects, analysis)
    rank = {p.pk: i for i, p in enumerate(ordered)}
    graph = nx.DiGraph()
    graph.add_nodes_from(rank)
    graph.add_edges_from((a, b) for a, b, *_rest in _edges(dependencies) if a in rank and b in rank)
    try:
        generations = [list(g) for g in nx.topological_generations(graph)]
    except nx.NetworkXUnfeasible:  # a cycle cannot be stored; if it ever were, still draw something
        generations = [list(rank)]
    position: dict[int, tuple[int, int]] = {}
    for col, generation in enumerate(generations):
        if col == 0:
            generation.sort(key=lambda pk: rank[pk])
        else:

            def barycentre(pk, col=col):
                rows = [position[p][1] for p in graph.predecessors(pk) if position[p][0] == col - 1]
                rows = rows or [position[p][1] for p in graph.predecessors(pk)]
                return (sum(rows) / len(rows) if rows else float(rank[pk]), rank[pk])

            generation.sort(key=barycentre)
        for row, pk in enumerate(generation):
            position[pk] = (col, row)
    return position


def dependency_graph_svg(
    projects: Sequence, dependencies: Sequence, analysis, *, chart_id: str = "graph"
) -> str:
    """The dependency graph: a box per project, an arrow per dependency, the critical path thick and red
    with ★, projects with a schedule conflict marked "!" with their weeks."""
    cid = _e(chart_id)
    title = _("Afhankelijkheden tussen de projecten")
    if not projects:
        return _empty(cid, title, _("Dit traject heeft nog geen projecten."), "dependency-graph")
    position = graph_layout(projects, dependencies, analysis)
    n_cols = max(c for c, _r in position.values()) + 1
    n_rows = max(r for _c, r in position.values()) + 1
    width = 2 * MARGIN + n_cols * NODE_W + (n_cols - 1) * COL_GAP
    width = max(width, 760)
    height = 2 * MARGIN + n_rows * NODE_H + (n_rows - 1) * ROW_GAP + LEGEND_H
    critical_edges = _critical_edges(analysis)
    critical_path = [pk for pk in (getattr(analysis, "critical_path", None) or []) if pk in position]
    by_pk = {p.pk: p for p in projects}
    n_conflicts = sum(1 for p in projects if _conflict_weeks(analysis, p.pk))
    desc = _(
        "%(projects)s projecten en %(deps)s afhankelijkheden, van links (geen voorgangers) naar rechts. "
        "Kritiek pad: %(path)s. Projecten met een planningsconflict: %(conflicts)s. "
        "De tabel na de grafiek bevat dezelfde gegevens."
    ) % {
        "projects": len(projects),
        "deps": len(dependencies),
        "path": " → ".join(str(by_pk[pk].title) for pk in critical_path) or _("geen"),
        "conflicts": n_conflicts,
    }
    out = _open(width, height, cid, title, desc, "dependency-graph" + (" wide" if width > WIDE else ""))
    out.append(
        "<defs>"
        f'<marker id="{cid}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M0 0L10 5L0 10Z" fill="{EDGE}"/></marker>'
        f'<marker id="{cid}-arrow-critical" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="5" '
        f'markerHeight="5" orient="auto-start-reverse"><path d="M0 0L10 5L0 10Z" fill="{CRITICAL}"/></marker>'
        "</defs>"
    )

    boxes = {
        pk: (MARGIN + col * (NODE_W + COL_GAP), MARGIN + row * (NODE_H + ROW_GAP))
        for pk, (col, row) in position.items()
    }
    box = boxes.__getitem__

    label_edges = len(dependencies) <= 80
    plain, critical = [], []
    plain_line = '<path class="edge" d="%s" fill="none" stroke="' + EDGE + '" stroke-width="1.3" '
    plain_line += f'marker-end="url(#{cid}-arrow)"/>'
    critical_line = (
        f'<path class="edge critical" d="%s" fill="none" stroke="{CRITICAL}" stroke-width="3.5" '
        f'marker-end="url(#{cid}-arrow-critical)"/>'
    )
    half = NODE_H // 2
    for pre_id, suc_id, kind, lag in _edges(dependencies):
        if pre_id not in boxes or suc_id not in boxes:
            continue
        px, py = boxes[pre_id]
        sx, sy = boxes[suc_id]
        x1, y1 = px + NODE_W, py + half
        x2, y2 = sx, sy + half
        if x2 <= x1:  # same column cannot happen (generations); guard against odd data anyway
            x1, x2 = px + NODE_W // 2, sx + NODE_W // 2
        dx = max((x2 - x1) // 2, 20)
        is_critical = (pre_id, suc_id) in critical_edges
        # whole pixels: 2,000 edges are drawn in a few milliseconds
        line = (critical_line if is_critical else plain_line) % (
            f"M{x1} {y1}C{x1 + dx} {y1} {x2 - dx} {y2} {x2 - 1} {y2}"
        )
        label = dependency_label(kind, lag) if label_edges else ""
        if label:
            mx, my = (x1 + x2) // 2, (y1 + y2) // 2
            line += (
                f'<rect x="{mx - 24}" y="{my - 9}" width="48" height="16" rx="3" fill="#ffffff" '
                f'stroke="{GRID}"/><text x="{mx}" y="{my + 4}" font-size="11" text-anchor="middle" '
                f'fill="{INK}">{_e(label)}</text>'
            )
        (critical if is_critical else plain).append(line)
    out.extend(plain)
    out.extend(critical)  # on top

    t_forecast, t_critical = _("voorzien %(start)s – %(end)s"), _("kritiek pad")
    t_slack, t_conflict = _("speling %(weeks)s w"), _("conflict: %(weeks)s w te vroeg gepland")
    for project in projects:
        pk = project.pk
        x, y = box(pk)
        is_critical = _is_critical(analysis, pk)
        weeks = _conflict_weeks(analysis, pk)
        schedule = _schedule(analysis, pk)
        info = [str(project.title)]
        if schedule is not None:
            info.append(
                t_forecast % {"start": _d(schedule.earliest_start), "end": _d(schedule.earliest_finish)}
            )
        if is_critical:
            info.append(t_critical)
        elif schedule is not None:
            info.append(t_slack % {"weeks": _weeks(schedule)})
        if weeks:
            info.append(t_conflict % {"weeks": weeks})
        classes = "node" + (" critical" if is_critical else "") + (" conflict" if weeks else "")
        out.append(f'<g class="{classes}" data-project="{pk}"><title>{_e(" · ".join(info))}</title>')
        out.append(
            f'<rect x="{_f(x)}" y="{_f(y)}" width="{NODE_W}" height="{NODE_H}" rx="6" '
            f'fill="{PALE_RED if is_critical else "#ffffff"}" stroke="{CRITICAL if is_critical else BLUE}" '
            f'stroke-width="{3 if is_critical else 1.3}"/>'
        )
        prefix = "★ " if is_critical else ""
        for n, line in enumerate(two_lines(prefix + str(project.title), 28)):
            out.append(
                f'<text x="{x + 9}" y="{y + 19 + 16 * n}" font-weight="700" font-size="13">{_e(line)}</text>'
            )
        if schedule is not None:
            sub = f"{schedule.earliest_start:%d/%m/%y} – {schedule.earliest_finish:%d/%m/%y}"
            out.append(f'<text x="{x + 9}" y="{y + 55}" font-size="12" fill="{MUTED}">{_e(sub)}</text>')
        if weeks:
            out.append(
                f'<circle cx="{x + NODE_W - 14}" cy="{y + 50}" r="9" fill="{CONFLICT}"/>'
                f'<text x="{x + NODE_W - 14}" y="{y + 54.5}" font-size="13" font-weight="700" '
                f'text-anchor="middle" fill="#ffffff">!</text>'
                f'<text x="{x + NODE_W - 27}" y="{y + 55}" font-size="12" font-weight="700" '
                f'text-anchor="end" fill="{CONFLICT}">{_e(f"+{weeks} w")}</text>'
            )
        out.append("</g>")

    legend_y = height - LEGEND_H + 24
    out.append(
        f'<text x="{MARGIN}" y="{legend_y}" font-size="12" fill="{MUTED}">'
        f"{_e(_('★ en dikke rode rand = kritiek pad · ! = planningsconflict (weken te vroeg gepland) · '))}"
        f"{_e(_('pijl van voorganger naar opvolger · SS = start-start, EE = einde-einde, +n w = wachttijd'))}"
        "</text>"
    )
    out.append("</svg>")
    return SafeString("".join(out))


def _weeks(schedule) -> str:
    weeks = getattr(schedule, "slack_weeks", None)
    if weeks is None:
        weeks = schedule.slack_days / 7
    if float(weeks).is_integer():
        return str(int(weeks))
    return f"{float(weeks):.1f}".replace(".", ",")


# --- Gantt of the projects ------------------------------------------------------------------------

G_WIDTH = 1100
G_LABEL_W = 300
G_CHART_X = G_LABEL_W + 10
G_CHART_W = G_WIDTH - G_CHART_X - 40
G_HEADER_H = 46
G_ROW_H = 26


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def projects_gantt_svg(
    projects: Sequence,
    dependencies: Sequence,
    analysis,
    *,
    today: datetime.date | None = None,
    chart_id: str = "gantt",
    span: tuple[datetime.date, datetime.date] | None = None,
) -> str:
    """A bar per project at its forecast dates (what the dependencies allow), the slack as a thin line after
    it, the planned start of a conflicting project as a dashed outline; lines from predecessor to successor
    (finish to start, start to start or finish to finish). Critical bars are solid red with ★."""
    cid = _e(chart_id)
    title = _("Planning van de projecten met hun afhankelijkheden")
    ordered = [p for p in _ordered(projects, analysis) if _schedule(analysis, p.pk) is not None]
    if not ordered:
        return _empty(cid, title, _("Dit traject heeft nog geen projecten."), "projects-gantt")
    schedules = [analysis.schedules[p.pk] for p in ordered]
    first_day = min(min(s.planned_start, s.earliest_start) for s in schedules)
    last_day = max(max(s.earliest_finish, s.latest_finish or s.earliest_finish) for s in schedules)
    if span is not None:  # one time axis for a chart cut into pages
        first_day, last_day = min(first_day, span[0]), max(last_day, span[1])
    first = _month_start(first_day)
    last = _next_month(last_day)
    total_days = max((last - first).days, 1)

    def x(day: datetime.date) -> float:
        return G_CHART_X + G_CHART_W * (day - first).days / total_days

    row_of = {p.pk: i for i, p in enumerate(ordered)}
    bottom = G_HEADER_H + len(ordered) * G_ROW_H
    height = bottom + 58
    end_date = getattr(analysis, "end_date", None)
    desc = _(
        "%(n)s projecten van %(start)s tot %(end)s, met %(deps)s afhankelijkheden. "
        "De tabel na de grafiek bevat dezelfde gegevens."
    ) % {
        "n": len(ordered),
        "start": _d(first_day),
        "end": _d(end_date or last_day),
        "deps": len(dependencies),
    }
    out = _open(G_WIDTH, height, cid, title, desc, "projects-gantt")
    out.append(
        "<defs>"
        f'<marker id="{cid}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" '
        f'orient="auto-start-reverse"><path d="M0 0L10 5L0 10Z" fill="{EDGE}"/></marker>'
        f'<marker id="{cid}-arrow-critical" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="5" '
        f'markerHeight="5" orient="auto-start-reverse"><path d="M0 0L10 5L0 10Z" fill="{CRITICAL}"/></marker>'
        "</defs>"
    )
    out.append(f'<text x="8" y="{G_HEADER_H - 10}" font-weight="700">{_e(_("Project"))}</text>')
    # stripes, month grid and labels
    for i in range(0, len(ordered), 2):
        out.append(
            f'<rect x="0" y="{G_HEADER_H + i * G_ROW_H}" width="{G_WIDTH}" height="{G_ROW_H}" '
            'fill="#f6f8fa"/>'
        )
    months = []
    day = first
    while day < last:
        months.append(day)
        day = _next_month(day)
    step = 1 if len(months) <= 18 else (2 if len(months) <= 30 else (3 if len(months) <= 48 else 6))
    for i, month in enumerate(months):
        mx = x(month)
        out.append(
            f'<line x1="{_f(mx)}" y1="{G_HEADER_H - 4}" x2="{_f(mx)}" y2="{bottom}" stroke="{GRID}" '
            f'stroke-width="1"/>'
        )
        if i % step == 0:
            out.append(
                f'<text x="{_f(mx + 3)}" y="{G_HEADER_H - 10}" font-size="12">'
                f"{MONTHS_NL[month.month - 1]}</text>"
            )
            if i == 0 or month.month <= step:
                out.append(
                    f'<text x="{_f(mx + 3)}" y="{G_HEADER_H - 26}" font-size="12" font-weight="700">'
                    f"{month.year}</text>"
                )
    out.append(f'<line x1="0" y1="{G_HEADER_H - 4}" x2="{G_WIDTH}" y2="{G_HEADER_H - 4}" stroke="{MUTED}"/>')

    def bar_y(pk) -> float:
        return G_HEADER_H + row_of[pk] * G_ROW_H

    # dependency lines first, bars on top
    critical_edges = _critical_edges(analysis)
    plain, critical = [], []
    schedules = analysis.schedules
    for pre_id, suc_id, kind, _lag in _edges(dependencies):
        if pre_id not in row_of or suc_id not in row_of:
            continue
        pre, suc = schedules[pre_id], schedules[suc_id]
        x1 = x(pre.earliest_start if kind == "ss" else pre.earliest_finish)
        x2 = x(suc.earliest_finish if kind == "ff" else suc.earliest_start)
        y1 = bar_y(pre_id) + G_ROW_H // 2
        y2 = bar_y(suc_id) + G_ROW_H // 2
        # leave the predecessor, drop to the successor's row, enter its bar from the side
        if kind == "ff":
            xm = max(x1, x2) + 8
            path = f"M{x1:.1f} {y1}H{xm:.1f}V{y2}H{x2 + 1:.1f}"
        elif kind == "ss":
            xm = min(x1, x2) - 8
            path = f"M{x1:.1f} {y1}H{xm:.1f}V{y2}H{x2 - 1:.1f}"
        elif x2 >= x1 + 10:
            xm = x1 + 6
            path = f"M{x1:.1f} {y1}H{xm:.1f}V{y2}H{x2 - 1:.1f}"
        else:  # the successor starts where the predecessor ends (or earlier): go round by the row gap
            xm = x1 + 6
            turn = y2 - G_ROW_H // 2 if y2 > y1 else y2 + G_ROW_H // 2
            path = f"M{x1:.1f} {y1}H{xm:.1f}V{turn}H{x2 - 8:.1f}V{y2}H{x2 - 1:.1f}"
        is_critical = (pre_id, suc_id) in critical_edges
        if is_critical:
            critical.append(
                f'<path class="dep critical" d="{path}" fill="none" stroke="{CRITICAL}" stroke-width="2.2" '
                f'marker-end="url(#{cid}-arrow-critical)"/>'
            )
        else:
            plain.append(
                f'<path class="dep" d="{path}" fill="none" stroke="{EDGE}" stroke-width="1" '
                f'marker-end="url(#{cid}-arrow)"/>'
            )

    bars = []
    t_forecast, t_early = _("voorzien %(start)s – %(end)s"), _("gepland vanaf %(d)s: %(w)s w te vroeg")
    t_critical, t_slack, t_qw = _("kritiek pad"), _("speling %(w)s w"), _e(_("QW"))
    for project in ordered:
        s = analysis.schedules[project.pk]
        y = bar_y(project.pk)
        is_critical = bool(s.critical)
        weeks = int(getattr(s, "conflict_weeks", 0) or 0)
        info = [
            str(project.title),
            t_forecast % {"start": _d(s.earliest_start), "end": _d(s.earliest_finish)},
        ]
        if weeks:
            info.append(t_early % {"d": _d(s.planned_start), "w": weeks})
        info.append(t_critical if is_critical else t_slack % {"w": _weeks(s)})
        classes = "bar" + (" critical" if is_critical else "") + (" conflict" if weeks else "")
        bars.append(f'<g class="{classes}" data-project="{project.pk}"><title>{_e(" · ".join(info))}</title>')
        prefix = "★ " if is_critical else ""
        bars.append(
            f'<text x="8" y="{_f(y + 17)}" font-weight="{700 if is_critical else 400}">'
            f"{_e(prefix + _short_middle(project.title, (41 if is_critical else 46) - len(prefix)))}</text>"
        )
        if weeks:
            px1 = x(s.planned_start)
            px2 = x(s.planned_finish)
            bars.append(
                f'<rect x="{_f(px1)}" y="{_f(y + 5)}" width="{_f(max(px2 - px1, 3))}" height="16" rx="2" '
                f'fill="none" stroke="{CONFLICT}" stroke-width="1.5" stroke-dasharray="4 3"/>'
            )
        x1, x2 = x(s.earliest_start), x(s.earliest_finish)
        if not is_critical and s.latest_finish and s.latest_finish > s.earliest_finish:
            lx = x(s.latest_finish)
            bars.append(
                f'<line x1="{_f(x2)}" y1="{_f(y + 13)}" x2="{_f(lx)}" y2="{_f(y + 13)}" stroke="{MUTED}" '
                f'stroke-width="1.5"/><line x1="{_f(lx)}" y1="{_f(y + 9)}" x2="{_f(lx)}" y2="{_f(y + 17)}" '
                f'stroke="{MUTED}" stroke-width="1.5"/>'
            )
        fill = CRITICAL if is_critical else TEAL
        bars.append(
            f'<rect x="{_f(x1)}" y="{_f(y + 7)}" width="{_f(max(x2 - x1, 3))}" height="12" rx="2" '
            f'fill="{fill}" '
            f'stroke="{CRITICAL if is_critical else TEAL}" stroke-width="{2 if is_critical else 1}"/>'
        )
        end_x = x2 + 4
        if weeks:
            bars.append(
                f'<text x="{_f(end_x)}" y="{_f(y + 17)}" font-size="11" font-weight="700" fill="{CONFLICT}">'
                f"{_e(f'! +{weeks} w')}</text>"
            )
            end_x += 44
        if getattr(project, "quick_win", False):
            bars.append(
                f'<text x="{_f(end_x)}" y="{_f(y + 17)}" font-size="11" font-weight="700" fill="{BLUE}">'
                f"{t_qw}</text>"
            )
        bars.append("</g>")
    out.extend(plain)
    out.extend(critical)
    out.extend(bars)

    if today is not None and first <= today < last:
        tx = x(today)
        out.append(
            f'<line x1="{_f(tx)}" y1="{G_HEADER_H - 4}" x2="{_f(tx)}" y2="{bottom}" stroke="#b35c00" '
            f'stroke-width="2" stroke-dasharray="5 3"/>'
        )
        out.append(
            f'<text x="{_f(tx)}" y="{bottom + 16}" text-anchor="middle" font-size="12" font-weight="700" '
            f'fill="#8a4b00">{_e(_("Vandaag %(d)s") % {"d": _d(today)})}</text>'
        )
    if end_date is not None:
        ex = x(end_date)
        out.append(
            f'<line x1="{_f(ex)}" y1="{G_HEADER_H - 4}" x2="{_f(ex)}" y2="{bottom}" stroke="{BLUE}" '
            f'stroke-width="2"/>'
        )
        anchor = "end" if ex > G_WIDTH - 150 else "middle"
        out.append(
            f'<text x="{_f(ex)}" y="{bottom + 32}" text-anchor="{anchor}" font-size="12" font-weight="700" '
            f'fill="{BLUE}">{_e(_("Einde programma %(d)s") % {"d": _d(end_date)})}</text>'
        )
    out.append(
        f'<text x="8" y="{height - 8}" font-size="11" fill="{MUTED}">'
        f"{_e(_('Balk = voorziene planning · rood met ★ = kritiek pad · dunne lijn = speling · '))}"
        f"{_e(_('onderbroken kader = geplande start vóór wat de afhankelijkheden toelaten (!) · '))}"
        f"{_e(_('QW = quick win'))}"
        "</text>"
    )
    out.append("</svg>")
    return SafeString("".join(out))


# --- Organisation chart ---------------------------------------------------------------------------


@dataclass
class OrgUnit:
    """A box of the organisation chart: a title, lines under it (chair, lead), a list (members, projects)."""

    title: str
    lines: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


O_WIDTH = 1000
O_BOX_W = 300
O_LINE_H = 18
O_MAX_ITEMS = 8


def _unit_height(unit: OrgUnit, max_items: int = O_MAX_ITEMS) -> float:
    shown = min(len(unit.items), max_items) + (1 if len(unit.items) > max_items else 0)
    return 34 + O_LINE_H * (len(unit.lines) + shown) + (6 if unit.items else 0) + 8


def _unit(
    out: list[str], unit: OrgUnit, x: float, y: float, w: float, *, kind: str, dashed: bool = False
) -> float:
    h = _unit_height(unit)
    stroke = CONFLICT if dashed else BLUE
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    fill = "#fff8ef" if dashed else ("#e8eef6" if kind == "steering" else "#ffffff")
    out.append(f'<g class="org-unit {kind}">')
    out.append(
        f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}" rx="6" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="{2 if kind == "steering" else 1.4}"{dash}/>'
    )
    chars = int(w / 7.4)
    out.append(
        f'<text x="{_f(x + 10)}" y="{_f(y + 22)}" font-weight="700" font-size="14">'
        f"{_e(_short(unit.title, chars))}</text>"
    )
    ty = y + 22
    for line in unit.lines:
        ty += O_LINE_H
        out.append(
            f'<text x="{_f(x + 10)}" y="{_f(ty)}" font-size="12" fill="{MUTED}">'
            f"{_e(_short(line, chars + 4))}</text>"
        )
    if unit.items:
        ty += 6
        for item in unit.items[:O_MAX_ITEMS]:
            ty += O_LINE_H
            out.append(
                f'<text x="{_f(x + 14)}" y="{_f(ty)}" font-size="12">{_e("• " + _short(item, chars))}</text>'
            )
        if len(unit.items) > O_MAX_ITEMS:
            ty += O_LINE_H
            more = _("… en nog %(n)s") % {"n": len(unit.items) - O_MAX_ITEMS}
            out.append(f'<text x="{_f(x + 14)}" y="{_f(ty)}" font-size="12" fill="{MUTED}">{_e(more)}</text>')
    out.append("</g>")
    return h


def org_chart_svg(
    steering: OrgUnit, groups: Sequence[OrgUnit], unplaced: Sequence[str] = (), *, chart_id: str = "org"
) -> str:
    """The steering group on top, its project groups under it (each with its projects), the projects without
    a place in the structure in a dashed box beside them."""
    cid = _e(chart_id)
    title = _("Organigram van de stuurstructuur")
    n_projects = sum(len(g.items) for g in groups)
    desc = _(
        "%(steering)s stuurt %(groups)s projectgroepen met samen %(projects)s projecten; "
        "%(unplaced)s projecten hebben geen plaats in de structuur. De lijst na het organigram bevat "
        "dezelfde gegevens."
    ) % {"steering": steering.title, "groups": len(groups), "projects": n_projects, "unplaced": len(unplaced)}
    per_row = 3
    gap = 26
    box_w = (O_WIDTH - 40 - gap * (per_row - 1)) / per_row
    top_h = _unit_height(steering)
    rows = [list(groups[i : i + per_row]) for i in range(0, len(groups), per_row)]
    unplaced_unit = OrgUnit(_("Zonder plaats in de structuur"), items=list(unplaced)) if unplaced else None
    units_rows = list(rows)
    if unplaced_unit is not None:
        if units_rows and len(units_rows[-1]) < per_row:
            units_rows[-1] = [*units_rows[-1], unplaced_unit]
        else:
            units_rows.append([unplaced_unit])
    y0 = 20 + top_h + 44
    row_heights = [max(_unit_height(u) for u in r) for r in units_rows]
    height = y0 + sum(row_heights) + gap * max(len(units_rows) - 1, 0) + 24
    if not units_rows:
        height = y0 + 40
    out = _open(O_WIDTH, height, cid, title, desc, "org-chart")
    sx = (O_WIDTH - O_BOX_W - 80) / 2
    sw = O_BOX_W + 80
    _unit(out, steering, sx, 20, sw, kind="steering")
    hub_y = 20 + top_h + 22
    if groups:
        out.append(
            f'<line x1="{_f(O_WIDTH / 2)}" y1="{_f(20 + top_h)}" x2="{_f(O_WIDTH / 2)}" y2="{_f(hub_y)}" '
            f'stroke="{BLUE}" stroke-width="1.5"/>'
        )
    y = y0
    for r, row in enumerate(units_rows):
        centres = []
        for i, unit in enumerate(row):
            bx = 20 + i * (box_w + gap)
            is_unplaced = unit is unplaced_unit
            _unit(out, unit, bx, y, box_w, kind="unplaced" if is_unplaced else "group", dashed=is_unplaced)
            if not is_unplaced:
                centres.append(bx + box_w / 2)
        if centres:
            # every group hangs from the steering group: a bus line above each row
            bus_y = hub_y if r == 0 else y - gap / 2
            if r > 0:
                out.append(
                    f'<line x1="{_f(O_WIDTH / 2)}" y1="{_f(hub_y)}" x2="{_f(O_WIDTH / 2)}" y2="{_f(bus_y)}" '
                    f'stroke="{BLUE}" stroke-width="1.5"/>'
                )
            left, right = min([*centres, O_WIDTH / 2]), max([*centres, O_WIDTH / 2])
            out.append(
                f'<line x1="{_f(left)}" y1="{_f(bus_y)}" x2="{_f(right)}" y2="{_f(bus_y)}" stroke="{BLUE}" '
                f'stroke-width="1.5"/>'
            )
            for cx in centres:
                out.append(
                    f'<line x1="{_f(cx)}" y1="{_f(bus_y)}" x2="{_f(cx)}" y2="{_f(y)}" stroke="{BLUE}" '
                    f'stroke-width="1.5"/>'
                )
        y += row_heights[r] + gap
    if not units_rows:
        out.append(
            f'<text x="{_f(O_WIDTH / 2)}" y="{_f(y0 + 10)}" text-anchor="middle" fill="{MUTED}">'
            f"{_e(_('Nog geen projectgroepen onder de stuurgroep.'))}</text>"
        )
    out.append("</svg>")
    return SafeString("".join(out))


def person(user, name: str = "") -> str:
    """A person as shown: the Tandem user's name, else the typed name."""
    if user is not None:
        return user.get_full_name() or user.get_username()
    return name or ""


def org_units(data) -> tuple[OrgUnit, list[OrgUnit], list[str]]:
    """The steering structure of a ProgrammeData as boxes for the organisation chart."""
    group = data.steering_group
    if group is None:
        steering = OrgUnit(_("Stuurgroep"), [_("Nog niet samengesteld")])
    else:
        chair = person(group.chair, group.chair_name)
        manager = person(group.programme_manager, group.programme_manager_name)
        lines = [
            _("Voorzitter: %(name)s") % {"name": chair or _("nog niet gekozen")},
            _("Programmamanager: %(name)s") % {"name": manager or _("nog niet gekozen")},
        ]
        items = [f"{person(m.user, m.name)} ({m.function})" for m in group.member_list]
        steering = OrgUnit(group.name, lines, items)
    groups = []
    for g in data.groups:
        lead = person(g.lead, g.lead_name)
        lines = [_("Trekker: %(name)s") % {"name": lead}] if lead else []
        groups.append(OrgUnit(g.name, lines, [p.title for p in g.project_list]))
    return steering, groups, [p.title for p in data.unplaced]
