"""Step 4 in the browser: consultant.a drafts from the library (adds a clause, adapts it with the live
preview, fills a placeholder) and submits; the college's update of the adopted version's staff list is
recorded; directeur.a approves for the council; raad.a reads the updated staff list, has the PDF made and
downloads it, and the download is logged. axe-core on every agreement page on the way."""

from __future__ import annotations

import re
import warnings

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Page, expect

from agreements.models import Agreement, AgreementVersion, Clause
from documents.models import DownloadLog
from tests.e2e.helpers import describe_violations, login, run_axe, screenshot

User = get_user_model()
PROGRAMME_A = "Samen één bestuur in Geel"
State = AgreementVersion.State
ADDED_TEXT = "Beide besturen bekijken de samenwerking elk jaar in {{ evaluatiemaand }} met de raden."


def _logout(page: Page) -> None:
    page.get_by_role("button", name="Afmelden").click()
    expect(page.get_by_role("button", name="Afmelden")).to_have_count(0)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_draft_from_library_submit_approve_and_council_download(page, live_server, demo, tmp_path):
    agreement = Agreement.objects.get(programme__title=PROGRAMME_A)
    assert dict(agreement.versions.values_list("number", "state")) == {1: State.ADOPTED, 2: State.DRAFT}
    draft = agreement.versions.get(number=2)
    base = live_server.url
    url = f"{base}/overeenkomsten/{agreement.pk}/"
    failures: list[str] = []
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda m: csp_errors.append(f"{page.url}: {m.text}") if "Content Security Policy" in m.text else None,
    )

    def check(name: str) -> None:
        screenshot(page, f"agreement-{name}")
        violations = run_axe(page)
        if violations:
            failures.append(describe_violations(name, page.url, violations))

    # The consultant reaches the agreement from step 4 of the programme page.
    login(page, live_server, "consultant.a")
    page.get_by_role("link", name=PROGRAMME_A, exact=True).click()
    page.goto(f"{base}/trajecten/{agreement.programme_id}/overeenkomst/")
    expect(page).to_have_url(url)
    expect(page.get_by_text("Versie 2: Ontwerp")).to_be_visible()
    check("draft-consultant")

    # Add a clause from the library: "Gedeelde visie" (chapter Doel en visie).
    clause = Clause.objects.get(local_government__isnull=True, title="Gedeelde visie")
    page.get_by_role("link", name="Toevoegen uit de bibliotheek").click()
    page.get_by_label("Hoofdstuk").select_option("purpose")
    page.get_by_role("button", name="Tonen").click()
    check("library-add")
    page.locator(f"#clausule-{clause.pk}").get_by_role("button", name=re.compile("Toevoegen")).click()
    expect(page.get_by_text("“Gedeelde visie” is toegevoegd aan de overeenkomst.")).to_be_visible()
    article = draft.articles.get(clause_version__clause=clause)

    # Adapt it in place: the live preview renders the text as it will read, without saving.
    page.goto(url)
    item = page.locator(f"#art-{article.pk}")
    item.get_by_role("link", name=re.compile("Bewerken")).click()
    text = page.locator(f"#id_art{article.pk}_text")
    expect(text).to_be_visible()
    text.fill(f"{article.text}\n\nDeze visie geldt voor {{{{ gemeente }}}}. {ADDED_TEXT}")
    text.press_sequentially(" ", delay=50)  # a key typed: the preview follows every pause in typing
    preview = page.locator(f"#voorbeeld-{article.pk}")
    expect(preview).to_contain_text("Deze visie geldt voor Gemeente Geel.")
    expect(preview.locator("mark.placeholder-missing")).to_contain_text("evaluatiemaand")
    article.refresh_from_db()
    assert "evaluatiemaand" not in article.text  # the preview saved nothing
    check("article-edit-preview")
    page.get_by_role("button", name="Artikel opslaan").click()
    expect(page.locator(f"#art-{article.pk}")).to_contain_text("Deze visie geldt voor Gemeente Geel.")
    expect(page.locator("#agreement-problems")).to_contain_text("evaluatiemaand")

    # Fill the new placeholder.
    page.get_by_role("link", name="Waarden aanpassen").click()
    page.locator("#waarde-evaluatiemaand").fill("maart")
    check("placeholders")
    page.get_by_role("button", name="Waarden opslaan").click()
    expect(page.get_by_text("De waarden van de plaatshouders zijn opgeslagen.")).to_be_visible()
    expect(page.locator(f"#art-{article.pk}")).to_contain_text("elk jaar in maart met de raden")

    # The other pages of the agreement, read by the consultant.
    for name, path in (
        ("annexes", f"/overeenkomsten/versies/{draft.pk}/bijlagen/"),
        ("versions", f"/overeenkomsten/{agreement.pk}/versies/"),
        ("compare", f"/overeenkomsten/{agreement.pk}/vergelijken/"),
        ("version-1", f"/overeenkomsten/versies/{agreement.versions.get(number=1).pk}/"),
        ("library", "/clausules/"),
        ("clause", f"/clausules/{clause.pk}/"),
    ):
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, path
        check(name)

    # The college keeps the staff list of the adopted version 1 up to date: no new version, a decision.
    adopted = agreement.versions.get(number=1)
    page.goto(f"{base}/overeenkomsten/versies/{adopted.pk}/bijlagen/")
    expect(page.get_by_text("Het college houdt deze lijst bij")).to_be_visible()
    page.locator("#id_name").fill("Lotte Janssens")
    page.locator("#id_function").fill("Jurist")
    page.locator("#id_employer").select_option("ocmw")
    page.locator("#id_service").fill("Juridische dienst")
    page.locator("#id_fte").fill("0,5")
    page.locator("#id_decision_date").fill(timezone.localdate().strftime("%d/%m/%Y"))
    page.locator("#id_decision_reference").fill("CBS/2026/0517")
    page.get_by_role("button", name="Personeelslid toevoegen").click()
    expect(page.get_by_text("Lotte Janssens staat in de bijlage.")).to_be_visible()
    expect(page.locator("table.agreement-staff-updates")).to_contain_text("CBS/2026/0517")
    check("annexes-adopted-consultant")
    assert adopted.annex_staff.filter(name="Lotte Janssens").exists()

    # Submit.
    page.goto(url)
    page.get_by_role("button", name="Indienen bij de algemeen directeur").click()
    expect(page.get_by_text("Versie 2 is ingediend bij de algemeen directeur.")).to_be_visible()
    _logout(page)

    # The algemeen directeur approves it for the council.
    login(page, live_server, "directeur.a")
    page.goto(url)
    expect(page.get_by_role("button", name="Goedkeuren voor de raad")).to_be_visible()
    check("submitted-director")
    page.get_by_label("Opmerking voor de consultant").fill("Akkoord om te agenderen in maart.")
    page.get_by_role("button", name="Goedkeuren voor de raad").click()
    expect(page.get_by_text(re.compile("Versie 2 is goedgekeurd"))).to_be_visible()
    _logout(page)
    draft.refresh_from_db()
    assert draft.state == State.APPROVED

    # A council member has the PDF made and downloads it; the download is logged.
    council = User.objects.get(username="raad.a")
    login(page, live_server, "raad.a")
    page.goto(f"{base}/overeenkomsten/versies/{adopted.pk}/bijlagen/")
    expect(page.locator("#bijlage-2 ~ div table")).to_contain_text("Lotte Janssens")
    expect(page.locator("table.agreement-staff-updates")).to_contain_text("Lotte Janssens")
    expect(page.get_by_role("button", name="Personeelslid toevoegen")).to_have_count(0)
    check("annexes-adopted-council")
    page.goto(url)
    expect(page.get_by_text("Versie 2: Goedgekeurd voor de raad")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Bewerken"))).to_have_count(0)
    check("approved-council")
    page.get_by_role("button", name="PDF van versie 2 opmaken").click()
    link = page.locator("#overeenkomst-pdf").get_by_role("link", name=re.compile("downloaden"))
    expect(link).to_be_visible(timeout=30_000)
    with page.expect_download() as info:
        link.click()
    download = info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
    log = DownloadLog.objects.get(user=council)
    assert log.job.source_id == draft.pk and log.filename == download.suggested_filename
    _logout(page)

    # The consultant sees who downloaded it.
    login(page, live_server, "consultant.a")
    page.goto(url)
    downloads = page.locator("table.agreement-downloads")
    expect(downloads).to_contain_text(council.get_full_name() or council.username)
    expect(downloads).to_contain_text(log.checksum[:12])
    check("approved-consultant")

    if csp_errors:
        warnings.warn("CSP violations in the browser:\n" + "\n".join(csp_errors), stacklevel=1)
    assert not failures, "Serious or critical axe violations:\n" + "\n".join(failures)
