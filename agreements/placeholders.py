"""Placeholders in clause and article texts: {{ gemeente }}, {{ ocmw }}, {{ startdatum }}, ...

A text is plain text written by people. It is rendered by splitting it on the placeholders and escaping every
literal piece and every value on its own, so neither the text nor a value can ever inject markup (and so the
PDF renderer never sees a tag, a style or a URL that came from a user). An unfilled placeholder stays visible
as a marked {{ key }}.

The values come from two places: what the programme offers (the parties, the algemeen directeur, the
services decided in the scan, the annexes of the version, the plan's financial lines) and what the consultant
typed for this version (PlaceholderValue), which wins.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programmes.formatting import format_euro

# {{ key }} with optional spaces; keys are lower-case ASCII with digits and underscores.
PLACEHOLDER_RE = re.compile(r"\{\{\s*([a-z][a-z0-9_]{0,59})\s*\}\}")
# What is left of braces once the valid placeholders are gone: a broken placeholder ("{{ Gemeente }}").
_BRACES_RE = re.compile(r"\{\{|\}\}")
KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,59}$")

# Per-service placeholder: replaced by the article's service when the article is written.
SERVICE_KEY = "dienst"

# The known placeholders, in the order the consultant sees them, with a Dutch label.
LABELS: dict[str, str] = {
    "gemeente": gettext_lazy("Naam van de gemeente"),
    "ocmw": gettext_lazy("Naam van het OCMW"),
    "lokaal_bestuur": gettext_lazy("Naam van het lokaal bestuur"),
    "algemeen_directeur": gettext_lazy("Algemeen directeur"),
    "financieel_directeur": gettext_lazy("Financieel directeur"),
    "startdatum": gettext_lazy("Startdatum van de overeenkomst"),
    "diensten": gettext_lazy("Gedeelde diensten (beslist in de scan)"),
    "kostenverdeling": gettext_lazy("Kostenverdeling per dienst (bijlage 1)"),
    "personeel": gettext_lazy("Personeel ter beschikking (bijlage 2)"),
    "efficientiewinst": gettext_lazy("Verwachte efficiëntiewinst (plan)"),
    "investeringen": gettext_lazy("Gezamenlijke investeringen (plan)"),
    "streefdatum": gettext_lazy("Streefdatum van het traject (plan)"),
    "plaats": gettext_lazy("Plaats van ondertekening"),
    "datum_ondertekening": gettext_lazy("Datum van ondertekening"),
    SERVICE_KEY: gettext_lazy("De dienst van het artikel"),
}

# Forms of organisation in the scan that make a service one the agreement has to cover.
_SHARED_FORMS = ("integration", "formal_transfer", "structured")


@dataclass(frozen=True)
class OfferedValue:
    key: str
    label: str
    value: str
    source: str
    # The separate items behind a list value (e.g. each service name), when the value is a list.
    items: tuple[str, ...] = field(default=())


def find(text: str) -> list[str]:
    """The placeholder keys in a text, in order of first use, each once."""
    return list(dict.fromkeys(PLACEHOLDER_RE.findall(text or "")))


def malformed(text: str) -> list[str]:
    """Pieces that look like a placeholder but are not a valid one (e.g. "{{ Gemeente }}", "{{ naam }")."""
    rest = PLACEHOLDER_RE.sub(" ", text or "")
    found, covered = [], -1
    for match in _BRACES_RE.finditer(rest):
        if match.start() <= covered:
            continue
        if match.group(0) == "{{":
            end = rest.find("}}", match.end())
            end = end + 2 if 0 <= end - match.end() <= 40 else match.start() + 20
            found.append(rest[match.start() : end].split("\n")[0].strip())
            covered = end - 1
        else:
            found.append(rest[max(0, match.start() - 20) : match.end()].split("\n")[-1].strip())
    return found


def label(key: str) -> str:
    """The Dutch label of a placeholder; any other key reads as words ("opzeg_termijn": "Opzeg termijn")."""
    return str(LABELS.get(key, key.replace("_", " ").capitalize()))


def join_nl(items: list[str]) -> str:
    """ "a, b en c" (Dutch enumeration).

    Placeholder values are text of the agreement, which a Flemish local government adopts in Dutch
    whatever language the consultant's screen uses: they are never translated."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def _percent(value: Decimal) -> str:
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:.2f}".rstrip("0")
    return text.replace(".", ",") + " %"


