"""The college keeps the staff list (annex 2) of the adopted agreement up to date: each change names its
college decision and is logged; only the latest adopted version, only by its consultants, only annex 2 (the
articles, values and annex 1 stay frozen); the pages, the PDF and the .docx show the list as it is now."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from agreements import services
from agreements.document import agreement_docx, agreement_html, latest_pdf_job
from agreements.models import AgreementEvent, AgreementVersion, AnnexStaff
from documents.models import DownloadLog
from documents.pdf import html_to_pdf
from tests.agreements.conftest import complete, refused
from tests.documents.conftest import pdf_text

State = AgreementVersion.State
JAN = {
    "name": "Jan Peeters",
    "function": "Systeembeheerder",
    "employer": "gemeente",
    "service": "ICT",
    "fte": Decimal("0.5"),
}


def today():
    return timezone.localdate()


def add_jan(user, version, **extra):
    return services.annex_staff_college_add(
        user=user, version=version, decision_date=extra.pop("decision_date", today()), **{**JAN, **extra}
    )


@pytest.fixture
def person(adopted, consultant_a) -> AnnexStaff:
    """Jan Peeters on the adopted version's staff list, through a college decision."""
    return add_jan(consultant_a, adopted, decision_reference="CBS/2027/114")


# --- Services --------------------------------------------------------------------------------------


def test_college_adds_changes_and_removes_staff_on_the_adopted_version(person, adopted, consultant_a):
    assert list(adopted.annex_staff.values_list("name", flat=True)) == ["Jan Peeters"]
    updated = services.annex_staff_college_update(
        user=consultant_a,
        annex_staff=person,
        expected_edit_version=person.edit_version,
        decision_date=today(),
        **{**JAN, "fte": Decimal("0.8")},
    )
    assert updated.fte == Decimal("0.80")
    services.annex_staff_college_remove(user=consultant_a, annex_staff=updated, decision_date=today())
    assert not adopted.annex_staff.exists()
    adopted.refresh_from_db()
    assert adopted.state == State.ADOPTED  # still the same adopted version, no new one
    assert adopted.agreement.versions.count() == 1
    events = list(adopted.events.filter(kind=AgreementEvent.Kind.STAFF_LIST).order_by("at", "pk"))
    day = today().strftime("%d/%m/%Y")
    assert [e.comment for e in events] == [
        f"Personeelslijst bijgewerkt: Jan Peeters (0,5 VTE, ICT) toegevoegd; "
        f"collegebeslissing CBS/2027/114 van {day}",
        f"Personeelslijst bijgewerkt: Jan Peeters (0,5 VTE, ICT) gewijzigd (VTE: 0,5 → 0,8); "
        f"collegebeslissing van {day}",
        f"Personeelslijst bijgewerkt: Jan Peeters (0,8 VTE, ICT) geschrapt; collegebeslissing van {day}",
    ]
    assert all(e.user == consultant_a and e.decision_date == today() for e in events)
    assert events[0].decision_reference == "CBS/2027/114"


def test_refused_without_a_decision_date_or_with_a_future_or_too_early_one(adopted, consultant_a):
    messages = refused(lambda: add_jan(consultant_a, adopted, decision_date=None))
    assert messages == ["Geef de datum van de collegebeslissing, bijvoorbeeld 12/11/2026."]
    tomorrow = today() + datetime.timedelta(days=1)
    assert "toekomst" in refused(lambda: add_jan(consultant_a, adopted, decision_date=tomorrow))[0]
    before = today() - datetime.timedelta(days=1)
    assert "vóór de vaststelling" in refused(lambda: add_jan(consultant_a, adopted, decision_date=before))[0]
    # the row's own errors and the decision's come together
    with pytest.raises(ValidationError) as excinfo:
        add_jan(consultant_a, adopted, decision_date=None, name="", fte="7")
    assert set(excinfo.value.message_dict) == {"name", "fte", "decision_date"}
    assert not adopted.annex_staff.exists()
    assert not adopted.events.filter(kind=AgreementEvent.Kind.STAFF_LIST).exists()


