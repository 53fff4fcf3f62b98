"""scans.advice: four hand-made scans, four scenarios, each with reasons that cite their figures."""

import pytest

from programmes.models import Scenario
from scans.advice import scenario_advice
from scans.models import Organisation, OrganisationForm, Theme, WorkingMethods
from scans.results import scan_results
from tests.scans.factories_results import (
    WitnessFactory,
    interview_with_scores,
    set_services,
    survey_responses,
)


def _interviews(scan, consultant, gemeente: dict, ocmw: dict) -> None:
    for organisation, scores in ((Organisation.GEMEENTE, gemeente), (Organisation.OCMW, ocmw)):
        witness = WitnessFactory(scan=scan, organisation=organisation)
        interview_with_scores(scan, consultant, witness, scores)


def _advice(scan):
    return scenario_advice(scan_results(scan))


def test_too_few_data_recommends_nothing(scan_a):
    advice = _advice(scan_a)
    assert advice.scenario == "" and not advice.has_advice and advice.rule == 0
    assert "te weinig gegevens" in advice.reasons[0] and "nog geen interviews met scores" in advice.reasons[0]


def test_scores_without_direction_say_what_is_missing(scan_a, consultant_a):
    _interviews(scan_a, consultant_a, {Theme.SUPPORT: 4}, {Theme.SUPPORT: 4})
    advice = _advice(scan_a)
    assert not advice.has_advice
    assert advice.reasons == [
        "Er zijn te weinig gegevens voor een advies: er ontbreken nog scores over de gewenste richting."
    ]


def test_low_support_gives_informal(scan_a, consultant_a):
    _interviews(
        scan_a,
        consultant_a,
        {Theme.SUPPORT: [3, 2], Theme.DIRECTION: 4},
        {Theme.SUPPORT: 2, Theme.DIRECTION: 4},
    )
    advice = _advice(scan_a)
    assert advice.scenario == Scenario.INFORMAL and advice.label == "Informeel" and advice.rule == 1
    assert advice.reasons[0] == (
        "Het draagvlak scoort gemiddeld 2,5 op 5 bij de gemeente en 2,0 bij het OCMW "
        "(samen 2,3, uit 4 antwoorden)."
    )
    assert any("onder 2,5" in reason for reason in advice.reasons)
    assert any("vertrouwen" in reason for reason in advice.reasons)


def test_low_survey_support_also_gives_informal(scan_a, consultant_a):
    _interviews(
        scan_a, consultant_a, {Theme.SUPPORT: 4, Theme.DIRECTION: 4}, {Theme.SUPPORT: 4, Theme.DIRECTION: 4}
    )
    survey_responses(scan_a, [2, 2, 2, 1, 3])
    advice = _advice(scan_a)
    assert advice.scenario == Scenario.INFORMAL
    assert (
        "De medewerkers geven het draagvlak in de personeelsbevraging gemiddeld 2,0 op 5 (5 antwoorden)."
        in (advice.reasons)
    )


def test_support_without_direction_gives_project_based(scan_a, consultant_a):
    _interviews(
        scan_a, consultant_a, {Theme.SUPPORT: 4, Theme.DIRECTION: 3}, {Theme.SUPPORT: 3, Theme.DIRECTION: 2}
    )
    advice = _advice(scan_a)
    assert advice.scenario == Scenario.PROJECT_BASED and advice.label == "Projectmatig"
    assert "gemeente 3,0, OCMW 2,0" in advice.reasons[1]
    assert "quick wins" in advice.reasons[-1] and "onder 3,0" in advice.reasons[-1]


def test_support_and_direction_with_few_integrations_gives_pragmatic(scan_a, consultant_a):
    _interviews(
        scan_a,
        consultant_a,
        {Theme.SUPPORT: 4, Theme.DIRECTION: 4, Theme.WORKING_METHODS: 4},
        {Theme.SUPPORT: 4, Theme.DIRECTION: 4, Theme.WORKING_METHODS: 4},
    )
    set_services(
        scan_a,
        [{"total_scenario": OrganisationForm.INTEGRATION, "working_methods": WorkingMethods.SAME}]
        + [{"total_scenario": OrganisationForm.STRUCTURED, "working_methods": WorkingMethods.SAME}] * 3,
    )
    advice = _advice(scan_a)
    assert advice.scenario == Scenario.PRAGMATIC and advice.label == "Pragmatisch met projectbeheer"
    assert (
        "Voor 1 van de 4 beoordeelde diensten is een feitelijke integratie of formele overdracht "
        "beslist (25 %)." in advice.reasons
    )
    assert "minder dan een derde" in advice.reasons[-1]


def test_differing_working_methods_keep_it_pragmatic(scan_a, consultant_a):
    _interviews(
        scan_a,
        consultant_a,
        {Theme.SUPPORT: 4, Theme.DIRECTION: 4, Theme.WORKING_METHODS: 2},
        {Theme.SUPPORT: 4, Theme.DIRECTION: 4, Theme.WORKING_METHODS: 2},
    )
    set_services(
        scan_a,
        [{"total_scenario": OrganisationForm.INTEGRATION, "working_methods": WorkingMethods.DIFFERENT}],
    )
    advice = _advice(scan_a)
    assert advice.scenario == Scenario.PRAGMATIC
    assert "De processen van beide organisaties sluiten gemiddeld 2,0 op 5 op elkaar aan." in advice.reasons
    assert "werkwijzen van gemeente en OCMW verschillen sterk" in advice.reasons[-1]


def test_strong_support_direction_and_integration_gives_programmatic(scan_a, consultant_a):
    _interviews(
        scan_a,
        consultant_a,
        {Theme.SUPPORT: 4, Theme.DIRECTION: 4, Theme.WORKING_METHODS: 3},
        {Theme.SUPPORT: [4, 3], Theme.DIRECTION: 4, Theme.WORKING_METHODS: 3},
    )
    set_services(
        scan_a,
        [
            {"total_scenario": OrganisationForm.INTEGRATION, "working_methods": WorkingMethods.SAME},
            {"total_scenario": OrganisationForm.FORMAL_TRANSFER, "working_methods": WorkingMethods.DIFFERENT},
            {"total_scenario": OrganisationForm.STRUCTURED, "working_methods": WorkingMethods.SAME},
        ],
    )
    survey_responses(scan_a, [4, 4, 4, 3, 5])
    advice = _advice(scan_a)
    assert (
        advice.scenario == Scenario.PROGRAMMATIC and advice.label == "Programmatorisch" and advice.rule == 3
    )
    assert advice.reasons[0].startswith(
        "Het draagvlak scoort gemiddeld 4,0 op 5 bij de gemeente en 3,5 bij het OCMW"
    )
    assert (
        "Voor 2 van de 3 beoordeelde diensten is een feitelijke integratie of formele overdracht "
        "beslist (67 %)." in (advice.reasons)
    )
    assert "één programma" in advice.reasons[-1]
    assert advice.signals.survey_support == pytest.approx(4.0)


def test_reasons_follow_the_language(scan_a, consultant_a):
    from django.utils import translation

    _interviews(
        scan_a, consultant_a, {Theme.SUPPORT: 2, Theme.DIRECTION: 4}, {Theme.SUPPORT: 2, Theme.DIRECTION: 4}
    )
    with translation.override("en"):
        advice = _advice(scan_a)
    assert advice.scenario == Scenario.INFORMAL
    assert all(isinstance(reason, str) and reason for reason in advice.reasons)
