"""The steering structure: the programme's one steering group, its members, and the project groups."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from programmes.models import Programme

from ..models import Project, ProjectGroup, SteeringGroup, SteeringMember
from .common import (
    _by,
    _check_person,
    _check_text,
    _check_unique,
    _lock,
    _next_position,
    _require_consultant,
    _save_edit,
    _shown,
    _stale,
)

# --- The steering group ---------------------------------------------------------------------------


def steering_group_get(*, programme: Programme, user=None) -> SteeringGroup:
    """The programme's one steering group, made when it is first asked for (by `user`, in its history)."""
    group = SteeringGroup.objects.filter(programme=programme).first()
    if group is not None:
        return group
    group = SteeringGroup(programme=programme)
    _by(group, user)
    try:
        with transaction.atomic():
            group.save(force_insert=True)
    except IntegrityError:  # made at the same moment by someone else: theirs is the one
        group = SteeringGroup.objects.get(programme=programme)
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
    return _save_edit(locked, values, user)


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
    member = SteeringMember(
        group=group,
        user=member_user,
        name=name,
        function=function,
        position=_next_position(group.members),
    )
    _by(member, user)
    member.save(force_insert=True)
    return member


@transaction.atomic
def steering_member_remove(*, user, member: SteeringMember) -> None:
    programme = _lock(member.group.programme_id)
    _require_consultant(user, programme)
    locked = SteeringMember.objects.select_related("user").filter(pk=member.pk).first()
    if locked is not None:
        _by(locked, user)
        locked.delete()


# --- Project groups -------------------------------------------------------------------------------


def _clean_group(programme: Programme, values: dict, *, instance: ProjectGroup | None = None) -> dict:
    errors: dict[str, list[str]] = {}
    values["name"] = _check_text(
        values["name"], "name", 150, errors, required=_("Geef de projectgroep een naam.")
    )
    values["description"] = _check_text(values["description"], "description", 5000, errors)
    values["lead_name"] = _check_text(values["lead_name"], "lead_name", 150, errors)
    _check_person(programme, values["lead"], "lead", errors)
    _check_unique(
        ProjectGroup.objects.filter(programme=programme),
        "name",
        values["name"],
        errors,
        _("Er is al een projectgroep ‘%(name)s’ in dit traject.") % {"name": values["name"]},
        instance=instance,
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
    steering_group_get(programme=programme, user=user)
    position = _next_position(ProjectGroup.objects.filter(programme=programme))
    group = ProjectGroup(programme=programme, position=position, **values)
    _by(group, user)
    group.save(force_insert=True)
    return group


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
    return _save_edit(locked, values, user)


@transaction.atomic
def project_group_delete(*, user, group: ProjectGroup) -> None:
    """Remove a project group; its projects stay, without a place in the structure (they are flagged)."""
    programme = _lock(group.programme_id)
    _require_consultant(user, programme)
    # One by one (a group holds a handful of projects), so that each project's history shows the move.
    for project in Project.objects.filter(group_id=group.pk):
        project.group = None
        project.version += 1
        _by(project, user)
        project.save(update_fields=["group", "version"])
    locked = ProjectGroup.objects.filter(pk=group.pk).first()
    if locked is not None:
        _by(locked, user)
        locked.delete()
