"""One Belgian decimal field (programmes.forms.BelgianDecimalField) for the whole project: the plan's
amounts, the scan's VTE and running costs. Typed as in Belgium, refused in Dutch, shown back as 1.234,56."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from programmes.forms import BelgianDecimalField, parse_belgian_decimal
from programmes.plan.forms_target import EuroField, FinancialForm
from scans.forms_vvsg import LocalDecimalField, ProductForm


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl-be"):
        yield


class AmountForm(forms.Form):
    amount = BelgianDecimalField(euro=True)


class NumberForm(forms.Form):
    number = BelgianDecimalField(max_digits=6, required=False)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("12.500,50", Decimal("12500.50")),
        ("12500.5", Decimal("12500.5")),  # a decimal point typed the other way
        ("12500,5", Decimal("12500.5")),
        ("€ 1.234,56", Decimal("1234.56")),
        ("12 500,50", Decimal("12500.50")),
        ("0", Decimal("0")),
    ],
)
def test_belgian_amounts_are_read(typed, value):
    form = AmountForm({"amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == value


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1.2.3", "Geef een bedrag in euro, bijvoorbeeld 12.500,50."),
        ("abc", "Geef een bedrag in euro, bijvoorbeeld 12.500,50."),
        ("-5", "Een bedrag kan niet negatief zijn. Geef 0 of meer."),
        ("", "Geef een bedrag in euro, bijvoorbeeld 12.500,50."),
        ("1,555", "Geef hoogstens twee cijfers na de komma."),
        ("99.999.999.999", "Dat bedrag is te groot. Controleer het."),
        ("9" * 60, "Geef een bedrag in euro, bijvoorbeeld 12.500,50."),
    ],
)
def test_wrong_amounts_refused_in_dutch(typed, message):
    form = AmountForm({"amount": typed})
    assert not form.is_valid()
    assert form.errors["amount"] == [message]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1.2.3", "Geef een getal in, bijvoorbeeld 1,5."),
        ("abc", "Geef een getal in, bijvoorbeeld 1,5."),
        ("-5", "Een getal kan niet negatief zijn. Geef 0 of meer."),
    ],
)
def test_wrong_numbers_refused_in_dutch(typed, message):
    form = NumberForm({"number": typed})
    assert not form.is_valid()
    assert form.errors["number"] == [message]


def test_shown_back_in_belgian_notation_whatever_the_language():
    with translation.override("en"):
        assert BelgianDecimalField(euro=True).prepare_value(Decimal("12500.5")) == "12.500,50"
        assert BelgianDecimalField().prepare_value(Decimal("1.50")) == "1,5"
        assert BelgianDecimalField().prepare_value(Decimal("1234567")) == "1.234.567"
        assert parse_belgian_decimal("12.500,50") == Decimal("12500.50")
    assert BelgianDecimalField(euro=True).prepare_value("12.500,5") == "12.500,5"  # typed stays typed


def test_the_plan_and_the_scan_use_the_one_field():
    assert issubclass(EuroField, BelgianDecimalField)
    assert issubclass(LocalDecimalField, BelgianDecimalField)
    assert isinstance(FinancialForm().fields["amount"], BelgianDecimalField)
    for name in ("fte_gemeente", "fte_ocmw", "running_costs"):
        assert isinstance(ProductForm().fields[name], BelgianDecimalField), name
    form = FinancialForm({"year": "2026", "kind": "efficiency_gain", "description": "x", "amount": "-5"})
    assert form.errors["amount"] == ["Een bedrag kan niet negatief zijn. Geef 0 of meer."]
    form = ProductForm({"name": "Helpdesk", "running_costs": "12.500,50", "fte_gemeente": "1.2.3"})
    assert not form.is_valid()
    assert form.errors["fte_gemeente"] == ["Geef een getal in, bijvoorbeeld 1,5."]
    assert "running_costs" not in form.errors
