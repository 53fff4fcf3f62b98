"""Helpers of the browser tests: log in, run axe-core, save a screenshot."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from playwright.sync_api import Page, expect

REPO = Path(__file__).resolve().parents[2]
SCREENS = REPO / "test-results" / "screens"  # gitignored
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
LOGIN_PATH = "/account/aanmelden/"


def login(page: Page, live_server, username: str, password: str = "demo") -> None:  # noqa: S107 – demo password
    """Sign in through the login form; returns once the browser has left the login page."""
    page.goto(f"{live_server.url}{LOGIN_PATH}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    # The submit button of the login form (the footer's language form has a submit button too).
    page.locator("main form").filter(has=page.locator("#id_password")).locator("[type=submit]").click()
    expect(page).not_to_have_url(re.compile(re.escape(LOGIN_PATH)))


def run_axe(page: Page) -> list[dict]:
    """The serious and critical WCAG 2.1 A/AA violations axe-core finds on the current page.

    `page.add_script_tag(path=...)` injects the file's text as an inline <script>, which the app's CSP
    (`script-src 'self'`) blocks ("Executing inline script violates the following Content Security
    Policy directive"). Rather than switching CSP off with `bypass_csp=True` (which would also let any
    inline style or script the app wrongly emits take effect, so axe would check a page users never
    see), axe is loaded from the app's own static URL: the same vendored file
    (static/vendor/axe-core/axe.min.js), allowed by 'self', with the CSP left fully in force.
    """
    page.add_script_tag(url=f"{settings.STATIC_URL}vendor/axe-core/axe.min.js")
    results = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe_violations(name: str, url: str, violations: list[dict]) -> str:
    """A readable account of the violations: id, impact, help, and the offending nodes."""
    lines = [f"{name} ({url}):"]
    for violation in violations:
        lines.append(
            f"  - {violation['id']} [{violation['impact']}]: {violation['help']} ({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"      {target}: {summary[:300]}")
    return "\n".join(lines)


def screenshot(page: Page, name: str) -> Path:
    """A full-page screenshot in test-results/screens/<name>.png, for humans."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
