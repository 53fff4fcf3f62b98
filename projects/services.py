"""Every change to step 3 goes through these functions: the steering structure, projects and dependencies.

Each takes the acting user and checks on the server that it is a consultant of the programme's local
government (others get PermissionDenied: approvers and council members read, they do not change), validates
with Dutch messages (ValidationError, per field where it belongs to one), and runs in one transaction that
first locks the programme row. That one lock orders all changes to a programme's projects: two people adding
dependencies at the same time are checked one after the other, so they cannot store a cycle together.
Edits of the steering group, a project group or a project are optimistically locked on their `version`
(a stale expected_version raises a programmes.services.StaleEditError listing what changed).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from programmes.formatting import format_euro
from programmes.models import Action, Membership, PlanVersion, Programme, Role
from programmes.services import StaleEditError, has_role

from .analysis import cycle_through
from .models import (
    Dependency,
    DependencyKind,
    Project,
    ProjectGroup,
    ProjectStatus,
    SteeringGroup,
    SteeringMember,
)

User = get_user_model()

PROJECT_FIELDS = (
    "title",
    "goal",
    "scope",
    "group",
    "leader",
    "leader_name",
    "sponsor",
    "planned_start",
    "duration_weeks",
    "status",
    "budget",
    "quick_win",
    "actions",
)
STEERING_FIELDS = (
    "name",
    "mandate",
    "chair",
    "chair_name",
    "programme_manager",
    "programme_manager_name",
    "meeting_rhythm",
)
GROUP_FIELDS = ("name", "description", "lead", "lead_name")
MAX_DURATION_WEEKS = 520
MAX_LAG_WEEKS = 104
MAX_BUDGET = Decimal("9999999999.99")


# --- Permissions, locks and choices ---------------------------------------------------------------


def may_edit(user, programme: Programme) -> bool:
    """Only the consultants of the local government change the programme of projects."""
    return has_role(user, programme.local_government, Role.CONSULTANT)


def _require_consultant(user, programme: Programme) -> None:
    if not may_edit(user, programme):
        raise PermissionDenied(
            _("Alleen de consultants van dit lokaal bestuur kunnen het programma van projecten wijzigen.")
        )


def _lock(programme_id: int) -> Programme:
    """Lock the programme row: every change to its projects, structure and dependencies waits here."""
    return Programme.objects.select_for_update().select_related("local_government").get(pk=programme_id)


def people_queryset(programme: Programme):
    """The users who may lead a project or sit in the structure: members of the local government."""
    members = Membership.objects.filter(local_government_id=programme.local_government_id)
    return User.objects.filter(pk__in=members.values("user_id")).order_by("first_name", "last_name", "pk")


def action_queryset(programme: Programme):
    """The plan actions a project may carry out: those of the programme's approved plan versions."""
    return (
        Action.objects.filter(
            version__plan__programme_id=programme.pk, version__state=PlanVersion.State.APPROVED
        )
        .select_related("version", "phase")
        .order_by("-version__number", "phase__position", "position", "pk")
    )


def _check_person(programme: Programme, person, field: str, errors: dict) -> None:
    if person is not None and not people_queryset(programme).filter(pk=person.pk).exists():
        errors.setdefault(field, []).append(_("Kies iemand van dit lokaal bestuur."))


def _check_text(value, field: str, limit: int, errors: dict, *, required: str | None = None) -> str:
    value = (value or "").strip() if isinstance(value, str) or value is None else str(value).strip()
    if required and not value:
        errors.setdefault(field, []).append(required)
    elif len(value) > limit:
        errors.setdefault(field, []).append(
            _("Hoogstens %(limit)s tekens (nu %(n)s).") % {"limit": limit, "n": len(value)}
        )
    return value


# --- Stale edits ----------------------------------------------------------------------------------


class Change(NamedTuple):
    """One field a colleague changed: its label, what is stored now and what the user typed."""

    label: str
    theirs: str
    yours: str


class StaleProjectsError(StaleEditError):
    """Someone saved a newer version since the form was opened; nothing was saved."""

    def __init__(self, changes: list[Change], message: str):
        self.changes = changes
        self.changed_by = _("Een collega")
        ValidationError.__init__(self, message, code="stale")


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return format_euro(value)
    if isinstance(value, User):
        return value.get_full_name() or value.get_username()
    if isinstance(value, list | tuple | set):
        return "; ".join(sorted(str(v) for v in value)) or "—"
    return str(value)


