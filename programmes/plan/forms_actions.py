"""Forms of the action plan: they parse and present; the rules live in programmes/plan/actions.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import CrispyMixin, DateInput, SafeModelChoiceField
from ..models import Action, ActionKind, ActionStatus, Phase, Plan, PlanVersion
from .actions import ActionData, owner_queryset
from .forms_target import EditVersionField

DATE_ERRORS = {
    "invalid": _("Geef een geldige datum in de vorm dd/mm/jjjj, bijvoorbeeld 01/09/2026."),
    "required": _("Geef een datum in de vorm dd/mm/jjjj."),
}


class PhaseForm(CrispyMixin, forms.Form):
    name = forms.CharField(
        label=_("Naam van de fase"),
        max_length=150,
        help_text=_("Bijvoorbeeld ‘Voorbereiding’ of ‘Integratie van de ondersteunende diensten’."),
        error_messages={
            "required": _("Geef de fase een naam."),
            "max_length": _("Een fase heeft een naam van hoogstens 150 tekens."),
        },
    )
    description = forms.CharField(
        label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    edit_version = EditVersionField()  # the phase's, when an edit form was opened (optimistic locking)


class OwnerChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class PhaseChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ActionForm(CrispyMixin, forms.Form):
    phase = PhaseChoiceField(
        label=_("Fase"),
        queryset=Phase.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Kies een fase van deze versie van het plan.")},
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        error_messages={
            "required": _("Geef de actie een titel."),
            "max_length": _("Een titel heeft hoogstens 200 tekens."),
        },
    )
    description = forms.CharField(
        label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=ActionKind.choices,
        error_messages={"invalid_choice": _("Kies een soort uit de lijst.")},
    )
    owner = OwnerChoiceField(
        label=_("Trekker in Tandem"),
        queryset=Plan.objects.none(),
        required=False,
        empty_label=_("Geen gebruiker van Tandem"),
        help_text=_("Deze gebruiker van het lokaal bestuur kan de stand van de actie zelf bijwerken."),
        error_messages={"invalid_choice": _("Kies een gebruiker van dit lokaal bestuur.")},
    )
    owner_name = forms.CharField(
        label=_("Of: naam van de trekker"),
        max_length=150,
        required=False,
        help_text=_("Een persoon of dienst zonder account, bijvoorbeeld ‘Dienst personeel’."),
        error_messages={"max_length": _("De naam van de trekker heeft hoogstens 150 tekens.")},
    )
    start = forms.DateField(label=_("Start"), widget=DateInput(), error_messages=DATE_ERRORS)
    end = forms.DateField(label=_("Einde"), widget=DateInput(), error_messages=DATE_ERRORS)
    is_milestone = forms.BooleanField(
        label=_("Mijlpaal"),
        required=False,
        help_text=_("Mijlpalen staan in de agenda-link van het plan, op hun einddatum."),
    )
    is_quick_win = forms.BooleanField(
        label=_("Quick win"), required=False, help_text=_("Een zichtbare, haalbare eerste verandering.")
    )
    planned_status = forms.ChoiceField(
        label=_("Geplande status"),
        choices=ActionStatus.choices,
        help_text=_("De stand tot een trekker ze bijwerkt in de opvolging."),
        error_messages={"invalid_choice": _("Kies een status uit de lijst.")},
    )
    edit_version = EditVersionField()  # the action's, when an edit form was opened (optimistic locking)

    def __init__(self, *args, version: PlanVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = version.phases.order_by("position", "pk")
        self.fields["owner"].queryset = owner_queryset(version.plan)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error(
                "end",
                _("Het einde (%(end)s) ligt vóór de start (%(start)s). Kies een einde op of na de start.")
                % {"end": end.strftime("%d/%m/%Y"), "start": start.strftime("%d/%m/%Y")},
            )
        return data

    @classmethod
    def initial_from(cls, action: Action) -> dict:
        return {
            "phase": action.phase_id,
            "title": action.title,
            "description": action.description,
            "kind": action.kind,
            "owner": action.owner_id,
            "owner_name": action.owner_name,
            "start": action.start,
            "end": action.end,
            "is_milestone": action.is_milestone,
            "is_quick_win": action.is_quick_win,
            "planned_status": action.planned_status,
            "edit_version": action.edit_version,
        }

    def action_data(self) -> ActionData:
        d = self.cleaned_data
        return ActionData(
            title=d["title"],
            description=d["description"],
            kind=d["kind"],
            owner=d["owner"],
            owner_name=d["owner_name"],
            start=d["start"],
            end=d["end"],
            is_milestone=d["is_milestone"],
            is_quick_win=d["is_quick_win"],
            planned_status=d["planned_status"],
        )


class StatusUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Stand"),
        choices=ActionStatus.choices,
        error_messages={"invalid_choice": _("Kies een status uit de lijst.")},
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("Een toelichting heeft hoogstens 2000 tekens.")},
    )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("omhoog")), ("down", _("omlaag"))])
