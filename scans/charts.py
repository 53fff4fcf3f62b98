"""Server-side SVG charts of the scan: the same markup on the results page and in the PDF report.

Each function returns an SVG string marked safe only after every label and number in it went through
html.escape. Presentation attributes only (fill=, stroke=; no style attributes, no <style>, no external
references), role="img" with <title> and <desc> tied to it by aria-labelledby, a viewBox so it scales.
The page and the report put the same numbers in a table right after each chart.

Colours keep at least 3:1 against white (WCAG 1.4.11) and are never the only difference: the OCMW line is
dashed with square markers, the desired quality an outlined bar beside a solid one.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

GEMEENTE = "#17406d"  # 10.6:1 on white
OCMW = "#b35c00"  # 4.7:1
CURRENT = "#4f5d6b"  # 6.8:1
DESIRED = "#0b6e69"  # 6.1:1
INK = "#1b2733"
MUTED = "#4f5d6b"
GRID = "#c3cbd6"  # decoration only: every value is also written as text
FONT = "'Source Sans 3', 'DejaVu Sans', sans-serif"
MAX_SCORE = 5


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def round1(value: float) -> Decimal:
    """One decimal, halves rounded up (2,25 → 2,3), as a reader rounds."""
    return Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _num(value: float | None) -> str:
    return "–" if value is None else number_format(round1(value), 1)


def _signed(value: float | None) -> str:
    if value is None:
        return "–"
    rounded = round1(value)
    text = number_format(abs(rounded), 1)
    if rounded > 0:
        return "+" + text
    if rounded < 0:
        return "−" + text
    return text


def _wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    lines = textwrap.wrap(str(text), width, break_long_words=True) or [""]
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _open(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    cid = _e(chart_id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{cid}-title {cid}-desc" '
        f'font-family="{FONT}" font-size="13" fill="{INK}">',
        f'<title id="{cid}-title">{_e(title)}</title>',
        f'<desc id="{cid}-desc">{_e(desc)}</desc>',
    ]


def _text_lines(
    x: float,
    y: float,
    lines: list[str],
    *,
    anchor: str,
    size: int = 13,
    fill: str = INK,
    weight: str = "normal",
    line_height: float = 16,
) -> str:
    spans = "".join(
        f'<tspan x="{_f(x)}" dy="{0 if n == 0 else _f(line_height)}">{_e(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    return (
        f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}" font-size="{size}" fill="{fill}" '
        f'font-weight="{weight}">{spans}</text>'
    )


# --- Radar ----------------------------------------------------------------------------------------


def radar_chart(themes: Sequence, *, chart_id: str = "radar-thema", title: str | None = None) -> SafeString:
    """The average interview score per theme, gemeente and OCMW side by side (scale 0 to 5).

    `themes`: objects with .label, .gemeente.average and .ocmw.average (scans.results.ThemeResult).
    """
    width, height = 640, 480
    cx, cy, radius = 320.0, 222.0, 150.0
    n = len(themes)
    title = title or _("Gemiddelde score per thema: gemeente en OCMW")
    desc = _("Radardiagram op een schaal van 1 (zwak) tot 5 (sterk). ") + " ".join(
        _("%(theme)s: gemeente %(g)s, OCMW %(o)s.")
        % {"theme": t.label, "g": _num(t.gemeente.average), "o": _num(t.ocmw.average)}
        for t in themes
    )
    out = _open(chart_id, width, height, title, desc)
    if n < 3:
        out.append(_text_lines(cx, cy, [_("Te weinig thema's voor een radardiagram.")], anchor="middle"))
        out.append("</svg>")
        return mark_safe("".join(out))  # noqa: S308 - every text above went through _e()

    angles = [-math.pi / 2 + 2 * math.pi * i / n for i in range(n)]

    def point(i: int, value: float) -> tuple[float, float]:
        r = radius * max(0.0, min(value, MAX_SCORE)) / MAX_SCORE
        return cx + r * math.cos(angles[i]), cy + r * math.sin(angles[i])

    def points(values: list[float]) -> str:
        return " ".join(f"{_f(x)},{_f(y)}" for x, y in (point(i, v) for i, v in enumerate(values)))

    # Rings 1..5 and the axes
    out.append(f'<g fill="none" stroke="{GRID}" stroke-width="1">')
    for level in range(1, MAX_SCORE + 1):
        out.append(f'<polygon points="{points([level] * n)}"/>')
    for i in range(n):
        x, y = point(i, MAX_SCORE)
        out.append(f'<line x1="{_f(cx)}" y1="{_f(cy)}" x2="{_f(x)}" y2="{_f(y)}"/>')
    out.append("</g>")
    out.append(f'<g font-size="11" fill="{MUTED}">')
    for level in range(1, MAX_SCORE + 1):
        out.append(f'<text x="{_f(cx + 4)}" y="{_f(cy - radius * level / MAX_SCORE - 3)}">{level}</text>')
    out.append("</g>")

    # The two series
    series = [
        ("gemeente", GEMEENTE, "", [t.gemeente.average for t in themes]),
        ("ocmw", OCMW, ' stroke-dasharray="8 5"', [t.ocmw.average for t in themes]),
    ]
    for key, colour, dash, values in series:
        if all(v is None for v in values):
            continue
        out.append(
            f'<polygon points="{points([v or 0 for v in values])}" fill="{colour}" fill-opacity="0.10" '
            f'stroke="{colour}" stroke-width="2.5" stroke-linejoin="round"{dash}/>'
        )
        for i, value in enumerate(values):
            if value is None:
                continue
            x, y = point(i, value)
            if key == "gemeente":
                out.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="4.5" fill="{colour}"/>')
            else:
                out.append(
                    f'<rect x="{_f(x - 4)}" y="{_f(y - 4)}" width="8" height="8" fill="#ffffff" '
                    f'stroke="{colour}" stroke-width="2"/>'
                )

    # Labels outside the circle, with both values under each label
    for i, theme in enumerate(themes):
        cos, sin = math.cos(angles[i]), math.sin(angles[i])
        x, y = cx + (radius + 16) * cos, cy + (radius + 16) * sin
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        lines = _wrap(theme.label, 24, 3)
        values = _("gemeente %(g)s · OCMW %(o)s") % {
            "g": _num(theme.gemeente.average),
            "o": _num(theme.ocmw.average),
        }
        block = (len(lines) + 1) * 16
        if sin < -0.9:  # top: the block sits above the point
            top = y - block + 4
        elif sin > 0.3:  # bottom: below
            top = y + 12
        else:  # the sides: centred on the point
            top = y - block / 2 + 12
        out.append(_text_lines(x, top, lines, anchor=anchor, weight="600"))
        out.append(_text_lines(x, top + len(lines) * 16, [values], anchor=anchor, size=12, fill=MUTED))

    # Legend
    ly = height - 18
    out.append(
        f'<g font-size="13"><line x1="200" y1="{ly - 4}" x2="236" y2="{ly - 4}" stroke="{GEMEENTE}" '
        f'stroke-width="2.5"/><circle cx="218" cy="{ly - 4}" r="4.5" fill="{GEMEENTE}"/>'
        f'<text x="244" y="{ly}">{_e(_("Gemeente"))}</text>'
        f'<line x1="340" y1="{ly - 4}" x2="376" y2="{ly - 4}" stroke="{OCMW}" stroke-width="2.5" '
        f'stroke-dasharray="8 5"/><rect x="354" y="{ly - 8}" width="8" height="8" fill="#ffffff" '
        f'stroke="{OCMW}" stroke-width="2"/><text x="384" y="{ly}">{_e(_("OCMW"))}</text></g>'
    )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above went through _e()


# --- Gap between current and desired quality ------------------------------------------------------


def gap_chart(
    services: Sequence, *, chart_id: str = "kloof-diensten", title: str | None = None
) -> SafeString:
    """Current and desired quality per support service (scale 0 to 5), each value written beside its bar.

    `services`: objects with .name, .current, .desired and .gap (scans.results.ServiceResult).
    """
    width = 640
    label_right, x0, x1 = 188.0, 200.0, 540.0
    top, row_h, bar_h = 70.0, 46.0, 13.0
    scale = (x1 - x0) / MAX_SCORE
    height = int(top + row_h * max(len(services), 1) + 12)
    title = title or _("Huidige en gewenste kwaliteit per ondersteunende dienst")
    desc = _("Staafdiagram op een schaal van 1 tot 5. ") + " ".join(
        _("%(service)s: huidig %(c)s, gewenst %(d)s, kloof %(gap)s.")
        % {"service": s.name, "c": _num(s.current), "d": _num(s.desired), "gap": _signed(s.gap)}
        for s in services
    )
    out = _open(chart_id, width, height, title, desc)

    # Legend and scale
    out.append(
        f'<rect x="{_f(x0)}" y="10" width="22" height="{_f(bar_h)}" fill="{CURRENT}"/>'
        f'<text x="{_f(x0 + 30)}" y="21">{_e(_("Huidige kwaliteit"))}</text>'
        f'<rect x="{_f(x0 + 170)}" y="11" width="21" height="{_f(bar_h - 2)}" fill="#ffffff" '
        f'stroke="{DESIRED}" stroke-width="2"/>'
        f'<text x="{_f(x0 + 200)}" y="21">{_e(_("Gewenste kwaliteit"))}</text>'
    )
    out.append(
        f'<text x="{width - 6}" y="{_f(top - 12)}" text-anchor="end" font-weight="600">'
        f"{_e(_('Kloof'))}</text>"
    )
    bottom = top + row_h * max(len(services), 1)
    out.append(f'<g stroke="{GRID}" stroke-width="1">')
    for level in range(MAX_SCORE + 1):
        x = x0 + level * scale
        out.append(f'<line x1="{_f(x)}" y1="{_f(top - 6)}" x2="{_f(x)}" y2="{_f(bottom)}"/>')
    out.append("</g>")
    out.append(f'<g font-size="11" fill="{MUTED}" text-anchor="middle">')
    for level in range(MAX_SCORE + 1):
        out.append(f'<text x="{_f(x0 + level * scale)}" y="{_f(top - 12)}">{level}</text>')
    out.append("</g>")

    if not services:
        out.append(_text_lines(x0, top + 24, [_("Nog geen ondersteunende diensten.")], anchor="start"))
    for n, service in enumerate(services):
        y = top + n * row_h
        lines = _wrap(service.name, 26, 2)
        label_top = y + row_h / 2 - (len(lines) - 1) * 8 + 4
        out.append(_text_lines(label_right, label_top, lines, anchor="end", weight="600"))
        if service.current is None and service.desired is None:
            out.append(
                _text_lines(
                    x0 + 6,
                    y + row_h / 2 + 4,
                    [_("nog geen kwaliteitsscores")],
                    anchor="start",
                    size=12,
                    fill=MUTED,
                )
            )
        for offset, value, solid in ((5.0, service.current, True), (5.0 + bar_h + 4, service.desired, False)):
            if value is None:
                continue
            w = max(value, 0) * scale
            if solid:
                out.append(
                    f'<rect x="{_f(x0)}" y="{_f(y + offset)}" width="{_f(w)}" height="{_f(bar_h)}" '
                    f'fill="{CURRENT}"/>'
                )
            else:
                out.append(
                    f'<rect x="{_f(x0 + 1)}" y="{_f(y + offset + 1)}" width="{_f(max(w - 2, 0))}" '
                    f'height="{_f(bar_h - 2)}" fill="#ffffff" stroke="{DESIRED}" stroke-width="2"/>'
                )
            out.append(
                f'<text x="{_f(x0 + w + 6)}" y="{_f(y + offset + bar_h - 2)}" font-size="12">'
                f"{_e(_num(value))}</text>"
            )
        out.append(
            f'<text x="{width - 6}" y="{_f(y + row_h / 2 + 4)}" text-anchor="end" font-weight="600">'
            f"{_e(_signed(service.gap))}</text>"
        )
        if n:
            out.append(
                f'<line x1="8" y1="{_f(y)}" x2="{width - 6}" y2="{_f(y)}" stroke="{GRID}" '
                f'stroke-width="0.5"/>'
            )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above went through _e()


# --- The same numbers as tables -------------------------------------------------------------------


@dataclass
class DataTable:
    """A table of strings: the text equivalent of a chart, or a table of the report.

    The first cell of every row is its row header. `numeric` holds the indexes of right-aligned columns.
    """

    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = field(default_factory=frozenset)


def score(value: float | None) -> str:
    """A score with one decimal (3,8), or a dash."""
    return _num(value)


def signed(value: float | None) -> str:
    return _signed(value)


def radar_table(themes: Sequence, *, caption: str | None = None) -> DataTable:
    """The radar chart's numbers: per theme the averages of gemeente and OCMW and their answers."""
    return DataTable(
        caption=caption or _("Gemiddelde score per thema (1 tot 5)"),
        headers=[
            _("Thema"),
            _("Gemeente"),
            _("OCMW"),
            _("Verschil"),
            _("Antwoorden gemeente"),
            _("Antwoorden OCMW"),
        ],
        rows=[
            [
                str(t.label),
                _num(t.gemeente.average),
                _num(t.ocmw.average),
                _signed(t.difference),
                str(t.gemeente.n),
                str(t.ocmw.n),
            ]
            for t in themes
        ],
        numeric=frozenset({1, 2, 3, 4, 5}),
    )


