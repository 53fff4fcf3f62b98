"""Forms of the staff survey: they parse and present; the rules live in scans/services/survey.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.forms import CrispyMixin

from .forms_vvsg import VersionField
from .models import Organisation, SurveyQuestion
from .services.survey import MAX_OPEN_ANSWER, MAX_QUESTION_TEXT

SCORE_LABELS = {
    1: _("helemaal oneens"),
    2: _("oneens"),
    3: _("neutraal"),
    4: _("eens"),
    5: _("helemaal eens"),
}


class SurveyForm(CrispyMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    introduction = forms.CharField(
        label=_("Inleiding voor de medewerkers"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Wat de medewerkers lezen boven de vragen: waarom u het vraagt, dat het anoniem is en hoe lang "
            "het duurt."
        ),
    )
    version = VersionField()


class SurveyQuestionForm(CrispyMixin, forms.Form):
    text = forms.CharField(
        label=_("Vraag"),
        max_length=MAX_QUESTION_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Bij een score: schrijf een stelling, de medewerker antwoordt van 1 (helemaal oneens) tot 5 "
            "(helemaal eens)."
        ),
    )
    kind = forms.ChoiceField(
        label=_("Soort antwoord"), choices=SurveyQuestion.Kind.choices, widget=forms.RadioSelect
    )
    topic = forms.ChoiceField(label=_("Onderwerp"), choices=SurveyQuestion.Topic.choices)


class InviteForm(forms.Form):
    organisation = forms.ChoiceField(
        label=_("Organisatie"),
        choices=[(o.value, o.label) for o in (Organisation.GEMEENTE, Organisation.OCMW)],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de gemeente of het OCMW.")},
    )
    department = forms.CharField(
        label=_("Dienst"),
        required=False,
        max_length=100,
        help_text=_(
            "Bijvoorbeeld Technische dienst. De resultaten tonen elke dienst met minstens vijf antwoorden "
            "apart; kleinere diensten worden samengevoegd."
        ),
    )
    emails = forms.CharField(
        label=_("E-mailadressen"),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "autocomplete": "off"}),
        help_text=_(
            "Eén adres per regel, of gescheiden door ; of , (zoals u ze uit uw e-mailprogramma kopieert). "
            "Dubbele adressen worden overgeslagen."
        ),
        error_messages={"required": _("Plak minstens één e-mailadres, één per regel.")},
    )

    def __init__(self, *args, local_government=None, **kwargs):
        super().__init__(*args, **kwargs)
        if local_government is not None:
            self.fields["organisation"].choices = [
                (Organisation.GEMEENTE.value, local_government.gemeente_name or Organisation.GEMEENTE.label),
                (Organisation.OCMW.value, local_government.ocmw_name or Organisation.OCMW.label),
            ]


class ResponseForm(forms.Form):
    """One field per question: "q<pk>". Score questions are required radio groups 1..5."""

    def __init__(self, *args, questions: list[SurveyQuestion], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            name = f"q{question.pk}"
            if question.kind == SurveyQuestion.Kind.SCORE:
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=list(SCORE_LABELS.items()),
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": _("Kies een score van 1 (helemaal oneens) tot 5 (helemaal eens)."),
                        "invalid_choice": _("Een score ligt tussen 1 en 5."),
                    },
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=MAX_OPEN_ANSWER,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    error_messages={
                        "max_length": _(
                            "Een antwoord telt hoogstens %(limit_value)d tekens (nu %(show_value)d)."
                        )
                    },
                )

    def rows(self):
        """(question, bound field) in the order of the survey, for the template."""
        return [(question, self[f"q{question.pk}"]) for question in self.questions]

    def answers(self) -> dict[int, int | str]:
        return {question.pk: self.cleaned_data.get(f"q{question.pk}") for question in self.questions}