def _stale(model, locked, values: dict, message: str, *, display=None) -> StaleProjectsError:
    changes = []
    for name, yours in values.items():
        theirs = display(name) if display else getattr(locked, name)
        if name in ("status", "kind"):
            choices = dict(model._meta.get_field(name).choices)
            theirs, yours = choices.get(theirs, theirs), choices.get(yours, yours)
        shown_theirs, shown_yours = _shown(theirs), _shown(yours)
        if shown_theirs != shown_yours:
            label = capfirst(str(model._meta.get_field(name).verbose_name))
            changes.append(Change(label, shown_theirs, shown_yours))
    return StaleProjectsError(changes, message)


# --- The steering group ---------------------------------------------------------------------------


def steering_group_get(*, programme: Programme) -> SteeringGroup:
    """The programme's one steering group, made when it is first asked for."""
    group, _created = SteeringGroup.objects.get_or_create(programme=programme)
    return group


@transaction.atomic
def steering_group_update(
    *,
    user,
    group: SteeringGroup,
    expected_version: int,
    name: str,
    mandate: str,
    chair,
    chair_name: str,
    programme_manager,
    programme_manager_name: str,
    meeting_rhythm: str,
) -> SteeringGroup:
    """Write the steering group: its name, mandate, chair, programme manager and meeting rhythm."""
    programme = _lock(group.programme_id)
    _require_consultant(user, programme)
    locked = SteeringGroup.objects.select_related("chair", "programme_manager").get(pk=group.pk)
    values = {
        "name": name,
        "mandate": mandate,
        "chair": chair,
        "chair_name": chair_name,
        "programme_manager": programme_manager,
        "programme_manager_name": programme_manager_name,
        "meeting_rhythm": meeting_rhythm,
    }
    if expected_version != locked.version:
        raise _stale(
            SteeringGroup,
            locked,
            values,
            _(
                "Een collega heeft de stuurgroep intussen gewijzigd. Uw wijzigingen zijn niet opgeslagen; "
                "vergelijk ze hieronder en sla opnieuw op."
            ),
        )
    errors: dict[str, list[str]] = {}
    values["name"] = _check_text(name, "name", 150, errors, required=_("Geef de stuurgroep een naam."))
    values["mandate"] = _check_text(mandate, "mandate", 5000, errors)
    values["chair_name"] = _check_text(chair_name, "chair_name", 150, errors)
    values["programme_manager_name"] = _check_text(
        programme_manager_name, "programme_manager_name", 150, errors
    )
    values["meeting_rhythm"] = _check_text(meeting_rhythm, "meeting_rhythm", 150, errors)
    _check_person(programme, chair, "chair", errors)
    _check_person(programme, programme_manager, "programme_manager", errors)
    if errors:
        raise ValidationError(errors)
    for key, value in values.items():
        setattr(locked, key, value)
    locked.version += 1
    locked.save()
    return locked


@transaction.atomic
def steering_member_add(
    *, user, group: SteeringGroup, member_user=None, name: str = "", function: str
) -> SteeringMember:
    """A member of the steering group: a user of the local government, or a name, with a function."""
    programme = _lock(group.programme_id)
    _require_consultant(user, programme)
    errors: dict[str, list[str]] = {}
    name = _check_text(name, "name", 150, errors)
    function = _check_text(
        function, "function", 150, errors, required=_("Geef de functie, bijvoorbeeld burgemeester.")
    )
    if member_user is None and not name:
        errors.setdefault("name", []).append(_("Kies een gebruiker of geef een naam."))
    _check_person(programme, member_user, "member_user", errors)
    if member_user is not None and group.members.filter(user=member_user).exists():
        errors.setdefault("member_user", []).append(
            _("%(name)s zit al in de stuurgroep.") % {"name": _shown(member_user)}
        )
    elif member_user is None and name and group.members.filter(user=None, name__iexact=name).exists():
        errors.setdefault("name", []).append(_("%(name)s zit al in de stuurgroep.") % {"name": name})
    if errors:
        raise ValidationError(errors)
    last = group.members.aggregate(m=Max("position"))["m"]
    return SteeringMember.objects.create(
        group=group,
        user=member_user,
        name=name,
        function=function,
        position=0 if last is None else last + 1,
    )


@transaction.atomic
def steering_member_remove(*, user, member: SteeringMember) -> None:
    programme = _lock(member.group.programme_id)
    _require_consultant(user, programme)
    SteeringMember.objects.filter(pk=member.pk).delete()


