"""Every change to local governments, memberships and programmes goes through these functions.

Each takes the acting user, checks the role on the server, validates, and runs in one transaction;
django-simple-history records who changed what in the same transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .models import LocalGovernment, Membership, Programme, Role, Scenario, Step

User = get_user_model()

PROGRAMME_FIELDS = ("title", "description", "start_date", "scenario", "step")


# --- Permissions ----------------------------------------------------------------------------------


def has_role(user, local_government: LocalGovernment, *roles: str) -> bool:
    """Whether the user holds one of these roles in the local government (site admins always do)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, local_government=local_government, role__in=roles).exists()


def require_role(user, local_government: LocalGovernment, *roles: str) -> None:
    if not has_role(user, local_government, *roles):
        raise PermissionDenied(_("U hebt niet de rol die voor deze handeling nodig is."))


def can_create_local_government(user) -> bool:
    """Staff and consultants may register a new local government (they become its consultant)."""
    return user.is_authenticated and (
        user.is_staff or Membership.objects.filter(user=user, role=Role.CONSULTANT).exists()
    )


# --- Local governments ----------------------------------------------------------------------------


@transaction.atomic
def local_government_create(
    *, user, name: str, nis_code: str, gemeente_name: str, ocmw_name: str, province: str
) -> LocalGovernment:
    """Register a local government; its creator becomes its first consultant."""
    if not can_create_local_government(user):
        raise PermissionDenied(_("Alleen consultants kunnen een lokaal bestuur toevoegen."))
    lg = LocalGovernment(
        name=name, nis_code=nis_code, gemeente_name=gemeente_name, ocmw_name=ocmw_name, province=province
    )
    lg.full_clean()
    lg._history_user = user
    lg.save()
    membership = Membership(user=user, local_government=lg, role=Role.CONSULTANT, invited_by=user)
    membership._history_user = user
    membership.save()
    return lg


# --- Memberships and invitations ------------------------------------------------------------------


