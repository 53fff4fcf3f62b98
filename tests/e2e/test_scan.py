"""The organisation scan in the browser: an interview moves the radar, an invitee answers the staff survey
without an account, and axe-core on every page of the scan."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from decimal import Decimal
from urllib.parse import parse_qs

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, Response, expect

from scans.models import (
    GuideQuestion,
    Hypothesis,
    InterviewAnswer,
    Scan,
    ServiceProduct,
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
    Theme,
)
from scans.services.core import scan_reopen
from tests.e2e.helpers import describe_violations, login, run_axe, screenshot

User = get_user_model()
PROGRAMME_A = "Samen één bestuur in Geel"
RADAR_CAPTION = "Gemiddelde score per thema (1 tot 5)"
GEMEENTE_COLOUR = "#17406d"  # scans.charts.GEMEENTE: the stroke of the gemeente's polygon on the radar
HOUSING_NOTES_QUESTION = "Hoe zijn gemeente en OCMW vandaag gehuisvest, en wat knelt er?"
HOUSING_SCORE_QUESTION = "In welke mate ondersteunt de huidige huisvesting een nauwere samenwerking?"


def _scan_a() -> Scan:
    return Scan.objects.select_related("programme").get(programme__title=PROGRAMME_A)


def _open_invitation(local_government) -> SurveyInvitation:
    """A personal link of the local government's open survey that was not used yet."""
    invitation = (
        SurveyInvitation.objects.filter(
            survey__scan__programme__local_government=local_government,
            survey__state=Survey.State.OPEN,
            responded_at__isnull=True,
        )
        .order_by("pk")
        .first()
    )
    assert invitation is not None, "the demo should leave invitations of B's open survey unanswered"
    return invitation


def _number(text: str) -> Decimal | None:
    """A score as the page writes it (3,8 or –)."""
    text = text.strip()
    return None if text in {"", "–"} else Decimal(text.replace(",", "."))


def _radar_row(page: Page, theme: str) -> dict:
    """The row of a theme in the radar's table: the averages and the numbers of answers."""
    table = page.locator("table.results-table").filter(has=page.locator("caption", has_text=RADAR_CAPTION))
    expect(table).to_have_count(1)
    header = page.locator("th", has_text=re.compile(f"^{re.escape(theme)}$"))
    row = table.locator("tbody tr").filter(has=header)
    expect(row).to_have_count(1)
    cells = [text.strip() for text in row.locator("td").all_inner_texts()]
    return {
        "gemeente": _number(cells[0]),
        "ocmw": _number(cells[1]),
        "answers_gemeente": int(cells[3]),
        "answers_ocmw": int(cells[4]),
    }


def _radar_polygon(page: Page) -> str:
    """The points of the gemeente's polygon on the radar chart."""
    polygon = page.locator(f'svg[aria-labelledby^="radar-thema"] polygon[stroke="{GEMEENTE_COLOUR}"]')
    expect(polygon).to_have_count(1)
    return polygon.get_attribute("points") or ""


def _autosave_of(question: GuideQuestion, *, notes: str, score: str = "") -> Callable[[Response], bool]:
    """Matches the autosave answer of one question that carried exactly these notes and this score."""

    def matches(response: Response) -> bool:
        request = response.request
        if request.method != "POST" or not response.url.endswith("/antwoord/"):
            return False
        data = parse_qs(request.post_data or "", keep_blank_values=True)
        return (
            data.get("question") == [str(question.pk)]
            and data.get(f"q{question.pk}-notes") == [notes]
            and data.get(f"q{question.pk}-score", [""]) == [score]
        )

    return matches


