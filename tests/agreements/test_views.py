"""Step 4's pages: who may do what (403 for the approver's and council's edits, 404 for B), bad input as a
form error, stale saves refused with both texts, the live preview that saves nothing, the library, the
annexes, the workflow buttons, the council's downloads and the consultant's download log."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements import services
from agreements.models import (
    AgreementVersion,
    Article,
    Clause,
    ClauseCategory,
    ClauseVersion,
    PlaceholderValue,
)
from documents.models import DownloadLog
from tests.agreements.conftest import complete

State = AgreementVersion.State


def get(client, user, url, status=200):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def agreement_url(version):
    return reverse("agreements:agreement_detail", args=[version.agreement_id])


# --- Starting -------------------------------------------------------------------------------------


def test_consultant_starts_the_agreement_with_the_mandatory_clauses(
    client, library, programme_a, consultant_a
):
    url = reverse("agreements:programme_agreement", args=[programme_a.pk])
    assert "Beheersovereenkomst starten" in get(client, consultant_a, url)
    response = client.post(url, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Artikel 1" in html and "Grondslag" in html and "Artikel 8" in html
    assert "Gemeente Geel en OCMW Geel delen hun diensten." in html  # placeholders filled in the page
    # asked again: the agreement, not a second one
    assert client.get(url).status_code == 302


def test_approver_cannot_start_and_sees_no_button(client, library, programme_a, approver_a):
    url = reverse("agreements:programme_agreement", args=[programme_a.pk])
    assert "Beheersovereenkomst starten" not in get(client, approver_a, url)
    assert client.post(url).status_code == 403


# --- The agreement page ------------------------------------------------------------------------------


def test_page_lists_what_blocks_submission_and_submit_names_it(client, started, consultant_a):
    html = get(client, consultant_a, agreement_url(started))
    assert "Plaatshouder zonder waarde" in html or "startdatum" in html
    response = client.post(reverse("agreements:submit", args=[started.pk]), follow=True)
    assert "startdatum" in response.content.decode()
    started.refresh_from_db()
    assert started.state == State.DRAFT


def test_approver_and_council_get_403_on_edits(client, started, approved, approver_a, council_a):
    article = approved.articles.first()
    for user in (approver_a, council_a):
        client.force_login(user)
        for name, args, data in [
            ("agreements:article_edit", [article.pk], {"title": "x", "text": "y", "edit_version": 1}),
            ("agreements:article_move", [article.pk], {"direction": "up"}),
            ("agreements:article_remove", [article.pk], {}),
            ("agreements:version_edit", [approved.pk], {"title": "x"}),
            ("agreements:article_add", [approved.pk], {"title": "x", "text": "y", "category": "general"}),
            ("agreements:library_add", [approved.pk], {"clause": "1"}),
            ("agreements:placeholders", [approved.pk], {"value-gemeente": "x"}),
            ("agreements:annex_service_add", [approved.pk], {"service": "ICT"}),
        ]:
            response = client.post(reverse(name, args=args), data)
            assert response.status_code == 403, (user.username, name)
    assert Article.objects.filter(pk=article.pk, title=article.title).exists()


def test_council_sees_no_draft_only_versions_put_before_the_council(client, started, consultant_a, council_a):
    html = get(client, council_a, agreement_url(started))
    assert "Nog niets voor de raad" in html
    get(client, council_a, reverse("agreements:version_detail", args=[started.pk]), status=404)
    client.force_login(council_a)
    article = started.articles.first()
    assert (
        client.post(reverse("agreements:article_edit", args=[article.pk]), {"title": "x"}).status_code == 404
    )


def test_b_gets_404_on_the_agreement_of_a(client, started, consultant_b, approver_b, council_b):
    article = started.articles.first()
    for user in (consultant_b, approver_b, council_b):
        get(client, user, agreement_url(started), status=404)
        get(client, user, reverse("agreements:version_detail", args=[started.pk]), status=404)
        assert client.post(reverse("agreements:preview", args=[started.pk]), {"text": "x"}).status_code == 404
        assert client.post(reverse("agreements:article_edit", args=[article.pk]), {}).status_code == 404


# --- Editing: bad input, stale saves, live preview ------------------------------------------------


def test_a_wrong_date_is_a_form_error_and_nothing_is_lost(client, started, consultant_a):
    client.force_login(consultant_a)
    response = client.post(
        reverse("agreements:version_edit", args=[started.pk]),
        {"title": "Mijn titel", "start_date": "31/02/2027", "preamble": "Mijn aanhef", "edit_version": 1},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Geef een geldige datum" in html and "Mijn aanhef" in html and "Mijn titel" in html
    started.refresh_from_db()
    assert started.preamble == ""


@pytest.mark.parametrize(
    "name,data",
    [
        ("agreements:article_add", {"category": "bestaat-niet", "title": "", "text": ""}),
        ("agreements:annex_service_add", {"service": "ICT", "provider": "gemeente", "gemeente_share": "abc"}),
        ("agreements:annex_service_add", {"service": "ICT", "provider": "gemeente", "gemeente_share": "150"}),
        ("agreements:annex_staff_add", {"name": "An", "fte": "2", "since": "99/99/9999"}),
    ],
)
def test_bad_input_gives_a_dutch_form_error_not_a_500(client, started, consultant_a, name, data):
    client.force_login(consultant_a)
    response = client.post(reverse(name, args=[started.pk]), data)
    assert response.status_code == 200
    assert "Controleer het formulier" in response.content.decode()


def test_a_wrong_council_decision_is_a_form_error(client, approved, consultant_a):
    client.force_login(consultant_a)
    url = reverse("agreements:record_decision", args=[approved.pk])
    response = client.post(url, {"council": "senaat", "date": "gisteren", "number": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "Controleer het formulier" in html
    response = client.post(url, {"council": "gemeenteraad", "date": "01/01/2099", "number": "2099/1"})
    assert "toekomst" in response.content.decode()
    approved.refresh_from_db()
    assert approved.council_decision_date is None


def test_huge_or_foreign_pks_are_404_or_a_dutch_message_not_500(client, started, consultant_a):
    client.force_login(consultant_a)
    url = reverse("agreements:compare", args=[started.agreement_id])
    assert client.get(url + "?a=99999999999999999999999&b=1").status_code == 404
    assert client.get(url + "?a=²").status_code == 404
    response = client.post(
        reverse("agreements:library_add", args=[started.pk]), {"clause": "99999999999999999999"}, follow=True
    )
    assert response.status_code == 200
    assert "Die clausule staat niet (meer) in de bibliotheek" in response.content.decode()


def test_article_inline_edit_saves_and_renders_the_article(client, started, consultant_a):
    client.force_login(consultant_a)
    article = started.articles.get(title="Evaluatie")
    form = client.get(reverse("agreements:article_edit", args=[article.pk]), headers={"HX-Request": "true"})
    assert 'hx-trigger="keyup changed delay:500ms"' in form.content.decode()
    response = client.post(
        reverse("agreements:article_edit", args=[article.pk]),
        {
            "title": "Evaluatie en bijsturing",
            "text": "Elk jaar in {{ gemeente }}.",
            "service": "",
            "edit_version": 1,
        },
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Evaluatie en bijsturing" in html and "Elk jaar in Gemeente Geel." in html and "Artikel 7" in html
    article.refresh_from_db()
    assert article.title == "Evaluatie en bijsturing" and article.edit_version == 2


def test_a_stale_article_save_is_refused_with_both_texts(client, started, consultant_a):
    client.force_login(consultant_a)
    article = started.articles.get(title="Evaluatie")
    url = reverse("agreements:article_edit", args=[article.pk])
    first = {"title": "Evaluatie", "text": "Tekst van collega één.", "service": "", "edit_version": 1}
    second = {"title": "Evaluatie", "text": "Mijn eigen tekst.", "service": "", "edit_version": 1}
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Intussen gewijzigd" in html and "Tekst van collega één." in html and "Mijn eigen tekst." in html
    assert 'name="edit_version" value="2"' in html  # a deliberate second save goes through
    article.refresh_from_db()
    assert article.text == "Tekst van collega één."


def test_live_preview_renders_escaped_text_and_saves_nothing(client, started, consultant_a):
    client.force_login(consultant_a)
    article = started.articles.get(title="Evaluatie")
    before = (Article.objects.count(), PlaceholderValue.objects.count(), article.text, article.edit_version)
    response = client.post(
        reverse("agreements:preview", args=[started.pk]),
        {"title": "Nieuw", "text": "Voor {{ gemeente }} <img src=x onerror=alert(1)> en {{ onbekend }}."},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Voor Gemeente Geel &lt;img src=x onerror=alert(1)&gt;" in html
    assert 'class="placeholder-missing"' in html and "onbekend" in html
    article.refresh_from_db()
    assert before == (
        Article.objects.count(),
        PlaceholderValue.objects.count(),
        article.text,
        article.edit_version,
    )


def test_move_and_remove_renumber(client, started, consultant_a):
    client.force_login(consultant_a)
    article = started.articles.get(title="Evaluatie")
    client.post(reverse("agreements:article_remove", args=[article.pk]))
    html = get(client, consultant_a, agreement_url(started))
    assert not Article.objects.filter(pk=article.pk).exists()
    assert "Artikel 7" in html and "Artikel 8" not in html
    duration = started.articles.get(title="Duur")
    client.post(reverse("agreements:article_move", args=[duration.pk]), {"direction": "up"}, follow=True)
    response = client.post(
        reverse("agreements:article_move", args=[duration.pk]), {"direction": "up"}, follow=True
    )
    assert "staat al bovenaan" in response.content.decode()


# --- The library and the placeholders -----------------------------------------------------------


def test_add_from_library_once_per_service(client, started, library, consultant_a):
    client.force_login(consultant_a)
    services.annex_service_add(
        user=consultant_a, version=started, service="ICT", gemeente_share=60, allocation_basis="aantal pc's"
    )
    url = reverse("agreements:library_add", args=[started.pk])
    html = get(client, consultant_a, url)
    assert f'id="clausule-{library["per_service"].pk}"' in html and "verplicht" in html
    clause = library["per_service"]
    response = client.post(url, {"clause": clause.pk, "service": ""}, follow=True)
    assert "Kies voor welke dienst" in response.content.decode()
    client.post(url, {"clause": clause.pk, "service": "ICT"})
    article = started.articles.get(category=ClauseCategory.SERVICE_WORKING_METHOD)
    assert article.service == "ICT" and article.text == "De dienst ICT werkt als één dienst."
    response = client.post(url, {"clause": clause.pk, "service": "ICT"}, follow=True)
    assert "staat al in de overeenkomst" in response.content.decode()
    assert started.articles.filter(category=ClauseCategory.SERVICE_WORKING_METHOD).count() == 1


def test_the_local_governments_copy_replaces_the_original(client, started, library, consultant_a, lg_a):
    copy = services.clause_adapt(user=consultant_a, clause=library["disputes"], local_government=lg_a)
    html = get(client, consultant_a, reverse("agreements:library_add", args=[started.pk]))
    assert f'id="clausule-{copy.pk}"' in html and f'id="clausule-{library["disputes"].pk}"' not in html
    assert "aangepast voor Lokaal bestuur Geel" in html


def test_placeholder_override_is_saved_and_used(client, started, consultant_a):
    client.force_login(consultant_a)
    url = reverse("agreements:placeholders", args=[started.pk])
    html = get(client, consultant_a, url)
    assert "Gemeente Geel" in html and "OCMW Geel" in html
    client.post(url, {"value-gemeente": "Stad Geel", "value-startdatum": "1 januari 2027"})
    assert PlaceholderValue.objects.get(version=started, key="gemeente").value == "Stad Geel"
    html = get(client, consultant_a, agreement_url(started))
    assert "Stad Geel en OCMW Geel delen hun diensten." in html
    assert "gaat in op 1 januari 2027." in html


def test_library_pages(client, library, consultant_a, lg_a, council_a):
    html = get(client, consultant_a, reverse("agreements:library"))
    assert "Clausulebibliotheek" in html and "Grondslag" in html and "verplicht" in html
    clause = library["disputes"]
    url = reverse("agreements:clause_detail", args=[clause.pk])
    assert "Aanpassen voor een lokaal bestuur" in get(client, consultant_a, url)
    response = client.post(
        reverse("agreements:clause_version_add", args=[clause.pk]),
        {"title": "Geschillen", "text": "Nieuwe tekst.", "change_note": "korter", "expected_number": 1},
    )
    assert response.status_code == 302
    assert ClauseVersion.objects.filter(clause=clause, number=2, text="Nieuwe tekst.").exists()
    response = client.post(
        reverse("agreements:clause_adapt", args=[clause.pk]), {"local_government": lg_a.pk}
    )
    copy = Clause.objects.get(based_on=clause, local_government=lg_a)
    assert response.status_code == 302 and copy.versions.get().text == "Nieuwe tekst."
    get(client, council_a, reverse("agreements:library"), status=403)


def test_a_new_clause_version_does_not_change_the_agreement(client, started, library, consultant_a):
    clause = library["mandatory"][0]
    services.clause_version_add(
        user=consultant_a, clause=clause, title="Doel", text="Helemaal anders.", expected_number=1
    )
    html = get(client, consultant_a, agreement_url(started))
    assert "Gemeente Geel en OCMW Geel delen hun diensten." in html and "Helemaal anders." not in html
    # The consultant sees that the library moved on, beside the article that keeps its text.
    assert "de bibliotheek heeft intussen versie 2" in html


# --- Annexes ---------------------------------------------------------------------------------------


def test_annex_service_in_belgian_notation(client, started, consultant_a):
    client.force_login(consultant_a)
    response = client.post(
        reverse("agreements:annex_service_add", args=[started.pk]),
        {"service": "Financiën", "provider": "gemeente", "gemeente_share": "62,5", "allocation_basis": "VTE"},
        follow=True,
    )
    html = response.content.decode()
    assert "Financiën" in html and "62,5 %" in html and "37,5 %" in html


# --- Workflow, council, downloads ----------------------------------------------------------------


def test_workflow_through_the_pages(
    client, started, consultant_a, approver_a, django_capture_on_commit_callbacks
):
    complete(started, consultant_a)
    client.force_login(consultant_a)
    client.post(reverse("agreements:submit", args=[started.pk]), {"comment": "Klaar voor nazicht."})
    started.refresh_from_db()
    assert started.state == State.SUBMITTED
    client.force_login(approver_a)
    html = get(client, approver_a, agreement_url(started))
    assert "Goedkeuren voor de raad" in html
    response = client.post(
        reverse("agreements:decide", args=[started.pk]), {"decision": "reject", "comment": ""}
    )
    assert response.status_code == 200  # a rejection needs a comment
    client.post(reverse("agreements:decide", args=[started.pk]), {"decision": "approve", "comment": "Goed."})
    started.refresh_from_db()
    assert started.state == State.APPROVED
    client.force_login(consultant_a)
    for council, number in (("gemeenteraad", "2027/GR/1"), ("ocmwraad", "2027/OR/1")):
        response = client.post(
            reverse("agreements:record_decision", args=[started.pk]),
            {"council": council, "date": timezone.localdate().strftime("%d/%m/%Y"), "number": number},
        )
        assert response.status_code == 302
    client.post(reverse("agreements:adopt", args=[started.pk]))
    started.refresh_from_db()
    assert started.state == State.ADOPTED and started.council_decision_number == "2027/GR/1"
    html = get(client, consultant_a, agreement_url(started))
    assert "Nieuwe versie starten" in html and "Geschiedenis" in html and "ingediend" in html
    client.post(reverse("agreements:new_version", args=[started.agreement_id]))
    assert started.agreement.versions.filter(number=2, state=State.DRAFT).exists()


def test_council_downloads_are_logged_and_the_consultant_sees_the_log(
    client, approved, consultant_a, council_a, django_capture_on_commit_callbacks
):
    client.force_login(council_a)
    html = get(client, council_a, agreement_url(approved))
    assert approved.title in html and "Bewerken" not in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("agreements:pdf", args=[approved.pk]))
    job = approved_a_job(approved)
    assert job.state == "done", job.error
    response = client.get(reverse("documents:job_download", args=[job.pk]))
    assert response.status_code == 200
    response = client.post(reverse("agreements:docx", args=[approved.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    logs = list(DownloadLog.objects.filter(user=council_a).order_by("downloaded_at", "pk"))
    assert [log.filename.rsplit(".", 1)[1] for log in logs] == ["pdf", "docx"]
    assert all(len(log.checksum) == 64 for log in logs)
    html = get(client, consultant_a, agreement_url(approved))
    assert "Gedownload door" in html and logs[0].filename in html and logs[1].filename in html
    assert council_a.get_full_name() in html


def approved_a_job(version):
    from agreements.document import latest_pdf_job

    return latest_pdf_job(version)


def test_versions_and_compare(client, adopted, consultant_a):
    v2 = services.agreement_new_version(user=consultant_a, agreement=adopted.agreement)
    article = v2.articles.get(title="Evaluatie")
    services.article_update(
        user=consultant_a,
        article=article,
        expected_edit_version=article.edit_version,
        title="Evaluatie",
        text="De overeenkomst wordt om de twee jaar geëvalueerd.",
    )
    html = get(client, consultant_a, reverse("agreements:versions", args=[adopted.agreement_id]))
    assert "Versie 1" in html and "Versie 2" in html and "Vastgesteld" in html
    url = reverse("agreements:compare", args=[adopted.agreement_id])
    html = get(client, consultant_a, f"{url}?a={adopted.pk}&b={v2.pk}")
    assert "Evaluatie" in html and "<ins>" in html and "<del>" in html


# --- Step 4 on the programme page ------------------------------------------------------------------


def test_step_progress_follows_the_agreement(library, programme_a, consultant_a, approver_a):
    from agreements import progress
    from programmes.steps import STEPS, StepState, StepStatus

    info = STEPS[3]
    status = progress.provide(programme_a, StepStatus(info=info, state=StepState.CURRENT))
    assert status.url == reverse("agreements:programme_agreement", args=[programme_a.pk])
    assert "starten" in status.next_action
    version = services.agreement_start(user=consultant_a, programme=programme_a)
    progress.load([programme_a])
    status = progress.provide(programme_a, StepStatus(info=info, state=StepState.CURRENT))
    assert status.url == agreement_url(version)
    assert "Besluiten van gemeenteraad en OCMW-raad" in status.missing
    assert status.state == StepState.CURRENT


def test_odd_posts_never_give_a_500(client, started, consultant_a):
    client.force_login(consultant_a)
    article = started.articles.first()
    cases = [
        (
            reverse("agreements:article_edit", args=[article.pk]),
            {"title": "x", "text": "y", "edit_version": "9" * 30},
        ),
        (reverse("agreements:article_move", args=[article.pk]), {"direction": "zijwaarts"}),
        (reverse("agreements:placeholders", args=[started.pk]), {"value-gemeente": "x" * 6000}),
        (reverse("agreements:preview", args=[started.pk]), {}),
        (reverse("agreements:version_edit", args=[started.pk]), {"title": "", "start_date": "1/1/99999"}),
        (reverse("agreements:decide", args=[started.pk]), {"decision": "misschien"}),
        (reverse("agreements:library_add", args=[started.pk]), {"clause": "abc"}),
        (reverse("agreements:clause_adapt", args=[1]), {"local_government": "99999999999999999999999"}),
    ]
    for url, data in cases:
        response = client.post(url, data)
        assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
    article.refresh_from_db()
    assert article.title != "x"


def test_own_article_with_live_preview(client, started, consultant_a):
    url = reverse("agreements:article_add", args=[started.pk])
    html = get(client, consultant_a, url)
    assert (
        reverse("agreements:preview", args=[started.pk]) in html
        and 'hx-trigger="keyup changed delay:500ms"' in html
    )
    response = client.post(
        url, {"category": "disputes", "title": "Slotbepaling", "text": "Voor {{ gemeente }}.", "service": ""}
    )
    assert response.status_code == 302
    html = get(client, consultant_a, agreement_url(started))
    assert "Slotbepaling" in html and "Voor Gemeente Geel." in html and "Artikel 9" in html


def test_new_clause_and_archive_through_the_pages(client, library, consultant_a):
    client.force_login(consultant_a)
    response = client.post(
        reverse("agreements:clause_create"),
        {"category": "disputes", "title": "Bemiddeling", "text": "Eerst bemiddeling.", "guidance": ""},
    )
    clause = Clause.objects.get(title="Bemiddeling")
    assert response.status_code == 302 and clause.versions.get().number == 1
    response = client.post(
        reverse("agreements:clause_create"), {"category": "nergens", "title": "", "text": ""}
    )
    assert response.status_code == 200 and "Controleer het formulier" in response.content.decode()
    client.post(reverse("agreements:clause_archive", args=[clause.pk]))
    clause.refresh_from_db()
    assert clause.archived
    html = get(client, consultant_a, reverse("agreements:library"))
    assert "is gearchiveerd" in html  # the message, once
    assert reverse("agreements:clause_detail", args=[clause.pk]) not in html


def test_the_writing_pages_list_the_placeholders_with_their_values(client, started, consultant_a):
    for url in (
        reverse("agreements:article_add", args=[started.pk]),
        reverse("agreements:version_edit", args=[started.pk]),
        reverse("agreements:article_edit", args=[started.articles.first().pk]),
    ):
        html = get(client, consultant_a, url)
        assert "Plaatshouders die u kunt gebruiken" in html, url
        assert "<code>{{ gemeente }}</code>" in html and "Gemeente Geel" in html, url
        assert "<code>{{ startdatum }}</code>" in html and "nog geen waarde" in html, url


def test_the_directeur_reads_the_submission_comment_and_can_compare_with_the_adopted_version(
    client, adopted, consultant_a, approver_a
):
    new = services.agreement_new_version(user=consultant_a, agreement=adopted.agreement)
    services.agreement_submit(user=consultant_a, version=new, comment="Graag nazien voor januari.")
    html = get(client, approver_a, agreement_url(new))
    assert "Graag nazien voor januari." in html
    compare = reverse("agreements:compare", args=[adopted.agreement_id]) + f"?a={adopted.pk}&amp;b={new.pk}"
    assert compare in html and "tegenover de vastgestelde versie 1" in html
