"""The advice on the cooperation scenario, drawn from the scan by a small, explainable rule set.

The consultant confirms the advice or overrides it with a reason (scans.services.results). The rules, on
scores from 1 (weak) to 5 (strong); "draagvlak" is the interview theme *Draagvlak voor samenwerking*,
"richting" the theme *Gewenste richting*, "processen" the theme *Verschillen in werkwijzen en processen*
(5: the processes of both organisations fit well), each the average of all scored answers:

0. Too few data. Without scored answers on draagvlak and on richting there is no advice: the advice says
   what is missing and recommends nothing.
1. **Informeel** when support is low: draagvlak below 2,5, or the staff survey's support questions below
   2,5 (counted only from 5 responses on). Build trust and support first, bottom-up between colleagues.
2. **Projectmatig** when there is support but no shared direction: richting below 3. Quick wins build a
   common perspective.
3. **Programmatorisch** when support is strong and the direction shared (draagvlak and richting both at
   least 3,5), integration (feitelijke integratie or formele overdracht as total scenario) is decided for
   at least a third of the assessed services (services with a total scenario; at least one), and the
   working methods do not differ widely (processen at least 2,5 when scored, and at most half of the
   services with a known working method work differently at gemeente and OCMW).
4. **Pragmatisch met projectbeheer** otherwise: support and direction are there, but the working methods
   differ widely, few services have a decided integration, or support or direction is not yet strong.

Every reason is a sentence that cites the figure it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from programmes.models import Scenario

from .charts import round1
from .models import Theme, WorkingMethods
from .results import MIN_GROUP_SIZE, ScanResults, Score

LOW_SUPPORT = 2.5
SHARED_DIRECTION = 3.0
STRONG = 3.5
PROCESSES_APART = 2.5
INTEGRATED_SHARE = 1 / 3
DIFFERENT_SHARE = 0.5


@dataclass
class Signals:
    """The figures the advice rests on (None: not scored yet)."""

    support: Score
    support_gemeente: float | None
    support_ocmw: float | None
    direction: Score
    direction_gemeente: float | None
    direction_ocmw: float | None
    processes: Score
    survey_support: float | None
    survey_responses: int
    services_total: int
    services_assessed: int
    services_integrated: int
    services_methods_known: int
    services_different: int

    @property
    def integrated_share(self) -> float | None:
        return self.services_integrated / self.services_assessed if self.services_assessed else None

    @property
    def different_share(self) -> float | None:
        return self.services_different / self.services_methods_known if self.services_methods_known else None

    @property
    def methods_apart(self) -> bool:
        """The working methods of gemeente and OCMW differ widely."""
        processes = self.processes.average
        share = self.different_share
        return (processes is not None and processes < PROCESSES_APART) or (
            share is not None and share > DIFFERENT_SHARE
        )


@dataclass
class Advice:
    scenario: str  # a programmes.models.Scenario value, or "" when the data do not allow an advice
    reasons: list[str]
    signals: Signals
    rule: int = 0  # the rule of the module docstring that decided (0: too few data)
    missing: list[str] = field(default_factory=list)

    @property
    def has_advice(self) -> bool:
        return bool(self.scenario)

    @property
    def label(self) -> str:
        return str(Scenario(self.scenario).label) if self.scenario else ""


def fmt(value: float) -> str:
    """A score as the reader writes it: one decimal, a decimal comma in Dutch."""
    return number_format(round1(value), 1)


def _join(items: list[str]) -> str:
    """ "a, b en c"."""
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s en %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def signals_from(results: ScanResults) -> Signals:
    support = results.theme(Theme.SUPPORT)
    direction = results.theme(Theme.DIRECTION)
    processes = results.theme(Theme.WORKING_METHODS)
    assessed = results.assessed_services
    known = [s for s in results.services if s.working_methods]
    return Signals(
        support=support.overall,
        support_gemeente=support.gemeente.average,
        support_ocmw=support.ocmw.average,
        direction=direction.overall,
        direction_gemeente=direction.gemeente.average,
        direction_ocmw=direction.ocmw.average,
        processes=processes.overall,
        survey_support=results.survey_support.average,
        survey_responses=results.survey_support.responses,
        services_total=len(results.services),
        services_assessed=len(assessed),
        services_integrated=sum(1 for s in assessed if s.integration_decided),
        services_methods_known=len(known),
        services_different=sum(1 for s in known if s.working_methods == WorkingMethods.DIFFERENT),
    )


def _by_side(gemeente: float | None, ocmw: float | None) -> str:
    g = fmt(gemeente) if gemeente is not None else _("nog geen score")
    o = fmt(ocmw) if ocmw is not None else _("nog geen score")
    return _("gemeente %(g)s, OCMW %(o)s") % {"g": g, "o": o}


def _support_sentence(s: Signals) -> str:
    if s.support_gemeente is not None and s.support_ocmw is not None:
        return _(
            "Het draagvlak scoort gemiddeld %(g)s op 5 bij de gemeente en %(o)s bij het OCMW "
            "(samen %(all)s, uit %(n)s antwoorden)."
        ) % {
            "g": fmt(s.support_gemeente),
            "o": fmt(s.support_ocmw),
            "all": fmt(s.support.average),
            "n": s.support.n,
        }
    return _("Het draagvlak scoort gemiddeld %(all)s op 5 (%(sides)s; %(n)s antwoorden).") % {
        "all": fmt(s.support.average),
        "sides": _by_side(s.support_gemeente, s.support_ocmw),
        "n": s.support.n,
    }


def _direction_sentence(s: Signals) -> str:
    return _(
        "De mate waarin de sleutelfiguren hetzelfde einddoel zien, scoort gemiddeld %(all)s op 5 (%(sides)s)."
    ) % {"all": fmt(s.direction.average), "sides": _by_side(s.direction_gemeente, s.direction_ocmw)}


def _survey_sentence(s: Signals) -> str | None:
    if s.survey_support is None:
        if 0 < s.survey_responses < MIN_GROUP_SIZE:
            return _(
                "De personeelsbevraging telt nog te weinig antwoorden (%(n)s, minstens %(min)s nodig) "
                "om mee te wegen."
            ) % {"n": s.survey_responses, "min": MIN_GROUP_SIZE}
        return None
    return _(
        "De medewerkers geven het draagvlak in de personeelsbevraging gemiddeld %(avg)s op 5 "
        "(%(n)s antwoorden)."
    ) % {
        "avg": fmt(s.survey_support),
        "n": s.survey_responses,
    }


def _integration_sentence(s: Signals) -> str:
    if not s.services_assessed:
        return _(
            "Voor geen enkele van de %(total)s ondersteunende diensten is al een totaalscenario gekozen, "
            "dus nog nergens een integratie beslist."
        ) % {"total": s.services_total}
    return ngettext(
        "Voor %(n)s van de %(assessed)s beoordeelde dienst is een feitelijke integratie of formele "
        "overdracht beslist (%(pct)s %%).",
        "Voor %(n)s van de %(assessed)s beoordeelde diensten is een feitelijke integratie of formele "
        "overdracht beslist (%(pct)s %%).",
        s.services_assessed,
    ) % {"n": s.services_integrated, "assessed": s.services_assessed, "pct": round(100 * s.integrated_share)}


def _methods_sentences(s: Signals) -> list[str]:
    sentences = []
    if s.processes.average is not None:
        sentences.append(
            _("De processen van beide organisaties sluiten gemiddeld %(avg)s op 5 op elkaar aan.")
            % {"avg": fmt(s.processes.average)}
        )
    if s.services_methods_known:
        sentences.append(
            ngettext(
                "Bij %(n)s van de %(known)s dienst met een gekende werkwijze werken gemeente en OCMW "
                "verschillend.",
                "Bij %(n)s van de %(known)s diensten met een gekende werkwijze werken gemeente en OCMW "
                "verschillend.",
                s.services_methods_known,
            )
            % {"n": s.services_different, "known": s.services_methods_known}
        )
    return sentences


def scenario_advice(results: ScanResults) -> Advice:
    """Which of the four scenarios the scan points to, and why (rules: see the module docstring)."""
    s = signals_from(results)
    survey = _survey_sentence(s)

    # 0. Too few data
    missing = []
    if not s.support.n:
        missing.append(_("scores over het draagvlak voor samenwerking"))
    if not s.direction.n:
        missing.append(_("scores over de gewenste richting"))
    if missing:
        if results.scored_answers:
            lead = _("Er zijn te weinig gegevens voor een advies: er ontbreken nog %(what)s.") % {
                "what": _join(missing)
            }
        else:
            lead = _(
                "Er zijn te weinig gegevens voor een advies: er zijn nog geen interviews met scores. "
                "Neem eerst interviews af met bevoorrechte getuigen en noteer hun scores."
            )
        return Advice(scenario="", reasons=[lead], signals=s, rule=0, missing=missing)

    support, direction = s.support.average, s.direction.average

    # 1. Informeel: too little support
    low_interviews = support < LOW_SUPPORT
    low_survey = s.survey_support is not None and s.survey_support < LOW_SUPPORT
    if low_interviews or low_survey:
        reasons = [_support_sentence(s)]
        if survey:
            reasons.append(survey)
        if low_interviews:
            reasons.append(
                _("Dat ligt onder %(limit)s: er is te weinig draagvlak voor een gestructureerde aanpak.")
                % {"limit": fmt(LOW_SUPPORT)}
            )
        else:
            reasons.append(
                _("Bij de medewerkers ligt het draagvlak onder %(limit)s.") % {"limit": fmt(LOW_SUPPORT)}
            )
        reasons.append(
            _(
                "Bouw eerst vertrouwen en draagvlak op met informele samenwerking tussen collega's: kennis "
                "delen, elkaar helpen, dezelfde leveranciers kiezen."
            )
        )
        return Advice(scenario=Scenario.INFORMAL, reasons=reasons, signals=s, rule=1)

    # 2. Projectmatig: support, but no shared direction
    if direction < SHARED_DIRECTION:
        reasons = [_support_sentence(s)]
        if survey:
            reasons.append(survey)
        reasons.append(_direction_sentence(s))
        reasons.append(
            _(
                "Er is draagvlak, maar onder %(limit)s is er nog geen gedeelde richting. Snelle, zichtbare "
                "projecten (quick wins) helpen een gemeenschappelijk perspectief op te bouwen."
            )
            % {"limit": fmt(SHARED_DIRECTION)}
        )
        return Advice(scenario=Scenario.PROJECT_BASED, reasons=reasons, signals=s, rule=2)

    reasons = [_support_sentence(s)]
    if survey:
        reasons.append(survey)
    reasons.append(_direction_sentence(s))
    reasons.append(_integration_sentence(s))
    reasons.extend(_methods_sentences(s))

    # 3. Programmatorisch: strong support, shared direction, integration decided, methods not far apart
    share = s.integrated_share
    integrated_enough = share is not None and share >= INTEGRATED_SHARE - 1e-9
    if support >= STRONG and direction >= STRONG and integrated_enough and not s.methods_apart:
        reasons.append(
            _(
                "Sterk draagvlak, een gedeeld einddoel en besliste integraties voor minstens een derde "
                "van de diensten: leg eerst de gedeelde visie op de hele samenwerking vast en stuur alle "
                "projecten en hun afhankelijkheden vanuit één programma."
            )
        )
        return Advice(scenario=Scenario.PROGRAMMATIC, reasons=reasons, signals=s, rule=3)

    # 4. Pragmatisch met projectbeheer
    why_not = []
    if support < STRONG:
        why_not.append(_("het draagvlak is nog niet sterk (minder dan %(limit)s)") % {"limit": fmt(STRONG)})
    if direction < STRONG:
        why_not.append(
            _("het einddoel is nog niet breed gedeeld (minder dan %(limit)s)") % {"limit": fmt(STRONG)}
        )
    if not integrated_enough:
        why_not.append(_("voor minder dan een derde van de beoordeelde diensten is een integratie beslist"))
    if s.methods_apart:
        why_not.append(_("de werkwijzen van gemeente en OCMW verschillen sterk"))
    reasons.append(
        _(
            "Er is draagvlak en een gedeelde richting, maar %(why)s. Pak de samenwerking aan met een echte "
            "projectmethode: eerst analyse en draagvlak per project, een formeel goedgekeurd projectvoorstel "
            "en -plan, en voldoende capaciteit."
        )
        % {"why": _join(why_not)}
    )
    return Advice(scenario=Scenario.PRAGMATIC, reasons=reasons, signals=s, rule=4)


# What each scenario means, in one sentence (shown beside the choice on the results page).
SCENARIO_DESCRIPTIONS = {
    Scenario.INFORMAL: gettext_lazy(
        "Samenwerking die van onderuit groeit tussen collega's, zonder juridisch kader: kennis delen, elkaar "
        "helpen, dezelfde leveranciers kiezen."
    ),
    Scenario.PROJECT_BASED: gettext_lazy(
        "Van bovenaf, pragmatisch en gedreven door kansen: snel resultaat, maar weinig structuur."
    ),
    Scenario.PRAGMATIC: gettext_lazy(
        "Projecten met een echte projectmethode: eerst analyse en draagvlak, een formeel goedgekeurd "
        "projectvoorstel en -plan, dan de uitvoering."
    ),
    Scenario.PROGRAMMATIC: gettext_lazy(
        "Eerst een breed gedeelde visie op de hele samenwerking, dan één programma dat alle projecten en hun "
        "afhankelijkheden stuurt."
    ),
}


def scenario_choices(advice: Advice) -> list[dict]:
    """The four scenarios for the choice on the results page, the advised one marked."""
    return [
        {
            "value": value,
            "label": str(label),
            "description": str(SCENARIO_DESCRIPTIONS[value]),
            "advised": value == advice.scenario,
        }
        for value, label in Scenario.choices
    ]
