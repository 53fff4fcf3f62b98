"""Support services along the VVSG weighing framework (afwegingskader): one service at a time, its
products with their means and users, current and desired quality, hypotheses per product tested
against the legal, process and governance preconditions, a decision per product and a total scenario.

Writes first (each checks the consultant role and the draft state, validates, runs in a transaction),
then the read side that the pages use (a fixed number of queries whatever the number of rows), then
the Belgian number formats.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch, QuerySet
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programmes.formatting import format_euro

from ..models import (
    Hypothesis,
    OrganisationForm,
    Precondition,
    Scan,
    ServiceProduct,
    SupportService,
    WorkingMethods,
)
from .core import require_consultant, require_draft

FTE_MAX = Decimal("9999.99")  # max_digits=6, decimal_places=2
COSTS_MAX = Decimal("9999999999.99")  # max_digits=12, decimal_places=2
SERVICE_NAME_MAX = 100
PRODUCT_NAME_MAX = 150
PRODUCT_TEXT_MAX = 200

SCORE_FIELDS = (
    "current_quality_providers",
    "current_quality_users",
    "desired_quality_providers",
    "desired_quality_users",
)
PRODUCT_FIELDS = (
    "name",
    "users",
    "fte_gemeente",
    "fte_ocmw",
    "running_costs",
    "outsourced",
    *SCORE_FIELDS,
    "quality_note",
    "decision",
    "decision_note",
)
PRECONDITIONS = ("legal", "process", "governance")
HYPOTHESIS_FIELDS = (
    "form",
    "description",
    *(name for p in PRECONDITIONS for name in (p, f"{p}_reason")),
)
SERVICE_FIELDS = ("name", "working_methods", "working_methods_note")
SCENARIO_FIELDS = ("total_scenario", "total_scenario_note")

# The adjective for "de ... randvoorwaarde" in messages.
PRECONDITION_ADJECTIVES = {
    "legal": gettext_lazy("juridische"),
    "process": gettext_lazy("procesmatige"),
    "governance": gettext_lazy("bestuurlijke"),
}


class StaleServiceError(ValidationError):
    """Someone saved this service since the form was opened; nothing was saved."""

    def __init__(self, changes: list[tuple[str, str, str]]):
        self.changes = changes
        super().__init__(self.describe(), code="stale")

    def describe(self) -> str:
        return _(
            "Een collega heeft deze dienst intussen gewijzigd. Uw wijzigingen zijn niet opgeslagen; "
            "vergelijk ze hieronder en sla opnieuw op."
        )


class StaleProductError(StaleServiceError):
    """Someone saved this product since the form was opened; nothing was saved."""

    def describe(self) -> str:
        return _(
            "Een collega heeft dit product intussen gewijzigd. Uw wijzigingen zijn niet opgeslagen; "
            "vergelijk ze hieronder en sla opnieuw op."
        )


class StaleHypothesisError(StaleServiceError):
    """Someone saved this hypothesis since the form was opened; nothing was saved."""

    def describe(self) -> str:
        return _(
            "Een collega heeft deze hypothese intussen gewijzigd. Uw wijzigingen zijn niet opgeslagen; "
            "vergelijk ze hieronder en sla opnieuw op."
        )


# --- Validation helpers ---------------------------------------------------------------------------


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _required_text(errors: dict, name: str, value: Any, max_length: int, message: str) -> str:
    text = _text(value)
    if not text:
        errors[name] = message
    elif len(text) > max_length:
        errors[name] = _("Gebruik hoogstens %(max)s tekens (nu %(n)s).") % {"max": max_length, "n": len(text)}
    return text


def _optional_text(errors: dict, name: str, value: Any, max_length: int | None = None) -> str:
    text = _text(value)
    if max_length is not None and len(text) > max_length:
        errors[name] = _("Gebruik hoogstens %(max)s tekens (nu %(n)s).") % {"max": max_length, "n": len(text)}
    return text


def _decimal(errors: dict, name: str, value: Any, maximum: Decimal, *, money: bool) -> Decimal:
    if value is None or value == "":
        return Decimal("0")
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        number = None
    if number is None or not number.is_finite():
        errors[name] = (
            _("Geef een bedrag in euro, bijvoorbeeld 12.500 of 12.500,50.")
            if money
            else _("Geef een aantal voltijdse equivalenten, bijvoorbeeld 1,5.")
        )
        return Decimal("0")
    if number < 0:
        errors[name] = (
            _("Een bedrag kan niet negatief zijn. Geef 0 of meer.")
            if money
            else _("Een aantal VTE kan niet negatief zijn. Geef 0 of meer.")
        )
    elif number > maximum:
        errors[name] = _("Dat is meer dan %(max)s. Controleer het getal.") % {
            "max": format_number(maximum, places=2)
        }
    elif number != number.quantize(Decimal("0.01")):
        errors[name] = _("Geef hoogstens twee cijfers na de komma.")
    return number


def _score(errors: dict, name: str, value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        score = int(value)
    except (TypeError, ValueError):
        score = 0
    if isinstance(value, bool) or score < 1 or score > 5 or str(score) != str(value).strip():
        errors[name] = _("Een score ligt tussen 1 en 5.")
        return None
    return score


def _choice(errors: dict, name: str, value: Any, choices: Iterable[str], message: str, *, blank: bool) -> str:
    text = _text(value)
    if (not text and not blank) or (text and text not in set(choices)):
        errors[name] = message
    return text


def _lock_service(service: SupportService) -> SupportService:
    return (
        SupportService.objects.select_for_update()
        .select_related("scan__programme__local_government")
        .get(pk=service.pk)
    )


def _lock_product(product: ServiceProduct) -> ServiceProduct:
    return (
        ServiceProduct.objects.select_for_update()
        .select_related("service__scan__programme__local_government")
        .get(pk=product.pk)
    )


def _lock_hypothesis(hypothesis: Hypothesis) -> Hypothesis:
    return (
        Hypothesis.objects.select_for_update()
        .select_related("product__service__scan__programme__local_government")
        .get(pk=hypothesis.pk)
    )


def _may_change(user, scan: Scan) -> None:
    require_consultant(user, scan)
    require_draft(scan)


# --- Support services (step 1, step 8, the list) --------------------------------------------------


def _validate_service(scan: Scan, values: dict, *, exclude_pk: int | None = None) -> dict:
    errors: dict[str, str] = {}
    cleaned = {
        "name": _required_text(
            errors, "name", values.get("name"), SERVICE_NAME_MAX, _("Geef de naam van de dienst.")
        ),
        "working_methods": _choice(
            errors,
            "working_methods",
            values.get("working_methods", ""),
            WorkingMethods.values,
            _("Kies hoe de werkwijze van gemeente en OCMW zich verhoudt."),
            blank=True,
        ),
        "working_methods_note": _optional_text(
            errors, "working_methods_note", values.get("working_methods_note")
        ),
    }
    if "name" not in errors:
        others = SupportService.objects.filter(scan=scan, name__iexact=cleaned["name"])
        if exclude_pk is not None:
            others = others.exclude(pk=exclude_pk)
        if others.exists():
            errors["name"] = _(
                "Deze scan heeft al een dienst met de naam ‘%(name)s’. Kies een andere naam."
            ) % {"name": cleaned["name"]}
    if errors:
        raise ValidationError(errors)
    return cleaned


def _save_service(service: SupportService, *, user) -> None:
    try:
        with transaction.atomic():
            service.save()
    except IntegrityError as error:  # a colleague added the same name at the same moment
        raise ValidationError(
            {"name": _("Deze scan heeft al een dienst met deze naam. Kies een andere naam.")}
        ) from error


@transaction.atomic
def service_add(
    *, user, scan: Scan, name: str, working_methods: str = "", working_methods_note: str = ""
) -> SupportService:
    """Add a support service at the end of the scan's list."""
    scan = Scan.objects.select_for_update().select_related("programme__local_government").get(pk=scan.pk)
    _may_change(user, scan)
    cleaned = _validate_service(
        scan, {"name": name, "working_methods": working_methods, "working_methods_note": working_methods_note}
    )
    last = SupportService.objects.filter(scan=scan).aggregate(last=Max("position"))["last"] or 0
    service = SupportService(scan=scan, position=last + 1, **cleaned)
    _save_service(service, user=user)
    return service


