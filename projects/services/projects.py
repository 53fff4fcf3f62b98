"""Projects: create (also from actions of the approved plan), update (optimistically locked), delete."""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from programmes.models import Action, Programme

from ..models import Dependency, Project, ProjectGroup, ProjectStatus
from .common import (
    MAX_BUDGET,
    MAX_DURATION_WEEKS,
    PROJECT_FIELDS,
    _by,
    _check_person,
    _check_text,
    _check_unique,
    _lock,
    _next_position,
    _require_consultant,
    _stale,
    action_queryset,
    people_queryset,
)

# --- Projects -------------------------------------------------------------------------------------


def _clean_project(programme: Programme, values: dict, *, instance: Project | None = None) -> dict:
    """Check a project's values; returns them cleaned (actions as a list) or raises per-field errors."""
    errors: dict[str, list[str]] = {}
    values["title"] = _check_text(
        values.get("title"), "title", 200, errors, required=_("Geef het project een titel.")
    )
    for name, limit in (("goal", 5000), ("scope", 5000), ("leader_name", 150), ("sponsor", 150)):
        values[name] = _check_text(values.get(name), name, limit, errors)
    _check_unique(
        Project.objects.filter(programme=programme),
        "title",
        values["title"],
        errors,
        _("Er is al een project ‘%(title)s’ in dit traject.") % {"title": values["title"]},
        instance=instance,
    )
    start = values.get("planned_start")
    if isinstance(start, datetime.datetime) or not isinstance(start, datetime.date):
        errors.setdefault("planned_start", []).append(_("Geef een geldige startdatum in de vorm dd/mm/jjjj."))
    elif not (2019 <= start.year <= 2100):
        errors.setdefault("planned_start", []).append(_("Kies een startdatum tussen 2019 en 2100."))
    weeks = values.get("duration_weeks")
    if isinstance(weeks, bool) or not isinstance(weeks, int):
        errors.setdefault("duration_weeks", []).append(_("Geef de duur in hele weken, bijvoorbeeld 12."))
    elif not (1 <= weeks <= MAX_DURATION_WEEKS):
        errors.setdefault("duration_weeks", []).append(
            _("Een project duurt minstens 1 en hoogstens %(max)s weken.") % {"max": MAX_DURATION_WEEKS}
        )
    if values.get("status") not in ProjectStatus.values:
        errors.setdefault("status", []).append(_("Kies een status uit de lijst."))
    budget = values.get("budget")
    if budget is not None and budget != "":
        try:
            budget = Decimal(str(budget)).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            budget = None
            errors.setdefault("budget", []).append(_("Geef een bedrag, bijvoorbeeld 12.500,50."))
        else:
            if budget < 0:
                errors.setdefault("budget", []).append(_("Een budget is nul of meer."))
            elif budget > MAX_BUDGET:
                errors.setdefault("budget", []).append(_("Dat bedrag is te groot."))
    values["budget"] = budget if budget != "" else None
    values["quick_win"] = bool(values.get("quick_win"))
    group = values.get("group")
    if group is not None and group.programme_id != programme.pk:
        errors.setdefault("group", []).append(_("Kies een projectgroep van dit traject."))
    _check_person(programme, values.get("leader"), "leader", errors)
    actions = list(values.get("actions") or [])
    if actions:
        allowed = set(
            action_queryset(programme).filter(pk__in=[a.pk for a in actions]).values_list("pk", flat=True)
        )
        if any(a.pk not in allowed for a in actions):
            errors.setdefault("actions", []).append(
                _("Kies acties uit het goedgekeurde actieplan van dit traject.")
            )
    values["actions"] = actions
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def project_create(
    *,
    user,
    programme: Programme,
    title: str,
    planned_start: datetime.date,
    duration_weeks: int,
    group: ProjectGroup | None = None,
    goal: str = "",
    scope: str = "",
    leader=None,
    leader_name: str = "",
    sponsor: str = "",
    status: str = ProjectStatus.PLANNED,
    budget: Decimal | None = None,
    quick_win: bool = False,
    actions: Iterable[Action] = (),
) -> Project:
    """A project of the programme, placed in a project group (or not yet: then it is flagged)."""
    programme = _lock(programme.pk)
    _require_consultant(user, programme)
    values = _clean_project(
        programme,
        {
            "title": title,
            "goal": goal,
            "scope": scope,
            "group": group,
            "leader": leader,
            "leader_name": leader_name,
            "sponsor": sponsor,
            "planned_start": planned_start,
            "duration_weeks": duration_weeks,
            "status": status,
            "budget": budget,
            "quick_win": quick_win,
            "actions": actions,
        },
    )
    actions = values.pop("actions")
    return _create(user, programme, values, actions)