# --- Project groups -------------------------------------------------------------------------------


def _clean_group(programme: Programme, values: dict, *, instance: ProjectGroup | None = None) -> dict:
    errors: dict[str, list[str]] = {}
    values["name"] = _check_text(
        values["name"], "name", 150, errors, required=_("Geef de projectgroep een naam.")
    )
    values["description"] = _check_text(values["description"], "description", 5000, errors)
    values["lead_name"] = _check_text(values["lead_name"], "lead_name", 150, errors)
    _check_person(programme, values["lead"], "lead", errors)
    if values["name"]:
        same = ProjectGroup.objects.filter(programme=programme, name__iexact=values["name"])
        if instance is not None:
            same = same.exclude(pk=instance.pk)
        if same.exists():
            errors.setdefault("name", []).append(
                _("Er is al een projectgroep ‘%(name)s’ in dit traject.") % {"name": values["name"]}
            )
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def project_group_create(
    *, user, programme: Programme, name: str, description: str = "", lead=None, lead_name: str = ""
) -> ProjectGroup:
    """A project group under the programme's steering group."""
    programme = _lock(programme.pk)
    _require_consultant(user, programme)
    values = _clean_group(
        programme, {"name": name, "description": description, "lead": lead, "lead_name": lead_name}
    )
    steering_group_get(programme=programme)
    last = ProjectGroup.objects.filter(programme=programme).aggregate(m=Max("position"))["m"]
    return ProjectGroup.objects.create(
        programme=programme, position=0 if last is None else last + 1, **values
    )


@transaction.atomic
def project_group_update(
    *, user, group: ProjectGroup, expected_version: int, name: str, description: str, lead, lead_name: str
) -> ProjectGroup:
    programme = _lock(group.programme_id)
    _require_consultant(user, programme)
    locked = ProjectGroup.objects.select_related("lead").get(pk=group.pk)
    values = {"name": name, "description": description, "lead": lead, "lead_name": lead_name}
    if expected_version != locked.version:
        raise _stale(
            ProjectGroup,
            locked,
            values,
            _(
                "Een collega heeft deze projectgroep intussen gewijzigd. Uw wijzigingen zijn niet "
                "opgeslagen; vergelijk ze hieronder en sla opnieuw op."
            ),
        )
    values = _clean_group(programme, values, instance=locked)
    for key, value in values.items():
        setattr(locked, key, value)
    locked.version += 1
    locked.save()
    return locked


@transaction.atomic
def project_group_delete(*, user, group: ProjectGroup) -> None:
    """Remove a project group; its projects stay, without a place in the structure (they are flagged)."""
    programme = _lock(group.programme_id)
    _require_consultant(user, programme)
    Project.objects.filter(group_id=group.pk).update(group=None, version=F("version") + 1)
    ProjectGroup.objects.filter(pk=group.pk).delete()


# --- Projects -------------------------------------------------------------------------------------


