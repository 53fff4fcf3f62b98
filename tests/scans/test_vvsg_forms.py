"""Belgian numbers in the VVSG forms: 1,5 VTE and € 12.500,50, whatever USE_THOUSAND_SEPARATOR says."""

from decimal import Decimal

import pytest
from django.utils import translation

from scans.forms_vvsg import HypothesisForm, LocalDecimalField, ProductForm, parse_local_decimal


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl-be"):
        yield


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,5", Decimal("1.5")),
        ("0,8", Decimal("0.8")),
        (",5", Decimal("0.5")),
        ("12", Decimal("12")),
        ("12.500", Decimal("12500")),
        ("12.500,50", Decimal("12500.50")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("€ 12.500,00", Decimal("12500.00")),
        ("12 500,50", Decimal("12500.50")),
        ("1.5", Decimal("1.5")),  # a single dot not followed by three digits is a decimal point
        ("-1,5", Decimal("-1.5")),  # parsed, then refused by the field as negative
    ],
)
def test_parse_local_decimal(text, value):
    assert parse_local_decimal(text) == value


@pytest.mark.parametrize("text", ["abc", "1,5,5", "12.50.0", "1e5", "NaN", "12,500.50", "٣", "--1", "1.2.3"])
def test_parse_local_decimal_refuses_nonsense(text):
    with pytest.raises(ValueError):
        parse_local_decimal(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-1", "Een aantal VTE kan niet negatief zijn. Geef 0 of meer."),
        ("veel", "Geef een getal in, bijvoorbeeld 1,5."),
        ("1,555", "Geef hoogstens twee cijfers na de komma."),
        ("10.000", "Dat getal is te groot. Controleer het."),
        ("9" * 50, "Geef een getal in, bijvoorbeeld 1,5."),
    ],
)
def test_fte_field_refuses_in_dutch(text, message):
    form = ProductForm({"name": "Helpdesk", "fte_gemeente": text})
    assert not form.is_valid()
    assert form.errors["fte_gemeente"] == [message]


def test_money_field_shows_belgian_notation():
    field = LocalDecimalField(money=True, max_digits=12)
    assert field.prepare_value(Decimal("12500")) == "12.500,00"
    assert field.prepare_value("12.500,5") == "12.500,5"  # what the user typed stays as typed
    fte = LocalDecimalField(max_digits=6)
    assert fte.prepare_value(Decimal("1.50")) == "1,5"
    assert fte.clean("") is None


def test_score_6_refused_in_dutch():
    form = ProductForm({"name": "Helpdesk", "current_quality_users": "6"})
    assert not form.is_valid()
    assert form.errors["current_quality_users"] == ["Een score ligt tussen 1 en 5."]


def test_decision_choices_limited():
    form = ProductForm(
        {"name": "Helpdesk", "decision": "outsourcing"}, decision_choices=["ad_hoc", "integration"]
    )
    assert not form.is_valid()
    assert form.errors["decision"] == ["Kies een organisatievorm uit de lijst."]
    assert [value for value, _label in form.fields["decision"].choices] == ["", "ad_hoc", "integration"]


def test_hypothesis_form_defaults_to_check():
    form = HypothesisForm()
    assert form.fields["legal"].initial == "to_check"
    assert str(form.fields["governance_reason"].label) == "Reden (bestuurlijk)"
