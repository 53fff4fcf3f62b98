"""The college keeps the staff list (annex 2) of the adopted agreement up to date.

The councils may let the college van burgemeester en schepenen and the vast bureau keep the nominative list
of staff made available up to date (see shared/DOMAIN.md): a change of that list needs no new version and no
new council decisions. So on the latest adopted version, and only while no newer version is adopted, a
consultant may add, change and remove rows of annex 2, each change naming the college decision that allows
it (its date, not in the future and not before the councils adopted the version, and optionally its
reference). Everything else of an adopted version stays frozen (common.require_editable). Each change is an
AgreementEvent of kind STAFF_LIST with who, when, the decision and a comment naming the change.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from programmes.services import FieldChange

from ..models import AgreementEvent, AgreementVersion, AnnexStaff
from .common import State, lock_version, require_consultant
from .drafting import (
    STAFF_GONE,
    STAFF_LABELS,
    _lock_row,
    _next_position,
    _require_fresh,
    _save_row,
    _shown,
    _staff_data,
    _staff_values,
)


def _fte(value) -> str:
    if value is None:
        return "–"
    text = f"{Decimal(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def person_label(name: str, fte, service: str) -> str:
    """ "Jan Peeters (0,5 VTE, ICT)" """
    return _("%(name)s (%(fte)s VTE, %(service)s)") % {"name": name, "fte": _fte(fte), "service": service}


def _staff_changes(current: dict, values: dict) -> list[FieldChange]:
    """What a change alters, as people read it: "VTE: 0,5 → 0,8", "Werkgever: Gemeente → OCMW"."""
    employers = dict(AnnexStaff._meta.get_field("employer").choices)

    def shown(name, value):
        if name == "fte":
            return _fte(value)
        if name == "employer":
            return str(employers.get(value, value))
        return _shown(value)

    return [
        FieldChange(
            label=str(STAFF_LABELS[name]), theirs=shown(name, current[name]), yours=shown(name, value)
        )
        for name, value in values.items()
        if shown(name, current[name]) != shown(name, value)
    ]


def newer_adopted(version: AgreementVersion) -> AgreementVersion | None:
    return (
        AgreementVersion.objects.filter(
            agreement_id=version.agreement_id, state=State.ADOPTED, number__gt=version.number
        )
        .order_by("-number")
        .first()
    )


def staff_list_refusal(version: AgreementVersion) -> str:
    """Why the college cannot update this version's staff list ("" when it can)."""
    if version.state == State.DRAFT:
        return _(
            "Versie %(n)s is een ontwerp: u past de personeelslijst daar gewoon aan, "
            "zonder collegebeslissing."
        ) % {"n": version.number}
    if version.state != State.ADOPTED:
        return _(
            "Versie %(n)s is nog niet vastgesteld. Het college werkt alleen de personeelslijst van de "
            "vastgestelde overeenkomst bij."
        ) % {"n": version.number}
    newer = newer_adopted(version)
    if newer is not None:
        return _(
            "Versie %(newer)s is intussen vastgesteld; de personeelslijst van versie %(n)s ligt vast. "
            "Werk de lijst van versie %(newer)s bij."
        ) % {"n": version.number, "newer": newer.number}
    return ""


def adoption_date(version: AgreementVersion) -> datetime.date | None:
    """The day the version took effect for the councils: the later of their two decisions."""
    dates = [d for d in (version.council_decision_date, version.ocmw_decision_date) if d]
    if dates:
        return max(dates)
    return timezone.localtime(version.adopted_at).date() if version.adopted_at else None


def _decision(version: AgreementVersion, decision_date, decision_reference: str, errors: dict) -> str:
    today = timezone.localdate()
    if not isinstance(decision_date, datetime.date):
        errors["decision_date"] = _("Geef de datum van de collegebeslissing, bijvoorbeeld 12/11/2026.")
    elif decision_date > today:
        errors["decision_date"] = _(
            "De collegebeslissing ligt in de toekomst; registreer de wijziging na de beslissing."
        )
    else:
        adopted = adoption_date(version)
        if adopted and decision_date < adopted:
            errors["decision_date"] = _(
                "De collegebeslissing valt vóór de vaststelling door de raden (%(date)s): "
                "controleer de datum."
            ) % {"date": adopted.strftime("%d/%m/%Y")}
    reference = (decision_reference or "").strip()
    if len(reference) > 50:
        errors["decision_reference"] = _("Het kenmerk is te lang: hoogstens 50 tekens.")
    return reference


def decision_label(decision_date: datetime.date, reference: str) -> str:
    """ "collegebeslissing van 12/11/2026" or "collegebeslissing CBS/2026/114 van 12/11/2026" """
    date = decision_date.strftime("%d/%m/%Y")
    if reference:
        return _("collegebeslissing %(reference)s van %(date)s") % {"reference": reference, "date": date}
    return _("collegebeslissing van %(date)s") % {"date": date}