def _fte(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _directors(local_government) -> str:
    from programmes.models import Membership, Role

    names = [
        m.user.get_full_name() or m.user.username
        for m in Membership.objects.filter(local_government=local_government, role=Role.APPROVER)
        .select_related("user")
        .order_by("pk")
    ]
    return join_nl(names)


def _scan_services(programme) -> list[str]:
    # A read-only look at step 1 (imported here: agreements does not depend on scans at import time).
    from scans.models import SupportService

    return list(
        SupportService.objects.filter(scan__programme=programme, total_scenario__in=_SHARED_FORMS)
        .order_by("position", "name")
        .values_list("name", flat=True)
    )


def _plan_figures(programme) -> tuple[str, str, str, str]:
    """(efficiency gains, joint investments, horizon, source) of the latest approved plan, else the newest."""
    from django.db.models import Sum

    from programmes.models import FinancialKind, PlanVersion

    versions = PlanVersion.objects.filter(plan__programme=programme).order_by("-number")
    plan_version = versions.filter(state="approved").first() or versions.first()
    if plan_version is None:
        return "", "", "", ""
    sums = dict(
        plan_version.financial_lines.values("kind").annotate(total=Sum("amount")).values_list("kind", "total")
    )
    gains = sums.get(FinancialKind.EFFICIENCY_GAIN)
    investments = sums.get(FinancialKind.JOINT_INVESTMENT)
    source = _("Plan, versie %(n)s (%(state)s)") % {
        "n": plan_version.number,
        "state": plan_version.get_state_display().lower(),
    }
    return (
        format_euro(gains) if gains else "",
        format_euro(investments) if investments else "",
        _date(plan_version.horizon),
        source,
    )


def signing_place(local_government) -> str:
    """ "Geel" from "Gemeente Geel" (or "Stad Ieper")."""
    name = local_government.gemeente_name.strip()
    for prefix in ("Gemeente ", "Stad "):
        if name.startswith(prefix):
            return name.removeprefix(prefix).strip()
    return name


def offered_values(version, *, annex_services=None, annex_staff=None) -> dict[str, OfferedValue]:
    """What the programme offers for each known placeholder (value "" when it offers nothing yet).

    A caller that has already read the version's annex rows passes them (saves two queries)."""
    programme = version.agreement.programme
    lg = programme.local_government
    offered: dict[str, OfferedValue] = {}

    def offer(key: str, value: str, source: str, items: tuple[str, ...] = ()) -> None:
        offered[key] = OfferedValue(key=key, label=label(key), value=value, source=source, items=items)

    party = _("Gegevens van %(name)s") % {"name": lg.name}
    offer("gemeente", lg.gemeente_name, party)
    offer("ocmw", lg.ocmw_name, party)
    offer("lokaal_bestuur", lg.name, party)
    offer("algemeen_directeur", _directors(lg), _("Leden met de rol algemeen directeur"))
    offer("financieel_directeur", "", "")
    offer("startdatum", _date(version.start_date), _("Startdatum van deze versie"))

    scan_services = _scan_services(programme)
    annex_services = list(version.annex_services.all()) if annex_services is None else list(annex_services)
    if scan_services:
        offer(
            "diensten", join_nl(scan_services), _("Beslissingen van de organisatiescan"), tuple(scan_services)
        )
    else:
        names = [s.service for s in annex_services]
        offer("diensten", join_nl(names), _("Bijlage 1: diensten") if names else "", tuple(names))

    allocation = [
        f"{s.service}: {_percent(s.gemeente_share)} gemeente, "
        f"{_percent(s.ocmw_share)} OCMW ({s.allocation_basis})"
        for s in annex_services
    ]
    offer("kostenverdeling", "; ".join(allocation), _("Bijlage 1: diensten") if allocation else "")

    staff = list(version.annex_staff.all()) if annex_staff is None else list(annex_staff)
    if staff:
        total = sum((s.fte for s in staff), Decimal("0"))
        text = f"{len(staff)} personeelsleden, samen {_fte(total)} VTE"
        if len(staff) == 1:
            text = f"1 personeelslid, {_fte(total)} VTE"
        offer("personeel", text, _("Bijlage 2: personeel"))
    else:
        offer("personeel", "", "")

    # Where and when it is signed ("Opgemaakt te {{ plaats }} op {{ datum_ondertekening }}"): the place is
    # the municipality's; the date is usually written by hand on the signed copies.
    offer("plaats", signing_place(lg), party)
    offer("datum_ondertekening", "", "")

    gains, investments, horizon, source = _plan_figures(programme)
    offer("efficientiewinst", gains, source if gains else "")
    offer("investeringen", investments, source if investments else "")
    offer("streefdatum", horizon, source if horizon else "")
    return offered


def overrides_for(version) -> dict[str, str]:
    """The values typed for this version ({key: value}, also the empty ones), in one query."""
    return dict(version.values.values_list("key", "value"))


def values_for(
    version, *, offered: dict[str, OfferedValue] | None = None, overrides: dict[str, str] | None = None
) -> dict[str, str]:
    """The value of every placeholder for this version: the offered ones, overridden by the version's own.

    A page that already holds the offered values or the overrides passes them: nothing is read twice."""
    offered = offered_values(version) if offered is None else offered
    overrides = overrides_for(version) if overrides is None else overrides
    values = {key: item.value for key, item in offered.items() if item.value}
    for key, value in overrides.items():
        if value.strip():
            values[key] = value
    return values


def fill_service(text: str, service: str) -> str:
    """Write a per-service article's service into its text ({{ dienst }} becomes e.g. "ICT")."""
    if not service:
        return text
    return PLACEHOLDER_RE.sub(lambda m: service if m.group(1) == SERVICE_KEY else m.group(0), text)


def _render_inline(text: str, values: dict[str, str]) -> str:
    """Escaped text with escaped values; newlines become <br>."""
    parts = []
    last = 0
    for match in PLACEHOLDER_RE.finditer(text):
        parts.append(escape(text[last : match.start()]))
        key = match.group(1)
        value = values.get(key, "")
        if value and value.strip():
            parts.append(escape(value.strip()))
        else:
            parts.append(f'<mark class="placeholder-missing">{{{{ {escape(key)} }}}}</mark>')
        last = match.end()
    parts.append(escape(text[last:]))
    return "".join(parts).replace("\n", "<br>")


_PARAGRAPH_SPLIT = re.compile(r"\n[ \t]*\n+")


def render_html(text: str, values: dict[str, str]) -> SafeString:
    """The text as safe HTML: paragraphs on blank lines, <br> on single newlines, every value escaped."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return mark_safe("")  # noqa: S308 – an empty string
    paragraphs = [p.strip() for p in _PARAGRAPH_SPLIT.split(text) if p.strip()]
    html = "".join(f"<p>{_render_inline(p, values)}</p>" for p in paragraphs)
    return mark_safe(html)  # noqa: S308 – every piece above is escaped


def render_plain(text: str, values: dict[str, str]) -> str:
    """The text with the values filled in, as plain text (for .docx); an unfilled one stays {{ key }}."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()

    def replace(match: re.Match) -> str:
        value = values.get(match.group(1), "")
        return value.strip() if value and value.strip() else "{{ " + match.group(1) + " }}"

    return PLACEHOLDER_RE.sub(replace, text)
