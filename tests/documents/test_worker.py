"""A real Celery worker (Redis broker, PostgreSQL test database) renders jobs, and a job survives a
worker killed mid-render thanks to the sweep. Skipped without PostgreSQL or Redis (failed when CI=true)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from documents.models import RenderJob, RenderJobState
from documents.services import render_job_request, render_jobs_sweep
from programmes.documents import summary_request
from tests.documents.conftest import pdf_text
from tests.documents.worker import start_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _state(job: RenderJob) -> str:
    return RenderJob.objects.filter(pk=job.pk).values_list("state", flat=True).get()


def _large_html(title: str, rows: int = 3000) -> str:
    body = "".join(
        f"<tr><td>{i}</td><td>Actie {i}: de rechtspositieregeling harmoniseren</td><td>Directeur</td></tr>"
        for i in range(rows)
    )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Groot</title>"
        "<link rel='stylesheet' href='/static/css/fonts.css'>"
        "<link rel='stylesheet' href='/static/css/print.css'>"
        f"</head><body><h1>{title}</h1><table class='data'><thead>"
        "<tr><th>Nr.</th><th>Actie</th><th>Trekker</th></tr>"
        f"</thead><tbody>{body}</tbody></table></body></html>"
    )


def _request(user, source, html: str) -> RenderJob:
    return render_job_request(
        user=user,
        source=source,
        kind="test",
        title="Samenvatting van het traject",
        html=html,
        filename="x.pdf",
    )


def test_a_worker_renders_the_programme_summary(celery_worker_env, programme_a, consultant_a):
    worker = start_worker(celery_worker_env)
    started = time.monotonic()

    job = summary_request(user=consultant_a, programme=programme_a)  # as the programme page asks for it

    wait_for(
        lambda: _state(job) in (RenderJobState.DONE, RenderJobState.FAILED),
        timeout=60,
        message=lambda: f"job {job.pk} is {_state(job)}; worker log:\n{worker.log()[-4000:]}",
    )
    job.refresh_from_db()
    assert job.state == RenderJobState.DONE, job.error
    assert job.attempts == 1
    with job.file.open("rb") as handle:
        text = pdf_text(handle.read())
    assert "Samen sterker in Geel" in text and "Lokaal bestuur Geel" in text
    print(f"rendered by a real worker in {time.monotonic() - started:.1f} s")


def test_a_job_survives_a_worker_killed_mid_render(celery_worker_env, programme_a, consultant_a):
    first = start_worker(celery_worker_env)
    job = _request(consultant_a, programme_a, _large_html(programme_a.title))

    wait_for(
        lambda: _state(job) == RenderJobState.RUNNING,
        timeout=30,
        interval=0.05,
        message=lambda: f"job {job.pk} is {_state(job)}; worker log:\n{first.log()[-4000:]}",
    )
    time.sleep(0.5)  # well into the render (several seconds for 3000 rows)
    first.kill()
    assert _state(job) == RenderJobState.RUNNING  # orphaned: its worker is gone, its message lost

    second = start_worker(celery_worker_env)
    # Beat or cron runs the sweep; here it runs now, with "stale" meaning any running job.
    assert render_jobs_sweep(running_after=timedelta(seconds=0)) == [job.pk]

    wait_for(
        lambda: _state(job) in (RenderJobState.DONE, RenderJobState.FAILED),
        timeout=90,
        message=lambda: f"job {job.pk} is {_state(job)}; worker log:\n{second.log()[-4000:]}",
    )
    job.refresh_from_db()
    assert job.state == RenderJobState.DONE, job.error
    assert job.attempts == 2
    with job.file.open("rb") as handle:
        assert "Samen sterker in Geel" in pdf_text(handle.read())
