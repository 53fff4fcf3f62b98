"""Placeholders: found in order, broken ones named, values offered from the programme (parties, director,
scan decisions, annexes, plan) and overridden per version; rendering escapes every piece of user text."""

import datetime
import re
from decimal import Decimal

import pytest

from agreements import placeholders, services
from programmes.models import FinancialKind, FinancialLine, Plan, PlanVersion
from scans.models import Scan, SupportService

pytestmark = pytest.mark.django_db

HOSTILE = {
    "gemeente": "<script>alert('x')</script>",
    "ocmw": "<img src=file:///etc/passwd>",
    "rechtbank": "<style>@import url(http://evil.example/x.css);</style>",
}


def test_find_gives_each_key_once_in_order():
    text = "{{ gemeente }} en {{ocmw}}, weer {{ gemeente }}; {{  startdatum  }} {{ Fout }} {{ }}"
    assert placeholders.find(text) == ["gemeente", "ocmw", "startdatum"]
    assert placeholders.find("") == []


def test_malformed_names_broken_placeholders():
    assert placeholders.malformed("Goed: {{ gemeente }} en {{ ocmw }}.") == []
    assert placeholders.malformed("Fout: {{ Gemeente }} en {{ naam } en {{}}") == [
        "{{ Gemeente }}",
        "{{ naam } en {{}}",
    ]
    assert placeholders.malformed("alleen }} sluiten") == ["alleen }}"]


def test_render_html_escapes_text_and_values():
    text = "Tussen {{ gemeente }} en {{ ocmw }} <b>vet</b>\nnieuwe regel\n\nBevoegd: {{ rechtbank }}."
    html = placeholders.render_html(text, HOSTILE)
    assert "<script" not in html and "<img" not in html and "<style" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;img src=file:///etc/passwd&gt;" in html
    assert "&lt;style&gt;@import url(http://evil.example/x.css);&lt;/style&gt;" in html
    assert html.startswith("<p>Tussen ") and "<br>nieuwe regel</p><p>Bevoegd: " in html
    # the only tags are the ones render_html writes itself
    assert set(re.findall(r"<(/?\w+)", html)) <= {"p", "/p", "br", "mark", "/mark"}


def test_hostile_text_itself_is_escaped_too():
    html = placeholders.render_html('<a href="javascript:x">{{ gemeente }}</a>', {"gemeente": "Geel"})
    assert html == "<p>&lt;a href=&quot;javascript:x&quot;&gt;Geel&lt;/a&gt;</p>"


def test_an_unfilled_placeholder_is_marked():
    html = placeholders.render_html("Vanaf {{ startdatum }}.", {"startdatum": "  "})
    assert html == '<p>Vanaf <mark class="placeholder-missing">{{ startdatum }}</mark>.</p>'


def test_render_plain_fills_values_and_keeps_unfilled_ones():
    assert placeholders.render_plain("{{ gemeente }} en {{ ocmw }}\r\n", {"gemeente": "<b>Geel</b>"}) == (
        "<b>Geel</b> en {{ ocmw }}"
    )


def test_fill_service_writes_the_service_into_the_text():
    assert placeholders.fill_service("De dienst {{ dienst }} voor {{ gemeente }}.", "ICT") == (
        "De dienst ICT voor {{ gemeente }}."
    )


def test_offered_values_come_from_the_programme(draft, programme_a, approver_a, consultant_a):
    lg = programme_a.local_government
    scan = Scan.objects.create(programme=programme_a)
    for position, (name, scenario) in enumerate(
        [
            ("ICT", "integration"),
            ("Personeel en HR", "structured"),
            ("Archief", "outsourcing"),
            ("Aankoop", ""),
        ]
    ):
        SupportService.objects.create(scan=scan, name=name, position=position, total_scenario=scenario)
    plan = Plan.objects.create(programme=programme_a)
    plan_version = PlanVersion.objects.create(
        plan=plan, number=1, state=PlanVersion.State.APPROVED, horizon=datetime.date(2027, 12, 31)
    )
    for amount, kind in (
        (Decimal("1000.50"), FinancialKind.EFFICIENCY_GAIN),
        (Decimal("2000"), FinancialKind.EFFICIENCY_GAIN),
    ):
        FinancialLine.objects.create(
            version=plan_version, year=2027, kind=kind, description="Winst", amount=amount
        )
    services.annex_staff_add(
        user=consultant_a,
        version=draft,
        name="An",
        function="Boekhouder",
        employer="ocmw",
        service="ICT",
        fte="0,5",
    )
    offered = placeholders.offered_values(draft)
    assert offered["gemeente"].value == lg.gemeente_name and offered["ocmw"].value == lg.ocmw_name
    assert offered["algemeen_directeur"].value == approver_a.get_full_name()
    assert offered["startdatum"].value == "01/01/2027"
    assert offered["diensten"].value == "ICT en Personeel en HR"
    assert offered["diensten"].items == ("ICT", "Personeel en HR")
    assert offered["diensten"].source == "Beslissingen van de organisatiescan"
    assert offered["kostenverdeling"].value == "ICT: 60 % gemeente, 40 % OCMW (aantal werkposten)"
    assert offered["personeel"].value == "1 personeelslid, 0,50 VTE"
    assert offered["efficientiewinst"].value == "€ 3.000,50"
    assert offered["streefdatum"].value == "31/12/2027"
    assert offered["financieel_directeur"].value == ""
    assert offered["gemeente"].label == "Naam van de gemeente"


def test_without_a_scan_the_annex_services_are_offered(draft):
    offered = placeholders.offered_values(draft)
    assert offered["diensten"].value == "ICT" and offered["diensten"].source == "Bijlage 1: diensten"


def test_values_of_the_version_win(draft, consultant_a):
    services.placeholder_set(user=consultant_a, version=draft, key="gemeente", value="Stad Geel")
    services.placeholder_set(user=consultant_a, version=draft, key="rechtbank", value="Turnhout")
    values = placeholders.values_for(draft)
    assert values["gemeente"] == "Stad Geel" and values["rechtbank"] == "Turnhout"
    assert "financieel_directeur" not in values  # offered, but empty
