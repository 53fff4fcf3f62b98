"""The target picture (streefbeeld), the opportunities against the costs of cooperation, and the financial
angle: the services behind programmes/plan/views_target.py.

Every change takes the acting user, locks the version row, checks the role (consultants of that local
government) and that the version is a draft, validates with Dutch messages per field, all in one
transaction. The version's own fields are optimistically locked on PlanVersion.edit_version.

The evidence beside the target picture is a read-only look at step 1's results (scans.results), imported
inside the function: programmes does not depend on scans at import time.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ..formatting import format_euro
from ..models import (
    Angle,
    BalanceFactor,
    BalanceItem,
    FinancialKind,
    FinancialLine,
    IntendedResult,
    PlanVersion,
    Scenario,
)
from ..models.plan import OPPORTUNITIES
from .stale import require_fresh
from .workflow import require_consultant, require_editable

TARGET_FIELDS = ("ambition", "involved", "horizon", "patrimony")
MAX_AMOUNT = Decimal("9999999999.99")


class StaleTargetError(ValidationError):
    """Someone saved the target picture since the form was opened; nothing was saved."""

    def __init__(self, changes: list[tuple[str, str, str]]):
        self.changes = changes
        super().__init__(
            _(
                "Een collega heeft het streefbeeld intussen gewijzigd. Uw wijzigingen zijn niet opgeslagen; "
                "vergelijk ze hieronder en sla opnieuw op."
            ),
            code="stale",
        )


def _lock(version: PlanVersion, user, *, content: bool = True) -> PlanVersion:
    locked = (
        PlanVersion.objects.select_for_update()
        .select_related("plan__programme__local_government")
        .get(pk=version.pk)
    )
    require_consultant(user, locked.plan)
    if content:
        require_editable(locked)
    return locked


def _shown(name: str, value) -> str:
    if name == "patrimony":
        return _("aan") if value else _("uit")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip() if value not in (None, "") else "—"


# --- The version's own fields ---------------------------------------------------------------------


@transaction.atomic
def target_update(
    *,
    user,
    version: PlanVersion,
    expected_edit_version: int | None,
    ambition: str,
    involved: str,
    horizon: datetime.date | None,
    patrimony: bool,
) -> PlanVersion:
    """Write the shared ambition, who is involved, the time horizon and whether patrimony counts."""
    locked = _lock(version, user)
    values = {"ambition": ambition, "involved": involved, "horizon": horizon, "patrimony": bool(patrimony)}
    if expected_edit_version is None or expected_edit_version != locked.edit_version:
        changes = []
        for name in TARGET_FIELDS:
            theirs, yours = _shown(name, getattr(locked, name)), _shown(name, values[name])
            if theirs != yours:
                label = capfirst(str(PlanVersion._meta.get_field(name).verbose_name))
                changes.append((label, theirs, yours))
        raise StaleTargetError(changes)
    errors = {}
    if len(ambition) > 20000:
        errors["ambition"] = _("De ambitie is te lang: hoogstens 20.000 tekens.")
    if len(involved) > 20000:
        errors["involved"] = _("Deze tekst is te lang: hoogstens 20.000 tekens.")
    if horizon is not None and not (datetime.date(2000, 1, 1) <= horizon <= datetime.date(2100, 12, 31)):
        errors["horizon"] = _("Kies een datum tussen 2000 en 2100.")
    if not patrimony and locked.patrimony and locked.results.filter(angle=Angle.PATRIMONY).exists():
        errors["patrimony"] = _("Verwijder eerst de beoogde resultaten van de invalshoek patrimonium.")
    if errors:
        raise ValidationError(errors)
    locked.ambition = ambition.strip()
    locked.involved = involved.strip()
    locked.horizon = horizon
    locked.patrimony = bool(patrimony)
    locked.edit_version += 1
    locked.save(update_fields=[*TARGET_FIELDS, "edit_version"])
    return locked


# --- Intended results -----------------------------------------------------------------------------


def _validate_result(version: PlanVersion, angle: str, text: str) -> str:
    errors = {}
    if angle not in Angle.values:
        errors["angle"] = _("Kies een invalshoek uit de lijst.")
    elif angle == Angle.PATRIMONY and not version.patrimony:
        errors["angle"] = _(
            "De invalshoek patrimonium staat uit voor dit plan. Zet hem eerst aan bij het streefbeeld."
        )
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Beschrijf het beoogde resultaat.")
    elif len(text) > 5000:
        errors["text"] = _("Dit resultaat is te lang: hoogstens 5.000 tekens.")
    if errors:
        raise ValidationError(errors)
    return text


@transaction.atomic
def result_add(*, user, version: PlanVersion, angle: str, text: str) -> IntendedResult:
    locked = _lock(version, user)
    text = _validate_result(locked, angle, text)
    last = locked.results.order_by("-position").values_list("position", flat=True).first()
    return IntendedResult.objects.create(version=locked, angle=angle, text=text, position=(last or 0) + 1)


@transaction.atomic
def result_update(
    *, user, result: IntendedResult, expected_version: int | None, angle: str, text: str
) -> IntendedResult:
    """expected_version: the result's edit_version when the form was opened (StaleRowError if newer)."""
    locked = _lock(result.version, user)
    result = IntendedResult.objects.select_for_update().get(pk=result.pk)
    require_fresh(result, expected_version, {"angle": angle, "text": text}, _("dit beoogde resultaat"))
    result.text = _validate_result(locked, angle, text)
    result.angle = angle
    result.edit_version += 1
    result.save(update_fields=["angle", "text", "edit_version"])
    return result


