"""Drafting an agreement: start it from the library, add, adapt, order and remove articles, the version's own
fields, placeholder values and the two annexes.

Every change locks the version row (so positions and states never collide), checks that the user is a
consultant of that local government and that the version is a draft, and validates with Dutch messages per
field. Articles always stay grouped in the chapter order (ClauseCategory); `position` orders them inside
it and numbers them across the whole agreement. Edits of one article or annex row are optimistically
locked on its edit_version; the version's title, start date and preamble on the version's edit_version.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programmes.models import Programme
from programmes.services import FieldChange

from .. import placeholders
from ..models import (
    CATEGORY_ORDER,
    Agreement,
    AgreementEvent,
    AgreementVersion,
    AnnexService,
    AnnexStaff,
    Article,
    ClauseCategory,
    ClauseVersion,
    PlaceholderValue,
)
from .common import (
    MAX_TEXT,
    PER_SERVICE_CATEGORIES,
    StaleAgreementEditError,
    event,
    lock_for_edit,
    require_consultant,
)
from .library import clauses_for, validate_text

PARTIES = ("gemeente", "ocmw")


def _shown(value) -> str:
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",")
    return str(value).strip() if value not in (None, "") else "—"


def _changes(current: dict, wanted: dict, labels: dict) -> list[FieldChange]:
    return [
        FieldChange(label=str(labels[name]), theirs=_shown(current[name]), yours=_shown(wanted[name]))
        for name in wanted
        if _shown(current[name]) != _shown(wanted[name])
    ]


def _require_fresh(locked, expected_edit_version: int | None, wanted: dict, labels: dict) -> dict:
    """The row's current values of the fields in `wanted`; StaleAgreementEditError (naming what differs)
    when someone saved the row since the form was opened on `expected_edit_version`."""
    current = {name: getattr(locked, name) for name in wanted}
    if expected_edit_version is None or expected_edit_version != locked.edit_version:
        raise StaleAgreementEditError(_changes(current, wanted, labels))
    return current


def _lock_row(model, pk: int, gone: str, **filters):
    """The row locked for update; `gone` (a Dutch message) when it was removed in the meantime."""
    locked = model.objects.select_for_update().filter(pk=pk, **filters).first()
    if locked is None:
        raise ValidationError(gone)
    return locked


def _save_row(locked, values: dict):
    """Set the validated values on the locked row, count its edit version up and save it."""
    for name, value in values.items():
        setattr(locked, name, value)
    locked.edit_version += 1
    locked.save()
    return locked


def _next_position(rows) -> int:
    """The position after the last of these rows (1 for the first)."""
    return (rows.order_by("-position").values_list("position", flat=True).first() or 0) + 1


# --- Reading: numbering and chapters --------------------------------------------------------------


class NumberedArticle(NamedTuple):
    number: int
    label: str  # "Artikel 3"
    article: Article


class Chapter(NamedTuple):
    label: str
    articles: list[NumberedArticle]
    category: str = ""


def _ordered(articles) -> list[Article]:
    return sorted(articles, key=lambda a: (CATEGORY_ORDER.get(a.category, 99), a.position, a.pk))


def article_numbers(version: AgreementVersion) -> dict[int, str]:
    """{article pk: "Artikel 1"}: numbered across the whole agreement, in chapter order."""
    return {
        article.pk: _("Artikel %(n)s") % {"n": n}
        for n, article in enumerate(_ordered(version.articles.all()), start=1)
    }


def chapters(version: AgreementVersion) -> list[Chapter]:
    """The chapters in order, each with its numbered articles (one query; prefetched articles are used)."""
    result: list[Chapter] = []
    labels = dict(ClauseCategory.choices)
    for n, article in enumerate(_ordered(version.articles.all()), start=1):
        if not result or result[-1].category != article.category:
            result.append(
                Chapter(
                    label=str(labels.get(article.category, article.category)),
                    articles=[],
                    category=article.category,
                )
            )
        result[-1].articles.append(NumberedArticle(n, _("Artikel %(n)s") % {"n": n}, article))
    return result


def _renumber(version: AgreementVersion, articles: list[Article] | None = None) -> None:
    """Positions 1..n in chapter order (one UPDATE)."""
    articles = _ordered(articles if articles is not None else Article.objects.filter(version=version))
    for n, article in enumerate(articles, start=1):
        article.position = n
    if articles:
        Article.objects.bulk_update(articles, ["position"])


# --- Starting an agreement ------------------------------------------------------------------------


def default_title(programme: Programme) -> str:
    lg = programme.local_government
    return _("Beheersovereenkomst tussen %(gemeente)s en %(ocmw)s") % {
        "gemeente": lg.gemeente_name,
        "ocmw": lg.ocmw_name,
    }


@transaction.atomic
def agreement_start(*, user, programme: Programme) -> AgreementVersion:
    """Version 1, a draft with the mandatory clauses (the local government's adapted copy if it has one)."""
    programme = Programme.objects.select_for_update().select_related("local_government").get(pk=programme.pk)
    require_consultant(user, programme.local_government)
    agreement, created = Agreement.objects.get_or_create(programme=programme)
    if not created:
        from .workflow import working_version

        existing = working_version(agreement)
        if existing is not None:
            return existing
    version = AgreementVersion.objects.create(
        agreement=agreement, number=1, title=default_title(programme), created_by=user
    )
    mandatory = [
        clause
        for clause in clauses_for(programme.local_government)
        .filter(mandatory=True)
        .prefetch_related("versions")
        if clause.category not in PER_SERVICE_CATEGORIES
    ]
    mandatory.sort(key=lambda c: (CATEGORY_ORDER.get(c.category, 99), c.position, c.pk))
    articles = []
    for n, clause in enumerate(mandatory, start=1):
        latest = max(clause.versions.all(), key=lambda v: v.number, default=None)
        if latest is None:
            continue
        articles.append(
            Article(
                version=version,
                clause_version=latest,
                category=clause.category,
                title=latest.title,
                text=latest.text,
                position=n,
            )
        )
    Article.objects.bulk_create(articles)
    event(version, AgreementEvent.Kind.CREATED, user)
    return version


# --- Articles -------------------------------------------------------------------------------------


def _validate_service(category: str, service: str) -> dict[str, str]:
    if category in PER_SERVICE_CATEGORIES and not service:
        return {"service": _("Kies voor welke dienst dit artikel geldt.")}
    if len(service) > 150:
        return {"service": _("De naam van de dienst is te lang: hoogstens 150 tekens.")}
    return {}


@transaction.atomic
def article_add(
    *,
    user,
    version: AgreementVersion,
    clause_version: ClauseVersion | None = None,
    category: str | None = None,
    title: str = "",
    text: str = "",
    service: str = "",
    position: int | None = None,
) -> Article:
    """Add an article from a clause version of the library (its text copied) or one of the consultant's own.

    The article lands at the end of its chapter, or at `position` (1 = first) inside the chapter.
    """
    version = lock_for_edit(user, version)
    lg = version.agreement.programme.local_government
    service = (service or "").strip()
    if clause_version is not None:
        clause = clause_version.clause
        if clause.local_government_id not in (None, lg.pk):
            raise ValidationError(_("Deze clausule hoort bij een ander lokaal bestuur."))
        if clause.archived:
            raise ValidationError(_("Deze clausule is gearchiveerd en wordt niet meer gebruikt."))
        category = clause.category
        title = (title or "").strip() or clause_version.title
        text = (text or "").strip() or clause_version.text
    category = category or ""
    errors = validate_text(title, text)
    if category not in ClauseCategory.values:
        errors["category"] = _("Kies een hoofdstuk.")
    else:
        errors.update(_validate_service(category, service))
    if errors:
        raise ValidationError(errors)
    if category not in PER_SERVICE_CATEGORIES:
        service = ""
    siblings = list(Article.objects.filter(version=version))
    in_chapter = sorted((a for a in siblings if a.category == category), key=lambda a: (a.position, a.pk))
    if clause_version is not None and service:
        if any(a.clause_version_id == clause_version.pk and a.service == service for a in in_chapter):
            raise ValidationError(
                _("“%(title)s” staat al in de overeenkomst voor de dienst %(service)s.")
                % {"title": title.strip(), "service": service}
            )
    article = Article(
        version=version,
        clause_version=clause_version,
        category=category,
        service=service,
        title=title.strip(),
        text=placeholders.fill_service(text.strip(), service),
    )
    # place it at `position` (1 = first) inside its chapter, else at the chapter's end
    try:
        index = int(position) - 1 if position is not None else len(in_chapter)
    except (TypeError, ValueError):
        index = len(in_chapter)
    index = min(max(index, 0), len(in_chapter))
    article.position = 0
    article.save()
    in_chapter.insert(index, article)
    for n, item in enumerate(in_chapter):
        item.position = n
    _renumber(version, [a for a in siblings if a.category != category] + in_chapter)
    return article


def _lock_article(user, article: Article) -> tuple[AgreementVersion, Article]:
    version = lock_for_edit(user, article.version_id)
    return version, _lock_row(Article, article.pk, _("Dit artikel is intussen verwijderd."))


@transaction.atomic
def article_update(
    *, user, article: Article, expected_edit_version: int | None, title: str, text: str, service: str = ""
) -> Article:
    """Adapt an article's title, text (and service) for this agreement; the library is not touched."""
    version, locked = _lock_article(user, article)
    service = (service or "").strip()
    wanted = {"title": (title or "").strip(), "text": (text or "").strip(), "service": service}
    labels = {"title": _("Titel"), "text": _("Tekst"), "service": _("Dienst")}
    _require_fresh(locked, expected_edit_version, wanted, labels)
    errors = validate_text(title, text)
    errors.update(_validate_service(locked.category, service))
    if errors:
        raise ValidationError(errors)
    locked.title = wanted["title"]
    locked.service = service if locked.category in PER_SERVICE_CATEGORIES else ""
    locked.text = placeholders.fill_service(wanted["text"], locked.service)
    locked.edit_version += 1
    locked.save(update_fields=["title", "text", "service", "edit_version"])
    return locked


@transaction.atomic
def article_move(*, user, article: Article, direction: str) -> None:
    """Move an article one place up or down inside its chapter."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Kies omhoog of omlaag."))
    version, locked = _lock_article(user, article)
    in_chapter = sorted(
        Article.objects.filter(version=version, category=locked.category), key=lambda a: (a.position, a.pk)
    )
    index = next(i for i, a in enumerate(in_chapter) if a.pk == locked.pk)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(in_chapter):
        label = dict(ClauseCategory.choices).get(locked.category, locked.category)
        if direction == "up":
            message = _("“%(title)s” staat al bovenaan het hoofdstuk “%(chapter)s”.")
        else:
            message = _("“%(title)s” staat al onderaan het hoofdstuk “%(chapter)s”.")
        raise ValidationError(message % {"title": locked.title, "chapter": label})
    in_chapter[index], in_chapter[other_index] = in_chapter[other_index], in_chapter[index]
    for n, item in enumerate(in_chapter):
        item.position = n
    others = [a for a in Article.objects.filter(version=version) if a.category != locked.category]
    _renumber(version, others + in_chapter)


@transaction.atomic
def article_remove(*, user, article: Article) -> None:
    version, locked = _lock_article(user, article)
    locked.delete()
    _renumber(version)


# --- The version's own fields and placeholder values ----------------------------------------------


@transaction.atomic
def version_update(
    *,
    user,
    version: AgreementVersion,
    expected_edit_version: int | None,
    title: str,
    start_date: datetime.date | None,
    preamble: str,
) -> AgreementVersion:
    """The title, start date and preamble of a draft; refused when someone saved them since."""
    locked = lock_for_edit(user, version)
    wanted = {"title": (title or "").strip(), "start_date": start_date, "preamble": (preamble or "").strip()}
    labels = {"title": _("Titel"), "start_date": _("Startdatum"), "preamble": _("Aanhef")}
    _require_fresh(locked, expected_edit_version, wanted, labels)
    errors = {}
    if not wanted["title"]:
        errors["title"] = _("Geef de overeenkomst een titel.")
    elif len(wanted["title"]) > 250:
        errors["title"] = _("De titel is te lang: hoogstens 250 tekens.")
    if start_date is not None and (
        not isinstance(start_date, datetime.date) or not 2019 <= start_date.year <= 2100
    ):
        errors["start_date"] = _("Kies een startdatum tussen 2019 en 2100, bijvoorbeeld 01/01/2027.")
    if len(wanted["preamble"]) > MAX_TEXT:
        errors["preamble"] = _("De aanhef is te lang: hoogstens 20.000 tekens.")
    elif placeholders.malformed(wanted["preamble"]):
        errors["preamble"] = _("Deze plaatshouders zijn niet geldig: %(items)s.") % {
            "items": ", ".join(f"“{item}”" for item in placeholders.malformed(wanted["preamble"]))
        }
    if errors:
        raise ValidationError(errors)
    locked.title = wanted["title"]
    locked.start_date = start_date
    locked.preamble = wanted["preamble"]
    locked.edit_version += 1
    locked.save(update_fields=["title", "start_date", "preamble", "edit_version"])
    return locked


@transaction.atomic
def placeholder_set(*, user, version: AgreementVersion, key: str, value: str) -> PlaceholderValue | None:
    """The version's own value for a placeholder (it wins over the offered one); empty removes it."""
    version = lock_for_edit(user, version)
    key = (key or "").strip()
    if not placeholders.KEY_RE.match(key):
        raise ValidationError(
            {"key": _("Een plaatshouder bestaat uit kleine letters, cijfers en liggende streepjes.")}
        )
    value = (value or "").strip()
    if len(value) > 5000:
        raise ValidationError({"value": _("Hoogstens 5.000 tekens.")})
    if not value:
        PlaceholderValue.objects.filter(version=version, key=key).delete()
        return None
    item, _created = PlaceholderValue.objects.update_or_create(
        version=version, key=key, defaults={"value": value}
    )
    return item


# --- Annex 1: the services and their cost allocation key ------------------------------------------


def _decimal(value, name: str, errors: dict, *, low: Decimal, high: Decimal, message: str) -> Decimal | None:
    try:
        number = Decimal(str(value).replace(",", ".")) if value not in (None, "") else None
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or not low <= number <= high:
        errors[name] = message
        return None
    return number.quantize(Decimal("0.01"))


SERVICE_LABELS = {
    "service": gettext_lazy("Dienst"),
    "provider": gettext_lazy("Dienstverlenende partij"),
    "gemeente_share": gettext_lazy("Aandeel gemeente (%)"),
    "allocation_basis": gettext_lazy("Verdeelsleutel"),
    "note": gettext_lazy("Toelichting"),
}


def _service_data(service, provider, gemeente_share, allocation_basis, note) -> dict:
    return {
        "service": service,
        "provider": provider,
        "gemeente_share": gemeente_share,
        "allocation_basis": allocation_basis,
        "note": note,
    }


def _service_values(version: AgreementVersion, data: dict, *, exclude: int | None = None) -> dict:
    errors: dict[str, str] = {}
    service = (data.get("service") or "").strip()
    if not service:
        errors["service"] = _("Geef de naam van de dienst.")
    elif len(service) > 150:
        errors["service"] = _("Hoogstens 150 tekens.")
    elif AnnexService.objects.filter(version=version, service__iexact=service).exclude(pk=exclude).exists():
        errors["service"] = _("De dienst %(name)s staat al in de bijlage.") % {"name": service}
    provider = data.get("provider") or "gemeente"
    if provider not in PARTIES:
        errors["provider"] = _("Kies de gemeente of het OCMW.")
    share = _decimal(
        data.get("gemeente_share"),
        "gemeente_share",
        errors,
        low=Decimal(0),
        high=Decimal(100),
        message=_("Geef een percentage tussen 0 en 100, bijvoorbeeld 60 of 62,5."),
    )
    basis = (data.get("allocation_basis") or "").strip()
    if not basis:
        errors["allocation_basis"] = _("Geef de verdeelsleutel, bijvoorbeeld het aantal VTE.")
    elif len(basis) > 200:
        errors["allocation_basis"] = _("Hoogstens 200 tekens.")
    note = (data.get("note") or "").strip()
    if len(note) > 5000:
        errors["note"] = _("Hoogstens 5.000 tekens.")
    if errors:
        raise ValidationError(errors)
    return {
        "service": service,
        "provider": provider,
        "gemeente_share": share,
        "allocation_basis": basis,
        "note": note,
    }


@transaction.atomic
def annex_service_add(
    *,
    user,
    version: AgreementVersion,
    service: str,
    gemeente_share,
    allocation_basis: str,
    provider: str = "gemeente",
    note: str = "",
) -> AnnexService:
    version = lock_for_edit(user, version)
    values = _service_values(
        version, _service_data(service, provider, gemeente_share, allocation_basis, note)
    )
    return AnnexService.objects.create(
        version=version, position=_next_position(version.annex_services), **values
    )


@transaction.atomic
def annex_service_update(
    *,
    user,
    annex_service: AnnexService,
    expected_edit_version: int | None,
    service: str,
    gemeente_share,
    allocation_basis: str,
    provider: str = "gemeente",
    note: str = "",
) -> AnnexService:
    version = lock_for_edit(user, annex_service.version_id)
    locked = _lock_row(AnnexService, annex_service.pk, _("Deze dienst is intussen uit de bijlage gehaald."))
    wanted = _service_data(service, provider, gemeente_share, allocation_basis, note)
    _require_fresh(locked, expected_edit_version, wanted, SERVICE_LABELS)
    return _save_row(locked, _service_values(version, wanted, exclude=locked.pk))


@transaction.atomic
def annex_service_remove(*, user, annex_service: AnnexService) -> None:
    lock_for_edit(user, annex_service.version_id)
    AnnexService.objects.filter(pk=annex_service.pk).delete()


# --- Annex 2: the staff made available ------------------------------------------------------------


STAFF_LABELS = {
    "name": gettext_lazy("Naam"),
    "function": gettext_lazy("Functie"),
    "employer": gettext_lazy("Werkgever"),
    "service": gettext_lazy("Ingezet bij dienst"),
    "fte": gettext_lazy("VTE"),
    "since": gettext_lazy("Ter beschikking sinds"),
}
STAFF_GONE = gettext_lazy("Dit personeelslid is intussen uit de bijlage gehaald.")


def _staff_data(name, function, employer, service, fte, since) -> dict:
    return {
        "name": name,
        "function": function,
        "employer": employer,
        "service": service,
        "fte": fte,
        "since": since,
    }


def _staff_values(data: dict) -> dict:
    errors: dict[str, str] = {}
    values = {}
    for name, message in (
        ("name", _("Geef de naam.")),
        ("function", _("Geef de functie.")),
        ("service", _("Geef de dienst waar deze persoon werkt.")),
    ):
        text = (data.get(name) or "").strip()
        if not text:
            errors[name] = message
        elif len(text) > 150:
            errors[name] = _("Hoogstens 150 tekens.")
        values[name] = text
    employer = data.get("employer") or ""
    if employer not in PARTIES:
        errors["employer"] = _("Kies de gemeente of het OCMW als werkgever.")
    values["employer"] = employer
    values["fte"] = _decimal(
        data.get("fte"),
        "fte",
        errors,
        low=Decimal(0),
        high=Decimal(1),
        message=_("Geef een VTE tussen 0 en 1, bijvoorbeeld 0,8."),
    )
    since = data.get("since")
    if since is not None and (not isinstance(since, datetime.date) or not 1950 <= since.year <= 2100):
        errors["since"] = _("Geef een geldige datum, bijvoorbeeld 01/01/2027.")
    values["since"] = since
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def annex_staff_add(
    *,
    user,
    version: AgreementVersion,
    name: str,
    function: str,
    employer: str,
    service: str,
    fte,
    since: datetime.date | None = None,
) -> AnnexStaff:
    version = lock_for_edit(user, version)
    values = _staff_values(_staff_data(name, function, employer, service, fte, since))
    return AnnexStaff.objects.create(version=version, position=_next_position(version.annex_staff), **values)


@transaction.atomic
def annex_staff_update(
    *,
    user,
    annex_staff: AnnexStaff,
    expected_edit_version: int | None,
    name: str,
    function: str,
    employer: str,
    service: str,
    fte,
    since: datetime.date | None = None,
) -> AnnexStaff:
    lock_for_edit(user, annex_staff.version_id)
    locked = _lock_row(AnnexStaff, annex_staff.pk, str(STAFF_GONE))
    wanted = _staff_data(name, function, employer, service, fte, since)
    _require_fresh(locked, expected_edit_version, wanted, STAFF_LABELS)
    return _save_row(locked, _staff_values(wanted))


@transaction.atomic
def annex_staff_remove(*, user, annex_staff: AnnexStaff) -> None:
    lock_for_edit(user, annex_staff.version_id)
    AnnexStaff.objects.filter(pk=annex_staff.pk).delete()
