"""Render job services: one job per source version, the claim, failures, retries and the sweep."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

import documents.pdf
from documents.models import DownloadLog, RenderJob, RenderJobQuerySet, RenderJobState, user_can_access
from documents.services import (
    download_log_record,
    html_version,
    render_job_retry,
    render_job_run,
    render_jobs_sweep,
)
from tests.documents.conftest import pdf_text, sample_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def render_calls(monkeypatch):
    """Count the real renders (html_to_pdf is looked up at call time, so the patch is seen)."""
    calls = []
    real = documents.pdf.html_to_pdf

    def counting(html, **kwargs):
        calls.append(html)
        return real(html, **kwargs)

    monkeypatch.setattr(documents.pdf, "html_to_pdf", counting)
    return calls


def _break_renderer(monkeypatch, exc: BaseException) -> None:
    def broken(html, **kwargs):
        raise exc

    monkeypatch.setattr(documents.pdf, "html_to_pdf", broken)


# --- 1. One job per source version ----------------------------------------------------------------


def test_same_version_twice_is_the_same_job_rendered_once(
    request_job, render_calls, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = request_job()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = request_job()

    assert again.pk == first.pk
    assert callbacks == []  # nothing enqueued the second time
    assert len(render_calls) == 1
    first.refresh_from_db()
    assert first.state == RenderJobState.DONE
    assert first.attempts == 1
    assert (
        first.source_version
        == hashlib.sha256(sample_html().encode()).hexdigest()
        == html_version(sample_html())
    )


def test_a_different_version_is_a_new_job(request_job, render_calls, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = request_job()
        changed = request_job(html=sample_html(body="Een gewijzigde alinea."))
        explicit = request_job(version="v2")

    assert len({first.pk, changed.pk, explicit.pk}) == 3
    assert explicit.source_version == "v2"
    assert len(render_calls) == 3
    assert RenderJob.objects.for_source(first.source).count() == 3


def test_the_database_refuses_a_duplicate_row(request_job):
    job = request_job()
    with pytest.raises(IntegrityError), transaction.atomic():
        RenderJob.objects.create(
            kind=job.kind,
            title="Dubbel",
            source_type=job.source_type,
            source_id=job.source_id,
            source_version=job.source_version,
            html=job.html,
            filename="dubbel.pdf",
        )


def test_the_database_refuses_an_unknown_state(request_job):
    job = request_job()
    with pytest.raises(IntegrityError), transaction.atomic():
        RenderJob.objects.filter(pk=job.pk).update(state="lost")


def test_a_concurrent_insert_returns_the_winner(request_job, monkeypatch, django_capture_on_commit_callbacks):
    winner = request_job()
    # As if the other request inserted between our look-up and our insert.
    monkeypatch.setattr(RenderJobQuerySet, "first", lambda self: None)
    with django_capture_on_commit_callbacks() as callbacks:
        again = request_job()
    assert again.pk == winner.pk
    assert callbacks == []


def test_requesting_needs_a_visible_source(request_job, consultant_b, council_a):
    with pytest.raises(PermissionDenied):
        request_job(user=consultant_b)
    assert request_job(user=council_a).requested_by == council_a  # any member of A may ask


def test_a_source_without_visible_to_is_refused(request_job, consultant_a):
    with pytest.raises(ImproperlyConfigured):
        request_job(source=ContentType.objects.get_for_model(RenderJob))


def test_the_filename_is_cleaned(programme_a, consultant_a):
    from documents.services import render_job_request

    job = render_job_request(
        user=consultant_a,
        source=programme_a,
        kind="test",
        title="T",
        html=sample_html(),
        filename='../a/"b"\n.txt',
    )
    assert job.filename == "b.txt.pdf"


# --- 2. Rendering ---------------------------------------------------------------------------------


def test_eager_render_stores_the_pdf_with_checksum_and_size(request_job, django_capture_on_commit_callbacks):
    html = sample_html(title="Samen sterker in Geel")
    with django_capture_on_commit_callbacks(execute=True):
        job = request_job(html=html)
    job.refresh_from_db()

    assert job.state == RenderJobState.DONE
    assert job.task_id
    data = job.file.read()
    job.file.close()
    assert data.startswith(b"%PDF-")
    assert job.size == len(data)
    assert job.checksum == hashlib.sha256(data).hexdigest()
    assert "Samen sterker in Geel" in pdf_text(data)
    assert job.file.name.startswith(f"documents/{timezone.now():%Y}/")
    assert job.file.name.endswith(".pdf")
    assert job.started_at <= job.finished_at
    assert job.error == ""


def test_a_broken_document_fails_with_a_dutch_message(
    request_job, monkeypatch, django_capture_on_commit_callbacks
):
    _break_renderer(monkeypatch, ValueError("bad table"))
    with django_capture_on_commit_callbacks(execute=True):
        job = request_job()
    job.refresh_from_db()
    assert job.state == RenderJobState.FAILED
    assert job.error.startswith("Het document kon niet worden opgemaakt: ")
    assert job.finished_at is not None
    assert not job.file


def test_a_transient_fault_propagates_and_hands_the_job_back(request_job, monkeypatch):
    job = request_job()
    _break_renderer(monkeypatch, OperationalError("server closed the connection"))
    with pytest.raises(OperationalError):
        render_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.state == RenderJobState.QUEUED  # the task's retry can claim it again
    assert job.attempts == 1


def test_a_storage_fault_propagates(request_job, monkeypatch):
    job = request_job()

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "save", full_disk)
    with pytest.raises(OSError):
        render_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.state == RenderJobState.QUEUED


def test_retry_only_for_a_failed_job(
    request_job, consultant_a, monkeypatch, django_capture_on_commit_callbacks
):
    _break_renderer(monkeypatch, ValueError("bad"))
    with django_capture_on_commit_callbacks(execute=True):
        job = request_job()
    monkeypatch.undo()
    job.refresh_from_db()
    assert job.state == RenderJobState.FAILED

    with django_capture_on_commit_callbacks(execute=True):
        retried = render_job_retry(user=consultant_a, job=job)
    assert retried.pk == job.pk
    job.refresh_from_db()
    assert job.state == RenderJobState.DONE
    assert job.error == ""

    with pytest.raises(ValidationError):
        render_job_retry(user=consultant_a, job=job)


def test_retry_needs_a_visible_source(request_job, consultant_b):
    job = request_job()
    RenderJob.objects.filter(pk=job.pk).update(state=RenderJobState.FAILED)
    with pytest.raises(PermissionDenied):
        render_job_retry(user=consultant_b, job=job)


# --- 4. Idempotence and the sweep -----------------------------------------------------------------


def test_running_a_done_job_does_nothing(request_job, render_calls, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = request_job()
    job.refresh_from_db()
    before = (job.file.name, job.checksum, job.attempts, job.finished_at)

    render_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert (job.file.name, job.checksum, job.attempts, job.finished_at) == before
    assert len(render_calls) == 1


def test_a_job_another_worker_is_rendering_is_left_alone(request_job, render_calls):
    job = request_job()
    now = timezone.now()
    RenderJob.objects.filter(pk=job.pk).update(state=RenderJobState.RUNNING, started_at=now, attempts=1)
    render_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.state == RenderJobState.RUNNING
    assert job.attempts == 1
    assert render_calls == []


def test_the_sweep_rescues_a_job_of_a_killed_worker(
    request_job, render_calls, django_capture_on_commit_callbacks
):
    killed = request_job()  # enqueued, but the message was lost with the worker
    long_ago = timezone.now() - timedelta(hours=1)
    RenderJob.objects.filter(pk=killed.pk).update(
        state=RenderJobState.RUNNING, started_at=long_ago, attempts=1
    )
    fresh = request_job(version="fresh")
    RenderJob.objects.filter(pk=fresh.pk).update(
        state=RenderJobState.RUNNING, started_at=timezone.now(), attempts=1
    )

    with django_capture_on_commit_callbacks(execute=True):
        requeued = render_jobs_sweep()

    assert requeued == [killed.pk]
    killed.refresh_from_db()
    fresh.refresh_from_db()
    assert killed.state == RenderJobState.DONE
    assert killed.attempts == 2
    assert fresh.state == RenderJobState.RUNNING  # a worker is still on it
    assert len(render_calls) == 1


def test_the_sweep_leaves_done_jobs_alone(request_job, render_calls, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = request_job()
    later = timezone.now() + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert render_jobs_sweep(now=later) == []
    assert len(render_calls) == 1
    job.refresh_from_db()
    assert job.state == RenderJobState.DONE


def test_the_sweep_resends_a_job_queued_too_long(
    request_job, render_calls, django_capture_on_commit_callbacks
):
    job = request_job()  # queued; its message never arrives
    assert render_jobs_sweep() == []  # not yet: two minutes of patience
    with django_capture_on_commit_callbacks(execute=True):
        assert render_jobs_sweep(now=timezone.now() + timedelta(minutes=3)) == [job.pk]
    job.refresh_from_db()
    assert job.state == RenderJobState.DONE


def test_the_sweep_gives_up_after_the_last_attempt(request_job, settings, django_capture_on_commit_callbacks):
    settings.DOCUMENTS_RENDER_MAX_ATTEMPTS = 3
    job = request_job()
    long_ago = timezone.now() - timedelta(hours=1)
    RenderJob.objects.filter(pk=job.pk).update(state=RenderJobState.RUNNING, started_at=long_ago, attempts=3)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert render_jobs_sweep() == []
    assert callbacks == []
    job.refresh_from_db()
    assert job.state == RenderJobState.FAILED
    assert "3 pogingen" in job.error


def test_the_sweep_command(request_job, django_capture_on_commit_callbacks):
    job = request_job()
    RenderJob.objects.filter(pk=job.pk).update(
        state=RenderJobState.RUNNING, started_at=timezone.now() - timedelta(hours=1)
    )
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("sweep_render_jobs", stdout=out)
    assert f"[{job.pk}]" in out.getvalue()
    job.refresh_from_db()
    assert job.state == RenderJobState.DONE


# --- Access and the download log ------------------------------------------------------------------


def test_access_follows_the_source(
    request_job, consultant_a, council_a, consultant_b, council_b, programme_b
):
    job = request_job()
    assert user_can_access(consultant_a, job)
    assert user_can_access(council_a, job)
    assert not user_can_access(consultant_b, job)
    assert not user_can_access(council_b, job)
    other = request_job(user=consultant_b, source=programme_b)
    assert list(RenderJob.objects.visible_to(consultant_b)) == [other]
    assert list(RenderJob.objects.visible_to(council_a)) == [job]


def test_download_log_records_who_when_and_which_file(
    request_job, consultant_a, consultant_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = request_job()
    job.refresh_from_db()
    log = download_log_record(user=consultant_a, job=job)
    assert (log.user, log.job, log.checksum, log.filename) == (consultant_a, job, job.checksum, "x.pdf")
    assert abs(log.downloaded_at - timezone.now()) < timedelta(minutes=1)
    with pytest.raises(PermissionDenied):
        download_log_record(user=consultant_b, job=job)
    assert DownloadLog.objects.count() == 1


def test_download_log_records_a_file_made_beside_the_job(request_job, consultant_a, consultant_b):
    """The Word version of a document is logged against the source's job with its own name and checksum,
    whether or not the job's PDF is ready."""
    job = request_job()
    assert job.state != RenderJobState.DONE
    data = b"the .docx bytes"
    digest = hashlib.sha256(data).hexdigest()
    log = download_log_record(user=consultant_a, job=job, filename="x.docx", checksum=digest)
    assert (log.user, log.job, log.filename, log.checksum) == (consultant_a, job, "x.docx", digest)
    with pytest.raises(PermissionDenied):
        download_log_record(user=consultant_b, job=job, filename="x.docx", checksum=digest)
    with pytest.raises(TypeError):
        download_log_record(user=consultant_a, job=job, filename="x.docx")
    with pytest.raises(ValueError):
        download_log_record(user=consultant_a, job=job, filename="x.docx", checksum="not a digest")
    with pytest.raises(ValidationError):  # the job's own file is not there yet
        download_log_record(user=consultant_a, job=job)
    assert DownloadLog.objects.count() == 1
