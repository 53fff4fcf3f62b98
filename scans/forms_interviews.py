"""Forms of the interviews pages. They only parse and present: the rules live in
scans/services/interviews.py. Every choice field is scoped to the scan (its witnesses, its consultants)."""

from __future__ import annotations

from crispy_forms.layout import HTML, Field, Fieldset, Layout
from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from programmes.forms import CrispyMixin, DateInput, SafeModelChoiceField, pk_in_range

from .forms_vvsg import VersionField
from .models import Finding, Organisation, Scan, Theme, WitnessGroup
from .services import interviews as services

DATE_ERROR = _("Geef een geldige datum in de vorm dd/mm/jjjj, bijvoorbeeld 12/03/2026.")


class GuideQuestionForm(CrispyMixin, forms.Form):
    theme = forms.ChoiceField(label=_("Thema"), choices=Theme.choices)
    text = forms.CharField(
        label=_("Vraag"),
        max_length=services.QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Stel de vraag zoals u ze in het gesprek zou stellen."),
    )
    asks_score = forms.BooleanField(
        label=_("De getuige geeft ook een score van 1 (zeer zwak) tot 5 (zeer sterk)"), required=False
    )
    version = VersionField()


def pk_text_ok(value) -> bool:
    """Whether a posted primary key (not a form field, so not empty) can be looked up."""
    return bool(str(value).strip()) and pk_in_range(value)


class WitnessChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} – {obj.function} ({obj.get_group_display().lower()})"


class UserChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


def _witness_fields(prefix: str = "", *, required: bool = True) -> dict:
    return {
        f"{prefix}name": forms.CharField(label=_("Naam"), max_length=services.NAME_MAX, required=required),
        f"{prefix}function": forms.CharField(
            label=_("Functie"),
            max_length=services.NAME_MAX,
            required=required,
            help_text=_("Bijvoorbeeld: diensthoofd personeel, schepen van sociale zaken."),
        ),
        f"{prefix}organisation": forms.ChoiceField(
            label=_("Organisatie"),
            choices=Organisation.choices,
            widget=forms.RadioSelect,
            required=required,
        ),
        f"{prefix}group": forms.ChoiceField(
            label=_("Groep"),
            choices=[("", _("Kies een groep"))] + list(WitnessGroup.choices),
            required=required,
            help_text=_("Rapporten tonen enkel de groep, tenzij de getuige toestemming gaf."),
        ),
        f"{prefix}consents_to_quote": forms.BooleanField(
            label=_("Mag met naam geciteerd worden"),
            required=False,
            help_text=_(
                "Vraag het uitdrukkelijk. Zonder toestemming verschijnt enkel de groep in rapporten."
            ),
        ),
    }


class WitnessForm(CrispyMixin, forms.Form):
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_witness_fields())

    def data_object(self) -> services.WitnessData:
        data = self.cleaned_data
        return services.WitnessData(
            name=data["name"],
            function=data["function"],
            organisation=data["organisation"],
            group=data["group"],
            consents_to_quote=data["consents_to_quote"],
        )


class InterviewForm(CrispyMixin, forms.Form):
    """A new interview (with an existing or a new witness), or the details of an existing one."""

    witness = WitnessChoiceField(label=_("Getuige"), queryset=None, required=False)
    held_on = forms.DateField(
        label=_("Datum"),
        widget=DateInput(),
        help_text=_("In de vorm dd/mm/jjjj, bijvoorbeeld 12/03/2026."),
        error_messages={"invalid": DATE_ERROR},
    )
    interviewer = UserChoiceField(label=_("Interviewer"), queryset=None, empty_label=None)

    def __init__(self, *args, scan: Scan, new: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.new = new
        witnesses = scan.witnesses.order_by("name")
        self.fields["witness"].queryset = witnesses
        self.fields["interviewer"].queryset = services.interviewer_choices(scan)
        has_witnesses = witnesses.exists() if new else True
        if new:
            self.fields["witness"].label = _("Bestaande getuige")
            self.fields["witness"].empty_label = _("Een nieuwe getuige (hieronder)")
            self.fields.update(_witness_fields("witness_", required=False))
        else:
            self.fields["witness"].required = True
            self.fields["witness"].empty_label = _("Kies een getuige")
            self.fields["summary"] = forms.CharField(
                label=_("Algemene indruk"),
                required=False,
                max_length=services.NOTES_MAX,
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text=_("Wat blijft u bij uit dit gesprek? Dit blijft intern, bij de consultants."),
            )
        layout = []
        if new:
            new_fields = [
                Field("witness_name", autocomplete="off"),
                "witness_function",
                "witness_organisation",
                "witness_group",
                "witness_consents_to_quote",
            ]
            if has_witnesses:
                layout.append(
                    Fieldset(
                        _("Getuige"),
                        "witness",
                        HTML(
                            '<p class="form-text mt-n2">'
                            + escape(
                                _("Of laat dit op „een nieuwe getuige” en vul de gegevens hieronder in.")
                            )
                            + "</p>"
                        ),
                        css_class="mb-3",
                    )
                )
                layout.append(Fieldset(_("Nieuwe getuige"), *new_fields, css_class="new-witness mb-3"))
            else:
                del self.fields["witness"]
                layout.append(Fieldset(_("Getuige"), *new_fields, css_class="new-witness mb-3"))
            layout.append(Fieldset(_("Gesprek"), "held_on", "interviewer", css_class="mb-3"))
        else:
            layout = ["held_on", "witness", "interviewer", "summary"]
        self.helper.layout = Layout(*layout)

    def new_witness(self) -> services.WitnessData | None:
        """The new witness typed on the form, if any of its fields was filled in."""
        if not self.new:
            return None
        data = self.cleaned_data
        if not any(data.get(f"witness_{name}") for name in ("name", "function", "organisation", "group")):
            return None
        return services.WitnessData(
            name=data.get("witness_name", ""),
            function=data.get("witness_function", ""),
            organisation=data.get("witness_organisation", ""),
            group=data.get("witness_group", ""),
            consents_to_quote=data.get("witness_consents_to_quote", False),
        )


class FindingForm(CrispyMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=Finding.Kind.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Bevinding"),
        max_length=services.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén sterkte of één risico, in een of twee zinnen."),
    )
    theme = forms.ChoiceField(
        label=_("Thema"), choices=[("", _("Geen thema"))] + list(Theme.choices), required=False
    )
    quote = forms.CharField(
        label=_("Citaat"),
        required=False,
        max_length=services.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optioneel: een uitspraak uit een interview die de bevinding staaft."),
    )
    witness = WitnessChoiceField(
        label=_("Bron van het citaat"),
        queryset=None,
        required=False,
        help_text=_("Wie geen toestemming gaf, verschijnt voor lezers en in het rapport enkel als groep."),
    )
    is_key = forms.BooleanField(label=_("Kernbevinding"), required=False)
    version = VersionField()

    def __init__(self, *args, scan: Scan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["witness"].queryset = scan.witnesses.order_by("name")
        self.fields["witness"].empty_label = _("Geen bron")

    def data_object(self) -> services.FindingData:
        data = self.cleaned_data
        return services.FindingData(
            kind=data["kind"],
            text=data["text"],
            theme=data["theme"],
            quote=data["quote"],
            witness=data["witness"],
            is_key=data["is_key"],
        )
