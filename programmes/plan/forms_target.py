"""Forms of the target picture, the balance and the financial angle. They parse and present; the rules
live in programmes/plan/target.py."""

from __future__ import annotations

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import BelgianDecimalField, CrispyMixin, DateInput, parse_belgian_decimal
from ..models import Angle, BalanceFactor, FinancialKind
from ..models.plan import OPPORTUNITIES

# The names other apps import (projects.forms, agreements.forms): one field and one parser, in
# programmes/forms.py.
parse_local_decimal = parse_belgian_decimal


class EuroField(BelgianDecimalField):
    """An amount in euro in Belgian notation, shown back as 1.234,56."""

    def __init__(self, **kwargs):
        super().__init__(euro=True, max_digits=12, **kwargs)


class EditVersionField(forms.IntegerField):
    """The edit_version the form was opened on; anything unreadable counts as unknown (a stale save)."""

    def __init__(self, **kwargs):
        super().__init__(widget=forms.HiddenInput, required=False, **kwargs)

    def to_python(self, value):
        text = str(value or "").strip()
        return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


class TargetForm(CrispyMixin, forms.Form):
    ambition = forms.CharField(
        label=_("Gedeelde ambitie"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wat gemeente en OCMW samen willen bereiken, en de grote lijnen ervan."),
    )
    involved = forms.CharField(
        label=_("Betrokken personen en diensten"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    horizon = forms.DateField(
        label=_("Tijdshorizon"),
        required=False,
        widget=DateInput(),
        input_formats=["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"],
        error_messages={"invalid": _("Geef een datum als dd/mm/jjjj, bijvoorbeeld 31/12/2027.")},
        help_text=_("Tegen wanneer het streefbeeld bereikt is (dd/mm/jjjj)."),
    )
    patrimony = forms.BooleanField(
        label=_("Neem de invalshoek patrimonium mee"),
        required=False,
        help_text=_("De gebouwen en eigendommen van gemeente en OCMW."),
    )
    edit_version = EditVersionField()


class ResultForm(CrispyMixin, forms.Form):
    angle = forms.ChoiceField(
        label=_("Invalshoek"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een invalshoek."),
            "invalid_choice": _("Kies een invalshoek uit de lijst."),
        },
    )
    text = forms.CharField(
        label=_("Beoogd resultaat"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Beschrijf het beoogde resultaat.")},
    )
    edit_version = EditVersionField()  # the result's, when an edit form was opened (optimistic locking)

    def __init__(self, *args, patrimony: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # Every angle parses, so the service refuses patrimony with its reason when it is switched off;
        # only the angles the version uses are offered.
        self.fields["angle"].choices = Angle.choices
        self.fields["angle"].widget.choices = [
            (a.value, a.label) for a in Angle if a != Angle.PATRIMONY or patrimony
        ]


class FinancialForm(CrispyMixin, forms.Form):
    year = forms.IntegerField(
        label=_("Jaar"),
        min_value=2019,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Geef een jaar tussen 2019 en 2100."),
            "invalid": _("Geef een jaar tussen 2019 en 2100."),
            "min_value": _("Geef een jaar tussen 2019 en 2100."),
            "max_value": _("Geef een jaar tussen 2019 en 2100."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=FinancialKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies efficiëntiewinst of investering."),
            "invalid_choice": _("Kies efficiëntiewinst of investering."),
        },
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        max_length=200,
        error_messages={
            "required": _("Omschrijf de winst of de investering."),
            "max_length": _("Hoogstens 200 tekens."),
        },
    )
    amount = EuroField(label=_("Bedrag per jaar (€)"), help_text=_("Bijvoorbeeld 12.500 of 1.234,56."))
    edit_version = EditVersionField()  # the line's, when an edit form was opened (optimistic locking)


FACTOR_CHOICES = [
    ("", _("Kies een kans of een kost")),
    (_("Kansen"), [(f.value, f.label) for f in BalanceFactor if f in OPPORTUNITIES]),
    (_("Kosten"), [(f.value, f.label) for f in BalanceFactor if f not in OPPORTUNITIES]),
]
WEIGHT_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class BalanceForm(CrispyMixin, forms.Form):
    domain = forms.CharField(
        label=_("Dienst of domein"),
        max_length=100,
        error_messages={
            "required": _("Geef de dienst of het domein."),
            "max_length": _("Hoogstens 100 tekens."),
        },
        help_text=_("Bijvoorbeeld Financiën of Personeel en organisatie."),
    )
    factor = forms.ChoiceField(
        label=_("Kans of kost"),
        choices=FACTOR_CHOICES,
        error_messages={
            "required": _("Kies een kans of een kost uit de lijst."),
            "invalid_choice": _("Kies een kans of een kost uit de lijst."),
        },
    )
    weight = forms.TypedChoiceField(
        label=_("Gewicht (1 licht – 5 zwaar)"),
        choices=WEIGHT_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Een gewicht ligt tussen 1 en 5."),
            "invalid_choice": _("Een gewicht ligt tussen 1 en 5."),
        },
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    edit_version = EditVersionField()  # the item's, when an edit form was opened (optimistic locking)

    def __init__(self, *args, suggestions: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout("domain", "factor", InlineRadios("weight"), "note", "edit_version")
        if suggestions:
            self.fields["domain"].widget.attrs["list"] = "domein-suggesties"
        self.suggestions = suggestions or []