@transaction.atomic
def result_delete(*, user, result: IntendedResult) -> None:
    _lock(result.version, user)
    IntendedResult.objects.filter(pk=result.pk).delete()


# --- Financial lines ------------------------------------------------------------------------------


def _validate_financial(year, kind: str, description: str, amount) -> dict:
    errors = {}
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = None
    if year is None or not 2019 <= year <= 2100:
        errors["year"] = _("Geef een jaar tussen 2019 en 2100.")
    if kind not in FinancialKind.values:
        errors["kind"] = _("Kies efficiëntiewinst of investering.")
    description = (description or "").strip()
    if not description:
        errors["description"] = _("Omschrijf de winst of de investering.")
    elif len(description) > 200:
        errors["description"] = _("Hoogstens 200 tekens.")
    try:
        amount = Decimal(amount) if amount is not None else None
    except (InvalidOperation, TypeError, ValueError):
        amount = None
        errors["amount"] = _("Geef een bedrag in euro, bijvoorbeeld 12.500,50.")
    if "amount" not in errors:
        if amount is None:
            errors["amount"] = _("Geef een bedrag in euro, bijvoorbeeld 12.500,50.")
        elif not amount.is_finite() or amount < 0:
            errors["amount"] = _("Een bedrag kan niet negatief zijn. Geef 0 of meer.")
        elif amount > MAX_AMOUNT:
            errors["amount"] = _("Dat bedrag is te groot. Controleer het.")
        elif amount != amount.quantize(Decimal("0.01")):
            errors["amount"] = _("Geef hoogstens twee cijfers na de komma.")
    if errors:
        raise ValidationError(errors)
    return {"year": year, "kind": kind, "description": description, "amount": amount}


@transaction.atomic
def financial_add(
    *, user, version: PlanVersion, year: int, kind: str, description: str, amount: Decimal
) -> FinancialLine:
    locked = _lock(version, user)
    return FinancialLine.objects.create(
        version=locked, **_validate_financial(year, kind, description, amount)
    )


@transaction.atomic
def financial_update(
    *,
    user,
    line: FinancialLine,
    expected_version: int | None,
    year: int,
    kind: str,
    description: str,
    amount: Decimal,
) -> FinancialLine:
    """expected_version: the line's edit_version when the form was opened (StaleRowError if newer)."""
    _lock(line.version, user)
    line = FinancialLine.objects.select_for_update().get(pk=line.pk)
    typed = {"year": year, "kind": kind, "description": description, "amount": amount}
    require_fresh(line, expected_version, typed, _("dit bedrag"))
    for key, value in _validate_financial(year, kind, description, amount).items():
        setattr(line, key, value)
    line.edit_version += 1
    line.save()
    return line


@transaction.atomic
def financial_delete(*, user, line: FinancialLine) -> None:
    _lock(line.version, user)
    FinancialLine.objects.filter(pk=line.pk).delete()


