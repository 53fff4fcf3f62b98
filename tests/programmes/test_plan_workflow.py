"""Step 2's workflow: the state machine through the services, frozen versions, new versions, the diff."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from programmes.models import Action, Angle, IntendedResult, Phase, PlanEvent, PlanVersion
from programmes.plan import workflow
from programmes.plan.compare import compare, version_lines
from tests.factories import UserFactory

State = PlanVersion.State


def fill(version, *, action_title="Stuurgroep samenstellen"):
    version.ambition = "Eén organisatie met één aanspreekpunt."
    version.save()
    IntendedResult.objects.create(version=version, angle=Angle.STRATEGIC, text="Eén meerjarenplan.")
    phase = Phase.objects.create(version=version, name="Voorbereiding", position=1)
    Action.objects.create(
        version=version,
        phase=phase,
        title=action_title,
        start=datetime.date(2026, 1, 5),
        end=datetime.date(2026, 2, 27),
    )
    return version


@pytest.fixture
def draft_a(programme_a, consultant_a):
    return fill(workflow.plan_start(user=consultant_a, programme=programme_a))


@pytest.fixture
def submitted_a(draft_a, consultant_a):
    return workflow.plan_submit(user=consultant_a, version=draft_a)


@pytest.fixture
def approved_a(submitted_a, approver_a):
    return workflow.plan_approve(user=approver_a, version=submitted_a, comment="Akkoord.")


def messages_of(excinfo) -> list[str]:
    return list(excinfo.value.messages) if hasattr(excinfo.value, "messages") else [str(excinfo.value)]


def test_draft_submitted_approved(approved_a, consultant_a, approver_a):
    approved_a.refresh_from_db()
    assert approved_a.state == State.APPROVED
    assert approved_a.submitted_by == consultant_a and approved_a.approved_by == approver_a
    assert approved_a.approval_comment == "Akkoord."
    kinds = list(approved_a.events.order_by("at", "pk").values_list("kind", "user__username"))
    assert kinds == [("created", "consultant.a"), ("submitted", "consultant.a"), ("approved", "directeur.a")]


def test_rejected_goes_back_to_draft_with_the_comment_in_history(submitted_a, approver_a):
    version = workflow.plan_reject(user=approver_a, version=submitted_a, comment="  Meer acties graag. ")
    version.refresh_from_db()
    assert version.state == State.DRAFT and version.submitted_by is None
    event = version.events.first()
    assert (event.kind, event.user, event.comment) == (
        PlanEvent.Kind.REJECTED,
        approver_a,
        "Meer acties graag.",
    )


def test_submit_twice_is_refused(submitted_a, consultant_a):
    with pytest.raises(ValidationError) as excinfo:
        workflow.plan_submit(user=consultant_a, version=submitted_a)
    assert messages_of(excinfo) == ["Alleen een ontwerp kan worden ingediend; deze versie is ingediend."]


def test_submit_an_empty_draft_lists_what_is_missing(programme_a, consultant_a):
    version = workflow.plan_start(user=consultant_a, programme=programme_a)
    with pytest.raises(ValidationError) as excinfo:
        workflow.plan_submit(user=consultant_a, version=version)
    assert messages_of(excinfo) == [
        "Het streefbeeld heeft nog geen gedeelde ambitie.",
        "Er is nog geen beoogd resultaat.",
        "Het actieplan heeft nog geen acties.",
    ]
    version.refresh_from_db()
    assert version.state == State.DRAFT


def test_approve_a_draft_is_refused(draft_a, approver_a):
    with pytest.raises(ValidationError) as excinfo:
        workflow.plan_approve(user=approver_a, version=draft_a)
    assert messages_of(excinfo) == ["Alleen een ingediende versie kan worden goedgekeurd."]


def test_reject_a_draft_is_refused(draft_a, approver_a):
    with pytest.raises(ValidationError) as excinfo:
        workflow.plan_reject(user=approver_a, version=draft_a, comment="Nee")
    assert messages_of(excinfo) == ["Alleen een ingediende versie kan worden afgekeurd."]


def test_approve_own_submission_is_refused(programme_a):
    admin = UserFactory(username="beheerder", is_superuser=True, is_staff=True)
    version = fill(workflow.plan_start(user=admin, programme=programme_a))
    workflow.plan_submit(user=admin, version=version)
    with pytest.raises(PermissionDenied) as excinfo:
        workflow.plan_approve(user=admin, version=version)
    assert str(excinfo.value) == "U kunt uw eigen indiening niet goedkeuren."
    with pytest.raises(PermissionDenied) as excinfo:
        workflow.plan_reject(user=admin, version=version, comment="Nee")
    assert str(excinfo.value) == "U kunt niet beslissen over uw eigen indiening."
    version.refresh_from_db()
    assert version.state == State.SUBMITTED


def test_reject_without_comment_is_refused(submitted_a, approver_a):
    with pytest.raises(ValidationError) as excinfo:
        workflow.plan_reject(user=approver_a, version=submitted_a, comment="   ")
    assert excinfo.value.message_dict == {"comment": ["Zeg de consultant wat er moet veranderen."]}
    submitted_a.refresh_from_db()
    assert submitted_a.state == State.SUBMITTED


@pytest.mark.parametrize("who", ["consultant_a", "council_a", "approver_b", "consultant_b"])
def test_only_an_approver_of_that_local_government_decides(submitted_a, who, request):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied) as excinfo:
        workflow.plan_approve(user=user, version=submitted_a)
    assert str(excinfo.value) == "Alleen de algemeen directeur van dit lokaal bestuur keurt het plan goed."
    with pytest.raises(PermissionDenied):
        workflow.plan_reject(user=user, version=submitted_a, comment="Nee")
    submitted_a.refresh_from_db()
    assert submitted_a.state == State.SUBMITTED


@pytest.mark.parametrize("who", ["approver_a", "council_a", "consultant_b"])
def test_only_a_consultant_submits(draft_a, who, request):
    with pytest.raises(PermissionDenied) as excinfo:
        workflow.plan_submit(user=request.getfixturevalue(who), version=draft_a)
    assert str(excinfo.value) == "Alleen de consultants van dit lokaal bestuur kunnen het plan wijzigen."


def test_a_frozen_version_cannot_change(approved_a, submitted_a):
    with pytest.raises(ValidationError) as excinfo:
        workflow.require_editable(approved_a)
    assert messages_of(excinfo) == [
        "Deze versie is goedgekeurd en ligt vast. Start een nieuwe versie om te wijzigen."
    ]


def test_a_submitted_version_waits(submitted_a):
    with pytest.raises(ValidationError) as excinfo:
        workflow.require_editable(submitted_a)
    assert "wacht op de algemeen directeur" in messages_of(excinfo)[0]


def test_new_version_before_any_approval_returns_the_open_one(draft_a, consultant_a):
    assert workflow.plan_new_version(user=consultant_a, plan=draft_a.plan) == draft_a


def test_new_version_copies_everything_and_keeps_action_keys(approved_a, consultant_a):
    new = workflow.plan_new_version(user=consultant_a, plan=approved_a.plan)
    assert (new.number, new.state) == (2, State.DRAFT)
    assert version_lines(new) == version_lines(approved_a)
    assert set(new.actions.values_list("key", flat=True)) == set(
        approved_a.actions.values_list("key", flat=True)
    )
    assert workflow.working_version(approved_a.plan) == new
    assert workflow.latest_approved(approved_a.plan) == approved_a
    workflow.require_editable(new)  # the new draft can change
    event = new.events.get()
    assert (event.kind, event.comment) == (PlanEvent.Kind.NEW_VERSION, "Vertrekt van versie 1.")


def test_diff_marks_added_result_removed_action_and_changed_action(draft_a, consultant_a, approver_a):
    Action.objects.create(
        version=draft_a,
        phase=draft_a.phases.get(),
        title="Personeel informeren",
        start=datetime.date(2026, 3, 1),
        end=datetime.date(2026, 3, 31),
        position=1,
    )
    workflow.plan_submit(user=consultant_a, version=draft_a)
    approved_a = workflow.plan_approve(user=approver_a, version=draft_a)
    new = workflow.plan_new_version(user=consultant_a, plan=approved_a.plan)
    IntendedResult.objects.create(version=new, angle=Angle.FINANCIAL, text="Drie procent besparing.")
    new.actions.filter(title="Personeel informeren").delete()
    new.actions.filter(title="Stuurgroep samenstellen").update(title="Stuurgroep en projectteam samenstellen")

    diffs = {d.key: d for d in compare(approved_a, new)}
    results = [(r.kind, r.left, r.right) for r in diffs["results"].rows if r.kind != "equal"]
    assert results == [("insert", None, "Financieel: Drie procent besparing.")]
    actions = [(r.kind, r.left, r.right) for r in diffs["actions"].rows if r.kind != "equal"]
    assert [kind for kind, _left, _right in actions] == ["change", "delete"]
    assert actions[0][1].startswith("Stuurgroep samenstellen") and actions[0][2].startswith(
        "Stuurgroep en projectteam samenstellen"
    )
    assert actions[1][1].startswith("Personeel informeren") and actions[1][2] is None
    assert not diffs["ambition"].changed and diffs["ambition"].rows[0].kind == "equal"
    assert diffs["actions"].counts == {"insert": 0, "delete": 1, "change": 1}


def test_diff_of_a_version_with_itself_is_unchanged(approved_a):
    assert not any(d.changed for d in compare(approved_a, approved_a))
