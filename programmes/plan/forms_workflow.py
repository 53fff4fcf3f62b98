"""Forms of the plan's workflow: the director's decision."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DecisionForm(forms.Form):
    APPROVE, REJECT = "approve", "reject"

    comment = forms.CharField(
        label=_("Opmerking voor de consultant"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verplicht bij afkeuren: zeg wat er moet veranderen."),
    )
    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Goedkeuren")), (REJECT, _("Afkeuren"))],
        error_messages={
            "required": _("Kies goedkeuren of afkeuren."),
            "invalid_choice": _("Kies goedkeuren of afkeuren."),
        },
    )
