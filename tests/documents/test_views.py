"""Status partial (htmx polling), retry and download; other local governments get 404."""

from __future__ import annotations

import hashlib

import pytest
from django.conf import settings
from django.urls import reverse

import documents.pdf
from documents.models import DownloadLog, RenderJob, RenderJobState
from tests.documents.conftest import pdf_text

pytestmark = pytest.mark.django_db

VIEWS = ("job_status", "job_retry", "job_download")


def url(name: str, job: RenderJob) -> str:
    return reverse(f"documents:{name}", args=[job.pk])


def test_status_polls_while_queued(client, consultant_a, request_job):
    job = request_job(title="Samenvatting van het traject")  # queued: nothing runs it
    client.force_login(consultant_a)
    response = client.get(url("job_status", job), headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'hx-get="{url("job_status", job)}"' in html
    assert 'hx-trigger="every 1s"' in html
    assert 'hx-swap="outerHTML"' in html
    assert 'aria-live="polite"' in html
    assert "In de wachtrij" in html
    assert "Samenvatting van het traject" in html
    assert "style=" not in html and "<script" not in html  # strict CSP

    RenderJob.objects.filter(pk=job.pk).update(state=RenderJobState.RUNNING)
    html = client.get(url("job_status", job)).content.decode()
    assert "Bezig met opmaken" in html
    assert "every 1s" in html


def test_status_links_the_download_when_done(client, consultant_a, done_job):
    client.force_login(consultant_a)
    html = client.get(url("job_status", done_job)).content.decode()
    assert "hx-get" not in html and "every 1s" not in html  # polling stops
    assert f'href="{url("job_download", done_job)}"' in html
    assert "x.pdf" in html
    assert f"{done_job.size_kb} kB" in html
    assert done_job.checksum[:12] in html


def test_status_shows_the_error_and_a_retry_form_when_failed(client, consultant_a, failed_job):
    client.force_login(consultant_a)
    html = client.get(url("job_status", failed_job)).content.decode()
    assert "testfout" in html
    assert 'method="post"' in html
    assert f'hx-post="{url("job_retry", failed_job)}"' in html
    assert f'hx-target="#render-job-{failed_job.pk}"' in html
    assert "csrfmiddlewaretoken" in html
    assert "every 1s" not in html


def test_the_partial_can_be_included_in_a_page(done_job):
    from django.template import engines

    page = engines["django"].from_string(
        '<main>{% include "documents/partials/job_status.html" with job=job %}</main>'
    )
    html = page.render({"job": done_job})
    assert f'id="render-job-{done_job.pk}"' in html


def test_download_serves_the_pdf_and_logs_who_when_which(client, consultant_a, council_a, done_job):
    client.force_login(council_a)
    response = client.get(url("job_download", done_job))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="x.pdf"'
    assert "no-store" in response["Cache-Control"]
    data = b"".join(response.streaming_content)
    assert hashlib.sha256(data).hexdigest() == done_job.checksum
    assert "Samenvatting van het traject" in pdf_text(data)

    log = DownloadLog.objects.get()
    assert (log.user, log.job, log.checksum, log.filename) == (
        council_a,
        done_job,
        done_job.checksum,
        "x.pdf",
    )
    assert log.downloaded_at is not None


def test_download_of_an_unfinished_job_is_404(client, consultant_a, request_job, failed_job):
    client.force_login(consultant_a)
    assert client.get(url("job_download", request_job(version="queued"))).status_code == 404
    assert client.get(url("job_download", failed_job)).status_code == 404
    assert not DownloadLog.objects.exists()


def test_download_with_a_missing_file_is_404(client, consultant_a, done_job):
    done_job.file.storage.delete(done_job.file.name)
    client.force_login(consultant_a)
    assert client.get(url("job_download", done_job)).status_code == 404
    assert not DownloadLog.objects.exists()


def test_retry_is_post_only(client, consultant_a, failed_job):
    client.force_login(consultant_a)
    assert client.get(url("job_retry", failed_job)).status_code == 405
    failed_job.refresh_from_db()
    assert failed_job.state == RenderJobState.FAILED


def test_retry_with_htmx_returns_the_partial(
    client, consultant_a, failed_job, django_capture_on_commit_callbacks
):
    client.force_login(consultant_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("job_retry", failed_job), headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "every 1s" in html  # queued again: the partial polls until it is done
    assert "testfout" not in html
    failed_job.refresh_from_db()
    assert failed_job.state == RenderJobState.DONE  # eager Celery rendered it on commit


def test_retry_without_htmx_goes_back(client, consultant_a, failed_job, django_capture_on_commit_callbacks):
    client.force_login(consultant_a)
    back = "http://testserver/trajecten/1/"
    response = client.post(url("job_retry", failed_job), headers={"Referer": back})
    assert response.status_code == 302
    assert response["Location"] == back
    failed_job.refresh_from_db()
    assert failed_job.state == RenderJobState.QUEUED


def test_retry_does_not_redirect_elsewhere(client, consultant_a, failed_job):
    client.force_login(consultant_a)
    response = client.post(url("job_retry", failed_job), headers={"Referer": "https://evil.example.com/"})
    assert response["Location"] == url("job_status", failed_job)


def test_retry_of_a_done_job_changes_nothing(client, consultant_a, done_job, monkeypatch):
    calls = []
    monkeypatch.setattr(documents.pdf, "html_to_pdf", lambda html, **kw: calls.append(html))
    client.force_login(consultant_a)
    response = client.post(url("job_retry", done_job), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Alleen een mislukte opmaak" in response.content.decode()
    response = client.post(url("job_retry", done_job))
    assert response.status_code == 302
    before = done_job.checksum
    done_job.refresh_from_db()
    assert (done_job.state, done_job.checksum, calls) == (RenderJobState.DONE, before, [])


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("stranger", ["consultant_b", "council_b", "approver_b"])
def test_another_local_government_gets_404(client, request, done_job, name, stranger):
    RenderJob.objects.filter(pk=done_job.pk).update(state=RenderJobState.FAILED)  # retry would be allowed
    client.force_login(request.getfixturevalue(stranger))
    if name == "job_retry":
        response = client.post(url(name, done_job))
    else:
        response = client.get(url(name, done_job))
    assert response.status_code == 404
    done_job.refresh_from_db()
    assert done_job.state == RenderJobState.FAILED
    assert not DownloadLog.objects.exists()


@pytest.mark.parametrize("name", VIEWS)
def test_a_missing_job_is_the_same_404(client, consultant_a, name):
    client.force_login(consultant_a)
    missing = RenderJob(pk=987654)
    response = client.post(url(name, missing)) if name == "job_retry" else client.get(url(name, missing))
    assert response.status_code == 404


@pytest.mark.parametrize("name", VIEWS)
def test_anonymous_is_sent_to_login(client, done_job, name):
    response = client.post(url(name, done_job)) if name == "job_retry" else client.get(url(name, done_job))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))
