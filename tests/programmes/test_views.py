import datetime

import pytest
from django.urls import reverse

from programmes.models import LocalGovernment, Programme, Role
from tests.factories import ProgrammeFactory


def test_anonymous_redirected_to_login(client, programme_a):
    response = client.get(programme_a.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_dashboard_lists_only_own_programmes(client, programme_a, programme_b, council_a):
    client.force_login(council_a)
    response = client.get(reverse("programmes:dashboard"))
    content = response.content.decode()
    assert "Samen sterker in Geel" in content
    assert "Eén bestuur voor Ieper" not in content
    assert "De organisatiescan starten" in content  # the next thing to do


def test_programme_page_shows_steps_people_history(client, programme_a, consultant_a, approver_a, council_a):
    client.force_login(council_a)
    content = client.get(programme_a.get_absolute_url()).content.decode()
    for text in (
        "Organisatiescan",
        "Streefbeeld en actieplan",
        "Programma van projecten",
        "Beheersovereenkomst",
    ):
        assert text in content
    assert "Nog te doen" in content
    assert approver_a.get_full_name() in content and "Algemeen directeur" in content
    assert "Traject bewerken" not in content  # a council member reads, does not edit


def test_consultant_creates_programme_in_browser_form(client, lg_a, consultant_a):
    client.force_login(consultant_a)
    response = client.post(
        reverse("programmes:programme_create"),
        {
            "local_government": lg_a.pk,
            "title": "Integratie ondersteunende diensten",
            "start_date": "01/10/2026",
            "scenario": "",
            "step": "1",
            "consultants": [consultant_a.pk],
        },
    )
    programme = Programme.objects.get(title="Integratie ondersteunende diensten")
    assert response.status_code == 302 and response["Location"] == programme.get_absolute_url()
    assert programme.start_date == datetime.date(2026, 10, 1)


def test_bad_input_keeps_what_was_typed_with_dutch_errors(client, lg_a, consultant_a):
    client.force_login(consultant_a)
    response = client.post(
        reverse("programmes:programme_create"),
        {
            "local_government": lg_a.pk,
            "title": "",
            "description": "Mijn zorgvuldig getypte toelichting",
            "start_date": "31/02/2026",
            "step": "1",
            "consultants": [consultant_a.pk],
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Dit veld is verplicht." in content
    assert "Geef een geldige datum in de vorm dd/mm/jjjj" in content
    assert "Mijn zorgvuldig getypte toelichting" in content
    assert 'value="31/02/2026"' in content
    assert not Programme.objects.exists()


def test_foreign_local_government_refused_in_form(client, lg_a, lg_b, consultant_a):
    client.force_login(consultant_a)
    response = client.post(
        reverse("programmes:programme_create"),
        {"local_government": lg_b.pk, "title": "X", "start_date": "01/10/2026", "step": "1"},
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Programme.objects.exists()


@pytest.mark.parametrize("fixture", ["council_a", "approver_a"])
def test_reader_posting_to_edit_changes_nothing(client, request, programme_a, fixture):
    client.force_login(request.getfixturevalue(fixture))
    url = reverse("programmes:programme_edit", args=[programme_a.pk])
    response = client.post(url, {"title": "Gekaapt", "start_date": "01/01/2027", "step": "4", "version": "1"})
    assert response.status_code == 403
    assert "U mag deze handeling niet uitvoeren" in response.content.decode()
    programme_a.refresh_from_db()
    assert programme_a.title == "Samen sterker in Geel" and programme_a.step == 1


def test_stale_edit_shows_changes_and_keeps_input(client, programme_a, consultant_a):
    from programmes import services

    client.force_login(consultant_a)
    opened = programme_a.version
    services.programme_update(
        user=consultant_a, programme=programme_a, expected_version=opened, title="Titel van een collega"
    )
    response = client.post(
        reverse("programmes:programme_edit", args=[programme_a.pk]),
        {
            "title": "Mijn nieuwe titel",
            "start_date": "01/09/2026",
            "step": "2",
            "consultants": [consultant_a.pk],
            "version": str(opened),
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Intussen gewijzigd" in content
    assert "Titel van een collega" in content and 'value="Mijn nieuwe titel"' in content
    programme_a.refresh_from_db()
    assert programme_a.title == "Titel van een collega"


def test_malformed_nis_code_refused_in_form(client, consultant_a):
    client.force_login(consultant_a)
    response = client.post(
        reverse("programmes:local_government_create"),
        {
            "name": "Lokaal bestuur Gent",
            "nis_code": "440-21",
            "province": "oost-vlaanderen",
            "gemeente_name": "Stad Gent",
            "ocmw_name": "OCMW Gent",
        },
    )
    content = response.content.decode()
    assert "Een NIS-code bestaat uit precies 5 cijfers" in content
    assert 'value="Stad Gent"' in content
    assert not LocalGovernment.objects.filter(name="Lokaal bestuur Gent").exists()


def test_invitation_flow_sets_password(
    client, lg_a, consultant_a, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(consultant_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("programmes:membership_invite", args=[lg_a.pk]),
            {
                "first_name": "Lotte",
                "last_name": "Segers",
                "email": "lotte.segers@geel.be",
                "role": Role.APPROVER,
            },
        )
    assert response.status_code == 302
    link = next(line for line in mailoutbox[0].body.splitlines() if "/account/uitnodiging/" in line)
    client.logout()
    page = client.get(link.replace("http://testserver", ""), follow=True)
    assert "Welkom bij Tandem" in page.content.decode()
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Fietsen-langs-de-Nete-7", "new_password2": "Fietsen-langs-de-Nete-7"},
    )
    assert response.status_code == 302
    login = client.post(
        reverse("login"), {"username": "lotte.segers@geel.be", "password": "Fietsen-langs-de-Nete-7"}
    )
    assert login.status_code == 302 and login["Location"] == reverse("programmes:dashboard")


def test_unknown_url_styled_404(client, consultant_a):
    client.force_login(consultant_a)
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_every_response_has_strict_csp(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "http" not in csp


def test_login_page_in_dutch_and_language_switch_to_english(client):
    assert "Aanmelden bij Tandem" in client.get(reverse("login")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert "Sign in to Tandem" in client.get(reverse("login")).content.decode()


def test_login_locked_after_repeated_failures(client, consultant_a):
    for _ in range(5):
        client.post(reverse("login"), {"username": "consultant.a", "password": "fout"})
    response = client.post(reverse("login"), {"username": "consultant.a", "password": "demo-wachtwoord-123"})
    assert response.status_code == 429
    assert "Aanmelden tijdelijk geblokkeerd" in response.content.decode()
    # another user from the same address is not locked out
    response = client.post(reverse("login"), {"username": "iemand.anders", "password": "fout"})
    assert response.status_code == 200


def test_session_expires_after_inactivity(settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE == 30 * 60


def test_dates_shown_as_day_month_year(client, consultant_a, lg_a):
    ProgrammeFactory(
        local_government=lg_a,
        title="Datumtest",
        start_date=datetime.date(2026, 11, 24),
        consultants=[consultant_a],
    )
    client.force_login(consultant_a)
    assert "24/11/2026" in client.get(reverse("programmes:dashboard")).content.decode()


def test_browser_language_does_not_override_dutch_default(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    content = response.content.decode()
    assert 'lang="nl-BE"' in content and "Wachtwoord" in content


def test_password_reset_by_email(client, consultant_a, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": consultant_a.email})
    assert response.status_code == 302
    assert "Tandem: een nieuw wachtwoord kiezen" in mailoutbox[0].subject
    link = next(line for line in mailoutbox[0].body.splitlines() if "/account/wachtwoord/" in line)
    page = client.get(link.replace("http://testserver", ""), follow=True)
    assert "Nieuw wachtwoord kiezen" in page.content.decode()
    new = "Langs-de-Grote-Nete-2026"
    response = client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    login = client.post(reverse("login"), {"username": "consultant.a", "password": new})
    assert login.status_code == 302


def test_logout_is_post_only_and_in_dutch(client, consultant_a):
    client.force_login(consultant_a)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"), follow=True)
    assert "Aanmelden bij Tandem" in response.content.decode()
