"""Thin Celery tasks over the services: they take primary keys and are safe to run twice."""

from __future__ import annotations

from celery import shared_task

from . import conf, services


@shared_task(
    bind=True,
    name="documents.tasks.render_document",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=5,
    time_limit=conf.render_time_limit(),
    soft_time_limit=conf.render_soft_time_limit(),
    ignore_result=True,
)
def render_document(self, job_id: int) -> None:
    """Render one job; a done job, or one another worker holds, is left alone."""
    services.render_job_run(job_id=job_id)


@shared_task(name="documents.tasks.sweep_render_jobs", ignore_result=True)
def sweep_render_jobs() -> list[int]:
    """Re-enqueue jobs left queued or running too long (run by Celery beat)."""
    return services.render_jobs_sweep()
