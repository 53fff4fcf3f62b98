"""The action plan: phases and their actions (only in a draft), owners' status updates (also on an approved
version: they live outside the versions, by the action's stable key), the follow-up dashboard and the
milestone feed's secret link.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Action,
    ActionKind,
    ActionStatus,
    ActionUpdate,
    Membership,
    Phase,
    Plan,
    PlanVersion,
    Role,
)
from ..models.plan import new_feed_token
from ..services import has_role
from .stale import require_fresh
from .workflow import latest_approved, require_consultant, require_editable, working_version

User = get_user_model()

SOON_DAYS = 14


def _lock(version: PlanVersion) -> PlanVersion:
    return (
        PlanVersion.objects.select_for_update()
        .select_related("plan__programme__local_government")
        .get(pk=version.pk)
    )


def owner_queryset(plan: Plan):
    """The users who may be an action's owner: anyone with a membership in the plan's local government."""
    members = Membership.objects.filter(local_government_id=plan.programme.local_government_id)
    return User.objects.filter(pk__in=members.values("user_id")).order_by("first_name", "last_name", "pk")


# --- Phases ---------------------------------------------------------------------------------------


def _clean_phase(name: str, description: str) -> tuple[str, str]:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Geef de fase een naam.")})
    if len(name) > 150:
        raise ValidationError({"name": _("Een fase heeft een naam van hoogstens 150 tekens.")})
    return name, (description or "").strip()


@transaction.atomic
def phase_add(*, user, version: PlanVersion, name: str, description: str = "") -> Phase:
    version = _lock(version)
    require_consultant(user, version.plan)
    require_editable(version)
    name, description = _clean_phase(name, description)
    last = version.phases.aggregate(m=Max("position"))["m"]
    return Phase.objects.create(
        version=version, name=name, description=description, position=0 if last is None else last + 1
    )


@transaction.atomic
def phase_edit(
    *, user, phase: Phase, expected_version: int | None, name: str, description: str = ""
) -> Phase:
    """expected_version: the phase's edit_version when the form was opened (StaleRowError if newer)."""
    version = _lock(phase.version)
    require_consultant(user, version.plan)
    require_editable(version)
    phase = Phase.objects.select_for_update().get(pk=phase.pk)
    require_fresh(phase, expected_version, {"name": name, "description": description}, _("deze fase"))
    phase.name, phase.description = _clean_phase(name, description)
    phase.edit_version += 1
    phase.save(update_fields=["name", "description", "edit_version"])
    return phase


@transaction.atomic
def phase_delete(*, user, phase: Phase) -> None:
    version = _lock(phase.version)
    require_consultant(user, version.plan)
    require_editable(version)
    n = phase.actions.count()
    if n:
        raise ValidationError(
            _(
                "De fase ‘%(name)s’ heeft nog %(n)s actie(s). Verplaats of verwijder eerst die acties; "
                "daarna kunt u de fase verwijderen."
            )
            % {"name": phase.name, "n": n}
        )
    phase.delete()


