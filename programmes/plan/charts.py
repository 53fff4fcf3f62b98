"""Server-side SVG charts of the plan. Like scans/charts.py: every label and number goes through
html.escape, presentation attributes only (no style attributes), role="img" with <title> and <desc>, a
viewBox so it scales, and the page puts the same numbers in a table right after the chart.

balance_chart: per service or domain a diverging bar, opportunities to the right of the centre line
(solid dark teal), costs to the left (orange with a hatch pattern and a dark outline). Both colours keep
at least 3:1 against white, and side plus pattern tell them apart, never colour alone.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

OPPORTUNITY = "#0b6e69"  # 6.1:1 on white
COST = "#b35c00"  # 4.7:1
INK = "#1b2733"
MUTED = "#4f5d6b"
GRID = "#c3cbd6"
FONT = "'Source Sans 3', 'DejaVu Sans', sans-serif"


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def balance_chart(rows: Sequence, chart_id: str = "afweging") -> SafeString:
    """rows: with domain, opportunity_weight, cost_weight and net (programmes.plan.target.BalanceRow)."""
    cid = _e(chart_id)
    label_w, half, pad, row_h, top = 190, 230, 16, 40, 56
    width = label_w + 2 * half + 2 * pad + 70
    centre = label_w + pad + half
    height = top + row_h * max(len(rows), 1) + 30
    scale_max = max([5, *(max(r.opportunity_weight, r.cost_weight) for r in rows)])
    unit = (half - 30) / scale_max
    summary = "; ".join(
        _("%(domain)s: kansen %(o)s, kosten %(c)s, saldo %(n)s")
        % {"domain": r.domain, "o": r.opportunity_weight, "c": r.cost_weight, "n": _signed(r.net)}
        for r in rows
    )
    title = _("Kansen tegenover kosten per dienst of domein")
    desc = (
        _("Per dienst of domein de som van de gewichten: kansen naar rechts, kosten naar links. ")
        + (summary or _("Nog geen kansen of kosten."))
        + "."
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart balance-chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{cid}-title {cid}-desc" '
        f'font-family="{FONT}" font-size="13" fill="{INK}">',
        f'<title id="{cid}-title">{_e(title)}</title>',
        f'<desc id="{cid}-desc">{_e(desc)}</desc>',
        "<defs>",
        f'<pattern id="{cid}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">',
        f'<rect width="6" height="6" fill="{COST}"/>',
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/>',
        "</pattern>",
        "</defs>",
        # legend
        f'<text x="{centre - 8}" y="20" text-anchor="end" font-weight="600">← {_e(_("Kosten"))}</text>',
        f'<text x="{centre + 8}" y="20" font-weight="600">{_e(_("Kansen"))} →</text>',
        f'<rect x="{centre - 190}" y="28" width="14" height="10" fill="url(#{cid}-hatch)" '
        f'stroke="{INK}" stroke-width="1"/>',
        f'<text x="{centre - 170}" y="37" font-size="11" fill="{MUTED}">{_e(_("kosten: gearceerd"))}</text>',
        f'<rect x="{centre + 60}" y="28" width="14" height="10" fill="{OPPORTUNITY}"/>',
        f'<text x="{centre + 80}" y="37" font-size="11" fill="{MUTED}">{_e(_("kansen: effen"))}</text>',
        f'<line x1="{centre}" y1="{top - 6}" x2="{centre}" y2="{height - 20}" stroke="{INK}" '
        'stroke-width="1.5"/>',
    ]
    if not rows:
        out.append(
            f'<text x="{centre}" y="{top + 24}" text-anchor="middle" fill="{MUTED}">'
            f"{_e(_('Nog geen kansen of kosten.'))}</text>"
        )
    for i, row in enumerate(rows):
        y = top + i * row_h
        bar_y, bar_h = y + 8, row_h - 16
        lines = textwrap.wrap(str(row.domain), 26, break_long_words=True)[:2] or [""]
        if len(textwrap.wrap(str(row.domain), 26, break_long_words=True)) > 2:
            lines[-1] = lines[-1][:25] + "…"
        for j, line in enumerate(lines):
            ly = y + row_h / 2 + 4 + (j - (len(lines) - 1) / 2) * 14
            out.append(f'<text x="{label_w}" y="{ly:.1f}" text-anchor="end">{_e(line)}</text>')
        out.append(
            f'<line x1="{label_w + pad}" y1="{y + row_h}" x2="{width - 10}" y2="{y + row_h}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        cost_w = row.cost_weight * unit
        opp_w = row.opportunity_weight * unit
        if cost_w:
            out.append(
                f'<rect x="{centre - cost_w:.1f}" y="{bar_y}" width="{cost_w:.1f}" height="{bar_h}" '
                f'fill="url(#{cid}-hatch)" stroke="{INK}" stroke-width="1"/>'
            )
        out.append(
            f'<text x="{centre - cost_w - 6:.1f}" y="{bar_y + bar_h / 2 + 4:.1f}" text-anchor="end">'
            f"{_e(row.cost_weight)}</text>"
        )
        if opp_w:
            out.append(
                f'<rect x="{centre}" y="{bar_y}" width="{opp_w:.1f}" height="{bar_h}" fill="{OPPORTUNITY}"/>'
            )
        out.append(
            f'<text x="{centre + opp_w + 6:.1f}" y="{bar_y + bar_h / 2 + 4:.1f}">{_e(row.opportunity_weight)}'
            "</text>"
        )
        out.append(
            f'<text x="{width - 10}" y="{bar_y + bar_h / 2 + 4:.1f}" text-anchor="end" font-weight="600">'
            f"{_e(_signed(row.net))}</text>"
        )
    out.append(
        f'<text x="{width - 10}" y="{top - 12}" text-anchor="end" font-size="11" fill="{MUTED}">'
        f"{_e(_('saldo'))}</text>"
    )
    out.append("</svg>")
    return mark_safe("\n".join(out))  # noqa: S308 - every value above went through _e


def _signed(value: int) -> str:
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"−{abs(value)}"
    return "0"
