"""Accessibility in the browser: axe-core (WCAG 2.1 A and AA) on the main pages, and the keyboard."""

from __future__ import annotations

import re
import warnings

import pytest
from playwright.sync_api import expect

from programmes.models import Programme
from tests.e2e.helpers import describe_violations, login, run_axe, screenshot

PROGRAMME_A = "Samen één bestuur in Geel"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_axe_pages(page, live_server, demo):
    lg_a = demo["a"]
    programme = Programme.objects.get(title=PROGRAMME_A)
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
        screenshot(page, name)
        violations = run_axe(page)
        if violations:
            failures.append(describe_violations(name, page.url, violations))

    def visit(name: str, path: str, heading: str, status: int = 200) -> None:
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == status, f"{name}: {path} answered {response}"
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        check(name)

    visit("login", "/account/aanmelden/", "Aanmelden bij Tandem")

    login(page, live_server, "consultant.a")
    visit("dashboard", "/", "Mijn trajecten")
    visit("programme", f"/trajecten/{programme.pk}/", PROGRAMME_A)
    visit("programme_edit", f"/trajecten/{programme.pk}/bewerken/", "Traject bewerken")
    visit("local_government", f"/besturen/{lg_a.pk}/", lg_a.name)
    visit("invitation", f"/besturen/{lg_a.pk}/uitnodigen/", "Iemand uitnodigen")

    # A refused form: the programme edit form with an empty title.
    page.goto(f"{base}/trajecten/{programme.pk}/bewerken/")
    page.fill("#id_title", "")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#id_title")).to_have_class(re.compile(r"\bis-invalid\b"))
    check("programme_edit_errors")

    visit("not_found", "/bestaat-niet/", "Deze pagina bestaat niet", status=404)
    visit("accessibility_statement", "/toegankelijkheid/", "Toegankelijkheidsverklaring")

    page.context.clear_cookies()
    login(page, live_server, "raad.a")
    visit("dashboard_council_member", "/", "Mijn trajecten")

    if csp_errors:
        warnings.warn("CSP violations in the browser:\n" + "\n".join(csp_errors), stacklevel=1)
    assert not failures, "Serious or critical axe violations:\n" + "\n".join(failures)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_keyboard_skip_link(page, live_server, demo):
    login(page, live_server, "consultant.a")
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn trajecten")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Naar de inhoud")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()  # visually hidden until focused
    expect(skip_link).to_have_attribute("href", "#inhoud")

    page.keyboard.press("Enter")
    expect(page.locator("main#inhoud")).to_be_focused()
