"""The summary PDF as a consultant sees it: ask, watch the status change in place, download."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from documents.models import RenderJob, RenderJobState
from documents.services import render_job_run
from programmes.documents import SUMMARY_KIND
from programmes.models import Programme
from tests.e2e.helpers import login

PROGRAMME_A = "Samen één bestuur in Geel"


def _reset_broker_pools(app) -> None:
    """Forget pooled broker connections, so the next publish connects to the broker configured now."""
    from kombu import pools

    # kombu keeps its own registry of connection and producer pools: a pool closed here (or by an earlier
    # worker test) must not be handed out again, so the registry is emptied too.
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def tasks_queued_not_run() -> Iterator:
    """Celery sends tasks to an in-memory broker instead of running them in the request (eager).

    The job then stays queued, as it does in production until a worker takes it; the test plays the
    worker. Yields the Celery app; the original settings come back afterwards, whatever happens.
    """
    from config.celery import app

    saved = {"task_always_eager": app.conf.task_always_eager, "broker_url": app.conf.broker_url}
    app.conf.task_always_eager = False
    app.conf.broker_url = "memory://"
    _reset_broker_pools(app)
    try:
        yield app
    finally:
        try:
            with app.connection_for_write() as connection:  # leave no message behind
                connection.default_channel.queue_purge(app.conf.task_default_queue)
        finally:
            app.conf.task_always_eager = saved["task_always_eager"]
            app.conf.broker_url = saved["broker_url"]
            _reset_broker_pools(app)


def _queued_messages(app) -> int:
    with app.connection_for_write() as connection:
        return connection.default_channel.queue_declare(
            app.conf.task_default_queue, passive=True
        ).message_count


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_summary_pdf_flow(page, live_server, demo, tmp_path, caplog):
    page.goto(f"{live_server.url}/account/aanmelden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden bij Tandem")
    login(page, live_server, "consultant.a")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn trajecten")

    page.get_by_role("link", name=PROGRAMME_A, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROGRAMME_A)
    programme = Programme.objects.get(title=PROGRAMME_A)
    status = page.locator("#samenvatting-status")

    caplog.set_level(logging.INFO, logger="documents")
    with tasks_queued_not_run() as celery_app:
        page.get_by_role("button", name="Samenvatting opmaken").click()
        expect(status).to_contain_text(re.compile(r"In de wachtrij voor opmaak|Bezig met opmaken"))

        job = RenderJob.objects.get(kind=SUMMARY_KIND, source_id=programme.pk)
        assert job.state == RenderJobState.QUEUED
        assert "Could not enqueue" not in caplog.text
        assert _queued_messages(celery_app) == 1, "the task should wait in the broker, not run eagerly"
        expect(status.locator(f"#render-job-{job.pk}")).to_have_attribute("hx-trigger", "every 1s")
        page.evaluate("() => { window.__tandemMarker = 42; }")

        # The test plays the worker.
        render_job_run(job_id=job.pk)
        job.refresh_from_db()
        assert job.state == RenderJobState.DONE, job.error

        # htmx polls every second and swaps the status element in place.
        download_link = status.get_by_role("link", name=re.compile("downloaden"))
        expect(download_link).to_be_visible(timeout=20_000)

    assert page.evaluate("() => window.__tandemMarker") == 42, "the page reloaded instead of swapping"
    expect(status).to_contain_text(job.checksum[:12])

    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == job.filename
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = saved.read_bytes()
    assert data.startswith(b"%PDF-")
    assert PROGRAMME_A in _pdf_text(data)