def _create(user, programme: Programme, values: dict, actions: list[Action]) -> Project:
    """Insert the project and its plan actions, with one history record "created" that holds both."""
    position = _next_position(Project.objects.filter(programme=programme))
    project = Project(programme=programme, position=position, **values)
    _by(project, user)
    project.save(force_insert=True)  # its history record "created"
    if actions:
        project.skip_history_when_saving = True  # no second record "changed" for the actions ...
        try:
            project.actions.set(actions)
        finally:
            del project.skip_history_when_saving
        # ... they belong to the creation: copy them into its record, as simple-history does on a save.
        record = project.history.order_by("-history_id").first()
        historical = apps.get_model("projects", "HistoricalProject_actions")
        historical.objects.bulk_create(
            historical(history=record, id=row_id, project_id=project.pk, action_id=action_id)
            for row_id, action_id in Project.actions.through.objects.filter(
                project_id=project.pk
            ).values_list("pk", "action_id")
        )
    return project


@transaction.atomic
def project_create_from_actions(
    *,
    user,
    programme: Programme,
    actions: list[Action],
    title: str = "",
    group: ProjectGroup | None = None,
) -> Project:
    """A project that carries out actions of the approved plan: it takes their period, title and owner.

    The title defaults to the first action's (earliest start); the project starts at the earliest action
    start and lasts the actions' span in whole weeks (at least one); it is a quick win when one action is.
    """
    programme = _lock(programme.pk)
    _require_consultant(user, programme)
    actions = list(actions)
    if not actions:
        raise ValidationError({"actions": _("Kies minstens één actie uit het goedgekeurde actieplan.")})
    allowed = set(
        action_queryset(programme).filter(pk__in=[a.pk for a in actions]).values_list("pk", flat=True)
    )
    if any(a.pk not in allowed for a in actions):
        raise ValidationError({"actions": _("Kies acties uit het goedgekeurde actieplan van dit traject.")})
    actions.sort(key=lambda a: (a.start, a.pk))
    first = actions[0]
    start = min(a.start for a in actions)
    end = max(a.end for a in actions)
    weeks = max(1, math.ceil(((end - start).days + 1) / 7))
    leader = first.owner if first.owner_id else None
    if leader is not None and not people_queryset(programme).filter(pk=leader.pk).exists():
        leader = None
    values = _clean_project(
        programme,
        {
            "title": (title or "").strip() or first.title,
            "goal": "\n\n".join(a.description for a in actions if a.description),
            "scope": "",
            "group": group,
            "leader": leader,
            "leader_name": "" if leader else first.owner_name,
            "sponsor": "",
            "planned_start": start,
            "duration_weeks": min(weeks, MAX_DURATION_WEEKS),
            "status": ProjectStatus.PLANNED,
            "budget": None,
            "quick_win": any(a.is_quick_win for a in actions),
            "actions": actions,
        },
    )
    values["goal"] = values["goal"][:5000]
    actions = values.pop("actions")
    return _create(user, programme, values, actions)


@transaction.atomic
def project_update(*, user, project: Project, expected_version: int, **fields: Any) -> Project:
    """Change a project; fields not given keep their value. Refused when someone saved in between."""
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise ValueError(f"unknown project fields: {sorted(unknown)}")
    programme = _lock(project.programme_id)
    _require_consultant(user, programme)
    locked = Project.objects.select_related("group", "leader").get(pk=project.pk)
    if expected_version != locked.version:
        current_actions = list(locked.actions.all())

        def display(name):
            return current_actions if name == "actions" else getattr(locked, name)

        raise _stale(
            Project,
            locked,
            {name: (list(value) if name == "actions" else value) for name, value in fields.items()},
            _(
                "Een collega heeft dit project intussen gewijzigd. Uw wijzigingen zijn niet opgeslagen; "
                "vergelijk ze hieronder en sla opnieuw op."
            ),
            display=display,
        )
    merged = {name: getattr(locked, name) for name in PROJECT_FIELDS if name != "actions"}
    merged.update(fields)
    if "actions" not in fields:
        merged["actions"] = []  # unchanged: not checked, not set
    values = _clean_project(programme, merged, instance=locked)
    actions = values.pop("actions")
    for name, value in values.items():
        setattr(locked, name, value)
    locked.version += 1
    if "actions" in fields:
        # Set the actions first without a history record of their own: the save below writes one record
        # with the changed fields and the new actions.
        locked.skip_history_when_saving = True
        try:
            locked.actions.set(actions)
        finally:
            del locked.skip_history_when_saving
    _by(locked, user)
    locked.save()
    return locked


@transaction.atomic
def project_delete(*, user, project: Project) -> None:
    """Remove a project; its dependencies go with it."""
    programme = _lock(project.programme_id)
    _require_consultant(user, programme)
    locked = Project.objects.filter(pk=project.pk).first()
    if locked is None:
        return
    # Its dependencies first, one by one under the acting user, so that the other projects' history
    # shows them removed by whom.
    for dependency in Dependency.objects.filter(Q(predecessor_id=locked.pk) | Q(successor_id=locked.pk)):
        _by(dependency, user)
        dependency.delete()
    _by(locked, user)
    locked.delete()
