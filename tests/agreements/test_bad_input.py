"""Bad input on every form of step 4: empty fields, huge numbers, 150 %, impossible dates, a huge or unknown
pk in a POST. Each gives a clear Dutch message (beside the field or on the page) and never a 500; nothing is
saved and what was typed stays."""

from __future__ import annotations

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import AgreementVersion, AnnexService, AnnexStaff, Article, Clause, ClauseVersion

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


def _snapshot():
    return (
        list(AgreementVersion.objects.order_by("pk").values_list("title", "start_date", "preamble", "state")),
        list(Article.objects.order_by("pk").values_list("title", "text", "position")),
        list(AnnexService.objects.order_by("pk").values_list("service", "gemeente_share")),
        list(AnnexStaff.objects.order_by("pk").values_list("name", "fte", "since")),
        Clause.objects.count(),
        ClauseVersion.objects.count(),
    )


def _cases(version, article, service, staff, clause):
    v = version.pk
    share = {"service": "HR", "provider": "gemeente", "allocation_basis": "VTE"}
    person = {"name": "An", "function": "HR", "employer": "gemeente", "service": "HR"}
    return [
        (
            "version_edit",
            v,
            {"title": "", "start_date": "31/02/2027", "edit_version": "1"},
            ["Dit veld is verplicht.", "Geef een geldige datum in de vorm dd/mm/jjjj"],
        ),
        (
            "version_edit",
            v,
            {"title": "T", "start_date": "01/01/2999", "edit_version": "1"},
            ["Geef een datum tussen 1900 en 2100"],
        ),
        (
            "version_edit",
            v,
            {"title": "x" * 300, "start_date": "01/01/99999", "edit_version": HUGE},
            ["niet meer dan 250 tekens", "Geef een geldige datum"],
        ),
        (
            "article_add",
            v,
            {"category": "nope", "title": "", "text": ""},
            ["Kies een hoofdstuk uit de lijst.", "Dit veld is verplicht."],
        ),
        (
            "article_edit",
            article.pk,
            {"title": "", "text": "", "edit_version": "1"},
            ["Dit veld is verplicht."],
        ),
        ("article_move", article.pk, {"direction": "sideways"}, ["Kies omhoog of omlaag."]),
        ("library_add", v, {"clause": HUGE}, ["Die clausule staat niet (meer) in de bibliotheek"]),
        ("library_add", v, {"clause": "abc"}, ["Die clausule staat niet (meer) in de bibliotheek"]),
        ("library_add", v, {"clause": ""}, ["Kies een clausule uit de lijst."]),
        ("library_add", v, {"clause": str(clause.pk), "service": "s" * 500}, ["hoogstens 150 tekens"]),
        ("placeholders", v, {"value-startdatum": "x" * 6000}, ["Hoogstens 5000 tekens."]),
        (
            "annex_service_add",
            v,
            {**share, "gemeente_share": "150 %"},
            ["Geef een percentage tussen 0 en 100."],
        ),
        ("annex_service_add", v, {**share, "gemeente_share": HUGE}, ["Geef een percentage tussen 0 en 100."]),
        ("annex_service_add", v, {**share, "gemeente_share": "-5"}, ["Geef een percentage tussen 0 en 100."]),
        ("annex_service_add", v, {**share, "gemeente_share": "veel"}, ["bijvoorbeeld 62,5"]),
        (
            "annex_service_add",
            v,
            {**share, "provider": "x", "gemeente_share": ""},
            [
                "Kies de gemeente of het OCMW als dienstverlenende partij.",
                "Geef het aandeel van de gemeente in procent",
            ],
        ),
        (
            "annex_service_add",
            v,
            {**share, "service": "ICT", "gemeente_share": "50"},
            ["ICT staat al in de bijlage"],
        ),
        (
            "annex_service_edit",
            service.pk,
            {**share, "gemeente_share": "150", "edit_version": "1"},
            ["Geef een percentage tussen 0 en 100."],
        ),
        (
            "annex_staff_add",
            v,
            {**person, "fte": "1,5", "since": "32/13/2026"},
            ["Geef een getal tussen 0 en 1.", "Geef een geldige datum"],
        ),
        (
            "annex_staff_add",
            v,
            {**person, "employer": "?", "fte": HUGE, "since": "01/01/0001"},
            [
                "Kies de gemeente of het OCMW als werkgever.",
                "Geef een getal tussen 0 en 1.",
                "tussen 1900 en 2100",
            ],
        ),
        ("annex_staff_edit", staff.pk, {**person, "fte": "abc", "edit_version": "1"}, ["bijvoorbeeld 0,8"]),
        (
            "clause_create",
            None,
            {"category": "x", "title": "", "text": ""},
            ["Kies een categorie uit de lijst."],
        ),
        (
            "clause_create",
            None,
            {"category": "purpose", "title": "T", "text": "{{ kapot } tekst"},
            ["Deze plaatshouders zijn niet geldig"],
        ),
        (
            "clause_version_add",
            clause.pk,
            {"title": "", "text": "", "expected_number": HUGE},
            ["Dit veld is verplicht."],
        ),
        ("clause_adapt", clause.pk, {"local_government": HUGE}, ["Kies een lokaal bestuur uit de lijst."]),
        ("clause_adapt", clause.pk, {"local_government": "abc"}, ["Kies een lokaal bestuur uit de lijst."]),
        ("submit", v, {"comment": "c" * 6000}, ["hoogstens 5000 tekens"]),
    ]