# --- 1. An interview moves the radar --------------------------------------------------------------


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_interview_changes_the_radar(page, live_server, demo):
    scan = _scan_a()
    assert scan.state == Scan.State.FINAL
    notes_question = GuideQuestion.objects.get(scan=scan, text=HOUSING_NOTES_QUESTION)
    score_question = GuideQuestion.objects.get(scan=scan, text=HOUSING_SCORE_QUESTION)
    assert score_question.asks_score and not notes_question.asks_score
    housing = str(Theme.HOUSING.label)

    login(page, live_server, "consultant.a")
    page.get_by_role("link", name=PROGRAMME_A, exact=True).click()
    page.get_by_role("link", name="Organisatiescan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisatiescan")

    # Before: the radar as the final scan left it.
    scan_nav = page.get_by_role("navigation", name="Onderdelen van de scan")
    scan_nav.get_by_role("link", name="Resultaten en rapport").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resultaten en rapport")
    before = _radar_row(page, housing)
    polygon_before = _radar_polygon(page)
    assert before["gemeente"] is not None and before["gemeente"] < 5

    # The scan is final: reopen it on the overview.
    scan_nav.get_by_role("link", name="Overzicht").click()
    page.get_by_role("button", name="Scan heropenen").click()
    expect(page.get_by_text("De scan is heropend en kan weer wijzigen.")).to_be_visible()
    expect(page.get_by_role("button", name="Scan afronden")).to_be_visible()

    # A new interview with a new witness of the gemeente.
    scan_nav.get_by_role("link", name="Interviews").click()
    page.get_by_role("link", name="Nieuw interview").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuw interview")
    page.get_by_label("Naam", exact=True).fill("Ruben Hermans")
    page.get_by_label("Functie", exact=True).fill("Diensthoofd facility")
    page.get_by_role("radio", name="Gemeente", exact=True).check()
    page.get_by_label("Groep", exact=True).select_option(label="Diensthoofd")
    page.get_by_role("button", name="Interview starten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Interview met Ruben Hermans")
    record_url = page.url

    # Taking notes with the keyboard only: type, Tab to the next question, Tab into its score, an arrow.
    # Each step waits for the autosave request that carried it (htmx, hx-sync "queue last").
    notes_block = page.locator(f"#vraag-{notes_question.pk}")
    score_block = page.locator(f"#vraag-{score_question.pk}")
    notes_text = "Twee gebouwen op achthonderd meter; het Sociaal Huis lekt bij elke regenbui."
    score_notes_text = "Nauwelijks: de teams zien elkaar alleen op vergaderingen."
    with page.expect_response(_autosave_of(notes_question, notes=notes_text)) as saved:
        notes_block.get_by_role("textbox", name="Notities bij vraag 11").focus()
        page.keyboard.type(notes_text)
        page.keyboard.press("Tab")
    assert saved.value.ok
    score_box = score_block.get_by_role("textbox", name="Notities bij vraag 12")
    expect(score_box).to_be_focused()
    with page.expect_response(_autosave_of(score_question, notes=score_notes_text)) as saved:
        page.keyboard.type(score_notes_text)
        page.keyboard.press("Tab")
    assert saved.value.ok
    no_score = score_block.get_by_role("radio", name="geen score")
    expect(no_score).to_be_focused()  # Tab lands on the checked radio of the group
    expect(no_score).to_be_checked()
    with page.expect_response(_autosave_of(score_question, notes=score_notes_text, score="5")) as saved:
        page.keyboard.press("ArrowLeft")  # from "geen score" (the last option) to "5 – zeer sterk"
    assert saved.value.ok
    five = score_block.get_by_role("radio", name="5 – zeer sterk")
    expect(five).to_be_focused()
    expect(five).to_be_checked()
    for block in (notes_block, score_block):
        expect(block.locator("[data-status]")).to_have_text(re.compile(r"Opgeslagen om \d{2}:\d{2}"))
    screenshot(page, "scan-interview-recorded")
    answer = InterviewAnswer.objects.get(interview__witness__name="Ruben Hermans", question=score_question)
    assert (answer.notes, answer.score) == (score_notes_text, 5)
    notes_answer = InterviewAnswer.objects.get(interview=answer.interview, question=notes_question)
    assert notes_answer.notes == notes_text

    # After: the radar and its table moved for the gemeente's housing, not for the OCMW.
    scan_nav.get_by_role("link", name="Resultaten en rapport").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resultaten en rapport")
    after = _radar_row(page, housing)
    screenshot(page, "scan-results-after-interview")
    assert after["answers_gemeente"] == before["answers_gemeente"] + 1, (before, after)
    assert after["gemeente"] > before["gemeente"], (before, after)
    assert (after["ocmw"], after["answers_ocmw"]) == (before["ocmw"], before["answers_ocmw"])
    assert _radar_polygon(page) != polygon_before
    expect(page.locator('svg[aria-labelledby^="radar-thema"] desc')).to_contain_text(
        f"{housing}: gemeente {str(after['gemeente']).replace('.', ',')}"
    )

    # Nothing was lost: the recording page, loaded anew, shows the notes and the score.
    page.goto(record_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Interview met Ruben Hermans")
    expect(notes_block.get_by_role("textbox", name="Notities bij vraag 11")).to_have_value(notes_text)
    expect(score_block.get_by_role("textbox", name="Notities bij vraag 12")).to_have_value(score_notes_text)
    expect(score_block.get_by_role("radio", name="5 – zeer sterk")).to_be_checked()
    expect(score_block.locator("[data-status]")).to_contain_text("Opgeslagen op")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_leaving_after_autosave_does_not_warn(page, live_server, demo):
    scan = _scan_a()
    scan_reopen(user=User.objects.get(username="consultant.a"), scan=scan)
    interview = scan.interviews.order_by("pk").first()
    question = scan.questions.filter(asks_score=True).order_by("position", "pk").first()
    answer = InterviewAnswer.objects.get(interview=interview, question=question)
    warnings_shown: list[str] = []
    page.on("dialog", lambda dialog: (warnings_shown.append(dialog.type), dialog.accept()))

    login(page, live_server, "consultant.a")
    page.goto(f"{live_server.url}/scans/interviews/{interview.pk}/")
    block = page.locator(f"#vraag-{question.pk}")
    notes = answer.notes + " Aangevuld."
    with page.expect_response(_autosave_of(question, notes=notes, score=str(answer.score))) as saved:
        block.get_by_role("textbox").focus()
        page.keyboard.press("ControlOrMeta+End")
        page.keyboard.type(" Aangevuld.")
        page.keyboard.press("Tab")  # leaving the textarea: its change event saves at once
    assert saved.value.ok
    expect(block.locator("[data-status]")).to_contain_text("Opgeslagen om")

    page.get_by_role("link", name="Terug naar de interviews").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Interviews met bevoorrechte getuigen")
    assert warnings_shown == [], f"the page warned about unsaved notes after saving them: {warnings_shown}"


# --- 2. The staff survey without an account -------------------------------------------------------


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_invitee_answers_survey_without_login(page, live_server, demo):
    invitation = _open_invitation(demo["b"])
    survey = invitation.survey
    responses_before = SurveyResponse.objects.filter(survey=survey).count()
    questions = list(survey.questions.order_by("position", "pk"))
    score_questions = [q for q in questions if q.kind == SurveyQuestion.Kind.SCORE]
    open_question = next(q for q in questions if q.kind == SurveyQuestion.Kind.OPEN)
    assert score_questions
    link = f"{live_server.url}/bevraging/{invitation.token}/"

    # A fresh browser context, never logged in: the personal link alone opens the survey.
    response = page.goto(link)
    assert response is not None and response.status == 200
    expect(page).to_have_url(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(survey.title)
    expect(page.get_by_text("Lokaal bestuur Ieper · Personeelsbevraging")).to_be_visible()

    for n, question in enumerate(score_questions):
        group = page.get_by_role("group", name=re.compile(re.escape(question.text)))
        group.get_by_role("radio", name=re.compile(rf"^{n % 5 + 1} ")).check()
    idea = "Eén onthaal voor gemeente en OCMW, met een discrete spreekkamer voor de sociale dienst."
    page.get_by_role("textbox", name=re.compile(re.escape(open_question.text))).fill(idea)
    screenshot(page, "scan-survey-respond-filled")
    page.get_by_role("button", name="Antwoorden versturen").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Bedankt voor uw antwoorden!")
    expect(
        page.get_by_role("status").filter(has_text="Uw antwoorden zijn goed ontvangen, anoniem.")
    ).to_be_visible()
    screenshot(page, "scan-survey-respond-done")

    # The same link again: answered once, and it says so.
    response = page.goto(link)
    assert response is not None and response.status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text("U hebt deze bevraging al ingevuld. Bedankt!")
    expect(page.get_by_role("button", name="Antwoorden versturen")).to_have_count(0)
    screenshot(page, "scan-survey-respond-answered")

    assert SurveyResponse.objects.filter(survey=survey).count() == responses_before + 1
    invitation.refresh_from_db()
    assert invitation.responded_at is not None
    answer = SurveyAnswer.objects.get(question=open_question, text=idea)
    response_row = answer.response
    assert (response_row.organisation, response_row.department) == (
        invitation.organisation,
        invitation.department,
    )
    scores = dict(response_row.answers.filter(score__isnull=False).values_list("question_id", "score"))
    assert scores == {q.pk: n % 5 + 1 for n, q in enumerate(score_questions)}


# --- 3. axe-core on the pages of the scan ---------------------------------------------------------


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_axe_scan_pages(page, live_server, demo):
    scan = _scan_a()
    interview = scan.interviews.select_related("witness").order_by("pk").first()
    ict = scan.services.get(name="ICT")
    product = ServiceProduct.objects.filter(service=ict).order_by("position", "pk").first()
    hypothesis = Hypothesis.objects.filter(product=product).order_by("pk").first()
    assert interview and product and hypothesis, "the demo should give A's scan interviews and ICT products"
    token = _open_invitation(demo["b"]).token

    base = live_server.url
    failures: list[str] = []
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )

    def check(name: str) -> None:
        screenshot(page, f"scan-{name}")
        violations = run_axe(page)
        if violations:
            failures.append(describe_violations(name, page.url, violations))

    def visit(name: str, path: str, heading: str | re.Pattern, status: int = 200) -> None:
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == status, f"{name}: {path} answered {response}"
        expect(page).to_have_url(f"{base}{path}")  # no redirect (a final scan sends edit forms away)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        check(name)

    login(page, live_server, "consultant.a")
    visit("overview-final", f"/scans/{scan.pk}/", "Organisatiescan")
    # The edit forms of a final scan redirect to the read-only pages: reopen it, as a consultant would.
    page.get_by_role("button", name="Scan heropenen").click()
    expect(page.get_by_role("button", name="Scan afronden")).to_be_visible()
    check("overview")

    visit("interviews", f"/scans/{scan.pk}/interviews/", "Interviews met bevoorrechte getuigen")
    visit("interview-new", f"/scans/{scan.pk}/interviews/nieuw/", "Nieuw interview")
    visit("interview-record", f"/scans/interviews/{interview.pk}/", f"Interview met {interview.witness.name}")
    visit("witnesses", f"/scans/{scan.pk}/getuigen/", re.compile(r"\S"))
    visit("guide", f"/scans/{scan.pk}/leidraad/", re.compile(r"\S"))
    visit("findings", f"/scans/{scan.pk}/bevindingen/", re.compile(r"\S"))
    visit("survey", f"/scans/{scan.pk}/bevraging/", re.compile(r"\S"))
    visit("survey-results", f"/scans/{scan.pk}/bevraging/resultaten/", re.compile(r"\S"))
    visit("services", f"/scans/{scan.pk}/diensten/", re.compile(r"\S"))
    visit("service-ict", f"/scans/diensten/{ict.pk}/", "ICT")
    visit("product-edit", f"/scans/producten/{product.pk}/bewerken/", re.compile(r"\S"))
    visit("hypothesis-edit", f"/scans/hypothesen/{hypothesis.pk}/bewerken/", re.compile(r"\S"))
    visit("results", f"/scans/{scan.pk}/resultaten/", "Resultaten en rapport")

    # The public survey page behind a personal link (B's open survey), without an account.
    page.context.clear_cookies()
    visit("survey-respond", f"/bevraging/{token}/", re.compile(r"\S"))
    page.get_by_role("button", name="Antwoorden versturen").click()  # nothing chosen: refused
    expect(page.locator(".error-summary")).to_be_visible()
    check("survey-respond-errors")

    # A council member of A reads the results.
    login(page, live_server, "raad.a")
    visit("results-council-member", f"/scans/{scan.pk}/resultaten/", "Resultaten en rapport")

    if csp_errors:
        warnings.warn("CSP violations in the browser:\n" + "\n".join(csp_errors), stacklevel=1)
    assert not failures, "Serious or critical axe violations:\n" + "\n".join(failures)
