"""Who changed what and when in step 3, read from django-simple-history's records.

The services name the acting user on every save and delete (services/common.py `_by`); these functions turn
the records into lines a reader understands: who, when, and per field what it was and what it became (dates
dd/mm/jjjj, amounts € 1.234,56, choices by their label, people by their full name).

- `project_history`: a project's own changes and the dependencies added, changed or removed on either end
  (from this project's point of view: "heeft nodig …" / "is nodig voor …").
- `structure_history`: the steering group, its members and the project groups of a programme.

Both read the latest `limit` entries in a fixed number of queries, whatever the length of the history or the
size of the programme: per kind of record one query for the newest records (each annotated with the id of the
record before it), one for the records before those, and one per kind of name (people, projects, groups,
plan actions) for the values shown.

The services write one record per change (a project's plan actions go into the record of its creation or
change, projects/services/projects.py), so each record is one entry.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programmes.formatting import format_euro
from programmes.models import Action, Programme

from .models import Dependency, DependencyKind, Project, ProjectGroup, SteeringGroup, SteeringMember
from .services import common as services_common

LIMIT = 20
# The starting records migration 0002 wrote for rows that existed before the history: compared, not shown.
BASELINE_REASON = "beginstand"
CREATED, CHANGED, DELETED = "+", "~", "-"

# The fields the services change, as the history compares them (the plan actions are compared apart).
PROJECT_FIELDS = tuple(name for name in services_common.PROJECT_FIELDS if name != "actions")
STEERING_FIELDS = services_common.STEERING_FIELDS
GROUP_FIELDS = services_common.GROUP_FIELDS
DEPENDENCY_FIELDS = ("kind", "lag_weeks", "note")
MEMBER_FIELDS = ("user", "name", "function")


@dataclass
class HistoryEntry:
    """One line of history: when, who, what happened (`headline`) and per field (label, before, after)."""

    when: datetime.datetime
    who: str
    kind: str  # "+" created/added, "~" changed, "-" removed
    headline: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)


# --- Reading records --------------------------------------------------------------------------------


class _Group:
    """One record of an object, with the record before it (None when created, or when not read)."""

    __slots__ = ("before", "last")

    def __init__(self, record):
        self.last = record
        self.before = None

    @property
    def first(self):
        return self.last

    @property
    def kind(self) -> str:
        return self.last.history_type


def _records(model, condition: Q, limit: int) -> list:
    """The newest records of `model` matching `condition`, each with `prev_id`: its object's record before."""
    history = model.history.model
    before = (
        history.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
        .order_by("-history_id")
        .values("history_id")[:1]
    )
    return list(
        history.objects.filter(condition)
        .select_related("history_user")
        .annotate(prev_id=Subquery(before))
        .order_by("-history_id")[:limit]
    )


def _groups(model, records: list) -> list[_Group]:
    """Each record with the one before it to compare with (those not read yet: one query)."""
    by_id = {r.history_id: r for r in records}
    groups = [_Group(record) for record in records]
    missing = {
        g.last.prev_id for g in groups if g.kind == CHANGED and g.last.prev_id and g.last.prev_id not in by_id
    }
    if missing:
        by_id.update(model.history.model.objects.in_bulk(missing))
    for group in groups:
        if group.kind == CHANGED and group.last.prev_id:
            group.before = by_id.get(group.last.prev_id)
    return groups


def _baseline(record) -> bool:
    return record.history_type == CREATED and record.history_change_reason == BASELINE_REASON


def _who(record) -> str:
    user = record.history_user
    if user is None:
        return _("systeem")
    return user.get_full_name() or user.get_username()


class _Names:
    """The names shown for ids in records: people, projects, project groups, plan actions (one query each,
    only for the ids not already known)."""

    def __init__(self, *, projects: dict[int, str] | None = None, groups: dict[int, str] | None = None):
        self.user_ids: set[int] = set()
        self.project_ids: set[int] = set()
        self.group_ids: set[int] = set()
        self.action_ids: set[int] = set()
        self.users: dict[int, str] = {}
        self.projects: dict[int, str] = dict(projects or {})
        self.groups: dict[int, str] = dict(groups or {})
        self.actions: dict[int, str] = {}

    def want(self, model, names, record) -> None:
        for name in names:
            f = model._meta.get_field(name)
            if not f.is_relation:
                continue
            value = getattr(record, f.attname)
            if value is None:
                continue
            if f.related_model is get_user_model():
                self.user_ids.add(value)
            elif f.related_model is ProjectGroup:
                self.group_ids.add(value)
            elif f.related_model is Project:
                self.project_ids.add(value)

    def load(self) -> None:
        user_ids = self.user_ids - set(self.users)
        if user_ids:
            for user in get_user_model().objects.filter(pk__in=user_ids):
                self.users[user.pk] = user.get_full_name() or user.get_username()
        self.projects.update(_latest_names(Project, self.project_ids - set(self.projects), "title"))
        self.groups.update(_latest_names(ProjectGroup, self.group_ids - set(self.groups), "name"))
        if self.action_ids:
            self.actions.update(Action.objects.filter(pk__in=self.action_ids).values_list("pk", "title"))


