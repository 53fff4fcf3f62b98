"""The starting material of every scan: the interview guide, the staff survey and the support services.
Each programme gets its own copy, which the consultant then adapts without touching other programmes.
"""

from django.utils.translation import gettext_lazy as _

from .models import SurveyQuestion, Theme

# (theme, question, asks a score): 5 means strong, favourable or well aligned, 1 the opposite.
INTERVIEW_GUIDE = [
    (Theme.STRENGTHS, _("Wat doet uw organisatie vandaag echt goed? Waar bent u trots op?"), False),
    (Theme.STRENGTHS, _("Hoe sterk staat uw organisatie in haar dienstverlening aan de burger?"), True),
    (Theme.STRENGTHS, _("Welke sterktes van de andere organisatie zou u graag overnemen?"), False),
    (Theme.SUPPORT, _("Hoeveel politiek draagvlak ervaart u voor een nauwere samenwerking?"), True),
    (Theme.SUPPORT, _("Hoeveel draagvlak ervaart u bij het management en de medewerkers?"), True),
    (Theme.SUPPORT, _("Wie trekt de kar, en wie houdt de rem erop? Waarom?"), False),
    (
        Theme.DIRECTION,
        _("Welke richting wilt u uit: losse afspraken, gedeelde diensten of één organisatie?"),
        False,
    ),
    (Theme.DIRECTION, _("In welke mate delen de sleutelfiguren hetzelfde beeld van het einddoel?"), True),
    (
        Theme.WORKING_METHODS,
        _("Waar verschillen de werkwijzen en processen van gemeente en OCMW het meest?"),
        False,
    ),
    (
        Theme.WORKING_METHODS,
        _("Hoe goed sluiten de processen van beide organisaties vandaag op elkaar aan?"),
        True,
    ),
    (Theme.HOUSING, _("Hoe zijn gemeente en OCMW vandaag gehuisvest, en wat knelt er?"), False),
    (Theme.HOUSING, _("In welke mate ondersteunt de huidige huisvesting een nauwere samenwerking?"), True),
]

SURVEY_TITLE = _("Bevraging over de samenwerking tussen gemeente en OCMW")
SURVEY_INTRODUCTION = _(
    "Gemeente en OCMW bekijken hoe ze nauwer kunnen samenwerken. Uw mening telt. De bevraging duurt "
    "ongeveer vijf minuten en is anoniem: niemand kan zien wat u antwoordde."
)
SURVEY_QUESTIONS = [
    (
        SurveyQuestion.Topic.SUPPORT,
        SurveyQuestion.Kind.SCORE,
        _("Ik sta achter een nauwere samenwerking tussen gemeente en OCMW."),
    ),
    (
        SurveyQuestion.Topic.SUPPORT,
        SurveyQuestion.Kind.SCORE,
        _("Ik begrijp waarom het bestuur deze samenwerking wil."),
    ),
    (
        SurveyQuestion.Topic.SUPPORT,
        SurveyQuestion.Kind.SCORE,
        _("Ik heb vertrouwen in de manier waarop de verandering wordt aangepakt."),
    ),
    (
        SurveyQuestion.Topic.WORRIES,
        SurveyQuestion.Kind.OPEN,
        _("Wat zijn uw grootste zorgen bij deze samenwerking?"),
    ),
    (
        SurveyQuestion.Topic.IDEAS,
        SurveyQuestion.Kind.OPEN,
        _("Welke ideeën hebt u om de samenwerking te laten slagen?"),
    ),
]

SUPPORT_SERVICES = [
    _("ICT"),
    _("Communicatie"),
    _("Technische dienst"),
    _("Personeel en HR"),
    _("Financiën"),
    _("Interne preventie"),
    _("Secretariaat"),
    _("Aankoop"),
    _("Juridische dienst"),
    _("Archief"),
]
