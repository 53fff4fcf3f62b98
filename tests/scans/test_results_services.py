"""scans.services.results.scan_confirm_scenario, called directly."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from programmes.models import Programme, Scenario
from scans.services.results import scan_confirm_scenario
from tests.scans.factories_results import build_realistic_scan


@pytest.fixture
def realistic(scan_a, consultant_a):
    build_realistic_scan(scan_a, consultant_a)
    return scan_a


def test_confirming_the_advice_needs_no_reason(realistic, consultant_a):
    scan = scan_confirm_scenario(user=consultant_a, scan=realistic, scenario=Scenario.PRAGMATIC)
    assert scan.confirmed_scenario == Scenario.PRAGMATIC and scan.scenario_reason == ""
    assert scan.history.first().history_user == consultant_a
    programme = Programme.objects.get(pk=realistic.programme_id)
    assert programme.scenario == Scenario.PRAGMATIC
    assert (
        programme.history.first().history_change_reason
        == "Scenario volgens het advies van de organisatiescan"
    )


def test_override_needs_a_reason(realistic, consultant_a):
    with pytest.raises(ValidationError) as error:
        scan_confirm_scenario(user=consultant_a, scan=realistic, scenario=Scenario.INFORMAL, reason=" ")
    assert error.value.message_dict == {"reason": ["Geef aan waarom u afwijkt van het advies."]}
    realistic.refresh_from_db()
    assert realistic.confirmed_scenario == "" and realistic.version == 1


def test_without_advice_every_choice_needs_a_reason(scan_a, consultant_a):
    with pytest.raises(ValidationError) as error:
        scan_confirm_scenario(user=consultant_a, scan=scan_a, scenario=Scenario.INFORMAL)
    assert "Er is nog geen advies" in error.value.message_dict["reason"][0]
    scan = scan_confirm_scenario(
        user=consultant_a, scan=scan_a, scenario=Scenario.INFORMAL, reason="Eerst vertrouwen."
    )
    assert scan.scenario_reason == "Eerst vertrouwen."


def test_unknown_scenario_and_long_reason_refused(realistic, consultant_a):
    with pytest.raises(ValidationError) as error:
        scan_confirm_scenario(user=consultant_a, scan=realistic, scenario="guerrilla", reason="x")
    assert "scenario" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        scan_confirm_scenario(
            user=consultant_a, scan=realistic, scenario=Scenario.INFORMAL, reason="x" * 5001
        )
    assert "reason" in error.value.message_dict


@pytest.mark.parametrize("who", ["approver_a", "council_a", "consultant_b"])
def test_only_consultants_of_the_local_government(realistic, who, request):
    with pytest.raises(PermissionDenied):
        scan_confirm_scenario(user=request.getfixturevalue(who), scan=realistic, scenario=Scenario.PRAGMATIC)
    assert Programme.objects.get(pk=realistic.programme_id).scenario == ""
