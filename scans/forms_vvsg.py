"""Forms of the VVSG pages. They parse and present; the rules live in scans/services/vvsg.py."""

from __future__ import annotations

from crispy_forms.bootstrap import AppendedText, InlineRadios, PrependedText
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.forms import BelgianDecimalField, CrispyMixin, parse_belgian_decimal

from .models import Hypothesis, OrganisationForm, Precondition, WorkingMethods
from .services.vvsg import PRECONDITIONS

# One Belgian decimal field for the whole project (programmes/forms.py); the names stay for this app.
parse_local_decimal = parse_belgian_decimal


class LocalDecimalField(BelgianDecimalField):
    """VTE ("1,5") or, with money=True, euro ("12.500,50") in the VVSG forms: the shared
    BelgianDecimalField with this form's wording, optional unless said otherwise."""

    def __init__(self, *, money: bool = False, max_digits: int, **kwargs):
        self.money = money
        messages = {
            "invalid": _("Geef een getal in, bijvoorbeeld %(example)s.")
            % {"example": "12.500,50" if money else "1,5"},
            "min_value": _("Een bedrag kan niet negatief zijn. Geef 0 of meer.")
            if money
            else _("Een aantal VTE kan niet negatief zijn. Geef 0 of meer."),
            "max_digits": _("Dat getal is te groot. Controleer het."),
            "max_whole_digits": _("Dat getal is te groot. Controleer het."),
        }
        messages.update(kwargs.pop("error_messages", {}))
        kwargs.setdefault("required", False)
        super().__init__(euro=money, max_digits=max_digits, error_messages=messages, **kwargs)


SCORE_CHOICES = [("", _("Geen score")), *((str(n), str(n)) for n in range(1, 6))]


class ScoreField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=SCORE_CHOICES,
            coerce=int,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": _("Een score ligt tussen 1 en 5.")},
            **kwargs,
        )

    def prepare_value(self, value):
        return "" if value is None else value  # "Geen score" is checked until a score is given


class VersionField(forms.CharField):
    """The version the form was opened on (optimistic locking); anything unreadable counts as unknown."""

    def __init__(self, **kwargs):
        super().__init__(widget=forms.HiddenInput, required=False, **kwargs)

    def to_python(self, value):
        text = str(value or "").strip()
        return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else None


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ServiceAddForm(CrispyMixin, forms.Form):
    name = forms.CharField(
        label=_("Naam van de dienst"),
        max_length=100,
        help_text=_("Bijvoorbeeld: Onthaal, Schoonmaak, Kinderopvang."),
    )


class ServiceForm(CrispyMixin, forms.Form):
    name = forms.CharField(label=_("Naam van de dienst"), max_length=100)
    working_methods = forms.ChoiceField(
        label=_("Werkwijze van gemeente en OCMW"),
        required=False,
        choices=[("", _("Nog niet vergeleken")), *WorkingMethods.choices],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies hoe de werkwijze van gemeente en OCMW zich verhoudt.")},
    )
    working_methods_note = forms.CharField(
        label=_("Toelichting bij de werkwijze"),
        required=False,
        widget=_textarea(),
        help_text=_("Waarin verschillen of lijken de werkwijzen, systemen en processen?"),
    )
    version = VersionField()


class ScenarioForm(CrispyMixin, forms.Form):
    total_scenario = forms.ChoiceField(
        label=_("Totaalscenario voor de dienst"),
        required=False,
        choices=[("", _("Nog te bepalen")), *OrganisationForm.choices],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een organisatievorm uit de lijst.")},
    )
    total_scenario_note = forms.CharField(
        label=_("Toelichting bij het totaalscenario"),
        required=False,
        widget=_textarea(5),
        help_text=_("Hoe passen de beslissingen per product samen? Wat zijn de volgende stappen?"),
    )
    version = VersionField()