def _latest_names(model, ids: set[int], name: str) -> dict[int, str]:
    """Names of objects that may since be removed: from their newest history record (one query)."""
    if not ids:
        return {}
    names: dict[int, str] = {}
    rows = (
        model.history.model.objects.filter(id__in=ids).order_by("id", "-history_id").values_list("id", name)
    )
    for pk, value in rows:
        names.setdefault(pk, value)
    return names


def _shown(model, name: str, record, names: _Names) -> str:
    """A field's value in a record as a reader sees it."""
    f = model._meta.get_field(name)
    value = getattr(record, f.attname)
    if value is None or value == "":
        return "—"
    if f.is_relation:
        if f.related_model is get_user_model():
            return names.users.get(value, "?")
        if f.related_model is ProjectGroup:
            return names.groups.get(value, "?")
        if f.related_model is Project:
            return names.projects.get(value, "?")
        return str(value)
    if f.choices:
        return str(dict(f.choices).get(value, value))
    if isinstance(f, models.BooleanField):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return format_euro(value)
    return str(value)


def _changes(model, fields, before, after, names: _Names) -> list[tuple[str, str, str]]:
    changes = []
    for name in fields:
        old, new = _shown(model, name, before, names), _shown(model, name, after, names)
        if old != new:
            changes.append((capfirst(str(model._meta.get_field(name).verbose_name)), old, new))
    return changes


def _merge(entries: list[HistoryEntry], limit: int) -> list[HistoryEntry]:
    return sorted(entries, key=lambda e: e.when, reverse=True)[:limit]


# --- A project --------------------------------------------------------------------------------------


def _dependency_text(record, project_id: int, names: _Names, *, details: bool) -> str:
    if record.successor_id == project_id:
        text = _("heeft nodig %(title)s") % {"title": names.projects.get(record.predecessor_id, "?")}
    else:
        text = _("is nodig voor %(title)s") % {"title": names.projects.get(record.successor_id, "?")}
    if details:
        kind = str(dict(DependencyKind.choices).get(record.kind, record.kind)).lower()
        if record.lag_weeks:
            lag = ngettext("%(n)s week", "%(n)s weken", record.lag_weeks) % {"n": record.lag_weeks}
            text += f" ({kind}, {lag})"
        else:
            text += f" ({kind})"
    return text


def project_history(
    project: Project,
    *,
    titles: dict[int, str] | None = None,
    group_names: dict[int, str] | None = None,
    limit: int = LIMIT,
) -> list[HistoryEntry]:
    """The latest `limit` entries of a project's history, newest first: its own changes and the
    dependencies added, changed or removed at either end. `titles` and `group_names`: the programme's
    project titles and project group names when the page read them already (saves queries)."""
    fetch = 2 * limit  # records without a visible change (a version or position only) are left out
    own = _groups(Project, _records(Project, Q(id=project.pk), fetch))
    links = _groups(
        Dependency,
        _records(Dependency, Q(predecessor_id=project.pk) | Q(successor_id=project.pk), fetch),
    )
    names = _Names(projects=titles, groups=group_names)
    for group in own:
        for record in (group.before, group.last):
            if record is not None:
                names.want(Project, PROJECT_FIELDS, record)
    for group in links:
        names.project_ids.update((group.last.predecessor_id, group.last.successor_id))
    # The plan actions of each version compared (simple-history copies them per record).
    compared = [r.history_id for g in own if g.kind == CHANGED and g.before for r in (g.before, g.last)]
    actions: dict[int, set[int]] = {}
    if compared:
        through = apps.get_model("projects", "HistoricalProject_actions")
        for history_id, action_id in through.objects.filter(history_id__in=compared).values_list(
            "history_id", "action_id"
        ):
            actions.setdefault(history_id, set()).add(action_id)
            names.action_ids.add(action_id)
    names.load()

    entries: list[HistoryEntry] = []
    for group in own:
        last = group.last
        if group.kind == CREATED and _baseline(group.last):
            continue
        if group.kind == CREATED:
            entries.append(
                HistoryEntry(last.history_date, _who(group.first), CREATED, _("Project aangemaakt"))
            )
            continue
        if group.kind == DELETED:
            entries.append(HistoryEntry(last.history_date, _who(last), DELETED, _("Project verwijderd")))
            continue
        if group.before is None:
            continue  # its start lies outside what was read
        changes = _changes(Project, PROJECT_FIELDS, group.before, last, names)
        old_actions = actions.get(group.before.history_id, set())
        new_actions = actions.get(last.history_id, set())
        if old_actions != new_actions:

            def listed(ids):
                return "; ".join(sorted(names.actions.get(pk, "?") for pk in ids)) or "—"

            label = capfirst(str(Project._meta.get_field("actions").verbose_name))
            changes.append((label, listed(old_actions), listed(new_actions)))
        if changes:
            entries.append(
                HistoryEntry(last.history_date, _who(last), CHANGED, _("Project gewijzigd"), changes)
            )

    for group in links:
        last = group.last
        if group.kind == CREATED and _baseline(group.last):
            continue
        if group.kind == CREATED:
            text = _dependency_text(last, project.pk, names, details=True)
            headline = _("Afhankelijkheid toegevoegd: %(what)s") % {"what": text}
            entries.append(HistoryEntry(last.history_date, _who(group.first), CREATED, headline))
        elif group.kind == DELETED:
            text = _dependency_text(last, project.pk, names, details=True)
            headline = _("Afhankelijkheid verwijderd: %(what)s") % {"what": text}
            entries.append(HistoryEntry(last.history_date, _who(last), DELETED, headline))
        elif group.before is not None:
            changes = _changes(Dependency, DEPENDENCY_FIELDS, group.before, last, names)
            if changes:
                text = _dependency_text(last, project.pk, names, details=False)
                headline = _("Afhankelijkheid gewijzigd: %(what)s") % {"what": text}
                entries.append(HistoryEntry(last.history_date, _who(last), CHANGED, headline, changes))
    return _merge(entries, limit)


