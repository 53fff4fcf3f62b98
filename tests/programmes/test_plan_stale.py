"""Two people editing the same row of a plan: the second save is refused with what changed, nothing typed
is lost, and saving again after a look goes through. One test per kind of row (intended result, balance
item, financial line, phase, action), through the edit form as a consultant would meet it, and the
services refusing an unknown or old edit_version."""

import datetime
import html
from decimal import Decimal

import pytest
from django.urls import reverse

from programmes.models import Action, Angle, FinancialLine, IntendedResult, Phase
from programmes.plan import actions as services
from programmes.plan import target
from programmes.plan.actions import ActionData
from programmes.plan.stale import StaleRowError
from programmes.plan.workflow import plan_start
from programmes.services import StaleEditError

pytestmark = pytest.mark.django_db

D = datetime.date
REFUSED = "Intussen gewijzigd door iemand anders"


@pytest.fixture
def version(consultant_a, programme_a):
    return plan_start(user=consultant_a, programme=programme_a)


@pytest.fixture
def phase(version, consultant_a):
    return services.phase_add(user=consultant_a, version=version, name="Voorbereiding")


@pytest.fixture
def action(phase, consultant_a):
    return services.action_add(
        user=consultant_a,
        phase=phase,
        data=ActionData(title="Stuurgroep oprichten", start=D(2026, 1, 5), end=D(2026, 2, 27)),
    )


def _text(response) -> str:
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def _refused(response, *, theirs: str, yours: str) -> str:
    """The page after a refused save: the warning, the stored value beside the typed one."""
    assert response.status_code == 200
    text = _text(response)
    assert REFUSED in text and "niet opgeslagen" in text
    assert theirs in text and yours in text
    return text


def test_result_second_save_refused_and_kept(client, consultant_a, version):
    result = target.result_add(user=consultant_a, version=version, angle=Angle.STRATEGIC, text="Eén loket")
    opened = result.edit_version
    target.result_update(
        user=consultant_a,
        result=result,
        expected_version=opened,
        angle=Angle.STRATEGIC,
        text="Collega's tekst",
    )
    client.force_login(consultant_a)
    url = reverse("programmes:plan_result_edit", args=[result.pk])
    typed = {"angle": Angle.STRATEGIC, "text": "Mijn tekst", "edit_version": opened}
    text = _refused(client.post(url, typed), theirs="Collega's tekst", yours="Mijn tekst")
    assert "Mijn tekst</textarea>" in text  # what was typed is still in the field
    assert IntendedResult.objects.get(pk=result.pk).text == "Collega's tekst"
    # after the look, saving again goes through: the form now carries the stored edit_version
    assert f'name="edit_version" value="{opened + 1}"' in text
    assert client.post(url, {**typed, "edit_version": opened + 1}).status_code == 302
    assert IntendedResult.objects.get(pk=result.pk).text == "Mijn tekst"


def test_balance_item_second_save_refused_and_kept(client, consultant_a, version):
    item = target.balance_add(user=consultant_a, version=version, domain="ICT", factor="efficiency", weight=4)
    opened = item.edit_version
    target.balance_update(
        user=consultant_a, item=item, expected_version=opened, domain="ICT", factor="efficiency", weight=2
    )
    client.force_login(consultant_a)
    url = reverse("programmes:plan_balance_edit", args=[item.pk])
    typed = {"domain": "ICT", "factor": "efficiency", "weight": "5", "note": "Mijn toelichting"}
    text = _refused(client.post(url, {**typed, "edit_version": opened}), theirs="2", yours="Mijn toelichting")
    assert "Gewicht" in text and "Mijn toelichting</textarea>" in text
    item.refresh_from_db()
    assert (item.weight, item.note) == (2, "")


def test_financial_line_second_save_refused_and_kept(client, consultant_a, version):
    line = target.financial_add(
        user=consultant_a, version=version, year=2026, kind="joint_investment", description="ICT", amount=10
    )
    opened = line.edit_version
    target.financial_update(
        user=consultant_a,
        line=line,
        expected_version=opened,
        year=2026,
        kind="joint_investment",
        description="ICT",
        amount=Decimal("12500.50"),
    )
    client.force_login(consultant_a)
    url = reverse("programmes:plan_financial_edit", args=[line.pk])
    typed = {"year": "2026", "kind": "joint_investment", "description": "ICT", "amount": "9.999,99"}
    text = _refused(
        client.post(url, {**typed, "edit_version": opened}), theirs="€ 12.500,50", yours="€ 9.999,99"
    )
    assert 'value="9.999,99"' in text
    assert FinancialLine.objects.get(pk=line.pk).amount == Decimal("12500.50")


def test_phase_second_save_refused_and_kept(client, consultant_a, phase):
    opened = phase.edit_version
    services.phase_edit(user=consultant_a, phase=phase, expected_version=opened, name="Start")
    client.force_login(consultant_a)
    url = reverse("programmes:plan_phase_edit", args=[phase.pk])
    text = _refused(
        client.post(url, {"name": "Aanloop", "description": "", "edit_version": opened}),
        theirs="Start",
        yours="Aanloop",
    )
    assert 'value="Aanloop"' in text
    assert Phase.objects.get(pk=phase.pk).name == "Start"


def test_action_second_save_refused_and_kept(client, consultant_a, action):
    opened = action.edit_version
    services.action_edit(
        user=consultant_a,
        action=action,
        expected_version=opened,
        phase=action.phase,
        data=ActionData(title="Stuurgroep oprichten", start=D(2026, 1, 5), end=D(2026, 3, 31)),
    )
    client.force_login(consultant_a)
    url = reverse("programmes:plan_action_edit", args=[action.pk])
    typed = {
        "phase": action.phase_id,
        "title": "Stuurgroep samenstellen",
        "kind": "action",
        "start": "05/01/2026",
        "end": "27/02/2026",
        "planned_status": "todo",
        "edit_version": opened,
    }
    text = _refused(client.post(url, typed), theirs="31/03/2026", yours="27/02/2026")
    assert "Einde" in text and 'value="Stuurgroep samenstellen"' in text
    stored = Action.objects.get(pk=action.pk)
    assert (stored.title, stored.end) == ("Stuurgroep oprichten", D(2026, 3, 31))


def test_services_refuse_an_unknown_or_old_edit_version(consultant_a, phase, action):
    # a form without its edit_version (None) is a stale save too: better a second look than an overwrite
    with pytest.raises(StaleEditError):
        services.phase_edit(user=consultant_a, phase=phase, expected_version=None, name="Start")
    with pytest.raises(StaleRowError) as error:
        services.action_edit(
            user=consultant_a,
            action=action,
            expected_version=action.edit_version + 1,
            phase=action.phase,
            data=ActionData(title="Andere titel", start=action.start, end=action.end),
        )
    assert ("Titel", "Stuurgroep oprichten", "Andere titel") in error.value.changes
    assert "Iemand anders heeft deze actie intussen gewijzigd" in error.value.messages[0]
    assert Action.objects.get(pk=action.pk).title == "Stuurgroep oprichten"
    assert Phase.objects.get(pk=phase.pk).name == "Voorbereiding"