def _lock_adopted(user, version: AgreementVersion | int) -> AgreementVersion:
    locked = lock_version(version)
    require_consultant(user, locked.agreement.programme.local_government)
    refusal = staff_list_refusal(locked)
    if refusal:
        raise ValidationError(refusal)
    return locked


def _validated(version, data: dict, decision_date, decision_reference) -> tuple[dict, str]:
    """The staff row's values and the decision's reference, every error (row and decision) at once."""
    errors: dict = {}
    try:
        values = _staff_values(data)
    except ValidationError as error:
        values = {}
        errors.update({name: messages[0] for name, messages in error.message_dict.items()})
    reference = _decision(version, decision_date, decision_reference, errors)
    if errors:
        raise ValidationError(errors)
    return values, reference


def _record(version, user, change: str, decision_date, reference: str) -> AgreementEvent:
    comment = _("Personeelslijst bijgewerkt: %(change)s; %(decision)s") % {
        "change": change,
        "decision": decision_label(decision_date, reference),
    }
    return AgreementEvent.objects.create(
        version=version,
        kind=AgreementEvent.Kind.STAFF_LIST,
        user=user,
        comment=comment,
        decision_date=decision_date,
        decision_reference=reference,
    )


@transaction.atomic
def annex_staff_college_add(
    *,
    user,
    version: AgreementVersion,
    decision_date: datetime.date | None,
    decision_reference: str = "",
    name: str,
    function: str,
    employer: str,
    service: str,
    fte,
    since: datetime.date | None = None,
) -> AnnexStaff:
    """Add a person to the staff list of the adopted version, on a college decision."""
    version = _lock_adopted(user, version)
    data = _staff_data(name, function, employer, service, fte, since)
    values, reference = _validated(version, data, decision_date, decision_reference)
    position = _next_position(version.annex_staff)
    person = AnnexStaff.objects.create(version=version, position=position, **values)
    change = _("%(person)s toegevoegd") % {"person": person_label(person.name, person.fte, person.service)}
    _record(version, user, change, decision_date, reference)
    return person


@transaction.atomic
def annex_staff_college_update(
    *,
    user,
    annex_staff: AnnexStaff,
    expected_edit_version: int | None,
    decision_date: datetime.date | None,
    decision_reference: str = "",
    name: str,
    function: str,
    employer: str,
    service: str,
    fte,
    since: datetime.date | None = None,
) -> AnnexStaff:
    """Change a person on the staff list of the adopted version, on a college decision."""
    version = _lock_adopted(user, annex_staff.version_id)
    locked = _lock_row(AnnexStaff, annex_staff.pk, str(STAFF_GONE), version=version)
    wanted = _staff_data(name, function, employer, service, fte, since)
    current = _require_fresh(locked, expected_edit_version, wanted, STAFF_LABELS)
    values, reference = _validated(version, wanted, decision_date, decision_reference)
    changes = _staff_changes(current, values)
    if not changes:
        raise ValidationError(_("Er is niets gewijzigd aan %(name)s.") % {"name": locked.name})
    before = person_label(locked.name, locked.fte, locked.service)
    _save_row(locked, values)
    change = _("%(person)s gewijzigd (%(changes)s)") % {
        "person": before,
        "changes": "; ".join(f"{c.label}: {c.theirs} → {c.yours}" for c in changes),
    }
    _record(version, user, change, decision_date, reference)
    return locked


@transaction.atomic
def annex_staff_college_remove(
    *, user, annex_staff: AnnexStaff, decision_date: datetime.date | None, decision_reference: str = ""
) -> None:
    """Take a person off the staff list of the adopted version, on a college decision."""
    version = _lock_adopted(user, annex_staff.version_id)
    locked = _lock_row(AnnexStaff, annex_staff.pk, str(STAFF_GONE), version=version)
    errors: dict = {}
    reference = _decision(version, decision_date, decision_reference, errors)
    if errors:
        raise ValidationError(errors)
    change = _("%(person)s geschrapt") % {"person": person_label(locked.name, locked.fte, locked.service)}
    locked.delete()
    _record(version, user, change, decision_date, reference)


def _change_of(comment: str) -> str:
    """The change alone, from "Personeelslijst bijgewerkt: <change>; <decision>" (the page shows the
    decision in its own column)."""
    head, sep, rest = comment.partition(": ")
    change = rest.rsplit("; ", 1)[0] if sep else comment
    return change[:1].upper() + change[1:]


def staff_list_updates(version: AgreementVersion, *, since=None) -> list[AgreementEvent]:
    """The college's updates of this version's staff list, newest first (one query); each with `change`,
    the change alone. `since`: only those after that moment."""
    updates = version.events.filter(kind=AgreementEvent.Kind.STAFF_LIST)
    if since is not None:
        updates = updates.filter(at__gt=since)
    updates = list(updates.select_related("user").order_by("-at", "-pk"))
    for update in updates:
        update.change = _change_of(update.comment)
    return updates
