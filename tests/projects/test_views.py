"""The pages of step 3 as people use them: what they show, who may change what, and what bad input gives."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from projects import services
from projects.models import Dependency, Project, ProjectGroup, SteeringGroup, SteeringMember

CYCLE = "Samenvoeging secretariaat → Nieuwe locatie → Dienstverleningsconcept → Samenvoeging secretariaat"


@pytest.fixture
def programme_pages(programme_a):
    return {
        "overview": reverse("projects:overview", args=[programme_a.pk]),
        "structure": reverse("projects:structure", args=[programme_a.pk]),
        "dependencies": reverse("projects:dependencies", args=[programme_a.pk]),
    }


@pytest.fixture
def conflict(chain, project_factory, consultant_a):
    """A project planned to start before the concept it needs is finished: a conflict of some weeks."""
    concept = chain[0]
    website = project_factory("Nieuwe website", datetime.date(2026, 10, 5), 8)
    services.dependency_add(user=consultant_a, predecessor=concept, successor=website)
    return website


def _text(response) -> str:
    return response.content.decode()


# --- What the pages show -------------------------------------------------------------------------------


def test_overview_lists_projects_with_dates_budget_conflict_and_unplaced_flag(
    client, consultant_a, programme_a, chain, conflict, project_factory
):
    group = services.project_group_create(user=consultant_a, programme=programme_a, name="Huisvesting")
    project_factory("Archief", budget=1234.56, group=group, quick_win=True)
    client.force_login(consultant_a)
    response = client.get(reverse("projects:overview", args=[programme_a.pk]))
    assert response.status_code == 200
    html = _text(response)
    for title in ("Dienstverleningsconcept", "Nieuwe locatie", "Samenvoeging secretariaat", "Nieuwe website"):
        assert title in html
    assert "07/09/2026" in html  # planned start dd/mm/jjjj
    assert "€ 1.234,56" in html
    assert "Huisvesting" in html
    # the website starts on 05/10/2026 but the concept ends on 28/12/2026: 12 weeks too early
    assert "Nieuwe website" in html and "12 weken te vroeg" in html
    assert "Wacht op" in html
    assert "zonder plaats" in html  # the chain's projects have no group
    assert "Kritiek pad" in html
    assert "Einde van het programma" in html and "04/10/2027" in html  # 12/07/2027 + 12 weeks
    assert "Nieuw project" in html and "Project uit acties van het plan" in html


def test_dependencies_page_shows_graph_gantt_tables_and_critical_path(
    client, consultant_a, programme_a, chain, conflict
):
    client.force_login(consultant_a)
    response = client.get(reverse("projects:dependencies", args=[programme_a.pk]))
    assert response.status_code == 200
    html = _text(response)
    assert html.count('role="img"') >= 2
    assert 'class="chart dependency-graph' in html and 'class="chart projects-gantt' in html
    # the concept ends two weeks before the location starts: only location → secretariat is critical
    assert "Kritiek pad: Nieuwe locatie → Samenvoeging secretariaat." in html  # the graph's desc
    assert "De afhankelijkheden als tabel" in html and "De planning als tabel" in html
    assert 'class="node critical"' in html
    assert "Afhankelijkheid toevoegen" in html


def test_structure_page_shows_org_chart_and_text_list(client, consultant_a, programme_a, project_factory):
    group = services.project_group_create(user=consultant_a, programme=programme_a, name="Ondersteuning")
    project_factory("Eén ICT-dienst", group=group)
    project_factory("Communicatieplan")
    client.force_login(consultant_a)
    response = client.get(reverse("projects:structure", args=[programme_a.pk]))
    assert response.status_code == 200
    html = _text(response)
    assert 'class="chart org-chart"' in html
    assert "De structuur als lijst" in html
    assert "Eén project heeft geen plaats in de stuurstructuur" in html


def test_get_changes_nothing(client, consultant_a, programme_a, programme_pages):
    client.force_login(consultant_a)
    for url in programme_pages.values():
        assert client.get(url).status_code == 200
    assert not SteeringGroup.objects.filter(programme=programme_a).exists()


def test_project_page_shows_details_actions_and_dependencies(client, consultant_a, chain):
    concept, location, secretariat = chain
    client.force_login(consultant_a)
    response = client.get(reverse("projects:project_detail", args=[location.pk]))
    assert response.status_code == 200
    html = _text(response)
    assert "Dit project heeft nodig" in html and "Dit project is nodig voor" in html
    assert "Dienstverleningsconcept" in html and "Samenvoeging secretariaat" in html
    assert "kritiek pad" in html
    assert "Gegevens bewerken" in html


# --- Roles and tenancy ---------------------------------------------------------------------------------


@pytest.mark.parametrize("reader", ["approver_a", "council_a"])
def test_readers_see_every_page_without_forms_and_get_403_on_changes(
    client, request, reader, programme_a, programme_pages, chain, consultant_a
):
    concept, location, secretariat = chain
    group = services.project_group_create(user=consultant_a, programme=programme_a, name="Huisvesting")
    steering = services.steering_group_get(programme=programme_a)
    member = services.steering_member_add(
        user=consultant_a, group=steering, name="Jan", function="burgemeester"
    )
    dependency = Dependency.objects.get(predecessor=concept, successor=location)
    client.force_login(request.getfixturevalue(reader))
    for url in [*programme_pages.values(), reverse("projects:project_detail", args=[location.pk])]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = _text(response)
        assert "U leest mee" in html
        assert "Afhankelijkheid toevoegen" not in html
        assert "Wijzigingen opslaan" not in html and "Stuurgroep bewaren" not in html
    posts = [
        reverse("projects:project_add", args=[programme_a.pk]),
        reverse("projects:project_from_actions", args=[programme_a.pk]),
        reverse("projects:steering_edit", args=[programme_a.pk]),
        reverse("projects:member_add", args=[programme_a.pk]),
        reverse("projects:group_add", args=[programme_a.pk]),
        reverse("projects:member_remove", args=[member.pk]),
        reverse("projects:group_edit", args=[group.pk]),
        reverse("projects:group_delete", args=[group.pk]),
        reverse("projects:project_detail", args=[location.pk]),
        reverse("projects:project_delete", args=[location.pk]),
        reverse("projects:project_dependency_add", args=[location.pk]),
        reverse("projects:dependency_add", args=[programme_a.pk]),
        reverse("projects:dependency_remove", args=[dependency.pk]),
    ]
    for url in posts:
        assert client.post(url, {"afh-predecessor": secretariat.pk}).status_code == 403, url
    assert Dependency.objects.count() == 2 and Project.objects.count() == 3
    assert SteeringMember.objects.count() == 1 and ProjectGroup.objects.count() == 1


@pytest.mark.parametrize("stranger", ["consultant_b", "approver_b", "council_b"])
def test_another_local_government_gets_404(client, request, stranger, programme_a, programme_pages, chain):
    client.force_login(request.getfixturevalue(stranger))
    location = chain[1]
    for url in [*programme_pages.values(), reverse("projects:project_detail", args=[location.pk])]:
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("projects:dependency_add", args=[programme_a.pk]), {})
    assert response.status_code == 404


# --- Dependencies: add, refuse, remove -----------------------------------------------------------------


def test_consultant_adds_a_dependency_on_the_analysis_page(client, consultant_a, programme_a, chain):
    concept, location, secretariat = chain
    client.force_login(consultant_a)
    url = reverse("projects:dependency_add", args=[programme_a.pk])
    data = {
        "afh-successor": secretariat.pk,
        "afh-predecessor": concept.pk,
        "afh-kind": "ss",
        "afh-lag_weeks": "2",
        "afh-note": "Het concept moet eerst lopen.",
    }
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    dependency = Dependency.objects.get(predecessor=concept, successor=secretariat)
    assert (dependency.kind, dependency.lag_weeks) == ("ss", 2)
    assert "‘Samenvoeging secretariaat’ heeft nu ‘Dienstverleningsconcept’ nodig." in _text(response)
    assert "Het concept moet eerst lopen." in _text(response)


def test_a_cycle_is_refused_with_the_cycle_named_in_the_error_summary(
    client, consultant_a, programme_a, chain
):
    concept, location, secretariat = chain
    client.force_login(consultant_a)
    url = reverse("projects:dependency_add", args=[programme_a.pk])
    data = {
        "afh-successor": concept.pk,
        "afh-predecessor": secretariat.pk,
        "afh-kind": "fs",
        "afh-lag_weeks": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    html = _text(response)
    summary = html.split('class="alert alert-danger error-summary"', 1)[1].split("</div>", 1)[0]
    assert CYCLE in summary
    assert Dependency.objects.count() == 2
    # the typed choice is kept
    assert f'<option value="{secretariat.pk}" selected>' in html


def test_self_dependency_and_bad_input_give_form_errors_not_500(
    client, consultant_a, programme_a, chain, project_b
):
    concept = chain[0]
    client.force_login(consultant_a)
    url = reverse("projects:dependency_add", args=[programme_a.pk])
    cases = [
        {"afh-successor": concept.pk, "afh-predecessor": concept.pk, "afh-kind": "fs", "afh-lag_weeks": "0"},
        {"afh-successor": concept.pk, "afh-predecessor": 2**70, "afh-kind": "fs", "afh-lag_weeks": "0"},
        {
            "afh-successor": concept.pk,
            "afh-predecessor": project_b.pk,
            "afh-kind": "fs",
            "afh-lag_weeks": "0",
        },
        {"afh-successor": concept.pk, "afh-predecessor": "²", "afh-kind": "xx", "afh-lag_weeks": "500"},
        {},
    ]
    for data in cases:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert "Controleer het formulier" in _text(response)
    assert "Een project kan niet van zichzelf afhangen." in _text(client.post(url, cases[0]))
    assert Dependency.objects.count() == 2


def test_project_page_adds_a_dependency_in_either_direction_and_removes_it(client, consultant_a, chain):
    concept, location, secretariat = chain
    client.force_login(consultant_a)
    url = reverse("projects:project_dependency_add", args=[concept.pk])
    response = client.post(
        url,
        {"afh-direction": "needed_by", "afh-other": secretariat.pk, "afh-kind": "ff", "afh-lag_weeks": "1"},
    )
    assert response.status_code == 302
    dependency = Dependency.objects.get(predecessor=concept, successor=secretariat, kind="ff", lag_weeks=1)
    # the other direction closes a cycle: refused on the project page too, naming it
    response = client.post(
        url, {"afh-direction": "needs", "afh-other": secretariat.pk, "afh-kind": "fs", "afh-lag_weeks": "0"}
    )
    assert response.status_code == 400
    assert "zou een kring sluiten" in _text(response)
    response = client.post(
        reverse("projects:dependency_remove", args=[dependency.pk]), {"terug": f"project-{concept.pk}"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("projects:project_detail", args=[concept.pk]) + "#afhankelijkheden"
    )
    assert not Dependency.objects.filter(pk=dependency.pk).exists()


# --- What-if -------------------------------------------------------------------------------------------


def test_what_if_shows_who_moves_and_the_new_end_and_saves_nothing(client, consultant_a, programme_a, chain):
    concept, location, secretariat = chain
    client.force_login(consultant_a)
    before = list(Project.objects.order_by("pk").values_list("pk", "planned_start", "version"))
    url = reverse("projects:dependencies", args=[programme_a.pk])
    response = client.get(url, {"watals-project": concept.pk, "watals-weeks": "4"})
    assert response.status_code == 200
    result = _text(response).split('class="whatif-result"', 1)[1].split("</section>", 1)[0]
    assert "Nieuwe locatie" in result and "Samenvoeging secretariaat" in result
    # the concept had two weeks of slack: four weeks late, it pushes the others two weeks
    assert "2 weken later" in result
    assert "04/10/2027" in result and "18/10/2027" in result  # old end → new end
    assert list(Project.objects.order_by("pk").values_list("pk", "planned_start", "version")) == before
    # bad what-if input: a form error, not a 500
    response = client.get(url, {"watals-project": "999999999999999999999", "watals-weeks": "x"})
    assert response.status_code == 200
    assert "Controleer het formulier" in _text(response)


# --- Projects: create, edit (optimistic locking), delete ------------------------------------------------


def test_consultant_creates_a_project_with_belgian_date_and_amount(client, consultant_a, programme_a):
    client.force_login(consultant_a)
    url = reverse("projects:project_add", args=[programme_a.pk])
    data = {
        "title": "Eén ICT-dienst",
        "planned_start": "07/09/2026",
        "duration_weeks": "20",
        "status": "planned",
        "budget": "12.500,50",
    }
    response = client.post(url, data)
    project = Project.objects.get(title="Eén ICT-dienst")
    assert response.status_code == 302 and response["Location"] == reverse(
        "projects:project_detail", args=[project.pk]
    )
    assert project.planned_start == datetime.date(2026, 9, 7) and str(project.budget) == "12500.50"


def test_a_project_can_be_planned_by_end_date_instead_of_duration(client, consultant_a, programme_a):
    client.force_login(consultant_a)
    url = reverse("projects:project_add", args=[programme_a.pk])
    data = {"title": "Nieuwe locatie", "planned_start": "04/01/2027", "planned_end": "28/06/2027"}
    response = client.post(url, {**data, "status": "planned"})
    project = Project.objects.get(title="Nieuwe locatie")
    assert response.status_code == 302
    assert project.duration_weeks == 25  # 175 days: 25 weeks, the end date kept exactly

    edit = reverse("projects:project_detail", args=[project.pk])
    shown = {"title": project.title, "planned_start": "04/01/2027", "status": "planned"}
    # Only the end changed: the duration follows it (rounded up to whole weeks).
    client.post(edit, {**shown, "planned_end": "01/07/2027", "duration_weeks": "25", "version": "1"})
    project.refresh_from_db()
    assert project.duration_weeks == 26
    # Only the duration changed: the duration counts, the shown end is not used.
    client.post(edit, {**shown, "planned_end": "05/07/2027", "duration_weeks": "30", "version": "2"})
    project.refresh_from_db()
    assert project.duration_weeks == 30
    # Both changed and they disagree: refused, with the weeks the end would give.
    response = client.post(
        edit, {**shown, "planned_end": "01/03/2027", "duration_weeks": "40", "version": "3"}
    )
    assert response.status_code == 400
    assert "spreken elkaar tegen (8 weken tot dat einde)" in _text(response)
    # An end before the start, or neither end nor duration: a Dutch error, nothing saved.
    response = client.post(url, {**data, "title": "Fout", "planned_end": "01/01/2027", "status": "planned"})
    assert "Het gepland einde moet na de geplande start vallen." in _text(response)
    response = client.post(url, {**data, "title": "Fout", "planned_end": "", "status": "planned"})
    assert "Geef een gepland einde of een duur in weken." in _text(response)
    assert not Project.objects.filter(title="Fout").exists()


def test_project_form_errors_are_shown_not_500(client, consultant_a, programme_a):
    client.force_login(consultant_a)
    url = reverse("projects:project_add", args=[programme_a.pk])
    response = client.post(
        url,
        {
            "title": "",
            "planned_start": "31/02/2026",
            "duration_weeks": "0",
            "status": "nope",
            "budget": "veel",
            "group": str(2**80),
            "leader": "abc",
            "actions": ["99999999999999999999999"],
        },
    )
    assert response.status_code == 400
    html = _text(response)
    assert "Geef het project een titel." in html
    assert "Geef een geldige datum in de vorm dd/mm/jjjj" in html
    assert "Geef een bedrag in euro" in html
    assert not Project.objects.exists()


def test_a_stale_project_save_is_refused_with_both_values_and_keeps_the_typed_input(
    client, consultant_a, programme_a, project_factory
):
    project = project_factory("Archief en documentbeheer", weeks=10)
    client.force_login(consultant_a)
    url = reverse("projects:project_detail", args=[project.pk])
    services.project_update(
        user=consultant_a, project=project, expected_version=project.version, duration_weeks=14
    )
    data = {
        "title": "Archief en documentbeheer",
        "planned_start": "04/01/2027",
        "duration_weeks": "30",
        "status": "planned",
        "version": str(project.version),  # the version the form was opened on
    }
    response = client.post(url, data)
    assert response.status_code == 409
    html = _text(response)
    assert "Intussen gewijzigd" in html
    table = html.split('class="table table-sm stale-table', 1)[1].split("</table>", 1)[0]
    assert "14" in table and "30" in table
    assert 'value="30"' in html  # what the user typed is still in the form
    project.refresh_from_db()
    assert project.duration_weeks == 14
    # saving again (the form now carries the new version) goes through
    data["version"] = str(project.version)
    assert client.post(url, data).status_code == 302
    project.refresh_from_db()
    assert project.duration_weeks == 30


def test_consultant_deletes_a_project_with_its_dependencies(client, consultant_a, programme_a, chain):
    location = chain[1]
    client.force_login(consultant_a)
    url = reverse("projects:project_delete", args=[location.pk])
    assert "2 afhankelijkheden" in _text(client.get(url))
    response = client.post(url)
    assert response.status_code == 302
    assert not Project.objects.filter(pk=location.pk).exists() and not Dependency.objects.exists()


def test_from_actions_without_an_approved_plan_says_so(client, consultant_a, programme_a):
    client.force_login(consultant_a)
    response = client.get(reverse("projects:project_from_actions", args=[programme_a.pk]))
    assert response.status_code == 200
    assert "Nog geen goedgekeurd actieplan" in _text(response)
    response = client.post(
        reverse("projects:project_from_actions", args=[programme_a.pk]), {"actions": ["1"]}
    )
    assert response.status_code == 400


# --- The steering structure ----------------------------------------------------------------------------


def test_consultant_builds_the_steering_structure(
    client, consultant_a, approver_a, programme_a, project_factory
):
    client.force_login(consultant_a)
    response = client.post(
        reverse("projects:steering_edit", args=[programme_a.pk]),
        {
            "name": "Stuurgroep fusie",
            "chair_name": "Marc Verhoeven (burgemeester)",
            "programme_manager": approver_a.pk,
            "mandate": "Beslist over de volgorde van de projecten.",
            "meeting_rhythm": "maandelijks",
            "version": "1",
        },
    )
    assert response.status_code == 302
    steering = SteeringGroup.objects.get(programme=programme_a)
    assert (steering.name, steering.programme_manager) == ("Stuurgroep fusie", approver_a)
    response = client.post(
        reverse("projects:member_add", args=[programme_a.pk]),
        {"lid-name": "Annemie Goossens", "lid-function": "voorzitter BCSD"},
    )
    assert response.status_code == 302
    response = client.post(reverse("projects:member_add", args=[programme_a.pk]), {"lid-function": "x"})
    assert response.status_code == 400 and "Kies een gebruiker of geef een naam." in _text(response)
    response = client.post(
        reverse("projects:group_add", args=[programme_a.pk]),
        {"groep-name": "Huisvesting", "groep-lead_name": "Koen"},
    )
    assert response.status_code == 302
    group = ProjectGroup.objects.get(programme=programme_a)
    project_factory("Nieuwe locatie", group=group)
    html = _text(client.get(reverse("projects:structure", args=[programme_a.pk])))
    assert "Stuurgroep fusie" in html and "Annemie Goossens" in html and "Huisvesting" in html
    # deleting the group leaves its project unplaced, and says so
    response = client.post(reverse("projects:group_delete", args=[group.pk]), follow=True)
    assert "geen plaats in de structuur" in _text(response)
    assert Project.objects.get(title="Nieuwe locatie").group is None


def test_a_stale_steering_group_save_shows_both_values(client, consultant_a, programme_a):
    steering = services.steering_group_get(programme=programme_a)
    services.steering_group_update(
        user=consultant_a,
        group=steering,
        expected_version=steering.version,
        name="Stuurgroep A",
        mandate="",
        chair=None,
        chair_name="",
        programme_manager=None,
        programme_manager_name="",
        meeting_rhythm="wekelijks",
    )
    client.force_login(consultant_a)
    response = client.post(
        reverse("projects:steering_edit", args=[programme_a.pk]),
        {"name": "Stuurgroep B", "meeting_rhythm": "maandelijks", "version": "1"},
    )
    assert response.status_code == 409
    html = _text(response)
    assert "Intussen gewijzigd" in html and "wekelijks" in html and "maandelijks" in html
    assert SteeringGroup.objects.get(pk=steering.pk).name == "Stuurgroep A"


def test_group_edit_page(client, consultant_a, programme_a):
    group = services.project_group_create(user=consultant_a, programme=programme_a, name="Huisvesting")
    client.force_login(consultant_a)
    url = reverse("projects:group_edit", args=[group.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"name": "Huisvesting en onthaal", "lead": "x", "version": str(group.version)}
    )
    assert response.status_code == 400  # a lead that is no choice
    response = client.post(url, {"name": "Huisvesting en onthaal", "version": str(group.version)})
    assert response.status_code == 302
    assert ProjectGroup.objects.get(pk=group.pk).name == "Huisvesting en onthaal"


def test_project_from_actions_of_the_approved_plan(client, db):
    from django.contrib.auth import get_user_model

    from programmes import demo
    from programmes.models import Action, PlanVersion, Programme

    demo.seed()
    programme = Programme.objects.get(title=demo.PROGRAMMES["a"]["title"])
    client.force_login(get_user_model().objects.get(username="consultant.a"))
    url = reverse("projects:project_from_actions", args=[programme.pk])
    response = client.get(url)
    assert response.status_code == 200
    approved = Action.objects.filter(
        version__plan__programme=programme, version__state=PlanVersion.State.APPROVED
    ).order_by("start", "pk")
    first, second = approved[0], approved[1]
    assert first.title in response.content.decode()
    draft = Action.objects.filter(
        version__plan__programme=programme, version__state=PlanVersion.State.DRAFT
    ).first()
    response = client.post(url, {"actions": [draft.pk]})  # an action of the draft version: not a choice
    assert response.status_code == 400
    response = client.post(url, {"actions": [first.pk, second.pk], "title": "Startfase"})
    project = Project.objects.get(programme=programme, title="Startfase")
    assert response.status_code == 302
    assert set(project.actions.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert project.planned_start == min(first.start, second.start)


def test_consultant_changes_the_kind_and_lag_of_a_dependency(client, consultant_a, council_a, chain):
    concept, location, secretariat = chain
    dependency = Dependency.objects.get(predecessor=concept, successor=location)
    url = reverse("projects:dependency_edit", args=[dependency.pk])
    client.force_login(council_a)
    assert client.get(url).status_code == 403
    client.force_login(consultant_a)
    assert client.get(url + f"?terug=project-{location.pk}").status_code == 200
    response = client.post(url, {"kind": "ss", "lag_weeks": "999", "note": ""})
    assert response.status_code == 400
    response = client.post(
        url, {"kind": "ss", "lag_weeks": "3", "note": "Mag overlappen.", "terug": f"project-{location.pk}"}
    )
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("projects:project_detail", args=[location.pk])
    )
    dependency.refresh_from_db()
    assert (dependency.kind, dependency.lag_weeks, dependency.note) == ("ss", 3, "Mag overlappen.")


def test_programme_page_shows_step_3_progress_with_a_link(client, consultant_a, programme_a, chain, conflict):
    from programmes.models import Step

    programme_a.step = Step.PROGRAMME
    programme_a.save(update_fields=["step"])
    client.force_login(consultant_a)
    html = _text(client.get(programme_a.get_absolute_url()))
    assert reverse("projects:overview", args=[programme_a.pk]) in html
    assert "Stuurgroep en projectstructuur" in html  # no steering group yet
    assert "4 projecten een plaats in de stuurstructuur geven" in html
    assert "Eén planningsconflict oplossen" in html


def test_an_empty_programme_has_every_page_and_the_pdf(client, consultant_a, programme_a, programme_pages):
    from documents.pdf import html_to_pdf
    from projects.document import projects_html

    client.force_login(consultant_a)
    for url in programme_pages.values():
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Nog geen projecten" in _text(client.get(programme_pages["overview"]))
    assert "nog geen projecten" in _text(client.get(programme_pages["dependencies"]))
    assert html_to_pdf(projects_html(programme_a)).startswith(b"%PDF")


def test_member_remove_and_a_stale_group_edit(client, consultant_a, programme_a):
    steering = services.steering_group_get(programme=programme_a)
    member = services.steering_member_add(user=consultant_a, group=steering, name="Jan", function="schepen")
    group = services.project_group_create(user=consultant_a, programme=programme_a, name="Huisvesting")
    opened_on = group.version
    services.project_group_update(
        user=consultant_a,
        group=group,
        expected_version=opened_on,
        name="Huisvesting",
        description="",
        lead=None,
        lead_name="Koen",
    )
    client.force_login(consultant_a)
    response = client.post(reverse("projects:member_remove", args=[member.pk]))
    assert response.status_code == 302 and not SteeringMember.objects.exists()
    url = reverse("projects:group_edit", args=[group.pk])
    response = client.post(url, {"name": "Huisvesting", "lead_name": "Inge", "version": str(opened_on)})
    assert response.status_code == 409
    html = _text(response)
    assert "Intussen gewijzigd" in html and "Koen" in html and "Inge" in html
    assert ProjectGroup.objects.get(pk=group.pk).lead_name == "Koen"
