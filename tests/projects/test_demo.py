"""The demo of step 3: Geel's programme of projects in one steering structure, with the secretariat → location
→ service concept chain and one conflict; a small programme for Ieper; idempotent; `--scale` stays acyclic."""

from __future__ import annotations

import networkx as nx
import pytest
from django.contrib.auth import get_user_model

from programmes import demo
from programmes.models import PlanVersion, Programme
from programmes.plan.demo import seed_plans
from projects.analysis import analyse
from projects.demo import seed_projects
from projects.models import Dependency, Project, ProjectGroup, SteeringGroup, SteeringMember
from projects.queries import programme_projects

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(monkeypatch):
    """programmes.demo.seed() with only the plan's and this step's extenders."""
    monkeypatch.setattr(demo, "_extenders", [])

    def run(scale: int = 1):
        lgs = demo.seed(scale=scale)
        users = {user.username: user for user in get_user_model().objects.all()}
        seed_plans(lgs=lgs, users=users, scale=scale)
        seed_projects(lgs=lgs, users=users, scale=scale)
        return lgs

    return run


def _programme(lgs, key: str) -> Programme:
    return Programme.objects.get(local_government=lgs[key], title=demo.PROGRAMMES[key]["title"])


def test_geel_has_ten_projects_in_one_steering_structure(seeded):
    lgs = seeded()
    data = programme_projects(_programme(lgs, "a"))
    assert len(data.projects) == 10
    steering = data.steering_group
    assert steering.chair_name.startswith("Marc Verhoeven")
    assert steering.programme_manager.username == "consultant.a"
    assert [m.function for m in steering.member_list] == [
        "Burgemeester (voorzitter)",
        "Voorzitter BCSD",
        "Algemeen directeur",
        "Financieel directeur",
        "Programmamanager",
    ]
    assert [g.name for g in data.groups] == [
        "Organisatie en personeel",
        "Dienstverlening en huisvesting",
        "Ondersteunende processen",
    ]
    assert [p.title for p in data.unplaced] == ["Communicatieplan en huisstijl"]  # shows the flag
    assert {k for k, _ in Dependency.objects.filter(programme=data.programme).values_list("kind", "pk")} == {
        "fs",
        "ss",
        "ff",
    }
    assert Dependency.objects.filter(programme=data.programme, lag_weeks__gt=0).exists()


def test_geel_holds_the_chain_and_one_conflict(seeded):
    lgs = seeded()
    data = programme_projects(_programme(lgs, "a"))
    edges = {(data.title(d.predecessor_id), data.title(d.successor_id)) for d in data.dependencies}
    assert ("Dienstverleningsconcept", "Nieuwe locatie (administratief centrum)") in edges
    assert ("Nieuwe locatie (administratief centrum)", "Samenvoeging secretariaat") in edges
    result = analyse(data)
    assert [
        (data.title(c.project_id), c.weeks, [data.title(pk) for pk in c.because]) for c in result.conflicts
    ] == [("Geïntegreerde financiële dienst", 7, ["Eén ICT-dienst"])]
    assert [data.title(pk) for pk in result.critical_path] == [
        "Dienstverleningsconcept",
        "Nieuwe locatie (administratief centrum)",
        "Samenvoeging secretariaat",
    ]


def test_geel_projects_carry_out_actions_of_the_approved_plan(seeded):
    lgs = seeded()
    programme = _programme(lgs, "a")
    linked = Project.objects.filter(programme=programme, actions__isnull=False).distinct()
    assert linked.count() >= 5
    states = set(
        PlanVersion.objects.filter(actions__projects__programme=programme).values_list("state", flat=True)
    )
    assert states == {PlanVersion.State.APPROVED}


def test_every_model_has_rows_for_both_local_governments(seeded):
    lgs = seeded()
    for key in ("a", "b"):
        programme = _programme(lgs, key)
        assert SteeringGroup.objects.filter(programme=programme).count() == 1
        assert SteeringMember.objects.filter(group__programme=programme).exists()
        assert ProjectGroup.objects.filter(programme=programme).exists()
        assert Project.objects.filter(programme=programme).exists()
        assert Dependency.objects.filter(programme=programme).exists()
    assert SteeringGroup.objects.count() == Programme.objects.count()  # one each, also without projects


def test_the_demo_is_idempotent(seeded):
    seeded()
    counts = [m.objects.count() for m in (SteeringGroup, SteeringMember, ProjectGroup, Project, Dependency)]
    seeded()
    assert [
        m.objects.count() for m in (SteeringGroup, SteeringMember, ProjectGroup, Project, Dependency)
    ] == counts


def test_scale_multiplies_geel_and_stays_acyclic(seeded):
    lgs = seeded(scale=3)
    programme = _programme(lgs, "a")
    data = programme_projects(programme)
    assert len(data.projects) == 30
    assert len(data.dependencies) == 3 * 9 + 2
    graph = nx.DiGraph((d.predecessor_id, d.successor_id) for d in data.dependencies)
    assert nx.is_directed_acyclic_graph(graph)
    assert analyse(data).ignored == []
    assert SteeringGroup.objects.count() == Programme.objects.count() == 6  # 3 programmes each at scale 3
