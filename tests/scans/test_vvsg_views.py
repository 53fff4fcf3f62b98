"""The VVSG pages as users see them: the overview, one service along the eight steps, the forms, the
roles (403 for readers, 404 for another local government), a finished scan, and query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scans.models import (
    Hypothesis,
    OrganisationForm,
    Precondition,
    ServiceProduct,
    SupportService,
    WorkingMethods,
)
from scans.services import vvsg
from scans.services.core import scan_finalise


@pytest.fixture
def ict(scan_a):
    return scan_a.services.get(name="ICT")


@pytest.fixture
def helpdesk(ict, consultant_a):
    return vvsg.product_add(
        user=consultant_a,
        service=ict,
        name="Helpdesk voor medewerkers",
        users="Alle medewerkers van gemeente en OCMW",
        fte_gemeente=Decimal("1.5"),
        fte_ocmw=Decimal("0.8"),
        running_costs=Decimal("12500"),
        outsourced="Tweedelijnssupport sociaal dossier",
        current_quality_providers=3,
        current_quality_users=2,
        desired_quality_providers=4,
        desired_quality_users=4,
        quality_note="Wachttijden lopen op tot een week.",
    )


@pytest.fixture
def hypothesis(helpdesk, consultant_a):
    return vvsg.hypothesis_add(
        user=consultant_a,
        product=helpdesk,
        form=OrganisationForm.INTEGRATION,
        description="Eén helpdesk met een gedeeld ticketsysteem.",
        legal=Precondition.MET,
        legal_reason="De beheersovereenkomst laat het toe.",
    )


def _product_data(**overrides):
    data = {
        "name": "Loonadministratie",
        "users": "Alle medewerkers",
        "fte_gemeente": "1,5",
        "fte_ocmw": "0,8",
        "running_costs": "12.500,50",
        "outsourced": "Sociaal secretariaat",
        "current_quality_providers": "3",
        "current_quality_users": "2",
        "desired_quality_providers": "4",
        "desired_quality_users": "5",
        "quality_note": "Mijn zorgvuldig getypte toelichting",
    }
    data.update(overrides)
    return data


def _hypothesis_data(**overrides):
    data = {
        "form": "intermunicipal",
        "description": "Aansluiten bij de intergemeentelijke vereniging",
        "legal": "met",
        "legal_reason": "Decreet laat het toe",
        "process": "to_check",
        "process_reason": "",
        "governance": "met",
        "governance_reason": "",
    }
    data.update(overrides)
    return data


# --- Overview -------------------------------------------------------------------------------------


def test_overview_shows_each_working_method_in_words(client, scan_a, consultant_a, council_a):
    values = {
        "ICT": WorkingMethods.SAME,
        "Communicatie": WorkingMethods.DIFFERENT,
        "Technische dienst": WorkingMethods.GEMEENTE_ONLY,
        "Personeel en HR": WorkingMethods.OCMW_ONLY,
    }
    for name, value in values.items():
        service = scan_a.services.get(name=name)
        vvsg.service_update(user=consultant_a, service=service, name=name, working_methods=value)
    client.force_login(council_a)
    content = client.get(reverse("scans:services", args=[scan_a.pk])).content.decode()
    for name, value in values.items():
        badge = (
            f'<span class="wm-badge wm-{value}"><span class="wm-icon" aria-hidden="true"></span>{value.label}'
        )
        row = content.split(f">{name}</a>")[1].split("</tr>")[0]
        assert badge in row, name  # text beside the shape, not colour alone
    assert "Nog niet vergeleken" in content  # the services not compared yet
    assert "Dienst toevoegen" not in content  # a council member reads


def test_overview_shows_means_gap_scenario_progress_and_totals(client, scan_a, ict, helpdesk, consultant_a):
    client.force_login(consultant_a)
    content = client.get(reverse("scans:services", args=[scan_a.pk])).content.decode()
    row = content.split(f'id="dienst-{ict.pk}"')[1].split("</tr>")[0]
    for text in ("1,5", "0,8", "€ 12.500,00", "+1,5", "nog te bepalen", "3 van 8 stappen"):
        assert text in row, text
    assert "<caption" in content and 'scope="row"' in content
    assert "Totaal (10 diensten)" in content
    assert "0 van 10 bepaald" in content
    assert "Dienst toevoegen" in content


def test_consultant_adds_a_service(client, scan_a, consultant_a):
    client.force_login(consultant_a)
    response = client.post(reverse("scans:service_add", args=[scan_a.pk]), {"name": "Onthaal"})
    service = scan_a.services.get(name="Onthaal")
    assert response.status_code == 302 and response["Location"] == reverse(
        "scans:service_detail", args=[service.pk]
    )
    response = client.post(reverse("scans:service_add", args=[scan_a.pk]), {"name": "onthaal"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Deze scan heeft al een dienst met de naam ‘onthaal’" in content
    assert 'value="onthaal"' in content


def test_move_buttons_reorder_and_answer_htmx_with_the_table(client, scan_a, consultant_a):
    client.force_login(consultant_a)
    communicatie = scan_a.services.get(name="Communicatie")
    response = client.post(reverse("scans:service_move", args=[communicatie.pk]), {"direction": "up"})
    assert response.status_code == 302
    assert list(scan_a.services.order_by("position").values_list("name", flat=True))[:2] == [
        "Communicatie",
        "ICT",
    ]
    response = client.post(
        reverse("scans:service_move", args=[communicatie.pk]),
        {"direction": "down"},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert response.status_code == 200 and 'id="diensten-tabel"' in content
    assert "‘Communicatie’ staat nu op plaats 2 van 10." in content
    assert "<html" not in content
    response = client.post(reverse("scans:service_move", args=[communicatie.pk]), {"direction": "links"})
    assert response.status_code == 302


def test_edit_service_name_and_working_methods(client, ict, consultant_a):
    client.force_login(consultant_a)
    url = reverse("scans:service_edit", args=[ict.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "ICT en telefonie",
            "working_methods": "ocmw_only",
            "working_methods_note": "x",
            "version": "1",
        },
    )
    assert response.status_code == 302
    ict.refresh_from_db()
    assert (ict.name, ict.working_methods) == ("ICT en telefonie", "ocmw_only")
    # the form opened on version 1 is now stale: refused, with what changed and the input kept
    response = client.post(url, {"name": "Informatica", "working_methods": "same", "version": "1"})
    content = response.content.decode()
    assert (
        "Intussen gewijzigd" in content and "ICT en telefonie" in content and 'value="Informatica"' in content
    )
    ict.refresh_from_db()
    assert ict.name == "ICT en telefonie"


def test_delete_service_asks_first(client, ict, helpdesk, consultant_a):
    client.force_login(consultant_a)
    url = reverse("scans:service_delete", args=[ict.pk])
    content = client.get(url).content.decode()
    assert "‘ICT’ verwijderen?" in content and "Helpdesk voor medewerkers" in content
    assert SupportService.objects.filter(pk=ict.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not SupportService.objects.filter(pk=ict.pk).exists() and not ServiceProduct.objects.exists()


# --- One service along the eight steps ------------------------------------------------------------


def test_service_page_shows_the_eight_steps_with_their_data(client, ict, helpdesk, hypothesis, consultant_a):
    vvsg.service_update(
        user=consultant_a,
        service=ict,
        name="ICT",
        working_methods="different",
        working_methods_note="Twee netwerken.",
    )
    vvsg.hypothesis_add(
        user=consultant_a,
        product=helpdesk,
        form=OrganisationForm.OUTSOURCING,
        governance=Precondition.NOT_MET,
        governance_reason="Het bestuur wil de kennis in huis houden.",
    )
    vvsg.product_update(
        user=consultant_a, product=helpdesk, decision="integration", decision_note="Gedragen keuze."
    )
    vvsg.service_set_scenario(
        user=consultant_a, service=ict, total_scenario="integration", total_scenario_note="Eén ICT-dienst."
    )
    client.force_login(consultant_a)
    content = client.get(reverse("scans:service_detail", args=[ict.pk])).content.decode()
    headings = [
        "1. De dienst",
        "2. Producten, middelen en gebruikers",
        "3. Huidige kwaliteit",
        "4. Gewenste kwaliteit",
        "5. Hypothesen",
        "6. Toetsing aan de randvoorwaarden",
        "7. Beslissing per product",
        "8. Totaalscenario",
    ]
    positions = [content.index(f">{h}</h2>") for h in headings]
    assert positions == sorted(positions)
    for text in (
        "Verschillende werkwijze",
        "Twee netwerken.",
        "Helpdesk voor medewerkers",
        "Alle medewerkers van gemeente en OCMW",
        "1,5",
        "0,8",
        "€ 12.500,00",
        "Tweedelijnssupport sociaal dossier",
        "Wachttijden lopen op tot een week.",
        "Eén helpdesk met een gedeeld ticketsysteem.",
        "De beheersovereenkomst laat het toe.",
        "Niet voldaan",
        "Het bestuur wil de kennis in huis houden.",
        "Uitbesteding aan een private partner",
        "Gedragen keuze.",
        "Eén ICT-dienst.",
        "7 van 8 stappen ingevuld",
    ):
        assert text in content, text
    assert "Product toevoegen" in content and "Hypothese toevoegen" in content


def test_reader_sees_the_service_without_edit_buttons(client, ict, helpdesk, hypothesis, council_a):
    client.force_login(council_a)
    content = client.get(reverse("scans:service_detail", args=[ict.pk])).content.decode()
    assert "Helpdesk voor medewerkers" in content
    for text in ("Product toevoegen", "Hypothese toevoegen", "Dienst bewerken", "Totaalscenario bepalen"):
        assert text not in content


def test_product_with_belgian_numbers_stored_and_shown(client, ict, consultant_a):
    client.force_login(consultant_a)
    response = client.post(reverse("scans:product_add", args=[ict.pk]), _product_data())
    assert response.status_code == 302
    product = ict.products.get()
    assert (product.fte_gemeente, product.fte_ocmw, product.running_costs) == (
        Decimal("1.5"),
        Decimal("0.8"),
        Decimal("12500.50"),
    )
    assert (product.current_quality_users, product.desired_quality_users) == (2, 5)
    content = client.get(reverse("scans:service_detail", args=[ict.pk])).content.decode()
    assert "€ 12.500,50" in content and ">1,5<" in content and ">0,8<" in content
    form = client.get(reverse("scans:product_edit", args=[product.pk])).content.decode()
    assert 'value="1,5"' in form and 'value="12.500,50"' in form
    client.post(reverse("scans:product_edit", args=[product.pk]), _product_data(running_costs="12.500"))
    product.refresh_from_db()
    assert product.running_costs == Decimal("12500")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("fte_gemeente", "-1", "Een aantal VTE kan niet negatief zijn. Geef 0 of meer."),
        ("fte_ocmw", "twee", "Geef een getal in, bijvoorbeeld 1,5."),
        ("running_costs", "-12.500", "Een bedrag kan niet negatief zijn. Geef 0 of meer."),
        ("current_quality_providers", "6", "Een score ligt tussen 1 en 5."),
        ("name", "", "Dit veld is verplicht."),
    ],
)
def test_product_bad_input_refused_and_kept(client, ict, consultant_a, field, value, message):
    client.force_login(consultant_a)
    response = client.post(reverse("scans:product_add", args=[ict.pk]), _product_data(**{field: value}))
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert "Mijn zorgvuldig getypte toelichting" in content
    if field.startswith(("fte", "running")):
        assert f'value="{value}"' in content
    assert not ServiceProduct.objects.exists()


def test_decision_offers_only_the_forms_of_the_hypotheses(client, helpdesk, hypothesis, consultant_a):
    client.force_login(consultant_a)
    url = reverse("scans:product_edit", args=[helpdesk.pk])
    content = client.get(url).content.decode()
    assert 'value="integration"' in content and 'value="outsourcing"' not in content
    response = client.post(url, _product_data(decision="outsourcing"))
    assert "Kies een organisatievorm uit de lijst." in response.content.decode()
    client.post(url, _product_data(decision="integration", decision_note="Haalbaar"))
    helpdesk.refresh_from_db()
    assert helpdesk.decision == "integration" and helpdesk.decision_note == "Haalbaar"


def test_stale_product_edit_refused_and_input_kept(client, helpdesk, consultant_a):
    client.force_login(consultant_a)
    url = reverse("scans:product_edit", args=[helpdesk.pk])
    assert 'name="version" value="1"' in client.get(url).content.decode()
    response = client.post(url, _product_data(name="Eerste naam", version="1"))
    assert response.status_code == 302
    # a colleague's form, opened on version 1 too, is now stale
    response = client.post(url, _product_data(name="Tweede naam", version="1"))
    content = response.content.decode()
    assert response.status_code == 200 and "Intussen gewijzigd" in content
    assert "dit product intussen gewijzigd" in content
    assert "Product of dienstverlening" in content and "Eerste naam" in content
    assert 'value="Tweede naam"' in content and "Mijn zorgvuldig getypte toelichting" in content
    assert 'name="version" value="2"' in content
    helpdesk.refresh_from_db()
    assert helpdesk.name == "Eerste naam"
    # saving again from the refused page (version moved forward) passes
    response = client.post(url, _product_data(name="Tweede naam", version="2"))
    assert response.status_code == 302
    helpdesk.refresh_from_db()
    assert helpdesk.name == "Tweede naam" and helpdesk.version == 3


def test_stale_hypothesis_edit_refused_and_input_kept(client, hypothesis, consultant_a):
    client.force_login(consultant_a)
    url = reverse("scans:hypothesis_edit", args=[hypothesis.pk])
    assert 'name="version" value="1"' in client.get(url).content.decode()
    response = client.post(url, _hypothesis_data(description="Eerste versie", version="1"))
    assert response.status_code == 302
    response = client.post(url, _hypothesis_data(description="Mijn tweede versie", version="1"))
    content = response.content.decode()
    assert response.status_code == 200 and "Intussen gewijzigd" in content
    assert "deze hypothese intussen gewijzigd" in content
    assert "Beschrijving" in content and "Eerste versie" in content
    assert "Mijn tweede versie" in content and 'name="version" value="2"' in content
    hypothesis.refresh_from_db()
    assert hypothesis.description == "Eerste versie"
    response = client.post(url, _hypothesis_data(description="Mijn tweede versie", version="2"))
    assert response.status_code == 302
    hypothesis.refresh_from_db()
    assert hypothesis.description == "Mijn tweede versie" and hypothesis.version == 3


def test_hypothesis_added_and_tested(client, ict, helpdesk, consultant_a):
    client.force_login(consultant_a)
    response = client.post(reverse("scans:hypothesis_add", args=[helpdesk.pk]), _hypothesis_data())
    assert response.status_code == 302
    hypothesis = helpdesk.hypotheses.get()
    assert (hypothesis.legal, hypothesis.legal_reason, hypothesis.process) == (
        "met",
        "Decreet laat het toe",
        "to_check",
    )
    response = client.post(
        reverse("scans:hypothesis_edit", args=[hypothesis.pk]),
        _hypothesis_data(process="not_met", process_reason="Geen capaciteit voor de migratie"),
    )
    assert response.status_code == 302
    hypothesis.refresh_from_db()
    assert hypothesis.process == "not_met" and hypothesis.process_reason == "Geen capaciteit voor de migratie"


def test_duplicate_hypothesis_form_refused_and_kept(client, helpdesk, hypothesis, consultant_a):
    client.force_login(consultant_a)
    response = client.post(
        reverse("scans:hypothesis_add", args=[helpdesk.pk]),
        _hypothesis_data(form="integration", description="Mijn tweede idee"),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Dit product heeft al een hypothese met de organisatievorm ‘Feitelijke integratie’" in content
    assert "Mijn tweede idee" in content
    assert helpdesk.hypotheses.count() == 1


def test_not_met_without_reason_refused_and_kept(client, helpdesk, consultant_a):
    client.force_login(consultant_a)
    response = client.post(
        reverse("scans:hypothesis_add", args=[helpdesk.pk]),
        _hypothesis_data(governance="not_met", governance_reason="  ", description="Mijn beschrijving"),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Geef de reden waarom de bestuurlijke randvoorwaarde niet voldaan is." in content
    assert "Mijn beschrijving" in content and "Decreet laat het toe" in content
    assert not Hypothesis.objects.exists()


def test_scenario_page_offers_the_decisions(client, ict, helpdesk, hypothesis, consultant_a):
    vvsg.product_update(
        user=consultant_a, product=helpdesk, decision="integration", decision_note="Gedragen."
    )
    client.force_login(consultant_a)
    url = reverse("scans:service_scenario", args=[ict.pk])
    content = client.get(url).content.decode()
    assert "Beslissingen per product" in content and "Helpdesk voor medewerkers" in content
    assert "Feitelijke integratie" in content
    response = client.post(
        url, {"total_scenario": "integration", "total_scenario_note": "Eén dienst", "version": "1"}
    )
    assert response.status_code == 302
    ict.refresh_from_db()
    assert ict.total_scenario == "integration"
    response = client.post(url, {"total_scenario": "fusie", "version": str(ict.version)})
    assert "Kies een organisatievorm uit de lijst." in response.content.decode()


def test_delete_product_and_hypothesis(client, ict, helpdesk, hypothesis, consultant_a):
    client.force_login(consultant_a)
    assert (
        "Het product heeft 1 hypothese"
        in client.get(reverse("scans:product_delete", args=[helpdesk.pk])).content.decode()
    )
    client.post(reverse("scans:hypothesis_delete", args=[hypothesis.pk]))
    assert not Hypothesis.objects.exists()
    client.post(reverse("scans:product_delete", args=[helpdesk.pk]))
    assert not ServiceProduct.objects.exists()


def test_hypothesis_behind_a_decision_is_not_deleted(client, helpdesk, hypothesis, consultant_a):
    vvsg.product_update(user=consultant_a, product=helpdesk, decision="integration")
    client.force_login(consultant_a)
    url = reverse("scans:hypothesis_delete", args=[hypothesis.pk])
    assert "kan nog niet weg" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "Wijzig eerst die beslissing" in response.content.decode()
    assert Hypothesis.objects.exists()


# --- Roles, tenancy, a finished scan --------------------------------------------------------------


def _change_requests(scan, service, product, hypothesis):
    """Every change a user can ask for, as (url, data)."""
    return [
        (reverse("scans:service_add", args=[scan.pk]), {"name": "Onthaal"}),
        (reverse("scans:service_edit", args=[service.pk]), {"name": "Gekaapt", "working_methods": "same"}),
        (reverse("scans:service_move", args=[service.pk]), {"direction": "down"}),
        (reverse("scans:service_scenario", args=[service.pk]), {"total_scenario": "outsourcing"}),
        (reverse("scans:service_delete", args=[service.pk]), {}),
        (reverse("scans:product_add", args=[service.pk]), _product_data()),
        (reverse("scans:product_edit", args=[product.pk]), _product_data(name="Gekaapt")),
        (reverse("scans:product_delete", args=[product.pk]), {}),
        (reverse("scans:hypothesis_add", args=[product.pk]), _hypothesis_data()),
        (reverse("scans:hypothesis_edit", args=[hypothesis.pk]), _hypothesis_data(description="Gekaapt")),
        (reverse("scans:hypothesis_delete", args=[hypothesis.pk]), {}),
    ]


def _snapshot():
    return (
        list(SupportService.objects.order_by("pk").values()),
        list(ServiceProduct.objects.order_by("pk").values()),
        list(Hypothesis.objects.order_by("pk").values()),
    )


@pytest.mark.parametrize("fixture", ["council_a", "approver_a"])
def test_readers_get_403_on_every_change(client, request, scan_a, ict, helpdesk, hypothesis, fixture):
    client.force_login(request.getfixturevalue(fixture))
    before = _snapshot()
    for url, data in _change_requests(scan_a, ict, helpdesk, hypothesis):
        assert client.post(url, data).status_code == 403, url
    for url, _data in _change_requests(scan_a, ict, helpdesk, hypothesis)[1:]:
        if "verplaatsen" not in url:
            assert client.get(url).status_code == 403, url
    assert _snapshot() == before


@pytest.mark.parametrize("fixture", ["consultant_b", "approver_b", "council_b"])
def test_other_local_government_gets_404(client, request, scan_a, scan_b, ict, helpdesk, hypothesis, fixture):
    client.force_login(request.getfixturevalue(fixture))
    before = _snapshot()
    urls = [url for url, _data in _change_requests(scan_a, ict, helpdesk, hypothesis)]
    urls += [reverse("scans:services", args=[scan_a.pk]), reverse("scans:service_detail", args=[ict.pk])]
    for url in urls:
        statuses = {client.get(url).status_code, client.post(url, {"name": "X"}).status_code}
        assert 404 in statuses and statuses <= {404, 405}, (url, statuses)
    assert _snapshot() == before


def test_b_sees_only_its_own_services(client, scan_a, scan_b, consultant_b, helpdesk):
    client.force_login(consultant_b)
    content = client.get(reverse("scans:services", args=[scan_b.pk])).content.decode()
    assert "Helpdesk" not in content and f'id="dienst-{scan_a.services.first().pk}"' not in content


def test_final_scan_refuses_content_changes(client, scan_a, ict, helpdesk, hypothesis, consultant_a):
    scan_finalise(user=consultant_a, scan=scan_a)
    client.force_login(consultant_a)
    before = _snapshot()
    message = "Deze scan is afgerond en kan niet meer wijzigen. Heropen hem eerst."
    for url, data in _change_requests(scan_a, ict, helpdesk, hypothesis):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200, url
        assert message in response.content.decode(), url
    assert _snapshot() == before
    response = client.get(reverse("scans:product_edit", args=[helpdesk.pk]), follow=True)
    assert message in response.content.decode()
    content = client.get(reverse("scans:service_detail", args=[ict.pk])).content.decode()
    assert "Product toevoegen" not in content and "Deze scan is afgerond" in content


# --- Query counts ---------------------------------------------------------------------------------


def _grow(scan, user, n):
    for service in scan.services.all()[:n]:
        for k in range(3):
            product = vvsg.product_add(
                user=user, service=service, name=f"Product {k}", fte_gemeente=Decimal("1")
            )
            vvsg.hypothesis_add(user=user, product=product, form="ad_hoc", legal="met")
            vvsg.hypothesis_add(user=user, product=product, form="integration")


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_overview_query_count_does_not_grow(client, scan_a, consultant_a):
    client.force_login(consultant_a)
    url = reverse("scans:services", args=[scan_a.pk])
    _grow(scan_a, consultant_a, 1)
    small = _count(client, url)
    _grow(scan_a, consultant_a, 8)
    for n in range(5):
        vvsg.service_add(user=consultant_a, scan=scan_a, name=f"Extra dienst {n}")
    assert _count(client, url) == small


def test_service_page_query_count_does_not_grow(client, ict, consultant_a):
    client.force_login(consultant_a)
    url = reverse("scans:service_detail", args=[ict.pk])
    vvsg.product_add(user=consultant_a, service=ict, name="Eerste product")
    small = _count(client, url)
    for k in range(6):
        product = vvsg.product_add(user=consultant_a, service=ict, name=f"Product {k}")
        for form in ("ad_hoc", "integration", "outsourcing"):
            vvsg.hypothesis_add(user=consultant_a, product=product, form=form)
    assert _count(client, url) == small


@pytest.mark.parametrize("fixture", ["consultant_b", "approver_b", "council_b"])
def test_every_vvsg_route_is_404_for_b(client, request, scan_a, consultant_a, fixture):
    """Walks scans/urls_vvsg.py: every route, for every object of A it addresses, GET and POST."""
    from scans import urls_vvsg
    from scans.models import Scan

    product = vvsg.product_add(user=consultant_a, service=scan_a.services.get(name="ICT"), name="Helpdesk")
    vvsg.hypothesis_add(user=consultant_a, product=product, form="integration")
    model_by_prefix = {
        "scans/diensten/": SupportService,
        "scans/producten/": ServiceProduct,
        "scans/hypothesen/": Hypothesis,
    }
    client.force_login(request.getfixturevalue(fixture))
    checked = 0
    for pattern in urls_vvsg.urlpatterns:
        route = str(pattern.pattern)
        model = next((m for prefix, m in model_by_prefix.items() if route.startswith(prefix)), Scan)
        objects = list(model.objects.visible_to(consultant_a))
        assert objects, route
        for obj in objects:
            url = "/" + route.replace("<int:pk>", str(obj.pk))
            statuses = {client.get(url).status_code, client.post(url).status_code}
            assert 404 in statuses and statuses <= {404, 405}, (url, statuses)
            checked += 1
    assert checked >= 13