def invitation_url(user, *, base_url: str) -> str:
    """The one-time link with which an invited user sets a password (Django's reset token)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url.rstrip("/") + reverse("invitation_accept", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def membership_invite(
    *,
    user,
    local_government: LocalGovernment,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    base_url: str,
) -> Membership:
    """Invite a person into a role of a local government: an account if needed, and an e-mail with a link."""
    require_role(user, local_government, Role.CONSULTANT)
    if role not in Role.values:
        raise ValidationError({"role": _("Kies een geldige rol.")})
    email = User.objects.normalize_email(email).strip().lower()
    # An account is found by its e-mail, or by a username equal to it (invited users log in with it).
    invitee = User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).order_by("pk").first()
    created = invitee is None
    if created:
        invitee = User(
            username=email, email=email, first_name=first_name.strip(), last_name=last_name.strip()
        )
        invitee.set_unusable_password()
        invitee.save()
    if Membership.objects.filter(user=invitee, local_government=local_government).exists():
        raise ValidationError(
            {"email": _("%(email)s is al lid van %(lg)s.") % {"email": email, "lg": local_government.name}}
        )
    membership = Membership(user=invitee, local_government=local_government, role=role, invited_by=user)
    membership._history_user = user
    membership.save()
    context = {
        "invitee": invitee,
        "inviter": user,
        "local_government": local_government,
        "role": membership.get_role_display(),
        "needs_password": not invitee.has_usable_password(),
        "link": invitation_url(invitee, base_url=base_url)
        if not invitee.has_usable_password()
        else base_url.rstrip("/") + reverse("login"),
    }
    subject = _("Uitnodiging voor Tandem: %(lg)s") % {"lg": local_government.name}
    body = render_to_string("programmes/email/invitation.txt", context)
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitee.email], fail_silently=False)
    )
    return membership


# --- Programmes -----------------------------------------------------------------------------------


def _validate_programme(values: dict[str, Any]) -> None:
    errors = {}
    if not (values.get("title") or "").strip():
        errors["title"] = _("Geef het traject een titel.")
    start = values.get("start_date")
    if not isinstance(start, datetime.date):
        errors["start_date"] = _("Geef een geldige startdatum, bijvoorbeeld 01/09/2026.")
    elif not (2019 <= start.year <= 2100):
        errors["start_date"] = _(
            "Een traject start ten vroegste in 2019, het jaar van het decreet lokaal bestuur."
        )
    if values.get("scenario") not in ("", None, *Scenario.values):
        errors["scenario"] = _("Kies een van de vier samenwerkingsscenario's.")
    if values.get("step") not in Step.values:
        errors["step"] = _("Kies een stap van 1 tot 4.")
    if errors:
        raise ValidationError(errors)


def _validate_consultants(local_government: LocalGovernment, consultants) -> list:
    consultants = list(consultants)
    if not consultants:
        raise ValidationError({"consultants": _("Kies minstens één begeleidende consultant.")})
    allowed = set(
        Membership.objects.filter(local_government=local_government, role=Role.CONSULTANT).values_list(
            "user_id", flat=True
        )
    )
    strangers = [c for c in consultants if c.pk not in allowed]
    if strangers:
        raise ValidationError(
            {
                "consultants": _("Alleen consultants van %(lg)s kunnen dit traject begeleiden.")
                % {"lg": local_government}
            }
        )
    return consultants


@transaction.atomic
def programme_create(
    *,
    user,
    local_government: LocalGovernment,
    title: str,
    start_date: datetime.date,
    description: str = "",
    scenario: str = "",
    step: int = Step.SCAN,
    consultants=None,
) -> Programme:
    """Start a trajectory for a local government; only its consultants may."""
    require_role(user, local_government, Role.CONSULTANT)
    values = {
        "title": title,
        "description": description,
        "start_date": start_date,
        "scenario": scenario,
        "step": step,
    }
    _validate_programme(values)
    consultants = _validate_consultants(local_government, consultants or [user])
    programme = Programme(local_government=local_government, created_by=user, **values)
    programme.title = programme.title.strip()
    programme._change_reason = _("Traject aangemaakt")
    programme._history_user = user  # the acting user, also outside a request (seed, tasks)
    programme.save()
    programme.consultants.set(consultants)
    return programme


@dataclass
class FieldChange:
    label: str
    theirs: str
    yours: str


class StaleEditError(ValidationError):
    """A save over a newer version: someone else changed the programme since the form was opened."""

    def __init__(self, changes: list[FieldChange], changed_by: str):
        self.changes = changes
        self.changed_by = changed_by
        super().__init__(
            _(
                "%(who)s heeft dit traject intussen gewijzigd. Uw wijzigingen zijn niet opgeslagen; "
                "vergelijk ze hieronder en sla opnieuw op."
            )
            % {"who": changed_by},
            code="stale",
        )


def _display(programme: Programme, name: str) -> str:
    if name == "consultants":
        return ", ".join(sorted(u.get_full_name() or u.username for u in programme.consultants.all()))
    if name in ("scenario", "step"):
        return str(getattr(programme, f"get_{name}_display")() or "—")
    value = getattr(programme, name)
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value or "—")


@transaction.atomic
def programme_update(
    *, user, programme: Programme, expected_version: int, consultants=None, **values: Any
) -> Programme:
    """Change a programme; refused when someone saved a newer version since the form was opened."""
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    require_role(user, locked.local_government, Role.CONSULTANT)
    unknown = set(values) - set(PROGRAMME_FIELDS)
    if unknown:
        raise ValueError(f"unknown programme fields: {sorted(unknown)}")
    if locked.version != expected_version:
        last = locked.history.select_related("history_user").first()
        who = (
            (last.history_user.get_full_name() or last.history_user.username)
            if last and last.history_user
            else _("Iemand")
        )
        changes = []
        opened = locked.history.filter(version=expected_version).first()
        for name in (*PROGRAMME_FIELDS, "consultants"):
            field_label = str(Programme._meta.get_field(name).verbose_name)
            theirs = _display(locked, name)
            if name == "consultants":
                yours = ", ".join(sorted(u.get_full_name() or u.username for u in (consultants or [])))
                before = None
            else:
                tmp = Programme(**{name: values.get(name, getattr(locked, name))})
                yours = _display(tmp, name)
                before = _display(opened.instance, name) if opened else None
            if before is not None and before != theirs:
                changes.append(FieldChange(label=field_label.capitalize(), theirs=theirs, yours=yours))
        raise StaleEditError(changes, who)
    merged = {name: values.get(name, getattr(locked, name)) for name in PROGRAMME_FIELDS}
    _validate_programme(merged)
    for name, value in merged.items():
        setattr(locked, name, value.strip() if isinstance(value, str) and name == "title" else value)
    if consultants is not None:
        consultants = _validate_consultants(locked.local_government, consultants)
    locked.version += 1
    locked._change_reason = _("Traject gewijzigd")
    locked._history_user = user
    locked.save()
    if consultants is not None:
        locked.consultants.set(consultants)
    return locked


@transaction.atomic
def programme_set_scenario(*, user, programme: Programme, scenario: str, reason: str = "") -> Programme:
    """Record the cooperation scenario a step decided (the scan's confirmed advice), with its reason."""
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    require_role(user, locked.local_government, Role.CONSULTANT)
    if scenario not in Scenario.values:
        raise ValidationError({"scenario": _("Kies een van de vier samenwerkingsscenario's.")})
    if locked.scenario == scenario:
        return locked
    locked.scenario = scenario
    locked.version += 1
    locked._change_reason = reason or _("Scenario gekozen")
    locked._history_user = user
    locked.save()
    return locked
