"""The action plan pages through the client: what a user notices."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.models import Action, ActionUpdate, Phase
from programmes.plan import actions as services
from programmes.plan.actions import ActionData
from programmes.plan.workflow import plan_start

D = datetime.date


@pytest.fixture
def version(consultant_a, programme_a):
    return plan_start(user=consultant_a, programme=programme_a)


@pytest.fixture
def phase(version, consultant_a):
    return services.phase_add(user=consultant_a, version=version, name="Voorbereiding")


@pytest.fixture
def action(phase, consultant_a, council_a):
    return services.action_add(
        user=consultant_a,
        phase=phase,
        data=ActionData(
            title="Stuurgroep oprichten",
            start=D(2026, 1, 5),
            end=D(2026, 2, 27),
            is_milestone=True,
            owner=council_a,
        ),
    )


def add_actions(phase, consultant_a, n):
    for i in range(n):
        services.action_add(
            user=consultant_a,
            phase=phase,
            data=ActionData(
                title=f"Actie {i}", start=D(2026, 1, 1), end=D(2026, 1, 1) + datetime.timedelta(days=i)
            ),
        )


def test_actions_page_shows_phases_actions_gantt_and_feed(client, consultant_a, action):
    client.force_login(consultant_a)
    response = client.get(reverse("programmes:plan_actions", args=[action.version.plan_id]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voorbereiding" in html and "Stuurgroep oprichten" in html
    assert "<svg" in html and "De planning als tabel" in html
    assert "http://testserver/agenda/" in html and "Fase toevoegen" in html
    assert 'style="' not in html


def test_council_member_sees_the_plan_without_edit_buttons(client, council_a, action):
    client.force_login(council_a)
    html = client.get(reverse("programmes:plan_actions", args=[action.version.plan_id])).content.decode()
    assert "Stuurgroep oprichten" in html
    assert "Fase toevoegen" not in html and "/agenda/" not in html


def test_add_action_end_before_start_is_refused_beside_the_field(client, consultant_a, phase):
    client.force_login(consultant_a)
    url = reverse("programmes:plan_action_add", args=[phase.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "phase": phase.pk,
            "title": "Communicatieplan",
            "kind": "communication",
            "start": "01/05/2026",
            "end": "01/04/2026",
            "planned_status": "todo",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "ligt vóór de start" in html and 'value="Communicatieplan"' in html
    assert not Action.objects.exists()
    response = client.post(
        url,
        {
            "phase": phase.pk,
            "title": "Communicatieplan",
            "kind": "communication",
            "start": "1/4/2026",
            "end": "30/04/2026",
            "planned_status": "todo",
            "is_quick_win": "on",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.start, action.end, action.is_quick_win) == (D(2026, 4, 1), D(2026, 4, 30), True)


@pytest.mark.parametrize("start", ["31/02/2026", "2026-13-01", "x" * 500, "99/99/99999", "\x00"])
def test_bad_dates_are_refused_in_dutch(client, consultant_a, phase, start):
    client.force_login(consultant_a)
    response = client.post(
        reverse("programmes:plan_action_add", args=[phase.pk]),
        {
            "phase": phase.pk,
            "title": "T",
            "kind": "action",
            "start": start,
            "end": "01/01/2026",
            "planned_status": "todo",
        },
    )
    assert response.status_code == 400
    assert "dd/mm/jjjj" in response.content.decode()


def test_phase_choice_is_limited_to_this_version(client, consultant_a, consultant_b, programme_b, action):
    other = services.phase_add(
        user=consultant_b, version=plan_start(user=consultant_b, programme=programme_b), name="Andere"
    )
    client.force_login(consultant_a)
    response = client.post(
        reverse("programmes:plan_action_edit", args=[action.pk]),
        {
            "phase": other.pk,
            "title": "X",
            "kind": "action",
            "start": "01/01/2026",
            "end": "02/01/2026",
            "planned_status": "todo",
        },
    )
    assert response.status_code == 400
    assert "Kies een fase van deze versie" in response.content.decode()
    action.refresh_from_db()
    assert action.title == "Stuurgroep oprichten"


def test_phase_delete_refused_with_actions(client, consultant_a, action):
    client.force_login(consultant_a)
    response = client.post(reverse("programmes:plan_phase_delete", args=[action.phase_id]), follow=True)
    assert "Verplaats of verwijder eerst die acties" in response.content.decode()
    assert Phase.objects.filter(pk=action.phase_id).exists()


def test_council_member_and_approver_get_403_on_changes(client, council_a, approver_a, action):
    posts = [
        ("programmes:plan_phase_add", action.version_id, {"name": "Nieuw"}),
        ("programmes:plan_phase_edit", action.phase_id, {"name": "Nieuw"}),
        ("programmes:plan_phase_delete", action.phase_id, {}),
        ("programmes:plan_phase_move", action.phase_id, {"direction": "up"}),
        ("programmes:plan_action_add", action.phase_id, {"title": "Nieuw"}),
        ("programmes:plan_action_edit", action.pk, {"title": "Nieuw"}),
        ("programmes:plan_action_delete", action.pk, {}),
        ("programmes:plan_feed_renew", action.version.plan_id, {}),
    ]
    for user in (council_a, approver_a):
        client.force_login(user)
        for name, pk, data in posts:
            assert client.post(reverse(name, args=[pk]), data).status_code == 403, (user, name)
    assert Phase.objects.count() == 1 and Action.objects.get().title == "Stuurgroep oprichten"


def test_status_update_by_owner_and_not_by_other_council_member(
    client, consultant_a, council_a, lg_a, action
):
    from tests.factories import MembershipFactory, UserFactory

    url = reverse("programmes:plan_action_update", args=[action.pk])
    prefix = f"a{action.pk}-"
    client.force_login(council_a)  # the owner
    page = client.get(reverse("programmes:plan_follow_up", args=[action.version.plan_id]))
    assert "Stand bewaren" in page.content.decode()
    response = client.post(
        url, {prefix + "status": "in_progress", prefix + "note": "Eerste vergadering gepland"}
    )
    assert response.status_code == 302
    update = ActionUpdate.objects.get()
    assert (update.status, update.user, update.action_key) == ("in_progress", council_a, action.key)
    other = MembershipFactory(
        local_government=lg_a, role="council_member", user=UserFactory(username="raad.y")
    ).user
    client.force_login(other)
    assert client.post(url, {prefix + "status": "done"}).status_code == 403
    assert ActionUpdate.objects.count() == 1
    client.force_login(council_a)
    response = client.post(url, {prefix + "status": "klaar"})
    assert response.status_code == 400 and "Kies een status uit de lijst" in response.content.decode()


def test_follow_up_page_groups(client, consultant_a, phase):
    from django.utils import timezone

    today = timezone.localdate()
    services.action_add(
        user=consultant_a,
        phase=phase,
        data=ActionData(
            title="Te laat actie",
            start=today - datetime.timedelta(days=30),
            end=today - datetime.timedelta(days=1),
        ),
    )
    client.force_login(consultant_a)
    html = client.get(reverse("programmes:plan_follow_up", args=[phase.version.plan_id])).content.decode()
    assert "Er is nog geen goedgekeurd plan" in html
    late = html.split('id="te-laat"')[1].split('id="binnenkort"')[0]
    assert "Te laat actie" in late


def test_excel_download(client, council_a, action, programme_a):
    from openpyxl import load_workbook

    client.force_login(council_a)
    response = client.get(reverse("programmes:plan_actions_xlsx", args=[action.version.plan_id]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="actieplan-samen-sterker-in-geel.xlsx"'
    ws = load_workbook(io.BytesIO(response.content))["Acties"]
    assert ws["B2"].value == "Stuurgroep oprichten"


def test_calendar_feed_needs_no_login_and_token_renews(client, consultant_a, action):
    plan = action.version.plan
    old_url = reverse("programmes:plan_calendar", args=[plan.feed_token])
    response = client.get(old_url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert f"UID:{action.key}@tandem" in response.content.decode()
    assert client.get("/agenda/onbekend.ics").status_code == 404
    client.force_login(consultant_a)
    assert client.post(reverse("programmes:plan_feed_renew", args=[plan.pk])).status_code == 302
    client.logout()
    plan.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert client.get(reverse("programmes:plan_calendar", args=[plan.feed_token])).status_code == 200


def test_b_users_get_404_on_a_plan(client, consultant_b, approver_b, action):
    plan_id = action.version.plan_id
    gets = [
        ("programmes:plan_actions", plan_id),
        ("programmes:plan_follow_up", plan_id),
        ("programmes:plan_actions_xlsx", plan_id),
        ("programmes:plan_phase_add", action.version_id),
        ("programmes:plan_phase_edit", action.phase_id),
        ("programmes:plan_action_add", action.phase_id),
        ("programmes:plan_action_edit", action.pk),
        ("programmes:plan_action_delete", action.pk),
    ]
    posts = gets + [
        ("programmes:plan_phase_delete", action.phase_id),
        ("programmes:plan_phase_move", action.phase_id),
        ("programmes:plan_action_update", action.pk),
        ("programmes:plan_feed_renew", plan_id),
    ]
    for user in (consultant_b, approver_b):
        client.force_login(user)
        for name, pk in gets:
            assert client.get(reverse(name, args=[pk])).status_code == 404, (user, name)
        for name, pk in posts:
            assert client.post(reverse(name, args=[pk])).status_code in (404, 405), (user, name)
    assert Action.objects.count() == 1 and not ActionUpdate.objects.exists()


@pytest.mark.parametrize(
    "name", ["programmes:plan_actions", "programmes:plan_follow_up", "programmes:plan_actions_xlsx"]
)
def test_constant_queries_when_actions_grow(client, consultant_a, phase, name):
    client.force_login(consultant_a)
    url = reverse(name, args=[phase.version.plan_id])
    add_actions(phase, consultant_a, 3)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    add_actions(phase, consultant_a, 30)
    for a in Action.objects.all()[:10]:
        services.action_update_status(user=consultant_a, action=a, status="in_progress")
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small), [q["sql"] for q in large]
    assert len(large) <= 25
