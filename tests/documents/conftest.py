"""Fixtures of the documents tests: private media in a temporary folder, and a job helper."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from documents.models import RenderJob, RenderJobState
from documents.services import render_job_request
from tests.documents.worker import celery_worker_env  # noqa: F401 (a fixture, for test_worker.py)


def sample_html(title: str = "Samenvatting van het traject", body: str = "Een korte alinea.") -> str:
    return (
        "<!DOCTYPE html><html lang='nl-be'><head><meta charset='utf-8'>"
        f"<title>{title}</title></head><body><h1>{title}</h1><p>{body}</p></body></html>"
    )


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Generated files go to a temporary MEDIA_ROOT (shared with a worker started by the test)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return settings.MEDIA_ROOT


@pytest.fixture
def request_job(programme_a, consultant_a):
    """Ask for a render job of programme A (rendered only inside django_capture_on_commit_callbacks)."""

    def _request(*, user=None, source=None, html=None, version=None, kind="test", title="Testdocument"):
        return render_job_request(
            user=user or consultant_a,
            source=source or programme_a,
            kind=kind,
            title=title,
            html=html if html is not None else sample_html(),
            filename="x.pdf",
            version=version,
        )

    return _request


@pytest.fixture
def done_job(request_job, django_capture_on_commit_callbacks):
    """A rendered job of programme A (eager Celery, on commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        job = request_job(title="Samenvatting van het traject")
    job.refresh_from_db()
    assert job.state == RenderJobState.DONE
    return job


@pytest.fixture
def failed_job(request_job):
    job = request_job()
    RenderJob.objects.filter(pk=job.pk).update(
        state=RenderJobState.FAILED, error="Het document kon niet worden opgemaakt: testfout."
    )
    job.refresh_from_db()
    return job
