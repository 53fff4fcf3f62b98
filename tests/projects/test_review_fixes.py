"""What the review of step 3 fixed: a conflict says what to do and can be resolved in one click, a refused
cycle explains itself, an empty or tampered form gives Dutch errors (never a blank form or a 500), the
analysis page's table removes through one form, and the plain rows the analysis page reads."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from projects import services
from projects.analysis import analyse
from projects.models import Dependency, Project
from projects.queries import DependencyRow, ProjectRow, programme_projects

BIG = "99999999999999999999"


@pytest.fixture
def conflict(chain, project_factory, consultant_a):
    """‘Nieuwe website’ needs the concept (ends 28/12/2026) but is planned from 05/10/2026: 12 weeks early."""
    concept = chain[0]
    website = project_factory("Nieuwe website", datetime.date(2026, 10, 5), 8)
    services.dependency_add(user=consultant_a, predecessor=concept, successor=website)
    return website


def _text(response) -> str:
    return response.content.decode()


# --- A conflict says what to do, and the consultant resolves it ----------------------------------------


def test_a_conflict_offers_to_move_the_start_or_change_the_dependency(
    client, consultant_a, programme_a, conflict
):
    client.force_login(consultant_a)
    for name in ("overview", "dependencies"):
        html = _text(client.get(reverse(f"projects:{name}", args=[programme_a.pk])))
        assert "Oplossen" in html
        assert "Start verschuiven naar 28/12/2026" in html
        assert reverse("projects:project_resolve_conflict", args=[conflict.pk]) in html
        dependency = Dependency.objects.get(successor=conflict)
        assert reverse("projects:dependency_edit", args=[dependency.pk]) in html
    html = _text(client.get(reverse("projects:project_detail", args=[conflict.pk])))
    assert "Start verschuiven naar 28/12/2026" in html


def test_a_reader_is_told_how_a_conflict_is_resolved_without_a_button(
    client, council_a, programme_a, conflict
):
    client.force_login(council_a)
    html = _text(client.get(reverse("projects:overview", args=[programme_a.pk])))
    assert "Op te lossen door de consultant: de geplande start verschuiven naar 28/12/2026" in html
    assert reverse("projects:project_resolve_conflict", args=[conflict.pk]) not in html
    response = client.post(reverse("projects:project_resolve_conflict", args=[conflict.pk]))
    assert response.status_code == 403
    assert Project.objects.get(pk=conflict.pk).planned_start == datetime.date(2026, 10, 5)


def test_resolving_a_conflict_plans_the_start_where_the_dependencies_allow(
    client, consultant_a, programme_a, conflict
):
    client.force_login(consultant_a)
    url = reverse("projects:project_resolve_conflict", args=[conflict.pk])
    response = client.post(url, {"version": conflict.version, "terug": "overzicht"}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("projects:overview", args=[programme_a.pk]))
    assert "De geplande start van ‘Nieuwe website’ is nu 28/12/2026" in _text(response)
    conflict.refresh_from_db()
    assert conflict.planned_start == datetime.date(2026, 12, 28)
    assert analyse(programme_projects(programme_a)).conflicts == []
    # again: nothing left to resolve, nothing changes
    response = client.post(url, {"version": conflict.version}, follow=True)
    assert "heeft geen planningsconflict meer" in _text(response)
    assert Project.objects.get(pk=conflict.pk).version == conflict.version


def test_resolving_a_conflict_after_a_colleagues_edit_changes_nothing(client, consultant_a, conflict):
    client.force_login(consultant_a)
    old_version = conflict.version
    services.project_update(user=consultant_a, project=conflict, expected_version=old_version, sponsor="X")
    for version in (old_version, BIG, "abc"):
        response = client.post(
            reverse("projects:project_resolve_conflict", args=[conflict.pk]),
            {"version": version},
            follow=True,
        )
        assert response.status_code == 200
        assert "intussen gewijzigd; er is niets verschoven" in _text(response)
    assert Project.objects.get(pk=conflict.pk).planned_start == datetime.date(2026, 10, 5)


def test_resolving_a_conflict_of_another_local_government_is_404(client, consultant_b, conflict):
    client.force_login(consultant_b)
    assert client.post(reverse("projects:project_resolve_conflict", args=[conflict.pk])).status_code == 404
    assert client.post(f"/projecten/{BIG}/conflict-oplossen/").status_code == 404


# --- A refused cycle explains itself ------------------------------------------------------------------


def test_a_refused_cycle_names_it_and_says_what_to_do(client, consultant_a, programme_a, chain):
    concept, _location, secretariat = chain
    client.force_login(consultant_a)
    response = client.post(
        reverse("projects:dependency_add", args=[programme_a.pk]),
        {
            "afh-successor": concept.pk,
            "afh-predecessor": secretariat.pk,
            "afh-kind": "fs",
            "afh-lag_weeks": "0",
        },
    )
    assert response.status_code == 400
    html = _text(response)
    assert (
        "Samenvoeging secretariaat → Nieuwe locatie → Dienstverleningsconcept → Samenvoeging secretariaat"
        in html
    )
    assert "verwijder eerst de afhankelijkheid in de kring die niet meer klopt" in html
    response = client.post(
        reverse("projects:project_dependency_add", args=[concept.pk]),
        {"afh-direction": "needs", "afh-other": secretariat.pk, "afh-kind": "fs", "afh-lag_weeks": "0"},
    )
    assert response.status_code == 400
    assert "verwijder eerst de afhankelijkheid in de kring die niet meer klopt" in _text(response)
    assert Dependency.objects.count() == 2


# --- Empty and tampered forms -------------------------------------------------------------------------


def test_an_empty_post_shows_dutch_errors_not_a_blank_form(client, consultant_a, programme_a, chain):
    group = services.project_group_create(user=consultant_a, programme=programme_a, name="Huisvesting")
    dependency = Dependency.objects.first()
    client.force_login(consultant_a)
    expected = {
        reverse("projects:project_add", args=[programme_a.pk]): "Geef het project een titel.",
        reverse("projects:project_from_actions", args=[programme_a.pk]): "Nog geen goedgekeurd actieplan",
        reverse("projects:dependency_edit", args=[dependency.pk]): "Kies de soort: einde-start",
        reverse("projects:group_edit", args=[group.pk]): "Geef de projectgroep een naam.",
        reverse("projects:dependency_add", args=[programme_a.pk]): "Kies een project.",
    }
    for url, message in expected.items():
        response = client.post(url, {})
        assert response.status_code == 400, url
        html = _text(response)
        assert message in html, url
        assert "Dit veld is verplicht" not in html, url
    assert Project.objects.count() == 3


def test_a_tampered_version_counts_as_stale_not_as_an_error_on_a_hidden_field(client, consultant_a, chain):
    location = chain[1]
    client.force_login(consultant_a)
    response = client.post(
        reverse("projects:project_detail", args=[location.pk]),
        {
            "title": "Nieuwe locatie",
            "planned_start": "11/01/2027",
            "duration_weeks": "30",
            "status": "planned",
            "version": BIG,
        },
    )
    assert response.status_code == 409
    html = _text(response)
    assert "Intussen gewijzigd" in html
    assert "Version" not in html and "2147483648" not in html
    assert Project.objects.get(pk=location.pk).duration_weeks == 26


# --- The analysis page --------------------------------------------------------------------------------


def test_the_dependency_table_removes_through_one_shared_form(client, consultant_a, programme_a, chain):
    concept, location, _secretariat = chain
    dependency = Dependency.objects.get(predecessor=concept, successor=location)
    client.force_login(consultant_a)
    html = _text(client.get(reverse("projects:dependencies", args=[programme_a.pk])))
    assert html.count('id="afh-verwijderen"') == 1
    remove = reverse("projects:dependency_remove", args=[dependency.pk])
    assert f'form="afh-verwijderen" formaction="{remove}"' in html
    token = html.split('id="afh-verwijderen"', 1)[1].split('name="csrfmiddlewaretoken" value="', 1)[1]
    assert token.split('"', 1)[0]
    response = client.post(remove, follow=True)
    assert "hangt niet meer af van" in _text(response)
    assert not Dependency.objects.filter(pk=dependency.pk).exists()


def test_what_if_counts_weeks_in_dutch(client, consultant_a, programme_a, chain):
    concept = chain[0]
    client.force_login(consultant_a)
    response = client.get(
        reverse("projects:dependencies", args=[programme_a.pk]),
        {"watals-project": concept.pk, "watals-weeks": "1"},
    )
    html = _text(response)
    assert "Als ‘Dienstverleningsconcept’ 1 week later start en eindigt" in html
    assert "1 week later" in html and "1 weken" not in html and " w later" not in html


def test_the_analysis_page_reads_plain_rows_with_the_same_result(programme_a, chain, conflict):
    lean = programme_projects(programme_a, lean=True)
    full = programme_projects(programme_a)
    assert all(isinstance(p, ProjectRow) for p in lean.projects)
    assert all(isinstance(d, DependencyRow) for d in lean.dependencies)
    assert lean.dependencies[0].get_kind_display() == "Einde-start"
    a, b = analyse(lean), analyse(full)
    assert a.order == b.order and a.critical_path == b.critical_path and a.end_date == b.end_date
    assert [c.project_id for c in a.conflicts] == [c.project_id for c in b.conflicts] == [conflict.pk]
    assert {pk: s.earliest_start for pk, s in a.schedules.items()} == {
        pk: s.earliest_start for pk, s in b.schedules.items()
    }


def test_from_actions_says_which_project_already_carries_an_action_out(client, db):
    from django.contrib.auth import get_user_model

    from programmes import demo
    from programmes.models import Programme

    demo.seed()  # runs the projects demo too: its projects carry actions of the approved plan
    programme = Programme.objects.get(title=demo.PROGRAMMES["a"]["title"])
    carried = Project.objects.filter(programme=programme, actions__isnull=False).distinct().first()
    action = carried.actions.first()
    client.force_login(get_user_model().objects.get(username="consultant.a"))
    html = _text(client.get(reverse("projects:project_from_actions", args=[programme.pk])))
    assert f"{action.title} (" in html
    assert f"al in ‘{carried.title}’" in html
