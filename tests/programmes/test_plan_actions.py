"""The action plan's services, Gantt chart, follow-up groups and exports (Excel, iCalendar)."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from programmes.models import Action, ActionStatus, ActionUpdate, IntendedResult, Phase
from programmes.plan import actions as services
from programmes.plan.actions import ActionData
from programmes.plan.exports import actions_xlsx, ics_escape, ics_fold, milestones_ics
from programmes.plan.gantt import gantt_svg
from programmes.plan.workflow import plan_approve, plan_start, plan_submit

D = datetime.date


@pytest.fixture
def version(consultant_a, programme_a):
    return plan_start(user=consultant_a, programme=programme_a)


START, END = D(2026, 1, 5), D(2026, 3, 31)


def data(title="Personeelsdienst samenvoegen", start=START, end=END, **kwargs):
    return ActionData(title=title, start=start, end=end, **kwargs)


@pytest.fixture
def filled(version, consultant_a):
    prep = services.phase_add(user=consultant_a, version=version, name="Voorbereiding")
    integ = services.phase_add(user=consultant_a, version=version, name="Integratie")
    a1 = services.action_add(
        user=consultant_a, phase=prep, data=data("Stuurgroep oprichten", kind="project_structure")
    )
    a2 = services.action_add(
        user=consultant_a,
        phase=prep,
        data=data("Nieuwsbrief; personeel, raad", D(2026, 2, 1), D(2026, 2, 1), is_milestone=True),
    )
    a3 = services.action_add(
        user=consultant_a,
        phase=integ,
        data=data(
            "Eén onthaal <balie>",
            D(2026, 4, 1),
            D(2026, 6, 30),
            is_quick_win=True,
            owner_name="Dienst burgerzaken",
        ),
    )
    return version, [prep, integ], [a1, a2, a3]


def approve(version, consultant_a, approver_a):
    version.ambition = "Eén bestuur, één dienstverlening."
    version.save()
    IntendedResult.objects.create(version=version, angle="strategic", text="Eén loket")
    plan_submit(user=consultant_a, version=version)
    return plan_approve(user=approver_a, version=version)


# --- Phases and actions ---------------------------------------------------------------------------


def test_phases_are_added_in_order_and_move(version, consultant_a):
    a = services.phase_add(user=consultant_a, version=version, name="  Voorbereiding ")
    b = services.phase_add(user=consultant_a, version=version, name="Uitvoering")
    assert a.name == "Voorbereiding"
    assert [a.position, b.position] == [0, 1]
    services.phase_move(user=consultant_a, phase=b, direction="up")
    assert list(version.phases.order_by("position").values_list("name", flat=True)) == [
        "Uitvoering",
        "Voorbereiding",
    ]
    services.phase_edit(
        user=consultant_a,
        phase=a,
        expected_version=a.edit_version,
        name="Start",
        description="De eerste maanden",
    )
    a.refresh_from_db()
    assert (a.name, a.description) == ("Start", "De eerste maanden")


def test_phase_needs_a_name(version, consultant_a):
    with pytest.raises(ValidationError) as error:
        services.phase_add(user=consultant_a, version=version, name="   ")
    assert "Geef de fase een naam." in error.value.message_dict["name"]


def test_phase_with_actions_is_not_deletable(filled, consultant_a):
    version, (prep, integ), _ = filled
    with pytest.raises(ValidationError) as error:
        services.phase_delete(user=consultant_a, phase=prep)
    assert "Verplaats of verwijder eerst die acties" in " ".join(error.value.messages)
    assert Phase.objects.filter(pk=prep.pk).exists()
    empty = services.phase_add(user=consultant_a, version=version, name="Evaluatie")
    services.phase_delete(user=consultant_a, phase=empty)
    assert not Phase.objects.filter(pk=empty.pk).exists()


def test_end_before_start_is_refused_in_dutch(version, consultant_a):
    phase = services.phase_add(user=consultant_a, version=version, name="Voorbereiding")
    with pytest.raises(ValidationError) as error:
        services.action_add(user=consultant_a, phase=phase, data=data(start=D(2026, 5, 1), end=D(2026, 4, 1)))
    assert "ligt vóór de start" in error.value.message_dict["end"][0]
    assert not Action.objects.exists()


def test_owner_must_belong_to_the_local_government(version, consultant_a, consultant_b, council_a):
    phase = services.phase_add(user=consultant_a, version=version, name="Voorbereiding")
    with pytest.raises(ValidationError) as error:
        services.action_add(user=consultant_a, phase=phase, data=data(owner=consultant_b))
    assert "owner" in error.value.message_dict
    action = services.action_add(user=consultant_a, phase=phase, data=data(owner=council_a))
    assert action.owner == council_a


def test_phase_of_another_version_is_refused(version, consultant_a, consultant_b, programme_b):
    phase = services.phase_add(user=consultant_a, version=version, name="Voorbereiding")
    action = services.action_add(user=consultant_a, phase=phase, data=data())
    other = services.phase_add(
        user=consultant_b, version=plan_start(user=consultant_b, programme=programme_b), name="Andere"
    )
    with pytest.raises(ValidationError) as error:
        services.action_edit(
            user=consultant_a, action=action, expected_version=action.edit_version, phase=other, data=data()
        )
    assert "phase" in error.value.message_dict


def test_only_consultants_change_the_plan(filled, council_a, approver_a):
    version, (prep, _), (a1, *_) = filled
    for user in (council_a, approver_a):
        with pytest.raises(PermissionDenied):
            services.phase_add(user=user, version=version, name="Nieuw")
        with pytest.raises(PermissionDenied):
            services.action_delete(user=user, action=a1)


def test_approved_version_is_frozen(filled, consultant_a, approver_a):
    version, (prep, _), (a1, *_) = filled
    approve(version, consultant_a, approver_a)
    prep.refresh_from_db()
    a1.refresh_from_db()
    message = "Deze versie is goedgekeurd en ligt vast. Start een nieuwe versie om te wijzigen."
    for call in (
        lambda: services.phase_add(user=consultant_a, version=version, name="Nieuw"),
        lambda: services.phase_edit(user=consultant_a, phase=prep, expected_version=1, name="Nieuw"),
        lambda: services.action_add(user=consultant_a, phase=prep, data=data()),
        lambda: services.action_edit(
            user=consultant_a, action=a1, expected_version=1, phase=prep, data=data()
        ),
        lambda: services.action_delete(user=consultant_a, action=a1),
    ):
        with pytest.raises(ValidationError) as error:
            call()
        assert error.value.messages == [message]


# --- Status updates and follow-up -----------------------------------------------------------------


def test_owner_updates_status_even_as_council_member(filled, consultant_a, approver_a, council_a, lg_a):
    from tests.factories import MembershipFactory, UserFactory

    version, (prep, _), (a1, *_) = filled
    Action.objects.filter(pk=a1.pk).update(owner=council_a)
    a1.refresh_from_db()
    approve(version, consultant_a, approver_a)
    update = services.action_update_status(user=council_a, action=a1, status="in_progress", note="Gestart")
    assert (update.action_key, update.status, update.user) == (a1.key, "in_progress", council_a)
    other = MembershipFactory(
        local_government=lg_a, role="council_member", user=UserFactory(username="raad.x")
    ).user
    with pytest.raises(PermissionDenied):
        services.action_update_status(user=other, action=a1, status="done")
    with pytest.raises(PermissionDenied):
        services.action_update_status(user=approver_a, action=a1, status="done")
    with pytest.raises(ValidationError):
        services.action_update_status(user=consultant_a, action=a1, status="klaar")
    assert ActionUpdate.objects.count() == 1


def test_follow_up_groups_with_a_fixed_today(version, consultant_a):
    today = D(2026, 5, 10)
    phase = services.phase_add(user=consultant_a, version=version, name="Uitvoering")

    def add(title, end, planned="todo"):
        return services.action_add(
            user=consultant_a, phase=phase, data=data(title, D(2026, 1, 1), end, planned_status=planned)
        )

    late = add("Te laat", D(2026, 5, 9))
    late_but_done = add("Gedaan", D(2026, 4, 1))
    soon_today = add("Vandaag klaar", today)
    soon_edge = add("Over 14 dagen", D(2026, 5, 24))
    later = add("Over 15 dagen", D(2026, 5, 25))
    planned_done = add("Gepland afgerond", D(2026, 6, 1), planned="done")
    services.action_update_status(user=consultant_a, action=late_but_done, status="done")
    # a later update wins over an earlier one
    services.action_update_status(user=consultant_a, action=soon_today, status="done")
    services.action_update_status(
        user=consultant_a, action=soon_today, status="in_progress", note="Toch niet"
    )

    groups = services.follow_up_groups(version, today=today)
    assert [a.title for a in groups.late] == [late.title]
    assert [a.title for a in groups.soon] == [soon_today.title, soon_edge.title]
    assert {a.title for a in groups.done} == {late_but_done.title, planned_done.title}
    assert [a.title for a in groups.later] == [later.title]
    soon = groups.soon[0]
    assert soon.current_status == ActionStatus.IN_PROGRESS
    assert soon.last_update.note == "Toch niet"


def test_follow_up_uses_the_latest_approved_version(filled, consultant_a, approver_a):
    version, *_ = filled
    shown, carried_out = services.follow_up_version(version.plan)
    assert (shown, carried_out) == (version, False)
    approve(version, consultant_a, approver_a)
    from programmes.plan.workflow import plan_new_version

    new = plan_new_version(user=consultant_a, plan=version.plan)
    shown, carried_out = services.follow_up_version(version.plan)
    assert (shown.pk, carried_out) == (version.pk, True)
    assert new.pk != version.pk


# --- Gantt ----------------------------------------------------------------------------------------


def test_gantt_svg_holds_every_action_title_escaped(filled):
    version, phases, actions = filled
    svg = gantt_svg(version, today=D(2026, 3, 1))
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg and "<desc" in svg
    for action in actions:
        assert str(action.title).replace("<", "&lt;").replace(">", "&gt;") in svg
    assert "<balie>" not in svg
    for phase in phases:
        assert phase.name in svg
    assert "Vandaag 01/03/2026" in svg
    assert "jan" in svg and "mrt" in svg and "2026" in svg
    assert "style=" not in svg


def test_gantt_without_actions(version):
    svg = gantt_svg(version)
    assert "nog geen acties" in svg


# --- Excel ----------------------------------------------------------------------------------------


def test_excel_opens_and_holds_every_action(filled, consultant_a):
    from openpyxl import load_workbook

    version, _, actions = filled
    services.action_update_status(user=consultant_a, action=actions[0], status="in_progress", note="Loopt")
    wb = load_workbook(io.BytesIO(actions_xlsx(version)))
    ws = wb["Acties"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == (
        "Fase",
        "Actie",
        "Soort",
        "Trekker",
        "Start",
        "Einde",
        "Mijlpaal",
        "Quick win",
        "Status",
        "Laatste update",
    )
    assert len(rows) == 1 + len(actions)
    by_title = {r[1]: r for r in rows[1:]}
    assert set(by_title) == {a.title for a in actions}
    first = by_title["Stuurgroep oprichten"]
    assert first[0] == "Voorbereiding"
    assert first[4].date() == D(2026, 1, 5) and first[5].date() == D(2026, 3, 31)
    assert first[8] == "Bezig" and "Loopt" in first[9]
    assert by_title["Eén onthaal <balie>"][0] == "Integratie"
    assert by_title["Eén onthaal <balie>"][3] == "Dienst burgerzaken"
    assert ws["E2"].number_format == "dd/mm/yyyy"
    assert ws["A1"].font.bold
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:J4"


# --- iCalendar ------------------------------------------------------------------------------------


def unfold(text):
    return text.replace("\r\n ", "")


def test_ics_escaping_and_folding():
    assert ics_escape("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    line = "SUMMARY:" + "é" * 60
    folded = ics_fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
    assert unfold(folded) == line


def test_ics_lists_exactly_the_milestones(filled, consultant_a):
    version, _, (a1, a2, a3) = filled
    services.action_edit(
        user=consultant_a,
        action=a1,
        expected_version=a1.edit_version,
        phase=a1.phase,
        data=data(
            a1.title + " " + "met een heel lange titel die over de grens van vijfenzeventig octetten gaat",
            is_milestone=True,
        ),
    )
    text = milestones_ics(version.plan)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    lines = unfold(text).split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    uids = [line for line in lines if line.startswith("UID:")]
    assert sorted(uids) == sorted([f"UID:{a1.key}@tandem", f"UID:{a2.key}@tandem"])
    assert "SUMMARY:Samen sterker in Geel: Nieuwsbrief\\; personeel\\, raad" in lines
    assert "DTSTART;VALUE=DATE:20260201" in lines and "DTEND;VALUE=DATE:20260202" in lines
    assert any(line.startswith("DESCRIPTION:Fase: Voorbereiding") for line in lines)
    assert sum(line.startswith("DTSTAMP:") for line in lines) == 2
    assert str(a3.key) not in text


def test_feed_renew(filled, consultant_a, council_a):
    version, *_ = filled
    plan = version.plan
    old = plan.feed_token
    with pytest.raises(PermissionDenied):
        services.feed_renew(user=council_a, plan=plan)
    services.feed_renew(user=consultant_a, plan=plan)
    plan.refresh_from_db()
    assert plan.feed_token != old