# --- The steering structure -------------------------------------------------------------------------


def _member_name(record, names: _Names) -> str:
    who = names.users.get(record.user_id, "?") if record.user_id else record.name
    return f"{who}, {record.function}" if record.function else who


def structure_history(
    programme: Programme, *, steering: SteeringGroup | None = None, limit: int = LIMIT
) -> list[HistoryEntry]:
    """The latest `limit` changes to a programme's steering structure, newest first: the steering group,
    its members and the project groups."""
    fetch = 2 * limit  # records without a visible change (a version or position only) are left out
    steering_groups = _groups(SteeringGroup, _records(SteeringGroup, Q(programme_id=programme.pk), fetch))
    steering_ids = {g.last.id for g in steering_groups}
    if steering is not None:
        steering_ids.add(steering.pk)
    members = (
        _groups(SteeringMember, _records(SteeringMember, Q(group_id__in=steering_ids), fetch))
        if steering_ids
        else []
    )
    project_groups = _groups(ProjectGroup, _records(ProjectGroup, Q(programme_id=programme.pk), fetch))
    names = _Names()
    for model, fields, groups in (
        (SteeringGroup, STEERING_FIELDS, steering_groups),
        (SteeringMember, MEMBER_FIELDS, members),
        (ProjectGroup, GROUP_FIELDS, project_groups),
    ):
        for group in groups:
            for record in (group.before, group.last):
                if record is not None:
                    names.want(model, fields, record)
    names.load()

    entries: list[HistoryEntry] = []
    for group in steering_groups:
        last = group.last
        if group.kind == CREATED and _baseline(group.last):
            continue
        if group.kind == CREATED:
            entries.append(
                HistoryEntry(last.history_date, _who(group.first), CREATED, _("Stuurgroep aangemaakt"))
            )
        elif group.kind == CHANGED and group.before is not None:
            changes = _changes(SteeringGroup, STEERING_FIELDS, group.before, last, names)
            if changes:
                entries.append(
                    HistoryEntry(last.history_date, _who(last), CHANGED, _("Stuurgroep gewijzigd"), changes)
                )
    for group in members:
        last = group.last
        who = _member_name(last, names)
        if group.kind == CREATED and _baseline(group.last):
            continue
        if group.kind == CREATED:
            headline = _("Lid van de stuurgroep toegevoegd: %(who)s") % {"who": who}
            entries.append(HistoryEntry(last.history_date, _who(group.first), CREATED, headline))
        elif group.kind == DELETED:
            headline = _("Lid van de stuurgroep verwijderd: %(who)s") % {"who": who}
            entries.append(HistoryEntry(last.history_date, _who(last), DELETED, headline))
        elif group.before is not None:
            changes = _changes(SteeringMember, MEMBER_FIELDS, group.before, last, names)
            if changes:
                headline = _("Lid van de stuurgroep gewijzigd: %(who)s") % {"who": who}
                entries.append(HistoryEntry(last.history_date, _who(last), CHANGED, headline, changes))
    for group in project_groups:
        last = group.last
        if group.kind == CREATED and _baseline(group.last):
            continue
        if group.kind == CREATED:
            headline = _("Projectgroep aangemaakt: %(name)s") % {"name": last.name}
            entries.append(HistoryEntry(last.history_date, _who(group.first), CREATED, headline))
        elif group.kind == DELETED:
            headline = _("Projectgroep verwijderd: %(name)s") % {"name": last.name}
            entries.append(HistoryEntry(last.history_date, _who(last), DELETED, headline))
        elif group.before is not None:
            changes = _changes(ProjectGroup, GROUP_FIELDS, group.before, last, names)
            if changes:
                headline = _("Projectgroep gewijzigd: %(name)s") % {"name": last.name}
                entries.append(HistoryEntry(last.history_date, _who(last), CHANGED, headline, changes))
    return _merge(entries, limit)
