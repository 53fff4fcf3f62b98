"""Read-side helpers for the heavy pages: a page's number of queries never grows with the data."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from .models import Membership, Programme, Role
from .steps import StepState, preload, step_overview

HISTORY_FIELDS = ("title", "description", "start_date", "scenario", "step", "local_government_id")


def dashboard_programmes(user) -> QuerySet[Programme]:
    """The programmes a user may see, with what the dashboard shows of each, in a fixed number of queries."""
    return (
        Programme.objects.visible_to(user)
        .select_related("local_government")
        .prefetch_related("consultants")
        .order_by("local_government__name", "-start_date", "title")
    )


def local_government_people(local_government_id: int) -> list[Membership]:
    """Everyone with a role in a local government: consultants, then the approver, then the council."""
    order = {Role.CONSULTANT: 0, Role.APPROVER: 1, Role.COUNCIL_MEMBER: 2}
    members = list(
        Membership.objects.filter(local_government_id=local_government_id).select_related(
            "user", "invited_by"
        )
    )
    return sorted(members, key=lambda m: (order.get(m.role, 9), m.user.last_name, m.user.first_name))


def programme_people(programme: Programme) -> list[Membership]:
    return local_government_people(programme.local_government_id)


@dataclass
class HistoryEntry:
    when: object
    who: str
    kind: str
    reason: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def _value(record, name: str) -> str:
    if name == "scenario":
        return str(dict(Programme._meta.get_field("scenario").choices).get(record.scenario, "") or "—")
    if name == "step":
        return str(dict(Programme._meta.get_field("step").choices).get(record.step, record.step))
    if name == "local_government_id":
        return str(record.local_government_id)
    value = getattr(record, name)
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value or "—")


def _consultant_names(record) -> str:
    return ", ".join(sorted(row.consultant_name for row in record.consultant_rows))


def programme_history(programme: Programme, *, limit: int = 10) -> list[HistoryEntry]:
    """The latest changes to a programme: who, when, and field by field what changed."""
    through = apps.get_model("programmes", "HistoricalProgramme_consultants")  # the historical m2m rows
    rows = through.objects.select_related("user")
    records = list(
        programme.history.select_related("history_user")
        .prefetch_related(
            Prefetch("historicalprogramme_consultants_set", queryset=rows, to_attr="consultant_rows")
        )
        .order_by("-history_date", "-history_id")[: limit * 2 + 1]
    )
    for record in records:
        for row in record.consultant_rows:
            user = row.user
            row.consultant_name = (user.get_full_name() or user.username) if user else "?"
    entries: list[HistoryEntry] = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        changes = []
        if older is not None:
            for name in HISTORY_FIELDS:
                before, after = _value(older, name), _value(newer, name)
                if before != after:
                    label = (
                        _("lokaal bestuur")
                        if name == "local_government_id"
                        else Programme._meta.get_field(name).verbose_name
                    )
                    changes.append((str(label).capitalize(), before, after))
            before, after = _consultant_names(older), _consultant_names(newer)
            if before != after:
                changes.append(
                    (str(Programme._meta.get_field("consultants").verbose_name).capitalize(), before, after)
                )
            if not changes:
                continue  # a bookkeeping record (for instance the m2m save right after the main save)
            if (
                older.history_type == "+"
                and older.history_user_id == newer.history_user_id
                and (newer.history_date - older.history_date).total_seconds() < 5
            ):
                continue  # the consultants set right after creating: part of the creation
        user = newer.history_user
        entries.append(
            HistoryEntry(
                when=newer.history_date,
                who=(user.get_full_name() or user.username) if user else _("systeem"),
                kind=newer.history_type,
                reason=newer.history_change_reason or "",
                changes=changes,
            )
        )
        if len(entries) >= limit:
            break
    return entries


def programme_overview(programme: Programme) -> dict:
    preload([programme])
    steps = step_overview(programme)
    return {
        "steps": steps,
        "current_step": next((s for s in steps if s.state == StepState.CURRENT), None),
    }