@transaction.atomic
def phase_move(*, user, phase: Phase, direction: str) -> Phase:
    """Move a phase one place up or down; positions are renumbered 0, 1, 2, ... on the way."""
    version = _lock(phase.version)
    require_consultant(user, version.plan)
    require_editable(version)
    if direction not in ("up", "down"):
        raise ValidationError(_("Kies of de fase naar boven of naar beneden gaat."))
    phases = list(version.phases.order_by("position", "pk"))
    index = next(i for i, p in enumerate(phases) if p.pk == phase.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(phases):
        phases[index], phases[other] = phases[other], phases[index]
    for position, p in enumerate(phases):
        if p.position != position:
            p.position = position
            Phase.objects.filter(pk=p.pk).update(position=position)
    return next(p for p in phases if p.pk == phase.pk)


# --- Actions --------------------------------------------------------------------------------------


@dataclass
class ActionData:
    """What the consultant enters for an action (parsed by the form, checked here)."""

    title: str
    start: datetime.date | None
    end: datetime.date | None
    description: str = ""
    kind: str = ActionKind.ACTION
    owner: object | None = None  # a User
    owner_name: str = ""
    is_milestone: bool = False
    is_quick_win: bool = False
    planned_status: str = ActionStatus.TODO


ACTION_FIELDS = tuple(f for f in ActionData.__dataclass_fields__)


def _clean_action(plan: Plan, version: PlanVersion, phase: Phase, data: ActionData) -> dict:
    errors: dict[str, list[str]] = {}
    title = (data.title or "").strip()
    if not title:
        errors.setdefault("title", []).append(_("Geef de actie een titel."))
    elif len(title) > 200:
        errors.setdefault("title", []).append(_("Een titel heeft hoogstens 200 tekens."))
    if phase.version_id != version.pk:
        errors.setdefault("phase", []).append(_("Kies een fase van deze versie van het plan."))
    if data.kind not in ActionKind.values:
        errors.setdefault("kind", []).append(_("Kies een soort uit de lijst."))
    if data.planned_status not in ActionStatus.values:
        errors.setdefault("planned_status", []).append(_("Kies een status uit de lijst."))
    if data.start is None:
        errors.setdefault("start", []).append(_("Geef een startdatum in de vorm dd/mm/jjjj."))
    if data.end is None:
        errors.setdefault("end", []).append(_("Geef een einddatum in de vorm dd/mm/jjjj."))
    if data.start and data.end and data.end < data.start:
        errors.setdefault("end", []).append(
            _("Het einde (%(end)s) ligt vóór de start (%(start)s). Kies een einde op of na de start.")
            % {"end": data.end.strftime("%d/%m/%Y"), "start": data.start.strftime("%d/%m/%Y")}
        )
    owner_name = (data.owner_name or "").strip()
    if len(owner_name) > 150:
        errors.setdefault("owner_name", []).append(_("De naam van de trekker heeft hoogstens 150 tekens."))
    if data.owner is not None and not owner_queryset(plan).filter(pk=data.owner.pk).exists():
        errors.setdefault("owner", []).append(_("Kies een gebruiker van dit lokaal bestuur."))
    if errors:
        raise ValidationError(errors)
    return {
        "phase": phase,
        "title": title,
        "description": (data.description or "").strip(),
        "kind": data.kind,
        "owner": data.owner,
        "owner_name": owner_name,
        "start": data.start,
        "end": data.end,
        "is_milestone": bool(data.is_milestone),
        "is_quick_win": bool(data.is_quick_win),
        "planned_status": data.planned_status,
    }


@transaction.atomic
def action_add(*, user, phase: Phase, data: ActionData) -> Action:
    version = _lock(phase.version)
    require_consultant(user, version.plan)
    require_editable(version)
    values = _clean_action(version.plan, version, phase, data)
    last = phase.actions.aggregate(m=Max("position"))["m"]
    return Action.objects.create(version=version, position=0 if last is None else last + 1, **values)


@transaction.atomic
def action_edit(
    *, user, action: Action, expected_version: int | None, phase: Phase, data: ActionData
) -> Action:
    """expected_version: the action's edit_version when the form was opened (StaleRowError if newer)."""
    version = _lock(action.version)
    require_consultant(user, version.plan)
    require_editable(version)
    action = Action.objects.select_for_update(of=("self",)).select_related("phase", "owner").get(pk=action.pk)
    typed = {name: getattr(data, name) for name in ACTION_FIELDS}
    require_fresh(action, expected_version, {"phase": phase, **typed}, _("deze actie"))
    values = _clean_action(version.plan, version, phase, data)
    if phase.pk != action.phase_id:
        last = phase.actions.aggregate(m=Max("position"))["m"]
        action.position = 0 if last is None else last + 1
    for name, value in values.items():
        setattr(action, name, value)
    action.edit_version += 1
    action.save()
    return action


@transaction.atomic
def action_delete(*, user, action: Action) -> None:
    version = _lock(action.version)
    require_consultant(user, version.plan)
    require_editable(version)
    action.delete()


# --- Status updates -------------------------------------------------------------------------------


def may_update_status(user, action: Action, plan: Plan) -> bool:
    """A consultant of the local government, or the action's owner (whatever their role)."""
    if not user.is_authenticated:
        return False
    if action.owner_id is not None and action.owner_id == user.pk:
        return True
    return has_role(user, plan.programme.local_government, Role.CONSULTANT)


def require_status_updater(user, action: Action, plan: Plan) -> None:
    if not may_update_status(user, action, plan):
        raise PermissionDenied(
            _("Alleen de consultants van dit lokaal bestuur en de trekker van de actie werken de stand bij.")
        )


@transaction.atomic
def action_update_status(*, user, action: Action, status: str, note: str = "") -> ActionUpdate:
    """Record the current status of an action; allowed on an approved version (the plan stays frozen)."""
    plan = Plan.objects.select_related("programme__local_government").get(pk=action.version.plan_id)
    require_status_updater(user, action, plan)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Kies een status uit de lijst.")})
    note = (note or "").strip()
    if len(note) > 2000:
        raise ValidationError({"note": _("Een toelichting heeft hoogstens 2000 tekens.")})
    return ActionUpdate.objects.create(plan=plan, action_key=action.key, status=status, note=note, user=user)


@transaction.atomic
def feed_renew(*, user, plan: Plan) -> Plan:
    """A new secret link for the milestone feed: the old link stops working."""
    plan = Plan.objects.select_for_update().select_related("programme__local_government").get(pk=plan.pk)
    require_consultant(user, plan)
    plan.feed_token = new_feed_token()
    plan.save(update_fields=["feed_token"])
    return plan


# --- Reading --------------------------------------------------------------------------------------


def latest_updates(plan: Plan) -> dict:
    """The latest ActionUpdate per action key of the plan (one query)."""
    latest: dict = {}
    for update in ActionUpdate.objects.filter(plan=plan).select_related("user").order_by("-at", "-pk"):
        latest.setdefault(update.action_key, update)
    return latest


@dataclass
class PhaseRow:
    phase: Phase
    actions: list[Action] = field(default_factory=list)

    @property
    def start(self) -> datetime.date | None:
        return min((a.start for a in self.actions), default=None)

    @property
    def end(self) -> datetime.date | None:
        return max((a.end for a in self.actions), default=None)


def annotate_status(actions, updates: dict) -> None:
    """Give each action .current_status, .current_status_label and .last_update (or None)."""
    labels = dict(ActionStatus.choices)
    for action in actions:
        update = updates.get(action.key)
        action.last_update = update
        action.current_status = update.status if update else action.planned_status
        action.current_status_label = labels.get(action.current_status, action.current_status)
        action.duration = (action.end - action.start).days + 1


def version_phases(version: PlanVersion, *, updates: dict | None = None) -> list[PhaseRow]:
    """The version's phases in order, each with its actions and their current status: three queries."""
    phases = list(version.phases.order_by("position", "pk"))
    actions = list(
        Action.objects.filter(version=version)
        .select_related("owner")
        .order_by("phase__position", "phase_id", "position", "start", "pk")
    )
    if updates is None:
        updates = latest_updates(version.plan)
    annotate_status(actions, updates)
    rows = {p.pk: PhaseRow(p) for p in phases}
    for action in actions:
        action.phase = rows[action.phase_id].phase
        rows[action.phase_id].actions.append(action)
    return list(rows.values())


def owner_label(action: Action) -> str:
    if action.owner_name:
        return action.owner_name
    if action.owner_id:
        return action.owner.get_full_name() or action.owner.username
    return ""


def follow_up_version(plan: Plan) -> tuple[PlanVersion, bool]:
    """The version being carried out (latest approved) and True; else the working version and False."""
    approved = latest_approved(plan)
    if approved is not None:
        return approved, True
    return working_version(plan), False


@dataclass
class FollowUp:
    late: list[Action]
    soon: list[Action]
    done: list[Action]
    later: list[Action]

    @property
    def total(self) -> int:
        return len(self.late) + len(self.soon) + len(self.done) + len(self.later)


def follow_up_groups(version: PlanVersion, *, today: datetime.date | None = None) -> FollowUp:
    """Late (ended before today, not done), due soon (ends within 14 days, not done), done, and the rest."""
    today = today or timezone.localdate()
    soon_until = today + datetime.timedelta(days=SOON_DAYS)
    groups = FollowUp([], [], [], [])
    for row in version_phases(version):
        for action in row.actions:
            if action.current_status == ActionStatus.DONE:
                groups.done.append(action)
            elif action.end < today:
                groups.late.append(action)
            elif action.end <= soon_until:
                groups.soon.append(action)
            else:
                groups.later.append(action)
    groups.late.sort(key=lambda a: (a.end, a.pk))
    groups.soon.sort(key=lambda a: (a.end, a.pk))
    groups.later.sort(key=lambda a: (a.end, a.pk))
    return groups


def milestones(plan: Plan) -> tuple[PlanVersion, list[Action]]:
    """The milestones of the latest approved version, else of the working version."""
    version = latest_approved(plan) or working_version(plan)
    actions = list(
        Action.objects.filter(version=version, is_milestone=True)
        .select_related("phase", "owner")
        .order_by("start", "phase__position", "position", "pk")
    )
    return version, actions
