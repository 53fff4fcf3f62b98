"""Exports of the action plan: the actions as an Excel workbook, the milestones as an iCalendar feed.

The iCalendar text is written by hand after RFC 5545: CRLF line endings, lines folded at 75 octets (never
inside a UTF-8 character), TEXT values escaped (backslash, semicolon, comma, newline).
"""

from __future__ import annotations

import datetime
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Plan, PlanVersion
from .actions import milestones, owner_label, version_phases

XLSX_HEADERS = [
    "Fase",
    "Actie",
    "Soort",
    "Trekker",
    "Start",
    "Einde",
    "Mijlpaal",
    "Quick win",
    "Status",
    "Laatste update",
]
XLSX_WIDTHS = [28, 48, 22, 24, 12, 12, 10, 10, 16, 40]


def actions_xlsx(version: PlanVersion) -> bytes:
    """The version's actions as an .xlsx workbook with one sheet "Acties"."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Acties"
    ws.append(XLSX_HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top")
    yes, no = str(_("ja")), str(_("nee"))
    for row in version_phases(version):
        for action in row.actions:
            update = action.last_update
            if update is not None:
                who = (update.user.get_full_name() or update.user.username) if update.user else ""
                when = timezone.localtime(update.at).strftime("%d/%m/%Y %H:%M")
                last = f"{when} {who}".strip()
                if update.note:
                    last = f"{last}: {update.note}"
            else:
                last = ""
            ws.append(
                [
                    row.phase.name,
                    action.title,
                    str(action.get_kind_display()),
                    owner_label(action),
                    action.start,
                    action.end,
                    yes if action.is_milestone else no,
                    yes if action.is_quick_win else no,
                    str(action.current_status_label),
                    last,
                ]
            )
            for col in (5, 6):
                ws.cell(row=ws.max_row, column=col).number_format = "dd/mm/yyyy"
    for i, width in enumerate(XLSX_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(XLSX_HEADERS))}{max(ws.max_row, 1)}"
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- iCalendar ------------------------------------------------------------------------------------


def ics_escape(value: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11)."""
    value = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def ics_fold(line: str) -> str:
    """Fold a content line at 75 octets; continuation lines start with one space (RFC 5545 3.1)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts = []
    limit = 75
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
            limit = 74  # the leading space counts
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def milestones_ics(plan: Plan, *, now: datetime.datetime | None = None) -> str:
    """The milestones of the plan being carried out, as all-day events."""
    version, actions = milestones(plan)
    programme = plan.programme
    stamp = (now or timezone.now()).astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Tandem//Actieplan//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + ics_escape(_("Mijlpalen: %(programme)s") % {"programme": programme.title}),
    ]
    for action in actions:
        description = _("Fase: %(phase)s") % {"phase": action.phase.name}
        owner = owner_label(action)
        if owner:
            description += "\n" + _("Trekker: %(owner)s") % {"owner": owner}
        if action.description:
            description += "\n\n" + action.description
        lines += [
            "BEGIN:VEVENT",
            f"UID:{action.key}@tandem",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{action.end:%Y%m%d}",
            f"DTEND;VALUE=DATE:{action.end + datetime.timedelta(days=1):%Y%m%d}",
            "SUMMARY:" + ics_escape(f"{programme.title}: {action.title}"),
            "DESCRIPTION:" + ics_escape(description),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) + "\r\n" for line in lines)
