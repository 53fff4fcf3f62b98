"""The clause library: the consultancy-wide clauses and, per local government, adapted copies.

A clause's text lives in numbered ClauseVersions that are never changed: a new text is a new number, and an
agreement keeps the text it copied into its articles, so a library change never alters an agreement.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from programmes.models import LocalGovernment, Role
from programmes.services import FieldChange, has_role

from .. import placeholders
from ..models import Clause, ClauseCategory, ClauseVersion
from .common import StaleAgreementEditError, is_library_editor, who


def require_clause_editor(user, local_government: LocalGovernment | None) -> None:
    """The library: any consultant; a local government's adapted copies: only its consultants."""
    if local_government is None:
        if not is_library_editor(user):
            raise PermissionDenied(_("Alleen consultants kunnen de clausulebibliotheek wijzigen."))
    elif not has_role(user, local_government, Role.CONSULTANT):
        raise PermissionDenied(
            _("Alleen de consultants van %(lg)s kunnen zijn clausules wijzigen.") % {"lg": local_government}
        )


def validate_text(title: str, text: str, *, title_max: int = 200) -> dict[str, str]:
    """Dutch errors per field for a title and a text with placeholders."""
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Geef een titel.")
    elif len(title.strip()) > title_max:
        errors["title"] = _("De titel is te lang: hoogstens %(n)s tekens.") % {"n": title_max}
    if not (text or "").strip():
        errors["text"] = _("Schrijf de tekst.")
    elif len(text) > 20000:
        errors["text"] = _("De tekst is te lang: hoogstens 20.000 tekens.")
    else:
        broken = placeholders.malformed(text)
        if broken:
            errors["text"] = _(
                "Deze plaatshouders zijn niet geldig: %(items)s. Schrijf een plaatshouder als "
                "{{ gemeente }}: kleine letters, cijfers en liggende streepjes tussen dubbele accolades."
            ) % {"items": ", ".join(f"“{item}”" for item in broken)}
    return errors


def latest_version(clause: Clause) -> ClauseVersion | None:
    return clause.versions.order_by("-number").first()


@transaction.atomic
def clause_create(
    *,
    user,
    category: str,
    title: str,
    text: str,
    mandatory: bool = False,
    guidance: str = "",
    local_government: LocalGovernment | None = None,
) -> Clause:
    """A new clause with its version 1, in the library or (local_government set) for one local government."""
    require_clause_editor(user, local_government)
    errors = validate_text(title, text)
    if category not in ClauseCategory.values:
        errors["category"] = _("Kies een categorie.")
    if len(guidance or "") > 5000:
        errors["guidance"] = _("De toelichting is te lang: hoogstens 5.000 tekens.")
    if errors:
        raise ValidationError(errors)
    last = (
        Clause.objects.filter(local_government=local_government, category=category).aggregate(
            m=Max("position")
        )["m"]
        or 0
    )
    clause = Clause.objects.create(
        local_government=local_government,
        category=category,
        title=title.strip(),
        mandatory=bool(mandatory),
        guidance=(guidance or "").strip(),
        position=last + 1,
    )
    ClauseVersion.objects.create(
        clause=clause, number=1, title=title.strip(), text=text.strip(), created_by=user
    )
    return clause


@transaction.atomic
def clause_version_add(
    *, user, clause: Clause, title: str, text: str, change_note: str = "", expected_number: int
) -> ClauseVersion:
    """A new text for a clause; refused when someone added a version since the form was opened."""
    clause = Clause.objects.select_for_update().get(pk=clause.pk)
    require_clause_editor(user, clause.local_government)
    if clause.archived:
        raise ValidationError(_("Deze clausule is gearchiveerd; er komt geen nieuwe versie meer bij."))
    latest = latest_version(clause)
    current = latest.number if latest else 0
    if expected_number != current:
        changes = []
        if latest is not None:
            if latest.title != title.strip():
                changes.append(FieldChange(label=_("Titel"), theirs=latest.title, yours=title.strip()))
            if latest.text != text.strip():
                changes.append(FieldChange(label=_("Tekst"), theirs=latest.text, yours=text.strip()))
        raise StaleAgreementEditError(changes, who(latest.created_by) if latest else "")
    errors = validate_text(title, text)
    if len(change_note or "") > 300:
        errors["change_note"] = _("Hoogstens 300 tekens.")
    if errors:
        raise ValidationError(errors)
    if latest is not None and latest.title == title.strip() and latest.text == text.strip():
        raise ValidationError(_("De tekst en de titel zijn dezelfde als in versie %(n)s.") % {"n": current})
    version = ClauseVersion.objects.create(
        clause=clause,
        number=current + 1,
        title=title.strip(),
        text=text.strip(),
        change_note=(change_note or "").strip(),
        created_by=user,
    )
    clause.title = version.title
    clause.save(update_fields=["title"])
    return version


@transaction.atomic
def clause_adapt(*, user, clause: Clause, local_government: LocalGovernment) -> Clause:
    """A copy of a library clause for one local government (version 1 = the latest text); once per clause."""
    require_clause_editor(user, local_government)
    clause = Clause.objects.select_for_update().get(pk=clause.pk)
    if clause.local_government_id is not None:
        raise ValidationError(_("Alleen een clausule uit de gedeelde bibliotheek kan worden aangepast."))
    existing = Clause.objects.filter(local_government=local_government, based_on=clause).first()
    if existing is not None:
        if existing.archived:  # adapting again brings the archived copy back into use
            existing.archived = False
            existing.save(update_fields=["archived"])
        return existing
    latest = latest_version(clause)
    if latest is None:
        raise ValidationError(_("Deze clausule heeft nog geen tekst."))
    copy = Clause.objects.create(
        local_government=local_government,
        based_on=clause,
        category=clause.category,
        title=latest.title,
        mandatory=clause.mandatory,
        guidance=clause.guidance,
        position=clause.position,
    )
    ClauseVersion.objects.create(
        clause=copy,
        number=1,
        title=latest.title,
        text=latest.text,
        change_note=_("Aangepaste kopie van versie %(n)s uit de bibliotheek.") % {"n": latest.number},
        created_by=user,
    )
    return copy


@transaction.atomic
def clause_archive(*, user, clause: Clause) -> None:
    """Take a clause out of use: it is no longer offered; agreements that used it keep their text."""
    clause = Clause.objects.select_for_update().get(pk=clause.pk)
    require_clause_editor(user, clause.local_government)
    if clause.archived:
        return
    clause.archived = True
    clause.save(update_fields=["archived"])


def clauses_for(local_government: LocalGovernment):
    """The clauses offered to a local government: its adapted copies and the library ones not adapted."""
    replaced = (
        Clause.objects.filter(local_government=local_government, archived=False)
        .exclude(based_on=None)
        .values("based_on")
    )
    return Clause.objects.filter(archived=False).filter(
        Q(local_government=local_government) | (Q(local_government__isnull=True) & ~Q(pk__in=replaced))
    )