def _clean_project(programme: Programme, values: dict, *, instance: Project | None = None) -> dict:
    """Check a project's values; returns them cleaned (actions as a list) or raises per-field errors."""
    errors: dict[str, list[str]] = {}
    values["title"] = _check_text(
        values.get("title"), "title", 200, errors, required=_("Geef het project een titel.")
    )
    for name, limit in (("goal", 5000), ("scope", 5000), ("leader_name", 150), ("sponsor", 150)):
        values[name] = _check_text(values.get(name), name, limit, errors)
    if values["title"]:
        same = Project.objects.filter(programme=programme, title__iexact=values["title"])
        if instance is not None:
            same = same.exclude(pk=instance.pk)
        if same.exists():
            errors.setdefault("title", []).append(
                _("Er is al een project ‘%(title)s’ in dit traject.") % {"title": values["title"]}
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


def _next_position(programme: Programme) -> int:
    last = Project.objects.filter(programme=programme).aggregate(m=Max("position"))["m"]
    return 0 if last is None else last + 1


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
    project = Project.objects.create(programme=programme, position=_next_position(programme), **values)
    if actions:
        project.actions.set(actions)
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
    project = Project.objects.create(programme=programme, position=_next_position(programme), **values)
    project.actions.set(actions)
    return project


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
    locked.save()
    if "actions" in fields:
        locked.actions.set(actions)
    return locked


@transaction.atomic
def project_delete(*, user, project: Project) -> None:
    """Remove a project; its dependencies go with it."""
    programme = _lock(project.programme_id)
    _require_consultant(user, programme)
    Project.objects.filter(pk=project.pk).delete()


# --- Dependencies ---------------------------------------------------------------------------------


def _clean_dependency(kind: str, lag_weeks, note: str) -> tuple[str, int, str]:
    errors: dict[str, list[str]] = {}
    if kind not in DependencyKind.values:
        errors.setdefault("kind", []).append(_("Kies einde-start, start-start of einde-einde."))
    if lag_weeks is None:
        lag_weeks = 0  # no lag given: none
    if isinstance(lag_weeks, bool) or not isinstance(lag_weeks, int):
        errors.setdefault("lag_weeks", []).append(_("Geef de wachttijd in hele weken, bijvoorbeeld 2."))
    elif not (0 <= lag_weeks <= MAX_LAG_WEEKS):
        errors.setdefault("lag_weeks", []).append(
            _("Een wachttijd is 0 tot %(max)s weken.") % {"max": MAX_LAG_WEEKS}
        )
    note = _check_text(note, "note", 300, errors)
    if errors:
        raise ValidationError(errors)
    return kind, lag_weeks, note


def cycle_message(titles: list[str]) -> str:
    return _("Deze afhankelijkheid zou een kring sluiten: %(cycle)s.") % {"cycle": " → ".join(titles)}


@transaction.atomic
def dependency_add(
    *, user, predecessor: Project, successor: Project, kind: str = "fs", lag_weeks: int = 0, note: str = ""
) -> Dependency:
    """Record that `successor` needs `predecessor`; refused when it would close a cycle (named in order).

    The programme row is locked first, so the check and the insert of two concurrent additions run one
    after the other: each sees the other's edge, and together they cannot store a cycle.
    """
    programme = _lock(successor.programme_id)
    _require_consultant(user, programme)
    if predecessor.pk == successor.pk:
        raise ValidationError({"predecessor": _("Een project kan niet van zichzelf afhangen.")})
    if predecessor.programme_id != successor.programme_id:
        raise ValidationError(
            {"predecessor": _("Een project kan alleen afhangen van een project van hetzelfde traject.")}
        )
    kind, lag_weeks, note = _clean_dependency(kind, lag_weeks, note)
    edges = list(
        Dependency.objects.filter(programme_id=programme.pk).values_list("predecessor_id", "successor_id")
    )
    if (predecessor.pk, successor.pk) in set(edges):
        raise ValidationError(
            {
                "predecessor": _("‘%(b)s’ hangt al af van ‘%(a)s’.")
                % {"b": successor.title, "a": predecessor.title}
            }
        )
    cycle = cycle_through(edges, predecessor.pk, successor.pk)
    if cycle:
        titles = dict(Project.objects.filter(pk__in=set(cycle)).values_list("pk", "title"))
        raise ValidationError(cycle_message([titles.get(pk, "?") for pk in cycle]), code="cycle")
    if Project.objects.filter(pk__in=(predecessor.pk, successor.pk), programme_id=programme.pk).count() != 2:
        raise ValidationError(_("Een van beide projecten bestaat niet meer. Laad de pagina opnieuw."))
    return Dependency.objects.create(
        programme=programme,
        predecessor_id=predecessor.pk,
        successor_id=successor.pk,
        kind=kind,
        lag_weeks=lag_weeks,
        note=note,
        created_by=user if getattr(user, "pk", None) else None,
    )


@transaction.atomic
def dependency_update(*, user, dependency: Dependency, kind: str, lag_weeks: int, note: str) -> Dependency:
    """Change the kind, lag or note of a dependency (which projects it joins stays: no new cycle)."""
    programme = _lock(dependency.programme_id)
    _require_consultant(user, programme)
    kind, lag_weeks, note = _clean_dependency(kind, lag_weeks, note)
    locked = Dependency.objects.filter(pk=dependency.pk).first()
    if locked is None:
        raise ValidationError(_("Deze afhankelijkheid bestaat niet meer."))
    locked.kind, locked.lag_weeks, locked.note = kind, lag_weeks, note
    locked.save(update_fields=["kind", "lag_weeks", "note"])
    return locked


@transaction.atomic
def dependency_remove(*, user, dependency: Dependency) -> None:
    programme = _lock(dependency.programme_id)
    _require_consultant(user, programme)
    Dependency.objects.filter(pk=dependency.pk).delete()
