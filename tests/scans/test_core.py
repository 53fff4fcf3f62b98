from scans.models import Scan, Survey
from scans.services.core import scan_finalise, scan_reopen, scan_start


def test_scan_starts_with_its_own_copy_of_the_defaults(scan_a, scan_b):
    assert scan_a.questions.count() == 12 and scan_a.services.count() == 10
    assert scan_a.survey.questions.count() == 5
    scan_a.questions.update(text="Gewijzigd")
    assert not scan_b.questions.filter(text="Gewijzigd").exists()


def test_starting_twice_returns_the_same_scan(scan_a, programme_a, consultant_a):
    assert scan_start(user=consultant_a, programme=programme_a).pk == scan_a.pk


def test_finalising_closes_an_open_survey(scan_a, consultant_a):
    Survey.objects.filter(scan=scan_a).update(state=Survey.State.OPEN)
    scan_finalise(user=consultant_a, scan=scan_a)
    scan_a.refresh_from_db()
    assert scan_a.state == Scan.State.FINAL and scan_a.survey.state == Survey.State.CLOSED
    scan_reopen(user=consultant_a, scan=scan_a)
    scan_a.refresh_from_db()
    assert scan_a.state == Scan.State.DRAFT


def test_overview_page(client, scan_a, council_a):
    client.force_login(council_a)
    content = client.get(f"/scans/{scan_a.pk}/").content.decode()
    assert "Organisatiescan" in content and "12 vragen" in content
    assert "Scan afronden" not in content  # a council member reads, does not edit


def test_council_member_cannot_finalise(client, scan_a, council_a):
    client.force_login(council_a)
    assert client.post(f"/scans/{scan_a.pk}/afronden/").status_code == 403
    scan_a.refresh_from_db()
    assert scan_a.state == Scan.State.DRAFT


def test_defaults_are_dutch_whatever_the_consultant_language(programme_a, consultant_a):
    from django.utils import translation

    with translation.override("en"):
        scan = scan_start(user=consultant_a, programme=programme_a)
    assert scan.services.filter(name="Personeel en HR").exists()
    assert scan.survey.title.startswith("Bevraging")


def test_staff_mail_is_dutch_whatever_the_consultant_language(
    scan_a, consultant_a, mailoutbox, django_capture_on_commit_callbacks
):
    from django.utils import translation

    from scans.services.survey import survey_invite, survey_open

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        survey_invite(
            user=consultant_a,
            survey=scan_a.survey,
            organisation="gemeente",
            department="Burgerzaken",
            emails="an.peeters@geel.be",
            base_url="http://testserver/",
        )
        survey_open(user=consultant_a, survey=scan_a.survey, base_url="http://testserver/")
    assert len(mailoutbox) == 1
    assert "anoniem" in mailoutbox[0].body and "/bevraging/" in mailoutbox[0].body