def _same_value(theirs: Any, yours: Any) -> bool:
    if isinstance(theirs, bool):
        return theirs == bool(yours)
    if theirs in (None, "") or yours in (None, ""):
        return theirs in (None, "") and _text(yours) == ""
    if isinstance(theirs, Decimal):
        try:
            return theirs == Decimal(_text(yours))
        except (InvalidOperation, ValueError):
            return False
    return str(theirs) == _text(yours)


def _shown_value(model_field, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if model_field.choices:
        return str(dict(model_field.choices).get(value, value))
    if isinstance(value, Decimal):
        return format_number(value, places=2 if model_field.name == "running_costs" else None)
    return _text(value) or "—"


def stale_changes(locked: Any, values: dict, names: Iterable[str]) -> list[tuple[str, str, str]]:
    """(label, value now stored, value typed) for each field whose typed value differs from the row."""
    changes = []
    for name in names:
        model_field = type(locked)._meta.get_field(name)
        theirs = getattr(locked, name)
        yours = values.get(name, theirs)
        if not _same_value(theirs, yours):
            if isinstance(yours, str):
                yours = yours.strip()
            changes.append(
                (
                    capfirst(str(model_field.verbose_name)),
                    _shown_value(model_field, theirs),
                    _shown_value(model_field, yours),
                )
            )
    return changes


@transaction.atomic
def service_update(
    *,
    user,
    service: SupportService,
    name: str,
    working_methods: str = "",
    working_methods_note: str = "",
    expected_version: int | None = None,
) -> SupportService:
    """Rename a service and record how the working methods of gemeente and OCMW compare (step 1)."""
    locked = _lock_service(service)
    _may_change(user, locked.scan)
    values = {"name": name, "working_methods": working_methods, "working_methods_note": working_methods_note}
    if expected_version is not None and expected_version != locked.version:
        raise StaleServiceError(stale_changes(locked, values, SERVICE_FIELDS))
    cleaned = _validate_service(locked.scan, values, exclude_pk=locked.pk)
    for key, value in cleaned.items():
        setattr(locked, key, value)
    locked.version += 1
    _save_service(locked, user=user)
    return locked


@transaction.atomic
def service_set_scenario(
    *,
    user,
    service: SupportService,
    total_scenario: str,
    total_scenario_note: str = "",
    expected_version: int | None = None,
) -> SupportService:
    """Record the total scenario of a service (step 8); an empty choice means "still to decide"."""
    locked = _lock_service(service)
    _may_change(user, locked.scan)
    values = {"total_scenario": total_scenario, "total_scenario_note": total_scenario_note}
    if expected_version is not None and expected_version != locked.version:
        raise StaleServiceError(stale_changes(locked, values, SCENARIO_FIELDS))
    errors: dict[str, str] = {}
    locked.total_scenario = _choice(
        errors,
        "total_scenario",
        total_scenario,
        OrganisationForm.values,
        _("Kies een organisatievorm uit de lijst."),
        blank=True,
    )
    locked.total_scenario_note = _optional_text(errors, "total_scenario_note", total_scenario_note)
    if errors:
        raise ValidationError(errors)
    locked.version += 1
    locked.save()
    return locked


@transaction.atomic
def service_move(*, user, service: SupportService, direction: str) -> bool:
    """Move a service one place up or down in the list; False when it is already at that end."""
    locked = _lock_service(service)
    _may_change(user, locked.scan)
    if direction not in ("up", "down"):
        raise ValidationError({"direction": _("Kies omhoog of omlaag.")})
    siblings = list(
        SupportService.objects.select_for_update().filter(scan_id=locked.scan_id).order_by("position", "name")
    )
    index = next(n for n, s in enumerate(siblings) if s.pk == locked.pk)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(siblings):
        return False
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        sibling.position = position
    SupportService.objects.bulk_update(siblings, ["position"])
    return True


@transaction.atomic
def service_delete(*, user, service: SupportService) -> dict[str, int]:
    """Remove a service with its products and hypotheses; returns what was removed."""
    locked = _lock_service(service)
    _may_change(user, locked.scan)
    removed = {
        "products": ServiceProduct.objects.filter(service=locked).count(),
        "hypotheses": Hypothesis.objects.filter(product__service=locked).count(),
    }
    locked.delete()
    return removed


# --- Products (steps 2, 3, 4 and 7) ---------------------------------------------------------------


def _validate_product(values: dict, *, product: ServiceProduct | None) -> dict:
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {
        "name": _required_text(
            errors,
            "name",
            values.get("name"),
            PRODUCT_NAME_MAX,
            _("Geef de naam van het product of de dienst."),
        ),
        "users": _optional_text(errors, "users", values.get("users"), PRODUCT_TEXT_MAX),
        "outsourced": _optional_text(errors, "outsourced", values.get("outsourced"), PRODUCT_TEXT_MAX),
        "fte_gemeente": _decimal(errors, "fte_gemeente", values.get("fte_gemeente"), FTE_MAX, money=False),
        "fte_ocmw": _decimal(errors, "fte_ocmw", values.get("fte_ocmw"), FTE_MAX, money=False),
        "running_costs": _decimal(
            errors, "running_costs", values.get("running_costs"), COSTS_MAX, money=True
        ),
        "quality_note": _optional_text(errors, "quality_note", values.get("quality_note")),
        "decision_note": _optional_text(errors, "decision_note", values.get("decision_note")),
    }
    for name in SCORE_FIELDS:
        cleaned[name] = _score(errors, name, values.get(name))
    decision = _choice(
        errors,
        "decision",
        values.get("decision", ""),
        OrganisationForm.values,
        _("Kies een organisatievorm uit de lijst."),
        blank=True,
    )
    if decision and "decision" not in errors and product is not None:
        allowed = decision_choices(product)
        if decision not in allowed:
            errors["decision"] = _(
                "Kies als beslissing een van de organisatievormen uit de hypothesen van dit product."
            )
    cleaned["decision"] = decision
    if errors:
        raise ValidationError(errors)
    return cleaned


def decision_choices(product: ServiceProduct) -> list[str]:
    """The forms a decision may take: those of the product's hypotheses (plus the current decision), or
    any form while the product has no hypotheses yet."""
    forms = [h.form for h in product.hypotheses.all()]
    if not forms:
        return list(OrganisationForm.values)
    if product.decision and product.decision not in forms:
        forms.append(product.decision)
    return [value for value in OrganisationForm.values if value in forms]


@transaction.atomic
def product_add(*, user, service: SupportService, **values: Any) -> ServiceProduct:
    """Add a product or service that the support service delivers, with its means and users (step 2)."""
    locked = _lock_service(service)
    _may_change(user, locked.scan)
    unknown = set(values) - set(PRODUCT_FIELDS)
    if unknown:
        raise ValueError(f"unknown product fields: {sorted(unknown)}")
    cleaned = _validate_product(values, product=None)
    last = ServiceProduct.objects.filter(service=locked).aggregate(last=Max("position"))["last"] or 0
    return ServiceProduct.objects.create(service=locked, position=last + 1, **cleaned)


@transaction.atomic
def product_update(
    *, user, product: ServiceProduct, expected_version: int | None = None, **values: Any
) -> ServiceProduct:
    """Change a product: means, users, the four quality scores, the decision (steps 2, 3, 4 and 7).
    Fields left out keep their value. With expected_version (the version the form was opened on), a
    product saved since is refused with StaleProductError and nothing is saved."""
    locked = _lock_product(product)
    _may_change(user, locked.service.scan)
    unknown = set(values) - set(PRODUCT_FIELDS)
    if unknown:
        raise ValueError(f"unknown product fields: {sorted(unknown)}")
    if expected_version is not None and expected_version != locked.version:
        raise StaleProductError(stale_changes(locked, values, PRODUCT_FIELDS))
    merged = {name: values.get(name, getattr(locked, name)) for name in PRODUCT_FIELDS}
    cleaned = _validate_product(merged, product=locked)
    for key, value in cleaned.items():
        setattr(locked, key, value)
    locked.version += 1
    locked.save()
    return locked


@transaction.atomic
def product_delete(*, user, product: ServiceProduct) -> int:
    """Remove a product with its hypotheses; returns the number of hypotheses removed."""
    locked = _lock_product(product)
    _may_change(user, locked.service.scan)
    count = Hypothesis.objects.filter(product=locked).count()
    locked.delete()
    return count


# --- Hypotheses (steps 5 and 6) -------------------------------------------------------------------


def _validate_hypothesis(values: dict, *, product: ServiceProduct, exclude_pk: int | None) -> dict:
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {
        "form": _choice(
            errors,
            "form",
            values.get("form"),
            OrganisationForm.values,
            _("Kies een organisatievorm uit de lijst."),
            blank=False,
        ),
        "description": _optional_text(errors, "description", values.get("description")),
    }
    if "form" not in errors:
        twins = Hypothesis.objects.filter(product=product, form=cleaned["form"])
        if exclude_pk is not None:
            twins = twins.exclude(pk=exclude_pk)
        if twins.exists():
            errors["form"] = _duplicate_message(cleaned["form"])
    for name in PRECONDITIONS:
        status = _choice(
            errors,
            name,
            values.get(name) or Precondition.TO_CHECK,
            Precondition.values,
            _("Kies voldaan, niet voldaan of na te gaan."),
            blank=False,
        )
        reason = _optional_text(errors, f"{name}_reason", values.get(f"{name}_reason"))
        if status == Precondition.NOT_MET and not reason:
            errors[f"{name}_reason"] = _(
                "Geef de reden waarom de %(which)s randvoorwaarde niet voldaan is."
            ) % {"which": PRECONDITION_ADJECTIVES[name]}
        cleaned[name] = status
        cleaned[f"{name}_reason"] = reason
    if errors:
        raise ValidationError(errors)
    return cleaned


def _duplicate_message(form: str) -> str:
    return _(
        "Dit product heeft al een hypothese met de organisatievorm ‘%(form)s’. Pas die hypothese aan of "
        "kies een andere vorm."
    ) % {"form": OrganisationForm(form).label}


def _save_hypothesis(hypothesis: Hypothesis) -> None:
    try:
        with transaction.atomic():
            hypothesis.save()
    except IntegrityError as error:  # the unique constraint, when a colleague was faster
        raise ValidationError({"form": _duplicate_message(hypothesis.form)}) from error


@transaction.atomic
def hypothesis_add(*, user, product: ServiceProduct, **values: Any) -> Hypothesis:
    """Add a hypothesis (a form of organisation) for a product, with its test against the three
    preconditions (steps 5 and 6). A form appears once per product."""
    locked = _lock_product(product)
    _may_change(user, locked.service.scan)
    unknown = set(values) - set(HYPOTHESIS_FIELDS)
    if unknown:
        raise ValueError(f"unknown hypothesis fields: {sorted(unknown)}")
    cleaned = _validate_hypothesis(values, product=locked, exclude_pk=None)
    hypothesis = Hypothesis(product=locked, **cleaned)
    _save_hypothesis(hypothesis)
    return hypothesis


def _decision_rests_on(hypothesis: Hypothesis) -> bool:
    product = hypothesis.product
    return bool(product.decision) and product.decision == hypothesis.form


@transaction.atomic
def hypothesis_update(
    *, user, hypothesis: Hypothesis, expected_version: int | None = None, **values: Any
) -> Hypothesis:
    """Change a hypothesis and its test against the preconditions. Fields left out keep their value.
    With expected_version (the version the form was opened on), a hypothesis saved since is refused
    with StaleHypothesisError and nothing is saved."""
    locked = _lock_hypothesis(hypothesis)
    _may_change(user, locked.product.service.scan)
    unknown = set(values) - set(HYPOTHESIS_FIELDS)
    if unknown:
        raise ValueError(f"unknown hypothesis fields: {sorted(unknown)}")
    if expected_version is not None and expected_version != locked.version:
        raise StaleHypothesisError(stale_changes(locked, values, HYPOTHESIS_FIELDS))
    merged = {name: values.get(name, getattr(locked, name)) for name in HYPOTHESIS_FIELDS}
    cleaned = _validate_hypothesis(merged, product=locked.product, exclude_pk=locked.pk)
    if cleaned["form"] != locked.form and _decision_rests_on(locked):
        raise ValidationError(
            {
                "form": _(
                    "De beslissing voor dit product is ‘%(form)s’. Wijzig eerst die beslissing voor u deze "
                    "hypothese een andere organisatievorm geeft."
                )
                % {"form": locked.get_form_display()}
            }
        )
    for key, value in cleaned.items():
        setattr(locked, key, value)
    locked.version += 1
    _save_hypothesis(locked)
    return locked


@transaction.atomic
def hypothesis_delete(*, user, hypothesis: Hypothesis) -> None:
    """Remove a hypothesis, unless the product's decision rests on it."""
    locked = _lock_hypothesis(hypothesis)
    _may_change(user, locked.product.service.scan)
    if _decision_rests_on(locked):
        raise ValidationError(
            _(
                "De beslissing voor ‘%(product)s’ is ‘%(form)s’. Wijzig eerst die beslissing voor u deze "
                "hypothese verwijdert."
            )
            % {"product": locked.product.name, "form": locked.get_form_display()}
        )
    locked.delete()


# --- Read side: what the pages show ---------------------------------------------------------------

STEPS: list[tuple[int, Promise, Promise]] = [
    (
        1,
        gettext_lazy("De dienst"),
        gettext_lazy(
            "Welke ondersteunende dienst bekijken we, en werken gemeente en OCMW er vandaag op "
            "dezelfde manier?"
        ),
    ),
    (
        2,
        gettext_lazy("Producten, middelen en gebruikers"),
        gettext_lazy("Wat levert de dienst, met hoeveel mensen en middelen, en voor wie?"),
    ),
    (
        3,
        gettext_lazy("Huidige kwaliteit"),
        gettext_lazy("Hoe goed is elk product vandaag, volgens wie het levert en volgens wie het gebruikt?"),
    ),
    (
        4,
        gettext_lazy("Gewenste kwaliteit"),
        gettext_lazy("Welke kwaliteit verwachten beide groepen? Het verschil met vandaag is de kloof."),
    ),
    (
        5,
        gettext_lazy("Hypothesen"),
        gettext_lazy(
            "Welke organisatievormen zijn denkbaar per product, van eigen werking tot uitbesteding?"
        ),
    ),
    (
        6,
        gettext_lazy("Toetsing aan de randvoorwaarden"),
        gettext_lazy("Houdt elke hypothese stand, juridisch, procesmatig en bestuurlijk? En waarom (niet)?"),
    ),
    (
        7,
        gettext_lazy("Beslissing per product"),
        gettext_lazy("Welke organisatievorm kiezen we per product, en op grond waarvan?"),
    ),
    (
        8,
        gettext_lazy("Totaalscenario"),
        gettext_lazy("Wat wordt de organisatievorm van de dienst als geheel?"),
    ),
]


@dataclass
class StepState:
    number: int
    title: str
    explanation: str
    done: bool
    anchor: str = ""


@dataclass
class ServiceSummary:
    """A service with its products and hypotheses (prefetched) and what the pages compute from them."""

    service: SupportService
    products: list[ServiceProduct]
    fte_gemeente: Decimal = Decimal("0")
    fte_ocmw: Decimal = Decimal("0")
    running_costs: Decimal = Decimal("0")
    quality_gap: Decimal | None = None
    steps: list[StepState] = field(default_factory=list)

    @property
    def n_products(self) -> int:
        return len(self.products)

    @property
    def n_hypotheses(self) -> int:
        return sum(len(p.hypothesis_list) for p in self.products)

    @property
    def steps_done(self) -> int:
        return sum(1 for step in self.steps if step.done)

    @property
    def fte_gemeente_label(self) -> str:
        return format_fte(self.fte_gemeente)

    @property
    def fte_ocmw_label(self) -> str:
        return format_fte(self.fte_ocmw)

    @property
    def running_costs_label(self) -> str:
        return format_euro(self.running_costs)

    @property
    def quality_gap_label(self) -> str:
        return format_gap(self.quality_gap)


def _gaps(product: ServiceProduct) -> list[int]:
    pairs = (
        (product.current_quality_providers, product.desired_quality_providers),
        (product.current_quality_users, product.desired_quality_users),
    )
    return [desired - current for current, desired in pairs if current is not None and desired is not None]


def _average(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / Decimal(len(values))).quantize(Decimal("0.1"))


def _decorate(product: ServiceProduct) -> ServiceProduct:
    """Labels the templates show, computed once from the prefetched rows."""
    product.hypothesis_list = list(product.hypotheses.all())
    product.fte_gemeente_label = format_fte(product.fte_gemeente)
    product.fte_ocmw_label = format_fte(product.fte_ocmw)
    product.running_costs_label = format_euro(product.running_costs)
    gap_providers = (
        product.desired_quality_providers - product.current_quality_providers
        if product.current_quality_providers is not None and product.desired_quality_providers is not None
        else None
    )
    gap_users = (
        product.desired_quality_users - product.current_quality_users
        if product.current_quality_users is not None and product.desired_quality_users is not None
        else None
    )
    product.gap_providers_label = format_gap(gap_providers)
    product.gap_users_label = format_gap(gap_users)
    return product


def _has_means(product: ServiceProduct) -> bool:
    return bool(product.fte_gemeente or product.fte_ocmw or product.running_costs or product.outsourced)


def service_steps(service: SupportService, products: list[ServiceProduct]) -> list[StepState]:
    """Which of the eight steps are complete, from the rows already loaded."""
    hypotheses = [h for p in products for h in p.hypothesis_list]
    any_products = bool(products)
    done = {
        1: bool(service.working_methods),
        2: any_products and all(p.users and _has_means(p) for p in products),
        3: any_products
        and all(
            p.current_quality_providers is not None and p.current_quality_users is not None for p in products
        ),
        4: any_products
        and all(
            p.desired_quality_providers is not None and p.desired_quality_users is not None for p in products
        ),
        5: any_products and all(p.hypothesis_list for p in products),
        6: bool(hypotheses)
        and all(p.hypothesis_list for p in products)
        and all(getattr(h, name) != Precondition.TO_CHECK for h in hypotheses for name in PRECONDITIONS),
        7: any_products and all(p.decision for p in products),
        8: bool(service.total_scenario),
    }
    return [
        StepState(number=n, title=str(title), explanation=str(text), done=done[n], anchor=f"stap-{n}")
        for n, title, text in STEPS
    ]


def summarise(service: SupportService) -> ServiceSummary:
    """Totals, quality gap and step progress of a service whose products and hypotheses are prefetched."""
    products = [_decorate(p) for p in service.products.all()]
    gaps = [gap for p in products for gap in _gaps(p)]
    return ServiceSummary(
        service=service,
        products=products,
        fte_gemeente=sum((p.fte_gemeente for p in products), Decimal("0")),
        fte_ocmw=sum((p.fte_ocmw for p in products), Decimal("0")),
        running_costs=sum((p.running_costs for p in products), Decimal("0")),
        quality_gap=_average(gaps),
        steps=service_steps(service, products),
    )


def services_with_rows(queryset: QuerySet[SupportService]) -> QuerySet[SupportService]:
    """Services with their products and the products' hypotheses: three queries for any number."""
    return queryset.prefetch_related(
        Prefetch(
            "products",
            queryset=ServiceProduct.objects.order_by("position", "pk").prefetch_related(
                Prefetch("hypotheses", queryset=Hypothesis.objects.order_by("pk"))
            ),
        )
    )


def service_queryset(user) -> QuerySet[SupportService]:
    """The services the user may see, ready for the service page."""
    return services_with_rows(
        SupportService.objects.visible_to(user).select_related("scan__programme__local_government")
    )


@dataclass
class OverviewTotals:
    n_services: int
    n_products: int
    fte_gemeente_label: str
    fte_ocmw_label: str
    running_costs_label: str
    quality_gap_label: str
    n_scenarios: int
    n_complete: int


def scan_overview(scan: Scan) -> tuple[list[ServiceSummary], OverviewTotals]:
    """Every service of the scan with its summary, and the totals row."""
    services = services_with_rows(SupportService.objects.filter(scan=scan).order_by("position", "name"))
    rows = [summarise(service) for service in services]
    gaps = [gap for row in rows for p in row.products for gap in _gaps(p)]
    totals = OverviewTotals(
        n_services=len(rows),
        n_products=sum(row.n_products for row in rows),
        fte_gemeente_label=format_fte(sum((row.fte_gemeente for row in rows), Decimal("0"))),
        fte_ocmw_label=format_fte(sum((row.fte_ocmw for row in rows), Decimal("0"))),
        running_costs_label=format_euro(sum((row.running_costs for row in rows), Decimal("0"))),
        quality_gap_label=format_gap(_average(gaps)),
        n_scenarios=sum(1 for row in rows if row.service.total_scenario),
        n_complete=sum(1 for row in rows if row.steps_done == len(STEPS)),
    )
    return rows, totals


# --- Belgian number formats (the active locale's separators: 1,5 and 12.500,00) -----------------


def format_number(value: Decimal | int | float, *, places: int | None = None) -> str:
    """A number with the locale's decimal comma and thousands dot; places=None drops trailing zeros."""
    number = Decimal(str(value))
    if places is None:
        normalised = number.normalize()
        exponent = normalised.as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
    return number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


def format_fte(value: Decimal | int | float) -> str:
    return format_number(value)


def format_gap(value: Decimal | int | None) -> str:
    if value is None:
        return "—"
    text = format_number(value, places=1)
    return f"+{text}" if value > 0 else text
