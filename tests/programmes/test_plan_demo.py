"""The demo of step 2: Geel's approved plan with a newer draft, Ieper's plan waiting for the director."""

import pytest
from django.contrib.auth import get_user_model

from programmes import demo
from programmes.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    BalanceItem,
    FinancialLine,
    IntendedResult,
    Phase,
    Plan,
    PlanEvent,
    PlanVersion,
)
from programmes.plan.demo import TODAY, seed_plans

pytestmark = pytest.mark.django_db
State = PlanVersion.State


@pytest.fixture
def seeded(monkeypatch):
    """programmes.demo.seed() without the other steps' extenders, and the people it made."""
    monkeypatch.setattr(demo, "_extenders", [])

    def run(scale: int = 1):
        lgs = demo.seed(scale=scale)
        users = {user.username: user for user in get_user_model().objects.all()}
        seed_plans(lgs=lgs, users=users, scale=scale)
        return lgs, users

    return run


def _plan(lgs, key: str) -> Plan:
    return Plan.objects.get(
        programme__local_government=lgs[key], programme__title=demo.PROGRAMMES[key]["title"]
    )


def _content(version: PlanVersion) -> dict:
    return {
        "results": sorted(version.results.values_list("angle", "text")),
        "actions": sorted(version.actions.values_list("key", "title", "start", "end")),
    }


def test_geel_has_an_approved_version_and_a_newer_draft_that_differs(seeded):
    lgs, users = seeded()
    plan = _plan(lgs, "a")
    first, second = plan.versions.order_by("number")
    assert (first.number, first.state, second.number, second.state) == (1, State.APPROVED, 2, State.DRAFT)
    assert first.submitted_by == users["consultant.a"] and first.approved_by == users["directeur.a"]
    assert first.approval_comment and first.approved_at.month == 5 and first.submitted_at.month == 4
    assert first.patrimony and first.horizon.isoformat() == "2027-12-31"
    assert second.created_by == users["consultant.a"] and second.created_at > first.approved_at

    assert first.results.count() == 10 and second.results.count() == 11
    assert first.phases.count() == 4 and first.actions.count() == 18
    assert first.actions.filter(is_milestone=True).count() == 5
    assert first.actions.filter(is_quick_win=True).count() == 3
    assert len(set(first.actions.values_list("kind", flat=True))) == 5
    assert set(first.balance_items.values_list("domain", flat=True)) == {
        "ICT",
        "Personeel en HR",
        "Financiën",
        "Sociale dienst",
        "Huisvesting",
    }
    assert set(first.financial_lines.values_list("year", flat=True)) == {2026, 2027, 2028, 2029}

    old, new = _content(first), _content(second)
    assert old != new
    old_keys = {key for key, *_rest in old["actions"]}
    new_keys = {key for key, *_rest in new["actions"]}
    assert len(old_keys - new_keys) == 1 and len(new_keys - old_keys) == 1  # one removed, one added
    old_titles = {key: title for key, title, *_rest in old["actions"]}
    renamed = [k for k, title, *_rest in new["actions"] if k in old_titles and old_titles[k] != title]
    assert len(renamed) == 1


def test_geel_action_updates_show_done_in_progress_blocked_and_one_late_action(seeded):
    lgs, _users = seeded()
    plan = _plan(lgs, "a")
    first = plan.versions.get(number=1)
    latest = {}
    for update in ActionUpdate.objects.filter(plan=plan).order_by("at", "pk"):
        latest[update.action_key] = update.status
    assert 7 <= len(latest) <= 13  # about half of the 18 actions
    statuses = set(latest.values())
    assert {ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED} <= statuses
    late = [
        a
        for a in first.actions.all()
        if a.end < TODAY and latest.get(a.key, a.planned_status) != ActionStatus.DONE
    ]
    assert len(late) == 1
    assert {u.user.username for u in ActionUpdate.objects.filter(plan=plan)} == {
        "consultant.a",
        "directeur.a",
    }


def test_ieper_has_a_submitted_version_waiting_for_the_director(seeded):
    lgs, users = seeded()
    plan = _plan(lgs, "b")
    (version,) = plan.versions.all()
    assert version.state == State.SUBMITTED and version.submitted_by == users["consultant.b"]
    assert version.approved_by is None and version.ambition
    assert version.results.count() == 4
    assert version.balance_items.values("domain").distinct().count() == 2
    assert version.financial_lines.count() == 3
    assert version.phases.count() == 2 and version.actions.count() == 8


def test_every_action_ends_on_or_after_its_start_and_owners_belong_to_the_local_government(seeded):
    lgs, _users = seeded(scale=2)
    for action in Action.objects.select_related("version__plan__programme", "owner"):
        assert action.end >= action.start
        assert action.owner or action.owner_name
        if action.owner:
            assert action.owner.memberships.filter(
                local_government=action.version.plan.programme.local_government
            ).exists()


def test_the_history_of_geel_is_the_real_workflow(seeded):
    lgs, users = seeded()
    events = PlanEvent.objects.filter(version__plan=_plan(lgs, "a")).order_by("at")
    assert list(events.values_list("kind", flat=True)) == ["created", "submitted", "approved", "new_version"]
    assert [e.user.username for e in events] == [
        "consultant.a",
        "consultant.a",
        "directeur.a",
        "consultant.a",
    ]
    kinds = set(PlanEvent.objects.filter(version__plan=_plan(lgs, "b")).values_list("kind", flat=True))
    assert kinds == {"created", "submitted"}


def test_running_twice_adds_nothing(seeded):
    seeded()
    models = (Plan, PlanVersion, PlanEvent, IntendedResult, BalanceItem, FinancialLine, Phase, Action)
    counts = [m.objects.count() for m in (*models, ActionUpdate)]
    seeded()
    assert [m.objects.count() for m in (*models, ActionUpdate)] == counts


def test_scale_multiplies_the_actions_of_geel_only(seeded):
    lgs, _users = seeded(scale=2)
    geel, ieper = _plan(lgs, "a"), _plan(lgs, "b")
    assert geel.versions.get(number=1).actions.count() == 36
    assert geel.versions.get(number=1).results.count() == 10
    assert ieper.versions.get().actions.count() == 8
    assert ActionUpdate.objects.filter(plan=geel).values("action_key").distinct().count() > 14
    # the sub-programmes ("– deeltraject 2") get no plan
    assert Plan.objects.count() == 2


def test_ieper_programme_page_tells_the_truth_about_step_2(seeded):
    """Ieper's scan is still under way (step 1) while its plan waits for the director: the programme page
    shows step 2 under way with the approval as its next thing, not "not started"."""
    from programmes.steps import StepState, step_overview

    lgs, _users = seeded()
    programme = _plan(lgs, "b").programme
    assert programme.step == 1
    step_2 = step_overview(programme)[1]
    assert step_2.state == StepState.CURRENT and step_2.state_label == "Bezig"
    assert step_2.next_action == "Wacht op de goedkeuring door de algemeen directeur"
    assert "Goedkeuring door de algemeen directeur" in step_2.missing