def test_refused_on_drafts_unadopted_and_older_adopted_versions(started, consultant_a, approver_a):
    assert "ontwerp" in refused(lambda: add_jan(consultant_a, started))[0]
    complete(started, consultant_a)
    submitted = services.agreement_submit(user=consultant_a, version=started)
    assert "nog niet vastgesteld" in refused(lambda: add_jan(consultant_a, submitted))[0]
    approved = services.agreement_approve(user=approver_a, version=submitted)
    assert "nog niet vastgesteld" in refused(lambda: add_jan(consultant_a, approved))[0]
    for council in ("gemeenteraad", "ocmwraad"):
        services.agreement_record_decision(
            user=consultant_a, version=approved, council=council, date=today(), number="1"
        )
    v1 = services.agreement_adopt(user=consultant_a, version=approved)
    person = add_jan(consultant_a, v1)
    # v2 started, approved: v1 is still the one in force, its list may still change
    v2 = services.agreement_new_version(user=consultant_a, agreement=v1.agreement)
    assert "ontwerp" in refused(lambda: add_jan(consultant_a, v2))[0]
    v2 = services.agreement_submit(user=consultant_a, version=v2)
    v2 = services.agreement_approve(user=approver_a, version=v2)
    add_jan(consultant_a, v1, name="An Claes")
    for council in ("gemeenteraad", "ocmwraad"):
        services.agreement_record_decision(
            user=consultant_a, version=v2, council=council, date=today(), number="2"
        )
    v2 = services.agreement_adopt(user=consultant_a, version=v2)
    # now v2 is in force: v1's list is frozen, v2's may change
    message = refused(lambda: add_jan(consultant_a, v1))[0]
    assert "Versie 2 is intussen vastgesteld" in message
    assert refused(
        lambda: services.annex_staff_college_remove(
            user=consultant_a, annex_staff=person, decision_date=today()
        )
    )
    assert add_jan(consultant_a, v2, name="Sara Mertens").version == v2


def test_refused_for_approver_council_and_b(person, adopted, approver_a, council_a, consultant_b, council_b):
    for user in (approver_a, council_a, consultant_b, council_b):
        refused(lambda user=user: add_jan(user, adopted), kind=PermissionDenied)
        refused(
            lambda user=user: services.annex_staff_college_update(
                user=user,
                annex_staff=person,
                expected_edit_version=person.edit_version,
                decision_date=today(),
                **JAN,
            ),
            kind=PermissionDenied,
        )
        refused(
            lambda user=user: services.annex_staff_college_remove(
                user=user, annex_staff=person, decision_date=today()
            ),
            kind=PermissionDenied,
        )
    assert list(adopted.annex_staff.values_list("name", flat=True)) == ["Jan Peeters"]


def test_everything_else_of_the_adopted_version_stays_frozen(person, adopted, consultant_a):
    article = adopted.articles.first()
    service = adopted.annex_services.first()
    calls = [
        lambda: services.article_update(
            user=consultant_a,
            article=article,
            expected_edit_version=article.edit_version,
            title="X",
            text="Y",
        ),
        lambda: services.article_add(
            user=consultant_a, version=adopted, category="general", title="X", text="Y"
        ),
        lambda: services.article_remove(user=consultant_a, article=article),
        lambda: services.placeholder_set(user=consultant_a, version=adopted, key="rechtbank", value="Gent"),
        lambda: services.version_update(
            user=consultant_a,
            version=adopted,
            expected_edit_version=adopted.edit_version,
            title="Andere titel",
            start_date=None,
            preamble="",
        ),
        lambda: services.annex_service_add(
            user=consultant_a, version=adopted, service="HR", gemeente_share=50, allocation_basis="VTE"
        ),
        lambda: services.annex_service_update(
            user=consultant_a,
            annex_service=service,
            expected_edit_version=service.edit_version,
            service=service.service,
            gemeente_share=10,
            allocation_basis="x",
        ),
        lambda: services.annex_service_remove(user=consultant_a, annex_service=service),
        # the ordinary staff services (without a college decision) too
        lambda: services.annex_staff_add(user=consultant_a, version=adopted, **JAN),
        lambda: services.annex_staff_update(
            user=consultant_a, annex_staff=person, expected_edit_version=person.edit_version, **JAN
        ),
        lambda: services.annex_staff_remove(user=consultant_a, annex_staff=person),
    ]
    for call in calls:
        assert "vastgesteld door de raden en ligt vast" in refused(call)[0]
    article.refresh_from_db()
    service.refresh_from_db()
    assert article.title != "X" and service.gemeente_share == Decimal("60")
    assert adopted.annex_staff.count() == 1 and not adopted.values.exists()


