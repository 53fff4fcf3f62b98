"""What the action plan and the follow-up pages show of each action, prepared in Python.

A plan holds hundreds of actions; in the template every {% translate %}, |date filter, {% url %} and
{% include %} per row adds up (the pages took 70-80 ms at 180 actions). Here each action becomes a plain
dict of ready strings (dates as dd/mm/jjjj, labels translated once per request, URLs built from one
reverse per route), so the templates only place values. The markup of the shared bits (the status badge)
is built once per status.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ..models import ActionKind, ActionStatus

STATUS_ICONS = {
    ActionStatus.DONE: "✓",
    ActionStatus.IN_PROGRESS: "◐",
    ActionStatus.BLOCKED: "⊘",
}
_SENTINEL = 987654321


def pk_url(name: str):
    """pk -> the URL of a route with one <int:pk>, from one reverse() (reverse costs ~10 µs a call)."""
    head, _sep, tail = reverse(name, args=[_SENTINEL]).partition(str(_SENTINEL))
    return lambda pk: f"{head}{pk}{tail}"


def day(value: datetime.date | datetime.datetime | None) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}" if value else ""


def status_badges() -> dict[str, str]:
    """The status badge (safe HTML) per status: text and symbol, never colour alone."""
    return {
        value: format_html(
            '<span class="status-badge action-status action-status-{}">'
            '<span aria-hidden="true">{}</span> {}</span>',
            value,
            STATUS_ICONS.get(value, "○"),
            label,
        )
        for value, label in ActionStatus.choices
    }


def action_marks() -> dict[str, str]:
    """The small marks of the action table (safe HTML), translated once per page."""
    return {
        "milestone": format_html(
            '<span class="milestone-mark"><span aria-hidden="true">◆</span> {}</span>', _("ja")
        ),
        "quick_win": format_html('<span class="quick-win-mark">{}</span>', _("quick win")),
        "no": format_html(
            '<span class="text-muted" aria-hidden="true">–</span><span class="visually-hidden">{}</span>',
            _("nee"),
        ),
        "not_chosen": format_html('<span class="text-muted">{}</span>', _("nog niet gekozen")),
    }


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def action_rows(rows) -> list[dict]:
    """The phases of version_phases() with their actions as dicts for actions.html (page and table)."""
    kinds = dict(ActionKind.choices)
    badges = status_badges()
    edit_url = pk_url("programmes:plan_action_edit")
    delete_url = pk_url("programmes:plan_action_delete")
    updated = _("bijgewerkt %(when)s")
    in_tandem = _("in Tandem: %(name)s")
    milestone, quick_win = _("mijlpaal"), _("quick win")
    out = []
    for row in rows:
        actions = []
        for action in row.actions:
            owner = _person(action.owner) if action.owner_id else ""
            features = [milestone] if action.is_milestone else []
            if action.is_quick_win:
                features.append(quick_win)
            update = action.last_update
            actions.append(
                {
                    "pk": action.pk,
                    "title": action.title,
                    "description": Truncator(action.description).chars(110) if action.description else "",
                    "kind": kinds.get(action.kind, action.kind),
                    "owner": action.owner_name or owner,
                    "owner_tandem": in_tandem % {"name": owner} if owner and action.owner_name else "",
                    "start": day(action.start),
                    "end": day(action.end),
                    "duration": action.duration,
                    "is_milestone": action.is_milestone,
                    "is_quick_win": action.is_quick_win,
                    "features": ", ".join(features),
                    "status_badge": badges.get(action.current_status, action.current_status),
                    "status_label": action.current_status_label,
                    "updated": updated % {"when": day(timezone.localtime(update.at))} if update else "",
                    "edit_url": edit_url(action.pk),
                    "delete_url": delete_url(action.pk),
                }
            )
        out.append(
            {
                "phase": row.phase,
                "start": day(row.start),
                "end": day(row.end),
                "actions": actions,
            }
        )
    return out


def _status_options(selected: str) -> str:
    return mark_safe(  # noqa: S308 - every part is escaped by format_html
        "".join(
            format_html('<option value="{}"{}>{}</option>', value, " selected" * (value == selected), label)
            for value, label in ActionStatus.choices
        )
    )


def _form(action, form, options: dict[str, str]) -> dict:
    """The status form of one action: names, ids, options and errors, as follow_up.html shows them."""
    prefix = f"a{action.pk}"
    data = {
        "status_name": f"{prefix}-status",
        "status_id": f"id_{prefix}-status",
        "note_name": f"{prefix}-note",
        "note_id": f"id_{prefix}-note",
        "note": "",
        "status_errors": "",
        "note_errors": "",
        "errors": "",
    }
    if form is None:
        status = action.current_status
        if status not in options:
            options[status] = _status_options(status)
        data["options"] = options[status]
        return data
    data["options"] = _status_options(str(form["status"].value() or ""))
    data["note"] = form["note"].value() or ""
    data["status_errors"] = " ".join(form.errors.get("status", []))
    data["note_errors"] = " ".join(form.errors.get("note", []))
    data["errors"] = " ".join(form.non_field_errors())
    return data


def follow_up_items(actions, *, user, is_consultant: bool, bound=None) -> list[dict]:
    """The actions of one follow-up group as dicts for the follow-up page. bound: (action pk, the
    submitted StatusUpdateForm with its errors), shown again with what was typed."""
    options: dict[str, str] = {}  # the <option>s per current status, built once
    badges = status_badges()
    update_url = pk_url("programmes:plan_action_update")
    period = _("%(start)s tot %(end)s")
    by = _("Bijgewerkt door %(who)s op %(when)s")
    unknown, no_owner = _("onbekend"), _("geen trekker")
    items = []
    for action in actions:
        update = action.last_update
        can_update = is_consultant or (action.owner_id is not None and action.owner_id == user.pk)
        item = {
            "pk": action.pk,
            "key": action.key,
            "title": action.title,
            "is_milestone": action.is_milestone,
            "is_quick_win": action.is_quick_win,
            "phase": action.phase.name,
            "owner": action.owner_name or (_person(action.owner) if action.owner_id else "") or no_owner,
            "period": period % {"start": day(action.start), "end": day(action.end)},
            "status_badge": badges.get(action.current_status, action.current_status),
            "updated": "",
            "note": "",
            "update_url": update_url(action.pk),
            "form": None,
        }
        if update is not None:
            when = timezone.localtime(update.at).strftime("%d/%m/%Y %H:%M")
            item["updated"] = by % {"who": _person(update.user) or unknown, "when": when}
            item["note"] = update.note
        if bound and bound[0] == action.pk:
            item["form"] = _form(action, bound[1], options)
        elif can_update:
            item["form"] = _form(action, None, options)
        items.append(item)
    return items


def follow_up_sections(groups, *, user, is_consultant: bool, bound=None) -> list[dict]:
    """The four groups of the follow-up page (late, due soon, done, later), each with its heading, its
    explanation, what it says when empty, and its actions as follow_up_items()."""
    from .actions import SOON_DAYS

    def items(actions):
        return follow_up_items(actions, user=user, is_consultant=is_consultant, bound=bound)

    return [
        {
            "id": "te-laat",
            "title": _("Te laat"),
            "intro": _("Het einde ligt voorbij en de actie is nog niet afgerond."),
            "empty": _("Geen acties te laat."),
            "items": items(groups.late),
        },
        {
            "id": "binnenkort",
            "title": _("Binnenkort"),
            "intro": _("Het einde valt binnen %(n)s dagen en de actie is nog niet afgerond.")
            % {"n": SOON_DAYS},
            "empty": _("Geen acties die binnenkort aflopen."),
            "items": items(groups.soon),
        },
        {
            "id": "afgerond",
            "title": _("Afgerond"),
            "intro": "",
            "empty": _("Nog geen afgeronde acties."),
            "items": items(groups.done),
        },
        {
            "id": "later",
            "title": _("Later gepland"),
            "intro": "",
            "empty": _("Geen acties die later aflopen."),
            "items": items(groups.later),
        },
    ]