@dataclass
class YearTotals:
    year: int
    gains: Decimal = Decimal("0")
    investments: Decimal = Decimal("0")
    lines: list[FinancialLine] = field(default_factory=list)

    @property
    def balance(self) -> Decimal:
        return self.gains - self.investments

    @property
    def gains_label(self) -> str:
        return format_euro(self.gains)

    @property
    def investments_label(self) -> str:
        return format_euro(self.investments)

    @property
    def balance_label(self) -> str:
        """Signed: a net gain with +, a net cost with − (in words on the page too)."""
        if self.balance < 0:
            return "− " + format_euro(-self.balance)
        return ("+ " if self.balance > 0 else "") + format_euro(self.balance)


def financial_overview(version: PlanVersion) -> tuple[list[YearTotals], YearTotals]:
    """The lines per year with the totals per year (summed in the database) and a grand total."""
    years: dict[int, YearTotals] = {}
    sums = (
        FinancialLine.objects.filter(version=version)
        .values("year", "kind")
        .annotate(total=Sum("amount"))
        .order_by("year", "kind")
    )
    for row in sums:
        entry = years.setdefault(row["year"], YearTotals(year=row["year"]))
        if row["kind"] == FinancialKind.EFFICIENCY_GAIN:
            entry.gains = row["total"] or Decimal("0")
        else:
            entry.investments = row["total"] or Decimal("0")
    for line in FinancialLine.objects.filter(version=version).order_by("year", "kind", "pk"):
        line.amount_label = format_euro(line.amount)
        years.setdefault(line.year, YearTotals(year=line.year)).lines.append(line)
    rows = [years[y] for y in sorted(years)]
    grand = YearTotals(
        year=0,
        gains=sum((r.gains for r in rows), Decimal("0")),
        investments=sum((r.investments for r in rows), Decimal("0")),
    )
    return rows, grand


# --- Opportunities against costs ------------------------------------------------------------------


def _validate_balance(version: PlanVersion, domain: str, factor: str, weight, note: str, exclude_pk=None):
    errors = {}
    domain = " ".join((domain or "").split())
    if not domain:
        errors["domain"] = _("Geef de dienst of het domein.")
    elif len(domain) > 100:
        errors["domain"] = _("Hoogstens 100 tekens.")
    if factor not in BalanceFactor.values:
        errors["factor"] = _("Kies een kans of een kost uit de lijst.")
    try:
        weight = int(weight)
    except (TypeError, ValueError):
        weight = None
    if weight is None or not 1 <= weight <= 5:
        errors["weight"] = _("Een gewicht ligt tussen 1 en 5.")
    note = (note or "").strip()
    if len(note) > 5000:
        errors["note"] = _("De toelichting is te lang: hoogstens 5.000 tekens.")
    if not errors:
        duplicate = BalanceItem.objects.filter(version=version, domain__iexact=domain, factor=factor)
        if exclude_pk:
            duplicate = duplicate.exclude(pk=exclude_pk)
        if duplicate.exists():
            errors["factor"] = _(
                "‘%(factor)s’ staat al bij %(domain)s. "
                "Pas dat gewicht aan in plaats van het opnieuw toe te voegen."
            ) % {"factor": BalanceFactor(factor).label, "domain": domain}
    if errors:
        raise ValidationError(errors)
    return {"domain": domain, "factor": factor, "weight": weight, "note": note}


def _duplicate_error(domain: str, factor: str) -> ValidationError:
    return ValidationError(
        {
            "factor": _("‘%(factor)s’ staat al bij %(domain)s.")
            % {"factor": BalanceFactor(factor).label, "domain": domain}
        }
    )


@transaction.atomic
def balance_add(
    *, user, version: PlanVersion, domain: str, factor: str, weight: int, note: str = ""
) -> BalanceItem:
    locked = _lock(version, user)
    values = _validate_balance(locked, domain, factor, weight, note)
    try:
        with transaction.atomic():
            return BalanceItem.objects.create(version=locked, **values)
    except IntegrityError:
        raise _duplicate_error(values["domain"], factor) from None