def question_table(theme) -> DataTable:
    """Per scored question of a theme: the averages of gemeente and OCMW."""
    return DataTable(
        caption=_("Scores per vraag: %(theme)s") % {"theme": theme.label},
        headers=[_("Vraag"), _("Gemeente"), _("OCMW"), _("Antwoorden")],
        rows=[
            [q.text, _num(q.gemeente.average), _num(q.ocmw.average), str(q.overall.n)]
            for q in theme.questions
        ],
        numeric=frozenset({1, 2, 3}),
    )


def gap_table(services: Sequence, *, caption: str | None = None) -> DataTable:
    """The gap chart's numbers, with the working method, the staff and the total scenario per service."""
    return DataTable(
        caption=caption or _("Huidige en gewenste kwaliteit per ondersteunende dienst (1 tot 5)"),
        headers=[
            _("Dienst"),
            _("Werkwijze"),
            _("VTE gemeente"),
            _("VTE OCMW"),
            _("Huidige kwaliteit"),
            _("Gewenste kwaliteit"),
            _("Kloof"),
            _("Totaalscenario"),
        ],
        rows=[
            [
                s.name,
                s.working_methods_label or _("Nog niet beoordeeld"),
                number_format(s.fte_gemeente, 2),
                number_format(s.fte_ocmw, 2),
                _num(s.current),
                _num(s.desired),
                _signed(s.gap),
                s.total_scenario_label or _("Nog niet gekozen"),
            ]
            for s in services
        ],
        numeric=frozenset({2, 3, 4, 5, 6}),
    )
