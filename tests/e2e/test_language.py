"""The language switch in the footer: Dutch (the default) to English and back."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import login


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_language_switch(page, live_server, demo):
    login(page, live_server, "consultant.a")
    html = page.locator("html")
    switch = page.locator("form.language-switch")
    expect(html).to_have_attribute("lang", "nl-BE")

    page.select_option("select#taalkeuze", "en")
    switch.get_by_role("button", name="Kiezen").click()
    expect(html).to_have_attribute("lang", "en")
    expect(page.locator("select#taalkeuze")).to_have_value("en")
    assert page.url == f"{live_server.url}/", "the switch should come back to the same page"

    page.select_option("select#taalkeuze", "nl-be")
    # On the English page the button's label is translated, so it is found by its type.
    switch.locator("button[type=submit]").click()
    expect(html).to_have_attribute("lang", "nl-BE")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn trajecten")