def test_bad_input_on_every_drafting_form_gives_a_dutch_message(client, started, consultant_a, library):
    services.annex_service_add(
        user=consultant_a, version=started, service="ICT", gemeente_share=60, allocation_basis="werkposten"
    )
    services.annex_staff_add(
        user=consultant_a,
        version=started,
        name="Tom",
        function="ICT",
        employer="gemeente",
        service="ICT",
        fte=1,
    )
    client.force_login(consultant_a)
    cases = _cases(
        started,
        started.articles.first(),
        started.annex_services.get(),
        started.annex_staff.get(),
        library["disputes"],
    )
    before = _snapshot()
    for name, pk, data, expected in cases:
        response = client.post(reverse(f"agreements:{name}", args=[pk] if pk else []), data, follow=True)
        html = response.content.decode()
        assert response.status_code == 200, (name, data)
        missing = [text for text in expected if text not in html]
        assert not missing, (name, data, missing)
    assert _snapshot() == before
    assert not started.events.filter(kind="submitted").exists()


def test_a_submission_refused_keeps_the_typed_comment(client, started, consultant_a):
    client.force_login(consultant_a)
    response = client.post(reverse("agreements:submit", args=[started.pk]), {"comment": "Graag nazien."})
    html = response.content.decode()
    assert response.status_code == 200
    assert "kan nog niet worden ingediend" in html and "Graag nazien.</textarea>" in html


def test_bad_decisions_give_a_dutch_message(client, approved, submitted, consultant_a, approver_a):
    client.force_login(consultant_a)
    url = reverse("agreements:record_decision", args=[approved.pk])
    for data, expected in [
        ({"council": "senaat", "date": "01/01/2027", "number": "1"}, "Kies de gemeenteraad of de OCMW-raad."),
        ({"council": "gemeenteraad", "date": "30/02/2027", "number": "1"}, "Geef een geldige datum"),
        ({"council": "gemeenteraad", "date": "01/01/1200", "number": "1"}, "tussen 1900 en 2100"),
        ({"council": "gemeenteraad", "date": "01/01/2027", "number": ""}, "Dit veld is verplicht."),
        ({"council": "gemeenteraad", "date": "01/01/2027", "number": "n" * 80}, "niet meer dan 50 tekens"),
    ]:
        response = client.post(url, data)
        assert response.status_code == 200 and expected in response.content.decode(), data
    approved.refresh_from_db()
    assert approved.council_decision_date is None and approved.council_decision_number == ""


def test_a_huge_or_unknown_version_in_the_comparison_is_not_found(client, adopted, consultant_a):
    client.force_login(consultant_a)
    url = reverse("agreements:compare", args=[adopted.agreement_id])
    assert client.get(url, {"a": HUGE}).status_code == 404
    assert client.get(url, {"a": "abc", "b": "-1"}).status_code == 404
    assert client.get(url, {"a": "999999"}).status_code == 404


def test_a_share_typed_with_a_percent_sign_is_read_and_a_huge_one_refused_once(client, started, consultant_a):
    client.force_login(consultant_a)
    url = reverse("agreements:annex_service_add", args=[started.pk])
    data = {"service": "HR", "provider": "ocmw", "allocation_basis": "VTE"}
    response = client.post(url, {**data, "gemeente_share": HUGE})
    assert response.content.decode().count("Geef een percentage tussen 0 en 100.</strong>") == 1
    client.post(url, {**data, "gemeente_share": "62,5 %"})
    assert str(started.annex_services.get(service="HR").gemeente_share) == "62.50"


def test_a_bad_decision_of_the_directeur_gives_a_dutch_message(client, submitted, approver_a):
    client.force_login(approver_a)
    url = reverse("agreements:decide", args=[submitted.pk])
    for data, expected in [
        ({"decision": "maybe", "comment": ""}, "Kies goedkeuren of afwijzen."),
        ({"decision": "reject", "comment": ""}, "opmerking"),
        ({"decision": "approve", "comment": "c" * 6000}, "niet meer dan 5000 tekens"),
    ]:
        response = client.post(url, data, follow=True)
        assert response.status_code == 200 and expected in response.content.decode(), data
    submitted.refresh_from_db()
    assert submitted.state == AgreementVersion.State.SUBMITTED
