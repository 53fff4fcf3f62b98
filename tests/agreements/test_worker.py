"""A real Celery worker (Redis broker, PostgreSQL test database) renders the agreement's PDF as the page asks
for it. Skipped without PostgreSQL or Redis locally (see tests/documents/worker.py); it runs in CI."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from agreements.document import latest_pdf_job
from documents.models import RenderJob, RenderJobState
from tests.documents.conftest import pdf_text
from tests.documents.worker import start_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _state(job: RenderJob) -> str:
    return RenderJob.objects.filter(pk=job.pk).values_list("state", flat=True).get()


def test_a_worker_renders_the_agreement_the_council_downloads(celery_worker_env, approved, council_a, client):
    worker = start_worker(celery_worker_env)
    started = time.monotonic()
    client.force_login(council_a)

    response = client.post(reverse("agreements:pdf", args=[approved.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200
    job = latest_pdf_job(approved)
    assert job is not None and job.requested_by == council_a

    wait_for(
        lambda: _state(job) in (RenderJobState.DONE, RenderJobState.FAILED),
        timeout=60,
        message=lambda: f"job {job.pk} is {_state(job)}; worker log:\n{worker.log()[-4000:]}",
    )
    job.refresh_from_db()
    assert job.state == RenderJobState.DONE, job.error
    with job.file.open("rb") as handle:
        text = " ".join(pdf_text(handle.read()).split())
    assert approved.title in text and "Gemeente Geel" in text and "OCMW Geel" in text
    for article in approved.articles.all():
        assert article.title in text
    response = client.get(reverse("documents:job_download", args=[job.pk]))
    assert response.status_code == 200
    assert job.downloads.filter(user=council_a, checksum=job.checksum).exists()
    print(f"agreement rendered by a real worker in {time.monotonic() - started:.1f} s")
