"""Two versions of a plan side by side: canonical text lines per section, compared with difflib.

Actions are matched by their stable key, so an action whose title or dates changed shows as one change
(old beside new) instead of a removal somewhere and an addition elsewhere.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..formatting import format_euro
from ..models import Angle, PlanVersion

SECTIONS: tuple[tuple[str, str], ...] = (
    ("ambition", gettext_lazy("Ambitie")),
    ("involved", gettext_lazy("Betrokkenen")),
    ("horizon", gettext_lazy("Tijdshorizon")),
    ("results", gettext_lazy("Beoogde resultaten per invalshoek")),
    ("balance", gettext_lazy("Kansen en kosten")),
    ("financial", gettext_lazy("Financiële lijnen")),
    ("actions", gettext_lazy("Fasen en acties")),
)

EQUAL, INSERT, DELETE, CHANGE = "equal", "insert", "delete", "change"


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _text_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _action_text(action) -> str:
    details = [action.get_kind_display()]
    if action.owner_name or action.owner_id:
        owner = action.owner_name or (action.owner.get_full_name() or action.owner.username)
        details.append(_("trekker %(owner)s") % {"owner": owner})
    details.append(f"{_date(action.start)} – {_date(action.end)}")
    if action.is_milestone:
        details.append(_("mijlpaal"))
    if action.is_quick_win:
        details.append(_("quick win"))
    return f"{action.title} ({', '.join(str(d) for d in details)})"


def _action_items(version: PlanVersion) -> list[tuple[str, str]]:
    """(matching key, line) for every phase and action, in plan order."""
    items: list[tuple[str, str]] = []
    actions_by_phase: dict[int, list] = {}
    for action in version.actions.select_related("owner").order_by("position", "start", "pk"):
        actions_by_phase.setdefault(action.phase_id, []).append(action)
    for phase in version.phases.all():
        items.append((f"phase:{phase.name.strip().lower()}", _("Fase: %(name)s") % {"name": phase.name}))
        for action in actions_by_phase.get(phase.pk, []):
            items.append((f"action:{action.key}", _action_text(action)))
    return items


def version_lines(version: PlanVersion, *, action_items=None) -> dict[str, list[str]]:
    """The content of a version as canonical text lines, per section (keys of SECTIONS).
    action_items: _action_items(version), if loaded already."""
    angle_order = {value: index for index, value in enumerate(Angle.values)}
    results = sorted(version.results.all(), key=lambda r: (angle_order.get(r.angle, 99), r.position, r.pk))
    result_lines = [f"{r.get_angle_display()}: {' '.join(_text_lines(r.text))}" for r in results]
    result_lines.insert(
        0,
        _("Invalshoek patrimonium: %(yes_no)s") % {"yes_no": _("ja") if version.patrimony else _("nee")},
    )
    balance_lines = []
    for item in version.balance_items.all():
        kind = _("kans") if item.is_opportunity else _("kost")
        line = _("%(domain)s · %(factor)s (%(kind)s): gewicht %(weight)s") % {
            "domain": item.domain,
            "factor": item.get_factor_display(),
            "kind": kind,
            "weight": item.weight,
        }
        if item.note.strip():
            line += f" – {' '.join(_text_lines(item.note))}"
        balance_lines.append(line)
    financial_lines = [
        f"{f.year} · {f.get_kind_display()} · {f.description}: {format_euro(f.amount)}"
        for f in version.financial_lines.all()
    ]
    return {
        "ambition": _text_lines(version.ambition),
        "involved": _text_lines(version.involved),
        "horizon": [_date(version.horizon)] if version.horizon else [],
        "results": result_lines,
        "balance": balance_lines,
        "financial": financial_lines,
        "actions": [line for _key, line in (action_items or _action_items(version))],
    }


@dataclass
class Row:
    kind: str  # equal, insert, delete or change
    left: str | None
    right: str | None


@dataclass
class SectionDiff:
    key: str
    label: str
    rows: list[Row] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(row.kind != EQUAL for row in self.rows)

    @property
    def counts(self) -> dict[str, int]:
        counts = {INSERT: 0, DELETE: 0, CHANGE: 0}
        for row in self.rows:
            if row.kind in counts:
                counts[row.kind] += 1
        return counts


def _rows(left: list[str], right: list[str], left_keys=None, right_keys=None) -> list[Row]:
    """Rows of a side-by-side diff; with keys, lines are aligned by key and a changed text is a change."""
    left_keys = left_keys if left_keys is not None else left
    right_keys = right_keys if right_keys is not None else right
    rows: list[Row] = []
    matcher = difflib.SequenceMatcher(a=left_keys, b=right_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                kind = EQUAL if left[i] == right[j] else CHANGE
                rows.append(Row(kind, left[i], right[j]))
        elif tag == "delete":
            rows.extend(Row(DELETE, left[i], None) for i in range(i1, i2))
        elif tag == "insert":
            rows.extend(Row(INSERT, None, right[j]) for j in range(j1, j2))
        else:  # replace: pair the lines side by side, the rest is removed or added
            if left_keys is left:
                pairs = min(i2 - i1, j2 - j1)
                for k in range(pairs):
                    rows.append(Row(CHANGE, left[i1 + k], right[j1 + k]))
                rows.extend(Row(DELETE, left[i], None) for i in range(i1 + pairs, i2))
                rows.extend(Row(INSERT, None, right[j]) for j in range(j1 + pairs, j2))
            else:  # different keys are different things: removed, then added
                rows.extend(Row(DELETE, left[i], None) for i in range(i1, i2))
                rows.extend(Row(INSERT, None, right[j]) for j in range(j1, j2))
    return rows


def compare(a: PlanVersion, b: PlanVersion) -> list[SectionDiff]:
    """Section by section, what changed from version a (left) to version b (right)."""
    items_a, items_b = _action_items(a), _action_items(b)
    lines_a = version_lines(a, action_items=items_a)
    lines_b = version_lines(b, action_items=items_b)
    diffs = []
    for key, label in SECTIONS:
        if key == "actions":
            rows = _rows(
                [line for _k, line in items_a],
                [line for _k, line in items_b],
                [k for k, _line in items_a],
                [k for k, _line in items_b],
            )
        else:
            rows = _rows(lines_a[key], lines_b[key])
        diffs.append(SectionDiff(key=key, label=str(label), rows=rows))
    return diffs
