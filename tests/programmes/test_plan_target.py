"""The target picture, the opportunities against the costs and the financial angle (step 2)."""

import datetime
import html
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.models import Angle, BalanceItem, FinancialLine, IntendedResult, PlanVersion
from programmes.plan import target
from programmes.plan.charts import balance_chart
from programmes.plan.forms_target import FinancialForm, parse_local_decimal
from programmes.plan.workflow import plan_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(consultant_a, programme_a):
    return plan_start(user=consultant_a, programme=programme_a)


@pytest.fixture
def version_b(consultant_b, programme_b):
    return plan_start(user=consultant_b, programme=programme_b)


def _update(user, version, **kwargs):
    values = {
        "expected_edit_version": version.edit_version,
        "ambition": "Eén organisatie voor de inwoner.",
        "involved": "Financiën, personeel",
        "horizon": datetime.date(2027, 12, 31),
        "patrimony": False,
    }
    values.update(kwargs)
    return target.target_update(user=user, version=version, **values)


def _text(response) -> str:
    return html.unescape(response.content.decode()).replace("\xa0", " ")


# --- Services ---------------------------------------------------------------------------------------


def test_target_update_saves_and_moves_the_lock_forward(consultant_a, version):
    saved = _update(consultant_a, version)
    assert saved.ambition == "Eén organisatie voor de inwoner."
    assert saved.horizon == datetime.date(2027, 12, 31)
    assert saved.edit_version == version.edit_version + 1


def test_stale_save_refused_with_both_values(consultant_a, version):
    opened = version.edit_version
    _update(consultant_a, version, ambition="Versie van collega A")
    with pytest.raises(target.StaleTargetError) as error:
        _update(consultant_a, version, expected_edit_version=opened, ambition="Mijn versie")
    assert ("Gedeelde ambitie", "Versie van collega A", "Mijn versie") in error.value.changes
    assert PlanVersion.objects.get(pk=version.pk).ambition == "Versie van collega A"


def test_patrimony_switch_off_refused_while_results_exist(consultant_a, version):
    version = _update(consultant_a, version, patrimony=True)
    target.result_add(user=consultant_a, version=version, angle=Angle.PATRIMONY, text="Eén gebouwenbeheer")
    with pytest.raises(ValidationError) as error:
        _update(consultant_a, version, patrimony=False)
    assert error.value.message_dict["patrimony"] == [
        "Verwijder eerst de beoogde resultaten van de invalshoek patrimonium."
    ]


def test_patrimony_result_refused_while_off(consultant_a, version):
    with pytest.raises(ValidationError) as error:
        target.result_add(user=consultant_a, version=version, angle=Angle.PATRIMONY, text="Gebouwen")
    assert "patrimonium staat uit" in error.value.message_dict["angle"][0]
    assert not IntendedResult.objects.exists()