@transaction.atomic
def balance_update(
    *,
    user,
    item: BalanceItem,
    expected_version: int | None,
    domain: str,
    factor: str,
    weight: int,
    note: str = "",
) -> BalanceItem:
    """expected_version: the item's edit_version when the form was opened (StaleRowError if newer)."""
    locked = _lock(item.version, user)
    item = BalanceItem.objects.select_for_update().get(pk=item.pk)
    typed = {"domain": domain, "factor": factor, "weight": weight, "note": note}
    require_fresh(item, expected_version, typed, _("deze kans of kost"))
    values = _validate_balance(locked, domain, factor, weight, note, exclude_pk=item.pk)
    for key, value in values.items():
        setattr(item, key, value)
    item.edit_version += 1
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        raise _duplicate_error(values["domain"], factor) from None
    return item


@transaction.atomic
def balance_delete(*, user, item: BalanceItem) -> None:
    _lock(item.version, user)
    BalanceItem.objects.filter(pk=item.pk).delete()


@dataclass
class BalanceRow:
    domain: str
    opportunities: list[BalanceItem] = field(default_factory=list)
    costs: list[BalanceItem] = field(default_factory=list)

    @property
    def opportunity_weight(self) -> int:
        return sum(i.weight for i in self.opportunities)

    @property
    def cost_weight(self) -> int:
        return sum(i.weight for i in self.costs)

    @property
    def net(self) -> int:
        return self.opportunity_weight - self.cost_weight


def balance_rows(version: PlanVersion) -> list[BalanceRow]:
    """Per service or domain: its opportunities and costs (one query)."""
    rows: dict[str, BalanceRow] = {}
    for item in BalanceItem.objects.filter(version=version).order_by("domain", "factor", "pk"):
        row = rows.setdefault(item.domain.casefold(), BalanceRow(domain=item.domain))
        (row.opportunities if item.factor in OPPORTUNITIES else row.costs).append(item)
    return list(rows.values())


# --- The evidence from step 1 ---------------------------------------------------------------------


@dataclass
class Evidence:
    has_scan: bool
    key_findings: list = field(default_factory=list)
    scenario_label: str = ""
    scenario_reason: str = ""
    scan_final: bool = False


def scan_evidence(programme) -> Evidence:
    """The scan's key findings and confirmed scenario, read-only (step 1's results, as the issue asks).

    Two queries (the scan, its key findings with their witness): only what the panel shows, not the whole
    of scans.results.scan_results (some twenty queries of scores and survey figures)."""
    try:
        scan = getattr(programme, "scan", None)
    except ObjectDoesNotExist:
        scan = None
    if scan is None:
        return Evidence(has_scan=False, scenario_label=programme.get_scenario_display())
    # read-only look at step 1: no module-level dependency of programmes on scans
    from scans.models import Finding, Theme
    from scans.results import FindingResult

    themes = dict(Theme.choices)
    key_findings = [
        FindingResult(
            kind=f.kind,
            kind_label=f.get_kind_display(),
            theme_label=str(themes.get(f.theme, "")),
            text=f.text,
            quote=f.quote,
            # as scans.results: a witness of another scan is never the source; a name only with consent
            source=f.witness.public_label() if f.witness and f.witness.scan_id == scan.pk else "",
            is_key=True,
        )
        for f in Finding.objects.filter(scan=scan, is_key=True).select_related("witness")
    ]
    confirmed = scan.confirmed_scenario
    label = (
        str(Scenario(confirmed).label) if confirmed in Scenario.values else programme.get_scenario_display()
    )
    return Evidence(
        has_scan=True,
        key_findings=key_findings,
        scenario_label=label,
        scenario_reason=scan.scenario_reason if confirmed else "",
        scan_final=scan.state == "final",
    )


def domain_suggestions(programme) -> list[str]:
    """The scan's support services, offered as domains (empty without a scan)."""
    try:
        scan = getattr(programme, "scan", None)
    except ObjectDoesNotExist:
        scan = None
    if scan is None:
        return []
    return list(scan.services.order_by("position", "name").values_list("name", flat=True))


def results_by_angle(version: PlanVersion) -> list[tuple[str, str, list[IntendedResult]]]:
    """(angle, label, results) for each angle shown: patrimony only when the version switches it on."""
    grouped: dict[str, list[IntendedResult]] = {a: [] for a in Angle.values}
    for result in version.results.all():
        grouped.setdefault(result.angle, []).append(result)
    return [
        (angle.value, str(angle.label), grouped[angle.value])
        for angle in Angle
        if angle != Angle.PATRIMONY or version.patrimony or grouped[angle.value]
    ]
