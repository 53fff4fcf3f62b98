"""Every change in step 3 leaves who, when and what: the services name the acting user in the history, the
project page and the structure page show it in Dutch, field by field, and only to those who may see it."""

from __future__ import annotations

import datetime
import html
import re
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects import services
from projects.history import project_history, structure_history
from projects.models import Dependency, Project, ProjectGroup, SteeringMember


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


def _history_section(page: str) -> str:
    """The history section's markup."""
    start = page.index('id="geschiedenis"')
    return page[start : page.index("</section>", start)]


def _read(section: str) -> str:
    """What a reader (and a screen reader) gets from the section: its text, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", section).split())


def _name(user) -> str:
    return user.get_full_name()


def test_a_change_through_a_service_records_the_user_and_each_field(
    consultant_a, programme_a, project_factory
):
    group = services.project_group_create(user=consultant_a, programme=programme_a, name="Huisvesting")
    project = project_factory("Archief", start=datetime.date(2027, 1, 4), weeks=4)
    services.project_update(
        user=consultant_a,
        project=project,
        expected_version=project.version,
        planned_start=datetime.date(2027, 2, 1),
        budget=Decimal("1234.56"),
        status="running",
        group=group,
        leader=consultant_a,
        quick_win=True,
    )
    record = Project.history.filter(id=project.pk).order_by("-history_id").first()
    assert record.history_user == consultant_a
    assert record.history_type == "~"

    entries = project_history(project)
    assert [e.headline for e in entries] == ["Project gewijzigd", "Project aangemaakt"]
    changed = entries[0]
    assert changed.who == _name(consultant_a)
    assert set(changed.changes) >= {
        ("Geplande start", "04/01/2027", "01/02/2027"),
        ("Budget (€)", "—", "€ 1.234,56"),
        ("Status", "Gepland", "Lopend"),
        ("Projectgroep", "—", "Huisvesting"),
        ("Projectleider", "—", _name(consultant_a)),
        ("Quick win", "nee", "ja"),
    }
    assert not any(label in ("Version", "Position") for label, _b, _a in changed.changes)


def test_the_project_page_shows_the_history_in_dutch(client, consultant_a, project_factory):
    project = project_factory("Archief", weeks=4)
    services.project_update(
        user=consultant_a, project=project, expected_version=1, duration_weeks=6, sponsor="Burgemeester"
    )
    client.force_login(consultant_a)
    section = _history_section(_page(client, reverse("projects:project_detail", args=[project.pk])))
    assert "Geschiedenis" in section
    assert _name(consultant_a) in section
    assert "Project gewijzigd" in section and "Project aangemaakt" in section
    text = _read(section)
    assert "Duur (weken): was 4 → wordt 6" in text  # the screen reader hears what was and what becomes
    assert "Opdrachtgever: was — → wordt Burgemeester" in text


def test_a_dependency_added_changed_and_removed_shows_on_both_projects_pages(client, consultant_a, chain):
    concept, _location, secretariat = chain
    client.force_login(consultant_a)
    response = client.post(
        reverse("projects:project_dependency_add", args=[secretariat.pk]),
        {"afh-direction": "needs", "afh-other": concept.pk, "afh-kind": "fs", "afh-lag_weeks": "2"},
    )
    assert response.status_code == 302
    dependency = Dependency.objects.get(predecessor=concept, successor=secretariat)
    response = client.post(
        reverse("projects:dependency_edit", args=[dependency.pk]),
        {"kind": "ss", "lag_weeks": "3", "note": ""},
    )
    assert response.status_code == 302
    response = client.post(reverse("projects:dependency_remove", args=[dependency.pk]))
    assert response.status_code == 302

    successor_page = _history_section(
        _page(client, reverse("projects:project_detail", args=[secretariat.pk]))
    )
    assert "Afhankelijkheid toegevoegd: heeft nodig Dienstverleningsconcept (einde-start, 2 weken)" in (
        successor_page
    )
    assert "Afhankelijkheid gewijzigd: heeft nodig Dienstverleningsconcept" in successor_page
    assert "Soort: " in successor_page and "Einde-start" in successor_page and "Start-start" in successor_page
    assert "Afhankelijkheid verwijderd: heeft nodig Dienstverleningsconcept (start-start, 3 weken)" in (
        successor_page
    )
    assert "Afhankelijkheid toegevoegd: heeft nodig Nieuwe locatie (einde-start)" in successor_page

    predecessor_page = _history_section(_page(client, reverse("projects:project_detail", args=[concept.pk])))
    assert "Afhankelijkheid toegevoegd: is nodig voor Samenvoeging secretariaat (einde-start, 2 weken)" in (
        predecessor_page
    )
    assert "Afhankelijkheid verwijderd: is nodig voor Samenvoeging secretariaat (start-start, 3 weken)" in (
        predecessor_page
    )
    assert _name(consultant_a) in predecessor_page


def test_a_deleted_project_leaves_its_dependencies_removed_by_the_user_on_the_others(
    client, consultant_a, chain
):
    concept, location, secretariat = chain
    services.project_delete(user=consultant_a, project=location)
    removed = Dependency.history.filter(history_type="-")
    assert removed.count() == 2
    assert {r.history_user_id for r in removed} == {consultant_a.pk}
    entries = project_history(concept)
    assert entries[0].headline == "Afhankelijkheid verwijderd: is nodig voor Nieuwe locatie (einde-start)"
    assert entries[0].who == _name(consultant_a)
    deleted = Project.history.get(id=location.pk, history_type="-")
    assert deleted.history_user == consultant_a


def test_the_structure_page_shows_the_history_of_steering_group_members_and_groups(
    client, consultant_a, council_a, programme_a, project_factory
):
    steering = services.steering_group_get(programme=programme_a, user=consultant_a)
    services.steering_group_update(
        user=consultant_a,
        group=steering,
        expected_version=steering.version,
        name="Stuurgroep fusie",
        mandate="",
        chair=None,
        chair_name="Burgemeester Peeters",
        programme_manager=consultant_a,
        programme_manager_name="",
        meeting_rhythm="maandelijks",
    )
    member = services.steering_member_add(
        user=consultant_a, group=steering, name="Jan Peeters", function="algemeen directeur"
    )
    services.steering_member_add(
        user=consultant_a, group=steering, member_user=council_a, function="raadslid"
    )
    services.steering_member_remove(user=consultant_a, member=member)
    group = services.project_group_create(user=consultant_a, programme=programme_a, name="Huisvesting")
    services.project_group_update(
        user=consultant_a, group=group, expected_version=1, name="Huisvesting en onthaal", description="",
        lead=None, lead_name="Els",
    )  # fmt: skip
    archive = project_factory("Archief", group=ProjectGroup.objects.get(pk=group.pk))
    services.project_group_delete(user=consultant_a, group=ProjectGroup.objects.get(pk=group.pk))

    client.force_login(council_a)  # a council member reads the history too
    section = _history_section(_page(client, reverse("projects:structure", args=[programme_a.pk])))
    for text in (
        "Stuurgroep aangemaakt",
        "Stuurgroep gewijzigd",
        "Naam: ",
        "Stuurgroep fusie",
        "Voorzitter (naam)",
        "Burgemeester Peeters",
        f"Programmamanager: — → {_name(consultant_a)}",
        "Lid van de stuurgroep toegevoegd: Jan Peeters, algemeen directeur",
        "Lid van de stuurgroep verwijderd: Jan Peeters, algemeen directeur",
        f"Lid van de stuurgroep toegevoegd: {_name(council_a)}, raadslid",
        "Projectgroep aangemaakt: Huisvesting",
        "Projectgroep gewijzigd: Huisvesting en onthaal",
        "Projectgroep verwijderd: Huisvesting en onthaal",
    ):
        assert text in _read(section).replace("was ", "").replace("wordt ", ""), text
    assert _name(consultant_a) in section
    # The project lost its group: its own history says so, with the group's name from before.
    entries = project_history(Project.objects.get(pk=archive.pk))
    assert ("Projectgroep", "Huisvesting en onthaal", "—") in entries[0].changes
    assert SteeringMember.history.filter(history_user=consultant_a).count() == 3


def test_council_members_read_the_history_without_forms(client, consultant_a, council_a, chain):
    concept = chain[0]
    services.project_update(user=consultant_a, project=concept, expected_version=1, sponsor="Schepen")
    client.force_login(council_a)
    page = _page(client, reverse("projects:project_detail", args=[concept.pk]))
    section = _history_section(page)
    assert "Project gewijzigd" in section and "Schepen" in section
    assert "Afhankelijkheid toegevoegd: is nodig voor Nieuwe locatie (einde-start)" in section
    assert "<form" not in section
    assert client.post(reverse("projects:project_detail", args=[concept.pk]), {}).status_code == 403


def test_another_local_government_gets_404_and_never_the_history(client, consultant_b, chain):
    concept = chain[0]
    client.force_login(consultant_b)
    assert client.get(reverse("projects:project_detail", args=[concept.pk])).status_code == 404
    assert client.get(reverse("projects:structure", args=[concept.programme_id])).status_code == 404


def test_the_history_shows_the_latest_20_in_a_constant_number_of_queries(
    client, consultant_a, programme_a, project_factory
):
    project = project_factory("Archief")
    other = project_factory("Website")
    services.dependency_add(user=consultant_a, predecessor=other, successor=project)
    client.force_login(consultant_a)
    url = reverse("projects:project_detail", args=[project.pk])
    structure_url = reverse("projects:structure", args=[programme_a.pk])
    client.get(url)
    client.get(structure_url)

    def count(page_url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(page_url).status_code == 200
        return len(ctx.captured_queries)

    def change(n):
        project.refresh_from_db()
        services.project_update(
            user=consultant_a, project=project, expected_version=project.version, sponsor=f"Sponsor {n}"
        )
        services.project_group_create(user=consultant_a, programme=programme_a, name=f"Groep {n}")

    change(0)
    few, few_structure = count(url), count(structure_url)
    for n in range(1, 30):
        change(n)
    assert count(url) == few
    assert count(structure_url) == few_structure
    entries = project_history(Project.objects.get(pk=project.pk))
    assert len(entries) == 20
    assert entries[0].changes == [("Opdrachtgever", "Sponsor 28", "Sponsor 29")]
    assert len(structure_history(programme_a)) == 20


def test_plan_actions_show_as_one_entry_with_the_creation_and_by_title_when_changed(db):
    from django.contrib.auth import get_user_model

    from programmes import demo
    from programmes.models import Programme

    demo.seed()
    consultant = get_user_model().objects.get(username="consultant.a")
    programme = Programme.objects.get(title=demo.PROGRAMMES["a"]["title"])
    project = Project.objects.filter(programme=programme, actions__isnull=False).order_by("pk").first()
    before = sorted(project.actions.values_list("title", flat=True))
    # The demo made it through the services: one record with its actions, by the consultant.
    assert Project.history.filter(id=project.pk).count() == 1
    entries = project_history(project)
    assert [(e.headline, e.who) for e in entries if e.headline.startswith("Project")] == [
        ("Project aangemaakt", _name(consultant))
    ]
    other = services.action_queryset(programme).exclude(projects=project).first()
    services.project_update(
        user=consultant,
        project=project,
        expected_version=project.version,
        actions=[*project.actions.all(), other],
        title="Startfase",
    )
    after = "; ".join(sorted([*before, other.title]))
    assert Project.history.filter(id=project.pk, history_type="~").count() == 1  # one record per change
    changed = project_history(project)[0]
    assert changed.headline == "Project gewijzigd"
    assert ("Acties", "; ".join(before), after) in changed.changes
    assert ("Titel", project.title, "Startfase") in changed.changes


def test_rows_from_before_the_history_get_a_starting_record_that_is_compared_not_shown(consultant_a, chain):
    import importlib

    from django.apps import apps

    location = chain[1]
    Project.history.all().delete()
    Dependency.history.all().delete()  # as if made before migration 0002
    importlib.import_module("projects.migrations.0002_history").baseline(apps, None)
    assert Project.history.filter(history_change_reason="beginstand").count() == 3
    assert Dependency.history.filter(history_change_reason="beginstand").count() == 2
    assert project_history(location) == []  # nothing happened since
    services.project_update(user=consultant_a, project=location, expected_version=1, duration_weeks=30)
    entries = project_history(location)
    assert [(e.headline, e.changes) for e in entries] == [
        ("Project gewijzigd", [("Duur (weken)", "26", "30")])
    ]
