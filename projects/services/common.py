"""What every service of step 3 shares: the role check, the programme lock, the people and plan actions a
form may offer, text checks, and the stale-edit error that lists what a colleague changed."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from programmes.formatting import format_euro
from programmes.models import Action, Membership, PlanVersion, Programme, Role
from programmes.services import StaleEditError, has_role

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


def _by(instance, user) -> None:
    """Name the acting user in the history record the next save or delete of `instance` writes: also
    outside a request (the demo, a task), where simple-history's request middleware knows no user."""
    if getattr(user, "pk", None):
        instance._history_user = user


def _next_position(rows) -> int:
    """The position after the last of these rows (0 for the first)."""
    last = rows.aggregate(m=Max("position"))["m"]
    return 0 if last is None else last + 1


def _save_edit(locked, values: dict, user):
    """Set the checked values on the row, count its version up and save it (in `user`'s name)."""
    for key, value in values.items():
        setattr(locked, key, value)
    locked.version += 1
    _by(locked, user)
    locked.save()
    return locked


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


def _check_unique(rows, field: str, value, errors: dict, message: str, *, instance=None) -> None:
    """`message` on `field` when another of these rows already has this value (case-insensitive)."""
    if not value:
        return
    same = rows.filter(**{f"{field}__iexact": value})
    if instance is not None:
        same = same.exclude(pk=instance.pk)
    if same.exists():
        errors.setdefault(field, []).append(message)


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