class ProductForm(CrispyMixin, forms.Form):
    name = forms.CharField(label=_("Product of dienstverlening"), max_length=150)
    users = forms.CharField(
        label=_("Gebruikers"),
        max_length=200,
        required=False,
        help_text=_("Wie gebruikt dit product? Bijvoorbeeld: alle medewerkers, burgers, de diensthoofden."),
    )
    fte_gemeente = LocalDecimalField(
        label=_("Tijd bij de gemeente"),
        max_digits=6,
        help_text=_("In voltijdse equivalenten (VTE), bijvoorbeeld 1,5."),
    )
    fte_ocmw = LocalDecimalField(
        label=_("Tijd bij het OCMW"),
        max_digits=6,
        help_text=_("In voltijdse equivalenten (VTE), bijvoorbeeld 0,8."),
    )
    running_costs = LocalDecimalField(
        label=_("Werkingskosten per jaar"),
        money=True,
        max_digits=12,
        help_text=_("In euro, bijvoorbeeld 12.500 of 12.500,50."),
    )
    outsourced = forms.CharField(
        label=_("Uitbesteed"),
        max_length=200,
        required=False,
        help_text=_("Wat doet een externe partner vandaag al? Leeg als niets."),
    )
    current_quality_providers = ScoreField(label=_("Huidige kwaliteit volgens wie levert"))
    current_quality_users = ScoreField(label=_("Huidige kwaliteit volgens de gebruikers"))
    desired_quality_providers = ScoreField(label=_("Gewenste kwaliteit volgens wie levert"))
    desired_quality_users = ScoreField(label=_("Gewenste kwaliteit volgens de gebruikers"))
    quality_note = forms.CharField(
        label=_("Toelichting bij de kwaliteit en de effecten"), required=False, widget=_textarea()
    )
    decision = forms.ChoiceField(
        label=_("Beslissing"),
        required=False,
        error_messages={"invalid_choice": _("Kies een organisatievorm uit de lijst.")},
    )
    decision_note = forms.CharField(
        label=_("Motivering van de beslissing"), required=False, widget=_textarea()
    )
    version = VersionField()

    def __init__(self, *args, decision_choices: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fte_gemeente"].widget.attrs["placeholder"] = "0"
        self.fields["fte_ocmw"].widget.attrs["placeholder"] = "0"
        self.fields["running_costs"].widget.attrs["placeholder"] = "0,00"
        parts = [
            Fieldset(_("Product en gebruikers"), "name", "users"),
            Fieldset(
                _("Middelen"),
                Row(
                    Column(AppendedText("fte_gemeente", _("VTE")), css_class="col-md-4"),
                    Column(AppendedText("fte_ocmw", _("VTE")), css_class="col-md-4"),
                    Column(PrependedText("running_costs", "€"), css_class="col-md-4"),
                ),
                "outsourced",
            ),
            Fieldset(
                _("Kwaliteit: 1 = zeer zwak, 3 = voldoende, 5 = zeer goed"),
                Row(
                    Column(InlineRadios("current_quality_providers"), css_class="col-md-6"),
                    Column(InlineRadios("current_quality_users"), css_class="col-md-6"),
                ),
                Row(
                    Column(InlineRadios("desired_quality_providers"), css_class="col-md-6"),
                    Column(InlineRadios("desired_quality_users"), css_class="col-md-6"),
                ),
                "quality_note",
                css_id="kwaliteit",
            ),
        ]
        if decision_choices is None:
            del self.fields["decision"]
            del self.fields["decision_note"]
        else:
            labels = dict(OrganisationForm.choices)
            self.fields["decision"].choices = [
                ("", _("Nog niet beslist")),
                *((value, labels[value]) for value in decision_choices),
            ]
            self.fields["decision"].help_text = (
                _("Dit product heeft nog geen hypothesen; u kunt elke organisatievorm kiezen.")
                if len(decision_choices) == len(OrganisationForm.values)
                else _("U kiest uit de organisatievormen van de hypothesen van dit product.")
            )
            parts.append(Fieldset(_("Beslissing"), "decision", "decision_note", css_id="beslissing"))
        self.helper.layout = Layout(*parts, "version")


class HypothesisForm(CrispyMixin, forms.Form):
    form = forms.ChoiceField(
        label=_("Organisatievorm"),
        choices=[("", _("Kies een organisatievorm")), *OrganisationForm.choices],
        error_messages={
            "required": _("Kies een organisatievorm."),
            "invalid_choice": _("Kies een organisatievorm uit de lijst."),
        },
        help_text=_("Van licht naar zwaar: van een eigen werking met nieuwe processen tot uitbesteding."),
    )
    description = forms.CharField(
        label=_("Beschrijving"),
        required=False,
        widget=_textarea(),
        help_text=_("Wat verandert er concreet voor dit product?"),
    )
    version = VersionField()

    HELP = {
        "legal": _(
            "Laat de regelgeving dit toe? Denk aan de beheersovereenkomst, terbeschikkingstelling van "
            "personeel, overheidsopdrachten, informatieveiligheid en privacy."
        ),
        "process": _(
            "Sluiten processen, systemen en capaciteit aan? Is er iemand om de verandering te trekken?"
        ),
        "governance": _(
            "Is er politiek en ambtelijk draagvlak? Blijven de eigen opdracht van het OCMW en het sociaal "
            "werk beschermd?"
        ),
    }
    LEGENDS = {
        "legal": _("Juridische randvoorwaarde"),
        "process": _("Procesmatige randvoorwaarde"),
        "governance": _("Bestuurlijke randvoorwaarde"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parts = [Fieldset(_("Hypothese"), "form", "description")]
        for name in PRECONDITIONS:
            which = Hypothesis._meta.get_field(name).verbose_name
            self.fields[name] = forms.ChoiceField(
                label=_("Beoordeling (%(which)s)") % {"which": which},
                choices=Precondition.choices,
                initial=Precondition.TO_CHECK,
                widget=forms.RadioSelect,
                help_text=self.HELP[name],
                error_messages={
                    "required": _("Kies voldaan, niet voldaan of na te gaan."),
                    "invalid_choice": _("Kies voldaan, niet voldaan of na te gaan."),
                },
            )
            self.fields[f"{name}_reason"] = forms.CharField(
                label=_("Reden (%(which)s)") % {"which": which},
                required=False,
                widget=_textarea(2),
                help_text=_("Verplicht bij ‘niet voldaan’."),
            )
            parts.append(
                Fieldset(
                    self.LEGENDS[name],
                    InlineRadios(name),
                    f"{name}_reason",
                    css_class="precondition",
                    css_id="randvoorwaarden" if name == PRECONDITIONS[0] else None,
                )
            )
        self.helper.layout = Layout(*parts, "version")


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("omhoog")), ("down", _("omlaag"))])
