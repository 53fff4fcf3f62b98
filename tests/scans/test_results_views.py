"""The results page, the scenario choice and the report downloads, as users meet them."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from programmes.models import Programme, Scenario
from scans.models import Finding, Scan, ServiceProduct, SupportService, Theme
from scans.services.core import scan_finalise
from tests.scans.factories_results import (
    WitnessFactory,
    build_realistic_scan,
    interview_with_scores,
    survey_responses,
)


@pytest.fixture
def realistic(scan_a, consultant_a):
    build_realistic_scan(scan_a, consultant_a)
    return scan_a


def _url(name, scan):
    return reverse(f"scans:{name}", args=[scan.pk])


@pytest.mark.parametrize("who", ["consultant_a", "approver_a", "council_a"])
def test_results_page_for_everyone_of_the_local_government(client, realistic, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(_url("results", realistic))
    content = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Kernbevindingen",
        "Interviews per thema",
        "Ondersteunende diensten",
        "Personeelsbevraging",
        "Advies over het samenwerkingsscenario",
        "Rapport als PDF opmaken",
        "Pragmatisch met projectbeheer",
        'role="img"',
        "<caption>Gemiddelde score per thema (1 tot 5)</caption>",
        "<details",
        "ICT",
    ):
        assert text in content
    # Names only with consent, for consultants too
    assert "An Peeters, Burgemeester" in content
    for name in ("Koen Janssens", "Tom Willems", "Pieter De Smet", "Sofie Wouters"):
        assert name not in content
    editable = who == "consultant_a"
    assert ("Scenario bevestigen" in content) is editable
    assert ("Rapport als Word (.docx)" in content) is editable


def test_results_page_without_data(client, scan_a, council_a):
    client.force_login(council_a)
    content = client.get(_url("results", scan_a)).content.decode()
    assert "Nog geen interviews met scores." in content
    assert "Er zijn te weinig gegevens voor een advies" in content
    assert "Nog geen antwoorden op de personeelsbevraging." in content


def test_other_local_government_gets_404(client, realistic, consultant_b):
    client.force_login(consultant_b)
    assert client.get(_url("results", realistic)).status_code == 404
    assert (
        client.post(_url("confirm_scenario", realistic), {"scenario": "informal", "reason": "x"}).status_code
        == 404
    )
    assert client.post(_url("report_pdf", realistic)).status_code == 404
    assert client.get(_url("report_docx", realistic)).status_code == 404
    realistic.refresh_from_db()
    assert realistic.confirmed_scenario == ""


def test_anonymous_is_sent_to_login(client, realistic):
    response = client.get(_url("results", realistic))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", ["approver_a", "council_a"])
def test_approver_and_council_member_may_not_confirm_or_get_the_word_file(client, realistic, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.post(_url("confirm_scenario", realistic), {"scenario": "pragmatic", "reason": ""})
    assert response.status_code == 403
    assert client.get(_url("report_docx", realistic)).status_code == 403
    realistic.refresh_from_db()
    assert realistic.confirmed_scenario == "" and realistic.version == 1


def test_confirm_the_advice(client, realistic, consultant_a):
    client.force_login(consultant_a)
    response = client.post(_url("confirm_scenario", realistic), {"scenario": "pragmatic", "reason": ""})
    assert response.status_code == 302 and response["Location"].endswith("/resultaten/#advies")
    realistic.refresh_from_db()
    assert realistic.confirmed_scenario == Scenario.PRAGMATIC and realistic.confirmed_by == consultant_a
    assert realistic.confirmed_at is not None and realistic.version == 2
    assert Programme.objects.get(pk=realistic.programme_id).scenario == Scenario.PRAGMATIC
    content = client.get(_url("results", realistic)).content.decode()
    assert "Bevestigd door" in content and "Scenario wijzigen" in content


def test_override_without_reason_is_refused_in_dutch_and_keeps_the_choice(client, realistic, consultant_a):
    client.force_login(consultant_a)
    response = client.post(_url("confirm_scenario", realistic), {"scenario": "programmatic", "reason": "  "})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Geef aan waarom u afwijkt van het advies." in content
    assert re.search(r'value="programmatic"\s+aria-describedby="scenario-uitleg-3" checked', content)
    assert 'value="pragmatic"\n' in content and "(advies)" in content
    realistic.refresh_from_db()
    assert (
        realistic.confirmed_scenario == "" and Programme.objects.get(pk=realistic.programme_id).scenario == ""
    )


def test_override_with_reason_is_stored_and_reaches_the_programme(client, realistic, consultant_a):
    client.force_login(consultant_a)
    reason = "Het bestuur wil één programma; de verschillen in werkwijze pakken we daarin aan."
    response = client.post(
        _url("confirm_scenario", realistic), {"scenario": "programmatic", "reason": reason}
    )
    assert response.status_code == 302
    realistic.refresh_from_db()
    assert (realistic.confirmed_scenario, realistic.scenario_reason) == (Scenario.PROGRAMMATIC, reason)
    programme = Programme.objects.get(pk=realistic.programme_id)
    assert programme.scenario == Scenario.PROGRAMMATIC
    assert programme.history.first().history_change_reason == reason
    content = client.get(_url("results", realistic)).content.decode()
    assert "wijkt af van het advies" in content and reason in content


def test_final_scan_refuses_a_new_choice(client, realistic, consultant_a):
    scan_finalise(user=consultant_a, scan=realistic)
    client.force_login(consultant_a)
    response = client.post(_url("confirm_scenario", realistic), {"scenario": "pragmatic"}, follow=True)
    assert response.redirect_chain[-1][1] == 302
    content = response.content.decode()
    assert (
        "Deze scan is afgerond en kan niet meer wijzigen." in content and "Scenario bevestigen" not in content
    )
    assert Scan.objects.get(pk=realistic.pk).confirmed_scenario == ""
    assert (
        "Heropen hem om het scenario te wijzigen." in client.get(_url("results", realistic)).content.decode()
    )


def test_unknown_scenario_gets_a_dutch_message(client, realistic, consultant_a):
    client.force_login(consultant_a)
    response = client.post(_url("confirm_scenario", realistic), {"scenario": "guerrilla", "reason": "x"})
    assert response.status_code == 200
    assert "Kies een van de vier samenwerkingsscenario&#x27;s." in response.content.decode()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    scenario=st.one_of(st.sampled_from(Scenario.values), st.text(max_size=30)),
    reason=st.text(max_size=300),
)
def test_no_input_gives_a_server_error(client, realistic, consultant_a, scenario, reason):
    client.force_login(consultant_a)
    response = client.post(
        _url("confirm_scenario", realistic),
        {"scenario": scenario.replace("\x00", ""), "reason": reason.replace("\x00", "")},
    )
    assert response.status_code in (200, 302)


def test_get_on_confirm_is_not_allowed(client, realistic, consultant_a):
    client.force_login(consultant_a)
    assert client.get(_url("confirm_scenario", realistic)).status_code == 405
    assert client.get(_url("report_pdf", realistic)).status_code == 405


def test_report_pdf_through_htmx_for_a_council_member(
    client, realistic, council_a, django_capture_on_commit_callbacks
):
    client.force_login(council_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("report_pdf", realistic), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="render-job-' in response.content.decode()
    page = client.get(_url("results", realistic)).content.decode()
    assert "downloaden" in page and "rapport-organisatiescan-samen-sterker-in-geel.pdf" in page


def test_report_pdf_without_htmx_redirects(client, realistic, consultant_a):
    client.force_login(consultant_a)
    response = client.post(_url("report_pdf", realistic))
    assert response.status_code == 302 and response["Location"].endswith("#rapport")


def test_consultant_downloads_the_word_file(client, realistic, consultant_a):
    client.force_login(consultant_a)
    response = client.get(_url("report_docx", realistic))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="rapport-organisatiescan-samen-sterker-in-geel.docx"' in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    assert document.sections[0].header.paragraphs[0].text == "ONTWERP"


def _page_queries(client, scan) -> int:
    client.get(_url("results", scan))  # warm the per-process caches (content types) first
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url("results", scan)).status_code == 200
    return len(queries)


def test_page_query_count_constant(client, scan_a, consultant_a):
    """10 or 100 interviews, more survey responses, findings and products: the same number of queries."""
    client.force_login(consultant_a)
    services = list(SupportService.objects.filter(scan=scan_a))

    def grow(n):
        for i in range(n):
            witness = WitnessFactory(scan=scan_a, consents_to_quote=i % 2 == 0)
            interview_with_scores(scan_a, consultant_a, witness, {Theme.SUPPORT: 3, Theme.DIRECTION: 4})
            Finding.objects.create(scan=scan_a, kind="risk", text=f"Risico {i}", witness=witness, is_key=True)
            ServiceProduct.objects.create(
                service=services[i % len(services)], name=f"P{i}", current_quality_users=3
            )
        survey_responses(scan_a, [3] * (n * 2), department="Burgerzaken")  # past the minimum group size

    grow(10)
    small = _page_queries(client, scan_a)
    grow(90)
    assert _page_queries(client, scan_a) == small
