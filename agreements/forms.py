"""Forms of step 4. They parse and present; the rules live in agreements/services/."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.forms import BelgianDecimalField, CrispyMixin, DateInput, SafeModelChoiceField
from programmes.models import LocalGovernment, Role

from .models import AnnexService, AnnexStaff, ClauseCategory

DATE_ERRORS = {
    "invalid": _("Geef een geldige datum in de vorm dd/mm/jjjj, bijvoorbeeld 01/01/2027."),
    "out_of_range": _("Geef een datum tussen 1900 en 2100, in de vorm dd/mm/jjjj."),
}


class DateField(forms.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", DateInput())
        kwargs.setdefault("error_messages", DATE_ERRORS)
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"])
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and len(value) > 30:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        value = super().to_python(value)
        if value is not None and not 1900 <= value.year <= 2100:
            raise forms.ValidationError(self.error_messages["out_of_range"], code="out_of_range")
        return value


class OneMessagePerFieldMixin:
    """A field that breaks two rules at once (e.g. "9999999": too many digits and more than 100) says so
    once, not twice in the same words."""

    def full_clean(self):
        super().full_clean()
        for name, errors in list(getattr(self, "_errors", {}).items()):
            unique = list(dict.fromkeys(errors))
            if len(unique) < len(errors):
                self._errors[name] = self.error_class(unique, renderer=self.renderer)


def _without_percent_sign(data, field: str):
    """ "62,5 %" as typed reads as 62,5: the field (programmes.forms.BelgianDecimalField) parses numbers."""
    if data is None or not hasattr(data, "get"):
        return data
    value = data.get(field)
    if isinstance(value, str) and value.strip().endswith("%"):
        data = data.copy()
        data[field] = value.strip().removesuffix("%").strip()
    return data


class EditVersionMixin(forms.Form):
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31)


class VersionForm(CrispyMixin, EditVersionMixin):
    title = forms.CharField(label=_("Titel van de overeenkomst"), max_length=250)
    start_date = DateField(
        label=_("Startdatum"), required=False, help_text=_("Vanaf wanneer de overeenkomst geldt, dd/mm/jjjj.")
    )
    preamble = forms.CharField(
        label=_("Aanhef"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wie de overeenkomst sluit en waarom. Plaatshouders zoals {{ gemeente }} mogen."),
    )


def service_choices(services: list[str]) -> list[tuple[str, str]]:
    return [("", _("Geen (geldt voor alle diensten)"))] + [(name, name) for name in services]


class ArticleForm(CrispyMixin, EditVersionMixin):
    title = forms.CharField(label=_("Titel van het artikel"), max_length=200)
    text = forms.CharField(
        label=_("Tekst"),
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Een lege regel begint een nieuwe alinea. Plaatshouders zoals {{ gemeente }} of {{ startdatum }} "
            "vullen zich in met de waarden van deze overeenkomst."
        ),
    )
    service = forms.CharField(
        label=_("Over de dienst"),
        required=False,
        max_length=150,
        help_text=_("Alleen voor een artikel over één gedeelde dienst."),
    )

    def __init__(self, *args, prefix_id: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if prefix_id:
            self.auto_id = f"id_{prefix_id}_%s"


class ArticleAddForm(ArticleForm):
    category = forms.ChoiceField(
        label=_("Hoofdstuk"),
        choices=ClauseCategory.choices,
        error_messages={"invalid_choice": _("Kies een hoofdstuk uit de lijst.")},
    )
    field_order = ["category", "title", "text", "service"]


class LibraryAddForm(forms.Form):
    """One clause from the library (or the local government's own copy), optionally for one service."""

    clause = forms.CharField(max_length=30)
    service = forms.CharField(required=False, max_length=150)


class DecisionForm(forms.Form):
    APPROVE, REJECT = "approve", "reject"

    comment = forms.CharField(
        label=_("Opmerking voor de consultant"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij afwijzen: zeg wat er moet veranderen."),
    )
    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Goedkeuren voor de raad")), (REJECT, _("Afwijzen"))],
        error_messages={
            "required": _("Kies goedkeuren of afwijzen."),
            "invalid_choice": _("Kies goedkeuren of afwijzen."),
        },
    )


class SubmitForm(forms.Form):
    comment = forms.CharField(
        label=_("Opmerking bij het indienen"),
        required=False,
        max_length=5000,
        error_messages={"max_length": _("Een opmerking telt hoogstens 5000 tekens.")},
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CouncilDecisionForm(CrispyMixin, forms.Form):
    council = forms.ChoiceField(
        label=_("Raad"),
        choices=[("gemeenteraad", _("Gemeenteraad")), ("ocmwraad", _("OCMW-raad"))],
        error_messages={"invalid_choice": _("Kies de gemeenteraad of de OCMW-raad.")},
    )
    date = DateField(label=_("Datum van de beslissing"))
    number = forms.CharField(
        label=_("Nummer van de beslissing"), max_length=50, help_text=_("Bijvoorbeeld 2027/GR/014.")
    )


def _decimal_errors(*, required, invalid, out_of_range) -> dict:
    """The messages of a BelgianDecimalField with two decimals and a range."""
    return {
        "required": required,
        "invalid": invalid,
        "min_value": out_of_range,
        "max_value": out_of_range,
        "max_decimal_places": _("Geef hoogstens twee cijfers na de komma."),
        "max_digits": out_of_range,
        "max_whole_digits": out_of_range,
    }


class AnnexServiceForm(OneMessagePerFieldMixin, CrispyMixin, EditVersionMixin):
    service = forms.CharField(label=_("Dienst"), max_length=150)
    provider = forms.ChoiceField(
        label=_("Dienstverlenende partij"),
        choices=AnnexService._meta.get_field("provider").choices,
        error_messages={"invalid_choice": _("Kies de gemeente of het OCMW als dienstverlenende partij.")},
    )
    gemeente_share = BelgianDecimalField(
        euro=False,
        label=_("Aandeel gemeente (%)"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        help_text=_("Het OCMW draagt de rest. Bijvoorbeeld 70 of 62,5."),
        error_messages=_decimal_errors(
            required=_("Geef het aandeel van de gemeente in procent, bijvoorbeeld 62,5."),
            invalid=_("Geef een percentage tussen 0 en 100, bijvoorbeeld 62,5."),
            out_of_range=_("Geef een percentage tussen 0 en 100."),
        ),
    )
    allocation_basis = forms.CharField(
        label=_("Verdeelsleutel"), max_length=200, help_text=_("Bijvoorbeeld: aantal VTE, aantal pc's.")
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(_without_percent_sign(data, self.add_prefix("gemeente_share")), *args, **kwargs)


class AnnexStaffForm(OneMessagePerFieldMixin, CrispyMixin, EditVersionMixin):
    name = forms.CharField(label=_("Naam"), max_length=150)
    function = forms.CharField(label=_("Functie"), max_length=150)
    employer = forms.ChoiceField(
        label=_("Werkgever"),
        choices=AnnexStaff._meta.get_field("employer").choices,
        error_messages={"invalid_choice": _("Kies de gemeente of het OCMW als werkgever.")},
    )
    service = forms.CharField(label=_("Ingezet bij dienst"), max_length=150)
    fte = BelgianDecimalField(
        euro=False,
        label=_("VTE"),
        min_value=0,
        max_value=1,
        max_digits=4,
        decimal_places=2,
        help_text=_("Tussen 0 en 1, bijvoorbeeld 0,8."),
        error_messages=_decimal_errors(
            required=_("Geef het aantal VTE, een getal tussen 0 en 1, bijvoorbeeld 0,8."),
            invalid=_("Geef een getal tussen 0 en 1, bijvoorbeeld 0,8."),
            out_of_range=_("Geef een getal tussen 0 en 1."),
        ),
    )
    since = DateField(label=_("Ter beschikking sinds"), required=False)


def _decision_date_field():
    return DateField(
        label=_("Datum van de collegebeslissing"),
        help_text=_(
            "De beslissing van het college en het vast bureau die deze wijziging toestaat, dd/mm/jjjj."
        ),
        error_messages={
            **DATE_ERRORS,
            "required": _("Geef de datum van de collegebeslissing, bijvoorbeeld 12/11/2026."),
        },
    )


def _decision_reference_field():
    return forms.CharField(
        label=_("Kenmerk of nummer van de beslissing"),
        required=False,
        max_length=50,
        help_text=_("Niet verplicht, bijvoorbeeld CBS/2026/114."),
        error_messages={"max_length": _("Het kenmerk is te lang: hoogstens 50 tekens.")},
    )


class AnnexStaffCollegeForm(AnnexStaffForm):
    """A change of the staff list of the adopted version: the row and the college decision behind it."""

    decision_date = _decision_date_field()
    decision_reference = _decision_reference_field()

    def __init__(self, *args, **kwargs):
        from crispy_forms.layout import Column, Fieldset, Layout, Row

        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Row(Column("name", css_class="col-md-6"), Column("function", css_class="col-md-6")),
            Row(
                Column("employer", css_class="col-md-3"),
                Column("service", css_class="col-md-4"),
                Column("fte", css_class="col-md-2"),
                Column("since", css_class="col-md-3"),
            ),
            Fieldset(
                str(_("De collegebeslissing")),
                Row(
                    Column("decision_date", css_class="col-md-6"),
                    Column("decision_reference", css_class="col-md-6"),
                ),
                css_class="agreement-college-decision",
            ),
            "edit_version",
        )


class StaffCollegeRemoveForm(OneMessagePerFieldMixin, CrispyMixin, forms.Form):
    decision_date = _decision_date_field()
    decision_reference = _decision_reference_field()

    def __init__(self, *args, **kwargs):
        from crispy_forms.layout import Column, Layout, Row

        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Row(
                Column("decision_date", css_class="col-md-6"),
                Column("decision_reference", css_class="col-md-6"),
            )
        )


class ClauseForm(CrispyMixin, forms.Form):
    category = forms.ChoiceField(
        label=_("Categorie"),
        choices=ClauseCategory.choices,
        error_messages={"invalid_choice": _("Kies een categorie uit de lijst.")},
    )
    title = forms.CharField(label=_("Titel"), max_length=200)
    text = forms.CharField(
        label=_("Tekst"),
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Met plaatshouders zoals {{ gemeente }}, {{ ocmw }}, {{ algemeen_directeur }}, {{ startdatum }}."
        ),
    )
    mandatory = forms.BooleanField(label=_("Verplicht in elke overeenkomst"), required=False)
    guidance = forms.CharField(
        label=_("Toelichting voor de consultant"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ClauseVersionForm(CrispyMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    text = forms.CharField(label=_("Tekst"), max_length=50000, widget=forms.Textarea(attrs={"rows": 8}))
    change_note = forms.CharField(
        label=_("Wat er verandert"),
        required=False,
        max_length=300,
        help_text=_("Kort, voor wie later vergelijkt."),
    )
    expected_number = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31)


class AdaptForm(forms.Form):
    local_government = SafeModelChoiceField(
        label=_("Lokaal bestuur"),
        queryset=LocalGovernment.objects.none(),
        empty_label=_("Kies een lokaal bestuur"),
        error_messages={"invalid_choice": _("Kies een lokaal bestuur uit de lijst.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["local_government"]
        field.queryset = LocalGovernment.objects.with_role(user, Role.CONSULTANT)
        field.widget.attrs["class"] = "form-select"
        if self.is_bound and self.errors.get("local_government"):
            field.widget.attrs["class"] = "form-select is-invalid"
            field.widget.attrs["aria-describedby"] = f"{self['local_government'].id_for_label}-fout"
