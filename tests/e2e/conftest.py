"""Browser tests: Debian's chromium, driven by Playwright, against pytest-django's live_server.

Every test here needs the transactional database (the live server runs in another thread):
mark it `@pytest.mark.django_db(transaction=True)` or request `transactional_db`.
Never `playwright install`: the tests use /usr/bin/chromium (apt), or skip (fail with CI=true).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(trylast=True)  # after pytest-django's own reordering (tryfirst)
def pytest_collection_modifyitems(config, items):
    """Browser tests carry the e2e marker and run last in the session.

    While Playwright runs (session-scoped), the test thread has a running asyncio loop and the process
    has DJANGO_ALLOW_ASYNC_UNSAFE=true. Tests after them would inherit both (e.g. `check --deploy` in a
    subprocess fails with async.E001), so nothing but teardown comes after the browser tests.
    """
    here = Path(__file__).parent
    browser_tests, others = [], []
    for item in items:
        if item.path.is_relative_to(here):
            if not item.get_closest_marker("e2e"):
                item.add_marker(pytest.mark.e2e)
            browser_tests.append(item)
        else:
            others.append(item)
    items[:] = others + browser_tests


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the whole session (Debian's, never a downloaded one)."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium (WITH_BROWSER=1 scripts/setup)."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # The sync Playwright API runs an asyncio loop in the test thread, so Django would refuse ORM calls
    # from the test ("You cannot call this from an async context") without this.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    """A fresh context (no cookies) per test: a Flemish user on a laptop screen."""
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Rendered PDFs go to a temporary MEDIA_ROOT, not ./media (the live server thread sees it too)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def demo(transactional_db):
    """The seed_demo data (two local governments, their people and programmes) in the test database."""
    from programmes import demo as demo_data

    return demo_data.seed()
