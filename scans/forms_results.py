"""The form of the results page: confirm or override the advised scenario. It only parses; the rule (a
reason when the choice differs from the advice) lives in scans/services/results.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.models import Scenario

from .services.results import MAX_REASON_LENGTH


class ScenarioForm(forms.Form):
    scenario = forms.ChoiceField(
        label=_("Samenwerkingsscenario"),
        choices=Scenario.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een van de vier samenwerkingsscenario's."),
            "invalid_choice": _("Kies een van de vier samenwerkingsscenario's."),
        },
    )
    reason = forms.CharField(
        label=_("Motivering"),
        required=False,
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Verplicht als u afwijkt van het advies. Het rapport en het traject tonen deze motivering."
        ),
        error_messages={
            "max_length": _("Houd de motivering korter dan %(limit_value)s tekens (nu %(show_value)s).")
        },
    )