def test_results_add_update_delete(consultant_a, version):
    result = target.result_add(user=consultant_a, version=version, angle=Angle.STRATEGIC, text=" Eén loket ")
    assert result.text == "Eén loket"
    target.result_update(
        user=consultant_a,
        result=result,
        expected_version=result.edit_version,
        angle=Angle.FINANCIAL,
        text="Minder kosten",
    )
    result.refresh_from_db()
    assert (result.angle, result.text) == (Angle.FINANCIAL, "Minder kosten")
    target.result_delete(user=consultant_a, result=result)
    assert not IntendedResult.objects.exists()
    angles = [a for a, _label, _r in target.results_by_angle(version)]
    assert Angle.PATRIMONY not in angles


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("1.234,56", "1234.56"), ("1234,56", "1234.56"), ("€ 12.500", "12500"), ("12.500,50", "12500.50")],
)
def test_amounts_parsed_belgian_style(typed, expected):
    assert parse_local_decimal(typed) == Decimal(expected)
    form = FinancialForm({"year": "2026", "kind": "efficiency_gain", "description": "x", "amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal(expected)


def test_amount_formatted():
    assert target.format_euro(Decimal("1234.56")) == "€ 1.234,56"
    assert target.format_euro(Decimal("12500")) == "€ 12.500,00"


def test_bad_amount_refused_in_dutch():
    form = FinancialForm({"year": "2026", "kind": "efficiency_gain", "description": "x", "amount": "twaalf"})
    assert not form.is_valid()
    assert "Geef een bedrag in euro" in form.errors["amount"][0]
    form = FinancialForm({"year": "1999", "kind": "efficiency_gain", "description": "x", "amount": "-5"})
    assert not form.is_valid()
    assert "tussen 2019 en 2100" in form.errors["year"][0]
    assert "negatief" in form.errors["amount"][0]


def test_totals_per_year_on_a_hand_example(consultant_a, version):
    add = target.financial_add
    add(
        user=consultant_a,
        version=version,
        year=2026,
        kind="efficiency_gain",
        description="a",
        amount="1000.50",
    )
    add(
        user=consultant_a,
        version=version,
        year=2026,
        kind="efficiency_gain",
        description="b",
        amount="234.06",
    )
    add(
        user=consultant_a, version=version, year=2026, kind="joint_investment", description="c", amount="5000"
    )
    add(user=consultant_a, version=version, year=2027, kind="efficiency_gain", description="d", amount="8000")
    years, grand = target.financial_overview(version)
    assert [(y.year, y.gains, y.investments, y.balance) for y in years] == [
        (2026, Decimal("1234.56"), Decimal("5000"), Decimal("-3765.44")),
        (2027, Decimal("8000"), Decimal("0"), Decimal("8000")),
    ]
    assert years[0].gains_label == "€ 1.234,56"
    assert years[0].balance_label == "− € 3.765,44"
    assert (grand.gains, grand.investments) == (Decimal("9234.56"), Decimal("5000"))
    assert len(years[0].lines) == 3


def test_financial_update_and_delete(consultant_a, version):
    line = target.financial_add(
        user=consultant_a, version=version, year=2026, kind="joint_investment", description="ICT", amount=10
    )
    target.financial_update(
        user=consultant_a,
        line=line,
        expected_version=line.edit_version,
        year=2027,
        kind="joint_investment",
        description="ICT-net",
        amount=20,
    )
    line.refresh_from_db()
    assert (line.year, line.amount, line.description) == (2027, Decimal("20.00"), "ICT-net")
    target.financial_delete(user=consultant_a, line=line)
    assert not FinancialLine.objects.exists()


@pytest.mark.parametrize("weight", [0, 6])
def test_weight_out_of_range_refused_in_dutch(consultant_a, version, weight):
    with pytest.raises(ValidationError) as error:
        target.balance_add(
            user=consultant_a, version=version, domain="Financiën", factor="efficiency", weight=weight
        )
    assert error.value.message_dict["weight"] == ["Een gewicht ligt tussen 1 en 5."]


def test_duplicate_factor_refused_in_dutch(consultant_a, version):
    target.balance_add(user=consultant_a, version=version, domain="Financiën", factor="efficiency", weight=3)
    with pytest.raises(ValidationError) as error:
        target.balance_add(
            user=consultant_a, version=version, domain="financiën ", factor="efficiency", weight=4
        )
    assert "staat al bij" in error.value.message_dict["factor"][0]
    assert BalanceItem.objects.count() == 1


def test_balance_rows_and_update_delete(consultant_a, version):
    a = target.balance_add(user=consultant_a, version=version, domain="ICT", factor="efficiency", weight=4)
    target.balance_add(user=consultant_a, version=version, domain="ICT", factor="distance", weight=1)
    target.balance_add(
        user=consultant_a, version=version, domain="Personeel", factor="loss_of_identity", weight=5
    )
    rows = target.balance_rows(version)
    assert [(r.domain, r.opportunity_weight, r.cost_weight, r.net) for r in rows] == [
        ("ICT", 4, 1, 3),
        ("Personeel", 0, 5, -5),
    ]
    target.balance_update(
        user=consultant_a,
        item=a,
        expected_version=a.edit_version,
        domain="ICT",
        factor="uniformity",
        weight=2,
        note="n",
    )
    a.refresh_from_db()
    assert (a.factor, a.weight, a.note) == ("uniformity", 2, "n")
    target.balance_delete(user=consultant_a, item=a)
    assert BalanceItem.objects.count() == 2


def test_balance_chart_escapes_domains_and_has_a_title():
    rows = [target.BalanceRow(domain="<b>Financiën & ICT</b>"), target.BalanceRow(domain="Personeel")]
    svg = str(balance_chart(rows))
    assert "<title" in svg and 'role="img"' in svg
    assert "&lt;b&gt;Financiën &amp; ICT&lt;/b&gt;" in svg
    assert "Personeel" in svg
    assert "style=" not in svg


@pytest.mark.parametrize("state", [PlanVersion.State.SUBMITTED, PlanVersion.State.APPROVED])
def test_editing_a_submitted_or_approved_version_refused(consultant_a, version, state):
    PlanVersion.objects.filter(pk=version.pk).update(state=state)
    version.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        target.result_add(user=consultant_a, version=version, angle=Angle.STRATEGIC, text="x")
    assert "Deze versie is" in error.value.messages[0]
    with pytest.raises(ValidationError):
        _update(consultant_a, version)


def test_council_member_and_approver_refused_by_services(council_a, approver_a, version):
    for user in (council_a, approver_a):
        with pytest.raises(PermissionDenied):
            target.result_add(user=user, version=version, angle=Angle.STRATEGIC, text="x")
        with pytest.raises(PermissionDenied):
            target.balance_add(user=user, version=version, domain="ICT", factor="efficiency", weight=3)


# --- Views ------------------------------------------------------------------------------------------


def test_target_page_shows_picture_results_and_amounts(client, consultant_a, version):
    _update(consultant_a, version)
    version.refresh_from_db()
    target.result_add(user=consultant_a, version=version, angle=Angle.STRATEGIC, text="Eén loket voor alles")
    target.financial_add(
        user=consultant_a,
        version=version,
        year=2026,
        kind="efficiency_gain",
        description="Licenties",
        amount="1234.56",
    )
    client.force_login(consultant_a)
    response = client.get(reverse("programmes:plan_target", args=[version.plan_id]))
    assert response.status_code == 200
    text = _text(response)
    assert "Eén organisatie voor de inwoner." in text
    assert "31/12/2027" in text
    assert "Eén loket voor alles" in text
    assert "€ 1.234,56" in text
    assert "Patrimonium" not in text.split("Beoogde resultaten per invalshoek")[1].split("Financiële")[0]
    assert "Uit de organisatiescan" in text


def test_target_page_shows_the_scan_evidence(client, consultant_a, programme_a, version):
    from scans.services.core import scan_start

    scan = scan_start(user=consultant_a, programme=programme_a)
    scan.confirmed_scenario = "pragmatic"
    scan.save()
    client.force_login(consultant_a)
    response = client.get(reverse("programmes:plan_target", args=[version.plan_id]))
    assert "Pragmatisch met projectbeheer" in _text(response)


def test_stale_save_through_the_form_keeps_what_was_typed(client, consultant_a, version):
    client.force_login(consultant_a)
    url = reverse("programmes:plan_target_edit", args=[version.pk])
    opened = version.edit_version
    _update(consultant_a, version, ambition="Tekst van een collega")
    response = client.post(
        url,
        {"ambition": "Mijn eigen ambitie", "involved": "", "horizon": "31/12/2028", "edit_version": opened},
    )
    assert response.status_code == 200
    text = _text(response)
    assert "Intussen gewijzigd" in text
    assert "Tekst van een collega" in text
    assert "Mijn eigen ambitie" in text  # in the comparison and still in the textarea
    assert 'value="31/12/2028"' in text
    assert f'name="edit_version" value="{opened + 1}"' in text
    assert PlanVersion.objects.get(pk=version.pk).ambition == "Tekst van een collega"
    # saving again now goes through
    response = client.post(
        url,
        {
            "ambition": "Mijn eigen ambitie",
            "involved": "",
            "horizon": "31/12/2028",
            "edit_version": opened + 1,
        },
    )
    assert response.status_code == 302
    assert PlanVersion.objects.get(pk=version.pk).ambition == "Mijn eigen ambitie"


def test_patrimony_result_refused_through_the_form(client, consultant_a, version):
    client.force_login(consultant_a)
    response = client.post(
        reverse("programmes:plan_result_add", args=[version.pk]), {"angle": "patrimony", "text": "Gebouwen"}
    )
    assert response.status_code == 200
    assert "patrimonium staat uit" in _text(response)
    assert not IntendedResult.objects.exists()


def test_financial_add_through_the_form(client, consultant_a, version):
    client.force_login(consultant_a)
    response = client.post(
        reverse("programmes:plan_financial_add", args=[version.pk]),
        {"year": "2026", "kind": "joint_investment", "description": "Nieuwe server", "amount": "1.234,56"},
    )
    assert response.status_code == 302
    assert FinancialLine.objects.get().amount == Decimal("1234.56")
    response = client.post(
        reverse("programmes:plan_financial_add", args=[version.pk]),
        {"year": "2026", "kind": "joint_investment", "description": "Fout", "amount": "1,2,3"},
    )
    assert response.status_code == 200
    assert "Geef een bedrag in euro" in _text(response)
    assert 'value="1,2,3"' in _text(response)


def test_balance_form_refuses_bad_weight_and_duplicate(client, consultant_a, version):
    client.force_login(consultant_a)
    url = reverse("programmes:plan_balance_add", args=[version.pk])
    response = client.post(url, {"domain": "ICT", "factor": "efficiency", "weight": "6"})
    assert response.status_code == 200
    assert "Een gewicht ligt tussen 1 en 5." in _text(response)
    assert client.post(url, {"domain": "ICT", "factor": "efficiency", "weight": "3"}).status_code == 302
    response = client.post(url, {"domain": "ICT", "factor": "efficiency", "weight": "2"})
    assert response.status_code == 200
    assert "staat al bij ICT" in _text(response)
    assert BalanceItem.objects.count() == 1


def test_balance_page_shows_chart_and_table(client, consultant_a, version):
    target.balance_add(
        user=consultant_a, version=version, domain="Financiën & <ICT>", factor="efficiency", weight=4
    )
    client.force_login(consultant_a)
    response = client.get(reverse("programmes:plan_balance", args=[version.plan_id]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<svg" in content and "<title" in content
    assert "Financiën &amp; &lt;ICT&gt;" in content
    assert "<ICT>" not in content


def test_editing_a_submitted_version_refused_through_the_form(client, consultant_a, version):
    PlanVersion.objects.filter(pk=version.pk).update(state=PlanVersion.State.SUBMITTED)
    client.force_login(consultant_a)
    response = client.post(
        reverse("programmes:plan_result_add", args=[version.pk]), {"angle": "strategic", "text": "x"}
    )
    assert response.status_code == 200
    assert "ingediend" in _text(response)
    assert not IntendedResult.objects.exists()


def _objects(consultant, version):
    result = target.result_add(user=consultant, version=version, angle=Angle.STRATEGIC, text="Een resultaat")
    line = target.financial_add(
        user=consultant, version=version, year=2026, kind="efficiency_gain", description="x", amount=5
    )
    item = target.balance_add(user=consultant, version=version, domain="ICT", factor="efficiency", weight=3)
    return result, line, item


def _edit_posts(version, result, line, item):
    return [
        (reverse("programmes:plan_target_edit", args=[version.pk]), {"ambition": "x", "edit_version": "1"}),
        (reverse("programmes:plan_result_add", args=[version.pk]), {"angle": "strategic", "text": "x"}),
        (reverse("programmes:plan_result_edit", args=[result.pk]), {"angle": "strategic", "text": "x"}),
        (reverse("programmes:plan_result_delete", args=[result.pk]), {}),
        (
            reverse("programmes:plan_financial_add", args=[version.pk]),
            {"year": "2026", "kind": "efficiency_gain", "description": "y", "amount": "1"},
        ),
        (
            reverse("programmes:plan_financial_edit", args=[line.pk]),
            {"year": "2026", "kind": "efficiency_gain", "description": "y", "amount": "1"},
        ),
        (reverse("programmes:plan_financial_delete", args=[line.pk]), {}),
        (
            reverse("programmes:plan_balance_add", args=[version.pk]),
            {"domain": "P", "factor": "distance", "weight": "2"},
        ),
        (
            reverse("programmes:plan_balance_edit", args=[item.pk]),
            {"domain": "P", "factor": "distance", "weight": "2"},
        ),
        (reverse("programmes:plan_balance_delete", args=[item.pk]), {}),
    ]


def _snapshot(version):
    version.refresh_from_db()
    return (
        version.ambition,
        version.edit_version,
        list(IntendedResult.objects.values_list("angle", "text")),
        list(FinancialLine.objects.values_list("description", "amount")),
        list(BalanceItem.objects.values_list("domain", "factor", "weight")),
    )


@pytest.mark.parametrize("who", ["council_a", "approver_a"])
def test_council_member_and_approver_get_403_and_nothing_changes(client, request, consultant_a, version, who):
    objects = _objects(consultant_a, version)
    before = _snapshot(version)
    client.force_login(request.getfixturevalue(who))
    for url, data in _edit_posts(version, *objects):
        assert client.post(url, data).status_code == 403, url
    assert _snapshot(version) == before
    assert client.get(reverse("programmes:plan_target", args=[version.plan_id])).status_code == 200


@pytest.mark.parametrize("who", ["consultant_b", "approver_b"])
def test_other_local_government_gets_404(client, request, consultant_a, version, who):
    objects = _objects(consultant_a, version)
    before = _snapshot(version)
    client.force_login(request.getfixturevalue(who))
    for url, data in _edit_posts(version, *objects):
        assert client.post(url, data).status_code == 404, url
        assert client.get(url).status_code in (404, 405), url
    for name in ("programmes:plan_target", "programmes:plan_balance"):
        assert client.get(reverse(name, args=[version.plan_id])).status_code == 404
    assert _snapshot(version) == before


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_constant_queries_on_target_and_balance_pages(client, consultant_a, programme_a, version):
    from scans.services.core import scan_start

    scan_start(user=consultant_a, programme=programme_a)
    client.force_login(consultant_a)
    target_url = reverse("programmes:plan_target", args=[version.plan_id])
    balance_url = reverse("programmes:plan_balance", args=[version.plan_id])
    target.result_add(user=consultant_a, version=version, angle=Angle.STRATEGIC, text="r")
    target.financial_add(
        user=consultant_a, version=version, year=2026, kind="efficiency_gain", description="f", amount=1
    )
    target.balance_add(user=consultant_a, version=version, domain="D0", factor="efficiency", weight=1)
    few = _count(client, target_url), _count(client, balance_url)
    for n in range(1, 8):
        target.result_add(user=consultant_a, version=version, angle=Angle.FINANCIAL, text=f"r{n}")
        target.financial_add(
            user=consultant_a,
            version=version,
            year=2026 + n,
            kind="joint_investment",
            description="f",
            amount=n,
        )
        target.balance_add(user=consultant_a, version=version, domain=f"D{n}", factor="distance", weight=2)
    many = _count(client, target_url), _count(client, balance_url)
    assert many == few