def test_stale_or_empty_change_refused(person, consultant_a):
    services.annex_staff_college_update(
        user=consultant_a,
        annex_staff=person,
        expected_edit_version=person.edit_version,
        decision_date=today(),
        **{**JAN, "function": "ICT-coördinator"},
    )
    with pytest.raises(services.StaleAgreementEditError):
        services.annex_staff_college_update(
            user=consultant_a,
            annex_staff=person,
            expected_edit_version=person.edit_version,
            decision_date=today(),
            **{**JAN, "fte": Decimal("1")},
        )
    person.refresh_from_db()
    message = refused(
        lambda: services.annex_staff_college_update(
            user=consultant_a,
            annex_staff=person,
            expected_edit_version=person.edit_version,
            decision_date=today(),
            **{**JAN, "function": "ICT-coördinator"},
        )
    )
    assert message == ["Er is niets gewijzigd aan Jan Peeters."]


# --- Pages -------------------------------------------------------------------------------------------


def annexes_url(version):
    return reverse("agreements:annexes", args=[version.pk])


def test_consultant_updates_the_list_on_the_page_and_the_council_sees_it(
    client, adopted, consultant_a, council_a
):
    client.force_login(consultant_a)
    html = client.get(annexes_url(adopted)).content.decode()
    assert (
        "Het college houdt deze lijst bij; een wijziging vraagt geen nieuwe beslissing van de raden." in html
    )
    assert "Datum van de collegebeslissing" in html
    # without a decision date: the form says so, the row typed is kept
    data = {**JAN, "fte": "0,5", "since": "", "decision_date": "", "decision_reference": ""}
    response = client.post(reverse("agreements:annex_staff_add", args=[adopted.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200 and "Geef de datum van de collegebeslissing" in html
    assert 'value="Jan Peeters"' in html
    day = today().strftime("%d/%m/%Y")
    response = client.post(
        reverse("agreements:annex_staff_add", args=[adopted.pk]),
        {**data, "decision_date": day, "decision_reference": "CBS/2027/114"},
    )
    assert response.status_code == 302
    person = adopted.annex_staff.get()
    # change on the edit page, with the decision
    edit = reverse("agreements:annex_staff_edit", args=[person.pk])
    assert "Datum van de collegebeslissing" in client.get(edit).content.decode()
    response = client.post(
        edit, {**data, "fte": "0,8", "decision_date": day, "edit_version": person.edit_version}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.fte == Decimal("0.80")
    # the council member sees the current list and the updates, read only
    client.force_login(council_a)
    html = client.get(annexes_url(adopted)).content.decode()
    assert "Jan Peeters" in html and "0,8" in html and "CBS/2027/114" in html
    assert "Wijzigingen van de personeelslijst" in html and consultant_a.get_full_name() in html
    assert f"Bijlage 2 bijgewerkt op {day} (collegebeslissing van {day})" in html
    assert "Personeelslid toevoegen" not in html and "Schrappen" not in html
    assert (
        client.post(edit, {**data, "decision_date": day, "edit_version": person.edit_version}).status_code
        == 403
    )
    remove = reverse("agreements:annex_staff_college_remove", args=[person.pk])
    assert client.get(remove).status_code == 403
    assert client.post(remove, {"decision_date": day}).status_code == 403
    # the consultant removes, on the remove page, with the decision
    client.force_login(consultant_a)
    page = client.get(remove).content.decode()
    assert "Jan Peeters schrappen uit de personeelslijst" in page
    assert client.post(remove, {"decision_date": ""}).status_code == 200
    assert client.post(remove, {"decision_date": day}).status_code == 302
    assert not adopted.annex_staff.exists()


def test_staff_pages_404_for_b_and_refused_on_an_older_adopted_version(
    client, person, adopted, consultant_a, approver_a, consultant_b, council_b
):
    urls = [
        reverse("agreements:annex_staff_edit", args=[person.pk]),
        reverse("agreements:annex_staff_college_remove", args=[person.pk]),
    ]
    for user in (consultant_b, council_b):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404
            assert client.post(url, {"decision_date": "01/01/2027"}).status_code == 404
        assert client.post(reverse("agreements:annex_staff_add", args=[adopted.pk]), JAN).status_code == 404
    client.force_login(approver_a)
    assert client.get(urls[0]).status_code == 403


# --- Documents -------------------------------------------------------------------------------------


def test_pdf_and_docx_show_the_current_list_and_when_it_was_updated(person, adopted, consultant_a):
    from docx import Document

    day = today().strftime("%d/%m/%Y")
    text = " ".join(pdf_text(html_to_pdf(agreement_html(adopted))).split())
    assert "Jan Peeters" in text
    assert f"Bijlage 2 bijgewerkt op {day} (collegebeslissing CBS/2027/114 van {day})" in text
    document = Document(io.BytesIO(agreement_docx(adopted)))
    paragraphs = [p.text for p in document.paragraphs]
    assert any(p.startswith("Bijlage 2 bijgewerkt op") for p in paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Jan Peeters" in cells


def test_a_changed_list_offers_a_new_pdf_and_the_log_keeps_what_was_downloaded(
    client, adopted, consultant_a, council_a, django_capture_on_commit_callbacks
):
    client.force_login(council_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("agreements:pdf", args=[adopted.pk]))
    old = latest_pdf_job(adopted)
    assert old.state == "done", old.error
    assert client.get(reverse("documents:job_download", args=[old.pk])).status_code == 200
    add_jan(consultant_a, adopted)
    # the old file is no longer offered on the page; asked again, a new job renders the new list
    assert latest_pdf_job(adopted) is None
    version_page = client.get(adopted.get_absolute_url()).content.decode()
    assert reverse("documents:job_download", args=[old.pk]) not in version_page
    assert "Maak de PDF opnieuw op om de huidige personeelslijst te krijgen." in version_page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("agreements:pdf", args=[adopted.pk]))
    new = latest_pdf_job(adopted)
    assert new.pk != old.pk and new.state == "done" and new.checksum != old.checksum
    with new.file.open("rb") as handle:
        assert "Jan Peeters" in pdf_text(handle.read())
    assert (
        reverse("documents:job_download", args=[new.pk])
        in client.get(adopted.get_absolute_url()).content.decode()
    )
    assert client.get(reverse("documents:job_download", args=[new.pk])).status_code == 200
    logs = list(DownloadLog.objects.filter(user=council_a).order_by("downloaded_at", "pk"))
    assert [log.checksum for log in logs] == [old.checksum, new.checksum]


def test_the_agreement_page_leads_to_the_adopted_staff_list(client, adopted, consultant_a, council_a):
    services.agreement_new_version(user=consultant_a, agreement=adopted.agreement)
    client.force_login(consultant_a)
    html = client.get(reverse("agreements:agreement_detail", args=[adopted.agreement_id])).content.decode()
    assert "Personeelslijst van de vastgestelde versie 1 bijwerken" in html
    assert annexes_url(adopted) in html


def test_a_draft_started_before_a_college_update_says_so(client, adopted, consultant_a):
    v2 = services.agreement_new_version(user=consultant_a, agreement=adopted.agreement)
    add_jan(consultant_a, adopted)
    client.force_login(consultant_a)
    html = client.get(annexes_url(v2)).content.decode()
    assert "Het college werkte de personeelslijst van de vastgestelde versie 1 bij" in html
    assert "Jan Peeters (0,5 VTE, ICT) toegevoegd" in html


# --- Signing: place and date -----------------------------------------------------------------------


def test_signing_place_and_date_stay_dotted_lines_when_not_given(adopted):
    text = " ".join(pdf_text(html_to_pdf(agreement_html(adopted))).split())
    assert "Opgemaakt te Geel op ……………………, in twee exemplaren" in text


def test_signing_date_typed_for_a_draft(started, consultant_a):
    from docx import Document

    version = complete(started, consultant_a)
    services.placeholder_set(
        user=consultant_a, version=version, key="datum_ondertekening", value="15/01/2027"
    )
    services.placeholder_set(user=consultant_a, version=version, key="plaats", value="Geel (Sociaal Huis)")
    html = agreement_html(version)
    assert "Opgemaakt te Geel (Sociaal Huis) op 15/01/2027, in twee exemplaren" in html
    paragraphs = [p.text for p in Document(io.BytesIO(agreement_docx(version))).paragraphs]
    assert (
        "Opgemaakt te Geel (Sociaal Huis) op 15/01/2027, in twee exemplaren; elke partij ontvangt er één."
        in (paragraphs)
    )
