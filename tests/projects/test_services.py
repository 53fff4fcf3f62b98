"""Step 3's services: dependencies checked (cycle named, self, other programme, duplicate), projects and the
steering structure validated, stale edits refused, and only consultants change anything."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes.models import Action, Angle, IntendedResult, Phase
from programmes.plan import workflow
from programmes.services import StaleEditError
from projects import services
from projects.models import Dependency, Project, ProjectGroup, SteeringGroup, SteeringMember
from projects.queries import programme_projects

pytestmark = pytest.mark.django_db


def messages(excinfo) -> list[str]:
    return list(excinfo.value.messages)


def field_messages(excinfo, field: str) -> list[str]:
    return list(excinfo.value.message_dict[field])


# --- Dependencies ---------------------------------------------------------------------------------


def test_a_cycle_is_refused_and_named_in_order(chain, consultant_a):
    concept, location, secretariat = chain
    with pytest.raises(ValidationError) as excinfo:
        # "Dienstverleningsconcept needs Samenvoeging secretariaat" closes the chain into a cycle
        services.dependency_add(user=consultant_a, predecessor=secretariat, successor=concept)
    assert messages(excinfo) == [
        "Deze afhankelijkheid zou een kring sluiten: Samenvoeging secretariaat → Nieuwe locatie → "
        "Dienstverleningsconcept → Samenvoeging secretariaat."
    ]
    assert not hasattr(excinfo.value, "error_dict")  # above the form, not beside one field
    assert Dependency.objects.count() == 2


def test_a_two_project_cycle_is_refused(chain, consultant_a):
    concept, location, _secretariat = chain
    with pytest.raises(ValidationError) as excinfo:
        services.dependency_add(user=consultant_a, predecessor=location, successor=concept)
    assert messages(excinfo) == [
        "Deze afhankelijkheid zou een kring sluiten: "
        "Nieuwe locatie → Dienstverleningsconcept → Nieuwe locatie."
    ]


def test_a_project_cannot_depend_on_itself(project_factory, consultant_a):
    project = project_factory("Eén ICT-dienst")
    with pytest.raises(ValidationError) as excinfo:
        services.dependency_add(user=consultant_a, predecessor=project, successor=project)
    assert field_messages(excinfo, "predecessor") == ["Een project kan niet van zichzelf afhangen."]
    assert not Dependency.objects.exists()


def test_a_project_cannot_depend_on_a_project_of_another_programme(project_factory, project_b, consultant_a):
    ours = project_factory("Eén ICT-dienst")
    with pytest.raises(ValidationError) as excinfo:
        services.dependency_add(user=consultant_a, predecessor=project_b, successor=ours)
    assert field_messages(excinfo, "predecessor") == [
        "Een project kan alleen afhangen van een project van hetzelfde traject."
    ]
    with pytest.raises((ValidationError, PermissionDenied)):
        services.dependency_add(user=consultant_a, predecessor=ours, successor=project_b)
    assert not Dependency.objects.exists()


def test_a_duplicate_is_refused(chain, consultant_a):
    concept, location, _secretariat = chain
    with pytest.raises(ValidationError) as excinfo:
        services.dependency_add(user=consultant_a, predecessor=concept, successor=location, kind="ss")
    assert field_messages(excinfo, "predecessor") == [
        "‘Nieuwe locatie’ hangt al af van ‘Dienstverleningsconcept’."
    ]
    assert Dependency.objects.count() == 2


def test_a_dependency_with_kind_lag_and_note(project_factory, consultant_a):
    a, b = project_factory("Eén ICT-dienst"), project_factory("Geïntegreerde financiële dienst")
    dep = services.dependency_add(
        user=consultant_a, predecessor=a, successor=b, kind="ff", lag_weeks=3, note="  Na de migratie. "
    )
    assert (dep.programme_id, dep.kind, dep.lag_weeks, dep.note, dep.created_by) == (
        a.programme_id,
        "ff",
        3,
        "Na de migratie.",
        consultant_a,
    )
    dep = services.dependency_update(user=consultant_a, dependency=dep, kind="ss", lag_weeks=0, note="")
    dep.refresh_from_db()
    assert (dep.kind, dep.lag_weeks, dep.note) == ("ss", 0, "")


@pytest.mark.parametrize(
    ("kind", "lag", "field"),
    [("xx", 0, "kind"), ("fs", -1, "lag_weeks"), ("fs", 105, "lag_weeks"), ("fs", "2", "lag_weeks")],
)
def test_a_wrong_kind_or_lag_is_refused_beside_its_field(project_factory, consultant_a, kind, lag, field):
    a, b = project_factory("A"), project_factory("B")
    with pytest.raises(ValidationError) as excinfo:
        services.dependency_add(user=consultant_a, predecessor=a, successor=b, kind=kind, lag_weeks=lag)
    assert field in excinfo.value.message_dict


def test_dependency_add_reads_the_edges_with_one_query(chain, consultant_a, project_factory):
    """Lock, role, edges, insert: the check does not grow with the programme."""
    concept, _location, _secretariat = chain
    extra = project_factory("Archief en documentbeheer")
    with CaptureQueriesContext(connection) as ctx:
        services.dependency_add(user=consultant_a, predecessor=concept, successor=extra)
    selects = [q["sql"] for q in ctx.captured_queries if "projects_dependency" in q["sql"]]
    assert len(selects) == 2  # the edges (one SELECT) and the INSERT
    assert len(ctx.captured_queries) <= 8


def test_deleting_a_project_takes_its_dependencies(chain, consultant_a):
    concept, location, secretariat = chain
    services.project_delete(user=consultant_a, project=location)
    assert not Dependency.objects.exists()
    assert set(Project.objects.values_list("title", flat=True)) == {concept.title, secretariat.title}


def test_a_removed_dependency_lets_the_reverse_in(chain, consultant_a):
    concept, location, _secretariat = chain
    services.dependency_remove(user=consultant_a, dependency=Dependency.objects.get(successor=location))
    services.dependency_add(user=consultant_a, predecessor=location, successor=concept)
    assert Dependency.objects.filter(predecessor=location, successor=concept).exists()


# --- Who may change ----------------------------------------------------------------------------------


@pytest.fixture
def structure(chain, consultant_a, programme_a):
    group = services.project_group_create(user=consultant_a, programme=programme_a, name="Organisatie")
    steering = services.steering_group_get(programme=programme_a)
    member = services.steering_member_add(
        user=consultant_a, group=steering, name="Marc", function="Burgemeester"
    )
    return group, steering, member


def _changes(programme, chain, structure):
    concept, location, secretariat = chain
    group, steering, member = structure
    dep = Dependency.objects.get(successor=location)
    return {
        "project_create": lambda u: services.project_create(
            user=u, programme=programme, title="X", planned_start=datetime.date(2027, 1, 4), duration_weeks=2
        ),
        "project_update": lambda u: services.project_update(
            user=u, project=concept, expected_version=concept.version, title="Y"
        ),
        "dependency_add": lambda u: services.dependency_add(
            user=u, predecessor=concept, successor=secretariat
        ),
        "dependency_update": lambda u: services.dependency_update(
            user=u, dependency=dep, kind="ss", lag_weeks=1, note=""
        ),
        "dependency_remove": lambda u: services.dependency_remove(user=u, dependency=dep),
        "group_create": lambda u: services.project_group_create(user=u, programme=programme, name="Nieuw"),
        "group_update": lambda u: services.project_group_update(
            user=u,
            group=group,
            expected_version=group.version,
            name="Z",
            description="",
            lead=None,
            lead_name="",
        ),
        "group_delete": lambda u: services.project_group_delete(user=u, group=group),
        "steering_update": lambda u: services.steering_group_update(
            user=u,
            group=steering,
            expected_version=steering.version,
            name="Z",
            mandate="",
            chair=None,
            chair_name="",
            programme_manager=None,
            programme_manager_name="",
            meeting_rhythm="",
        ),
        "member_add": lambda u: services.steering_member_add(
            user=u, group=steering, name="Z", function="Lid"
        ),
        "member_remove": lambda u: services.steering_member_remove(user=u, member=member),
        "project_delete": lambda u: services.project_delete(user=u, project=concept),
    }


@pytest.mark.parametrize("who", ["approver_a", "council_a", "consultant_b"])
def test_only_consultants_of_the_local_government_change_anything(
    request, who, programme_a, chain, structure
):
    user = request.getfixturevalue(who)
    before = (
        list(Project.objects.order_by("pk").values()),
        list(Dependency.objects.order_by("pk").values()),
        list(ProjectGroup.objects.order_by("pk").values()),
        list(SteeringGroup.objects.order_by("pk").values()),
        list(SteeringMember.objects.order_by("pk").values()),
    )
    for name, change in _changes(programme_a, chain, structure).items():
        with pytest.raises(PermissionDenied):
            change(user)
            pytest.fail(f"{name} was allowed for {who}")
    after = (
        list(Project.objects.order_by("pk").values()),
        list(Dependency.objects.order_by("pk").values()),
        list(ProjectGroup.objects.order_by("pk").values()),
        list(SteeringGroup.objects.order_by("pk").values()),
        list(SteeringMember.objects.order_by("pk").values()),
    )
    assert after == before


def test_a_consultant_of_the_local_government_may_do_all_of_it(consultant_a, programme_a, chain, structure):
    for change in _changes(programme_a, chain, structure).values():
        change(consultant_a)


# --- Projects ---------------------------------------------------------------------------------------


def test_a_project_with_everything(project_factory, consultant_a, programme_a):
    group = services.project_group_create(user=consultant_a, programme=programme_a, name="Ondersteuning")
    project = project_factory(
        "  Eén ICT-dienst ",
        datetime.date(2026, 7, 6),
        24,
        group=group,
        goal="Eén netwerk.",
        leader=consultant_a,
        sponsor="Burgemeester",
        status="running",
        budget=Decimal("185000.50"),
        quick_win=True,
    )
    project.refresh_from_db()
    assert (project.title, project.group, project.leader, project.budget, project.quick_win) == (
        "Eén ICT-dienst",
        group,
        consultant_a,
        Decimal("185000.50"),
        True,
    )


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "Dubbel"}, "title"),
        ({"title": "dubbel"}, "title"),
        ({"planned_start": None}, "planned_start"),
        ({"planned_start": datetime.date(1900, 1, 1)}, "planned_start"),
        ({"duration_weeks": 0}, "duration_weeks"),
        ({"duration_weeks": 521}, "duration_weeks"),
        ({"budget": Decimal("-1")}, "budget"),
        ({"budget": Decimal("99999999999")}, "budget"),
        ({"status": "weg"}, "status"),
    ],
)
def test_wrong_project_values_are_refused_beside_their_field(project_factory, consultant_a, values, field):
    project_factory("Dubbel")
    arguments = {"title": "Nieuw", "start": datetime.date(2027, 1, 4), "weeks": 4}
    extra = {}
    for key, value in values.items():
        if key == "planned_start":
            arguments["start"] = value
        elif key == "duration_weeks":
            arguments["weeks"] = value
        elif key == "title":
            arguments["title"] = value
        else:
            extra[key] = value
    with pytest.raises(ValidationError) as excinfo:
        project_factory(arguments["title"], arguments["start"], arguments["weeks"], **extra)
    assert field in excinfo.value.message_dict
    assert Project.objects.count() == 1


def test_a_group_or_leader_of_another_local_government_is_refused(
    project_factory, consultant_b, programme_b, consultant_a
):
    group_b = services.project_group_create(user=consultant_b, programme=programme_b, name="Ieper")
    with pytest.raises(ValidationError) as excinfo:
        project_factory("X", group=group_b, leader=consultant_b)
    assert set(excinfo.value.message_dict) == {"group", "leader"}


def test_a_stale_project_edit_is_refused_with_both_values(project_factory, consultant_a):
    project = project_factory("Eén ICT-dienst", datetime.date(2026, 7, 6), 24)
    opened = project.version
    services.project_update(user=consultant_a, project=project, expected_version=opened, duration_weeks=30)
    with pytest.raises(StaleEditError) as excinfo:
        services.project_update(
            user=consultant_a, project=project, expected_version=opened, duration_weeks=20, title="ICT"
        )
    changes = {c.label: (c.theirs, c.yours) for c in excinfo.value.changes}
    assert changes == {"Duur (weken)": ("30", "20"), "Titel": ("Eén ICT-dienst", "ICT")}
    assert "intussen gewijzigd" in messages(excinfo)[0]
    project.refresh_from_db()
    assert (project.title, project.duration_weeks, project.version) == ("Eén ICT-dienst", 30, opened + 1)


def test_a_project_update_keeps_what_is_not_given(project_factory, consultant_a):
    project = project_factory("Eén ICT-dienst", datetime.date(2026, 7, 6), 24, goal="Eén netwerk.")
    project = services.project_update(
        user=consultant_a, project=project, expected_version=project.version, title="Eén ICT-team"
    )
    project.refresh_from_db()
    assert (project.title, project.goal, project.duration_weeks) == ("Eén ICT-team", "Eén netwerk.", 24)


@pytest.fixture
def approved_actions(programme_a, consultant_a, approver_a):
    version = workflow.plan_start(user=consultant_a, programme=programme_a)
    version.ambition = "Eén organisatie met één aanspreekpunt."
    version.save()
    IntendedResult.objects.create(version=version, angle=Angle.STRATEGIC, text="Eén organisatie.")
    phase = Phase.objects.create(version=version, name="Gedeelde ondersteuning", position=1)
    network = Action.objects.create(
        version=version,
        phase=phase,
        title="Gezamenlijk ICT-netwerk",
        description="Eén netwerk.",
        start=datetime.date(2026, 7, 1),
        end=datetime.date(2026, 12, 18),
    )
    licences = Action.objects.create(
        version=version,
        phase=phase,
        title="Gedeelde licenties",
        start=datetime.date(2026, 6, 15),
        end=datetime.date(2026, 8, 31),
        is_quick_win=True,
    )
    workflow.plan_submit(user=consultant_a, version=version)
    workflow.plan_approve(user=approver_a, version=version)
    return network, licences


def test_a_project_made_from_plan_actions(approved_actions, consultant_a, programme_a):
    network, licences = approved_actions
    project = services.project_create_from_actions(
        user=consultant_a, programme=programme_a, actions=[network, licences]
    )
    # the first action by start gives the title; 15/06/2026 .. 18/12/2026 is 187 days → 27 weeks
    assert project.title == "Gedeelde licenties"
    assert (project.planned_start, project.duration_weeks, project.quick_win) == (
        datetime.date(2026, 6, 15),
        27,
        True,
    )
    assert set(project.actions.all()) == {network, licences}
    named = services.project_create_from_actions(
        user=consultant_a, programme=programme_a, actions=[network], title="Eén ICT-dienst"
    )
    assert (named.title, named.duration_weeks, named.quick_win) == ("Eén ICT-dienst", 25, False)


def test_only_actions_of_an_approved_plan_make_a_project(programme_a, consultant_a):
    version = workflow.plan_start(user=consultant_a, programme=programme_a)
    phase = Phase.objects.create(version=version, name="Voorbereiding", position=1)
    draft_action = Action.objects.create(
        version=version,
        phase=phase,
        title="Stuurgroep",
        start=datetime.date(2026, 5, 18),
        end=datetime.date(2026, 6, 12),
    )
    with pytest.raises(ValidationError) as excinfo:
        services.project_create_from_actions(user=consultant_a, programme=programme_a, actions=[draft_action])
    assert "actions" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        services.project_create_from_actions(user=consultant_a, programme=programme_a, actions=[])


# --- The steering structure -------------------------------------------------------------------------


def test_one_steering_group_per_programme(programme_a):
    first = services.steering_group_get(programme=programme_a)
    assert services.steering_group_get(programme=programme_a) == first
    assert SteeringGroup.objects.filter(programme=programme_a).count() == 1


def test_steering_group_update_and_a_stale_one(programme_a, consultant_a, approver_a):
    group = services.steering_group_get(programme=programme_a)
    opened = group.version
    values = {
        "name": "Stuurgroep Samen één bestuur",
        "mandate": "Beslist over de volgorde.",
        "chair": None,
        "chair_name": "Marc Verhoeven",
        "programme_manager": consultant_a,
        "programme_manager_name": "",
        "meeting_rhythm": "Maandelijks",
    }
    services.steering_group_update(user=consultant_a, group=group, expected_version=opened, **values)
    group.refresh_from_db()
    assert (group.chair_name, group.programme_manager, group.version) == (
        "Marc Verhoeven",
        consultant_a,
        opened + 1,
    )
    with pytest.raises(StaleEditError) as excinfo:
        services.steering_group_update(
            user=consultant_a, group=group, expected_version=opened, **{**values, "chair_name": "Annemie"}
        )
    assert [(c.theirs, c.yours) for c in excinfo.value.changes] == [("Marc Verhoeven", "Annemie")]


def test_steering_members_need_a_user_or_a_name_and_come_once(programme_a, consultant_a, approver_a):
    group = services.steering_group_get(programme=programme_a)
    with pytest.raises(ValidationError) as excinfo:
        services.steering_member_add(user=consultant_a, group=group, function="Lid")
    assert "name" in excinfo.value.message_dict
    services.steering_member_add(
        user=consultant_a, group=group, member_user=approver_a, function="Algemeen directeur"
    )
    with pytest.raises(ValidationError) as excinfo:
        services.steering_member_add(user=consultant_a, group=group, member_user=approver_a, function="Lid")
    assert "member_user" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.steering_member_add(user=consultant_a, group=group, name="Marc", function="  ")
    assert "function" in excinfo.value.message_dict


def test_a_deleted_project_group_leaves_its_projects_unplaced(project_factory, consultant_a, programme_a):
    group = services.project_group_create(user=consultant_a, programme=programme_a, name="Organisatie")
    with pytest.raises(ValidationError) as excinfo:
        services.project_group_create(user=consultant_a, programme=programme_a, name="organisatie")
    assert "name" in excinfo.value.message_dict
    placed = project_factory("Samenvoeging secretariaat", group=group)
    project_factory("Communicatieplan")
    assert [p.title for p in programme_projects(programme_a).unplaced] == ["Communicatieplan"]
    services.project_group_delete(user=consultant_a, group=group)
    data = programme_projects(programme_a)
    assert sorted(p.title for p in data.unplaced) == ["Communicatieplan", placed.title]
    assert data.groups == []


# --- Reading ------------------------------------------------------------------------------------------


def test_programme_projects_reads_in_a_constant_number_of_queries(
    project_factory, consultant_a, programme_a, approved_actions
):
    services.steering_group_get(programme=programme_a)

    def count(with_actions: bool = True) -> int:
        with CaptureQueriesContext(connection) as ctx:
            data = programme_projects(programme_a, with_actions=with_actions)
            for project in data.projects:
                _ = (project.group, project.leader, list(project.actions.all()) if with_actions else None)
            for member in data.steering_group.member_list:
                _ = member.display_name
        return len(ctx.captured_queries)

    group = services.project_group_create(user=consultant_a, programme=programme_a, name="Organisatie")
    first = project_factory("P0", group=group, leader=consultant_a, actions=list(approved_actions))
    small, lean = count(), count(with_actions=False)
    for n in range(1, 15):
        project = project_factory(f"P{n}", group=group, leader=consultant_a, actions=list(approved_actions))
        services.dependency_add(user=consultant_a, predecessor=first, successor=project)
        services.steering_member_add(
            user=consultant_a, group=programme_a.steering_group, name=f"Lid {n}", function="Lid"
        )
    assert count() == small <= 6
    assert count(with_actions=False) == lean == small - 1


def test_what_if_on_a_programme_moves_the_dependants_and_saves_nothing(chain, consultant_a, programme_a):
    """Concept 07/09/2026 + 16 weeks = 28/12; location (FS) 11/01/2027 + 26 weeks = 12/07; secretariat (FS)
    12/07 + 12 weeks = 04/10. Concept 3 weeks later ends 18/01: location ≥ 18/01 (+1 week), secretariat +1."""
    from projects.analysis import what_if

    concept, location, secretariat = chain
    before = list(Project.objects.order_by("pk").values())
    result = what_if(programme_projects(programme_a), project_id=concept.pk, delay_weeks=3)
    assert [(m.project_id, m.shift_days) for m in result.moved] == [(location.pk, 7), (secretariat.pk, 7)]
    assert (result.old_end, result.new_end) == (datetime.date(2027, 10, 4), datetime.date(2027, 10, 11))
    assert list(Project.objects.order_by("pk").values()) == before


def test_programme_data_knows_what_each_project_needs(chain, programme_a):
    concept, location, secretariat = chain
    data = programme_projects(programme_a)
    assert [d.predecessor_id for d in data.predecessors(location.pk)] == [concept.pk]
    assert [d.successor_id for d in data.successors(location.pk)] == [secretariat.pk]
    assert data.predecessors(concept.pk) == [] and data.title(secretariat.pk) == "Samenvoeging secretariaat"
