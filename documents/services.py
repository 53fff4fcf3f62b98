"""Every change to render jobs goes through these functions: views, tasks, commands and tests call them.

The database is the truth about a job; the queue only signals. A job is claimed with one conditional
UPDATE, so a duplicate or redelivered message, a retry and a sweep can all run without rendering twice.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import re
import uuid
from datetime import datetime, timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, InterfaceError, OperationalError, models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import conf
from .models import (
    DownloadLog,
    RenderJob,
    RenderJobState,
    render_job_upload_to,
    user_can_access,
    visible_sources,
)

logger = logging.getLogger(__name__)

# Faults of the infrastructure, not of the document: the task retries them with back-off.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (OperationalError, InterfaceError, OSError)


def html_version(html: str) -> str:
    """The default source version: the SHA-256 of the HTML."""
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def _clean_filename(filename: str) -> str:
    name = posixpath.basename(filename.replace("\\", "/")).strip().replace('"', "")
    name = "".join(char for char in name if char.isprintable())
    if not name.lower().endswith(".pdf"):
        name = f"{name or 'document'}.pdf"
    return name[:200]


def _enqueue(job_id: int, task_id: str) -> None:
    """Signal a worker. If the broker is down the job stays queued and the sweep sends it again."""
    from .tasks import render_document

    try:
        render_document.apply_async(args=[job_id], task_id=task_id)
    except Exception:
        logger.exception("Could not enqueue render job %s; the sweep will retry", job_id)


def _enqueue_on_commit(job: RenderJob) -> None:
    job_id, task_id = job.pk, job.task_id
    transaction.on_commit(lambda: _enqueue(job_id, task_id))


def _require_visible(user, source: models.Model) -> None:
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("U moet aangemeld zijn om een document te laten opmaken."))
    if not visible_sources(type(source), user).filter(pk=source.pk).exists():
        raise PermissionDenied(_("U hebt geen toegang tot dit document."))


@transaction.atomic
def render_job_request(
    *,
    user,
    source: models.Model,
    kind: str,
    title: str,
    html: str,
    filename: str,
    version: str | None = None,
) -> RenderJob:
    """The job for this version of the source: created and enqueued once; asked again, the same job."""
    _require_visible(user, source)
    key = {
        "source_type": ContentType.objects.get_for_model(source),
        "source_id": source.pk,
        "kind": kind,
        "source_version": version or html_version(html),
    }
    existing = RenderJob.objects.filter(**key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            job = RenderJob.objects.create(
                **key,
                title=title,
                html=html,
                filename=_clean_filename(filename),
                state=RenderJobState.QUEUED,
                task_id=str(uuid.uuid4()),
                requested_by=user,
            )
    except IntegrityError:
        # Another request created it between our look-up and our insert.
        return RenderJob.objects.get(**key)
    _enqueue_on_commit(job)
    return job


@transaction.atomic
def render_job_retry(*, user, job: RenderJob) -> RenderJob:
    """Queue a failed job again (same HTML, same version); refused for any other state."""
    if not user_can_access(user, job):
        raise PermissionDenied(_("U hebt geen toegang tot dit document."))
    job = RenderJob.objects.select_for_update().get(pk=job.pk)
    if job.state != RenderJobState.FAILED:
        raise ValidationError(
            _("Alleen een mislukte opmaak kan opnieuw worden gestart; deze is: %(state)s.")
            % {"state": job.get_state_display()},
            code="not_failed",
        )
    job.state = RenderJobState.QUEUED
    job.error = ""
    job.started_at = None
    job.finished_at = None
    job.attempts = 0  # a fresh allowance of attempts before the sweep gives up
    job.task_id = str(uuid.uuid4())
    job.save(
        update_fields=["state", "error", "started_at", "finished_at", "attempts", "task_id", "updated_at"]
    )
    _enqueue_on_commit(job)
    return job


def _claim(job_id: int, now: datetime) -> bool:
    """Atomically take the job: queued, or running past the stale limit (its worker is gone)."""
    stale_before = now - conf.sweep_running_after()
    claimable = Q(state=RenderJobState.QUEUED) | Q(state=RenderJobState.RUNNING, started_at__lt=stale_before)
    return bool(
        RenderJob.objects.filter(claimable, pk=job_id).update(
            state=RenderJobState.RUNNING,
            started_at=now,
            finished_at=None,
            error="",
            attempts=F("attempts") + 1,
            updated_at=now,
        )
    )


def _ours(job_id: int, started_at: datetime) -> models.QuerySet:
    """The job, as long as it is still the claim we made (a sweep may have handed it to another worker)."""
    return RenderJob.objects.filter(pk=job_id, state=RenderJobState.RUNNING, started_at=started_at)


def _failure_message(exc: BaseException) -> str:
    if isinstance(exc, SoftTimeLimitExceeded):
        reason = _("het opmaken duurde langer dan %(seconds)s seconden. Maak het document korter.") % {
            "seconds": conf.render_soft_time_limit()
        }
    else:
        reason = _(
            "er liep iets mis in de opmaak (%(error)s). Probeer het opnieuw of meld het aan de beheerder."
        ) % {"error": type(exc).__name__}
    return _("Het document kon niet worden opgemaakt: %(reason)s") % {"reason": reason}


def render_job_run(*, job_id: int) -> None:
    """Claim and render one job (called by the task). Done jobs and jobs another worker holds: no-op.

    A fault of the document fails the job with a message for the user. A transient fault (database,
    storage) hands the job back to the queue and propagates, so the task retries with back-off.
    """
    from .pdf import html_to_pdf

    started_at = timezone.now()
    if not _claim(job_id, started_at):
        logger.info("Render job %s is not claimable (done, failed, or held by another worker)", job_id)
        return

    name = ""
    try:
        job = RenderJob.objects.get(pk=job_id)
        try:
            pdf = html_to_pdf(job.html)
        except TRANSIENT_ERRORS:
            raise
        except Exception as exc:  # the document's fault, not the infrastructure's
            logger.exception("Render job %s failed", job_id)
            now = timezone.now()
            _ours(job_id, started_at).update(
                state=RenderJobState.FAILED, error=_failure_message(exc), finished_at=now, updated_at=now
            )
            return
        name = job.file.storage.save(render_job_upload_to(job, job.filename), ContentFile(pdf))
        now = timezone.now()
        finished = _ours(job_id, started_at).update(
            state=RenderJobState.DONE,
            file=name,
            checksum=hashlib.sha256(pdf).hexdigest(),
            size=len(pdf),
            error="",
            finished_at=now,
            updated_at=now,
        )
    except TRANSIENT_ERRORS:
        _release(job_id, started_at, name)
        raise
    if not finished:
        # A sweep handed the job to another worker meanwhile; that one stores its own (identical) file.
        job.file.storage.delete(name)
        logger.warning("Render job %s was claimed by another worker while rendering; result dropped", job_id)


def _release(job_id: int, started_at: datetime, name: str) -> None:
    """Hand a job back to the queue after a transient fault, so the task's retry can claim it again."""
    try:
        if name:
            RenderJob.file.field.storage.delete(name)
        _ours(job_id, started_at).update(state=RenderJobState.QUEUED, updated_at=timezone.now())
    except Exception:
        # The sweep picks the job up once it is stale.
        logger.exception("Could not release render job %s", job_id)


@transaction.atomic
def render_jobs_sweep(
    *,
    now: datetime | None = None,
    queued_after: timedelta | None = None,
    running_after: timedelta | None = None,
) -> list[int]:
    """Re-enqueue jobs left queued or running too long (a lost message, a killed worker); their ids."""
    now = now or timezone.now()
    queued_after = conf.sweep_queued_after() if queued_after is None else queued_after
    running_after = conf.sweep_running_after() if running_after is None else running_after
    max_attempts = conf.render_max_attempts()
    stale = (
        RenderJob.objects.select_for_update(skip_locked=True)
        .defer("html")
        .filter(
            Q(state=RenderJobState.QUEUED, updated_at__lt=now - queued_after)
            | Q(state=RenderJobState.RUNNING, started_at__lt=now - running_after)
        )
        .order_by("pk")
    )
    requeued: list[int] = []
    for job in stale:
        if job.attempts >= max_attempts:
            job.state = RenderJobState.FAILED
            job.finished_at = timezone.now()
            job.error = _(
                "Het document kon niet worden opgemaakt: na %(attempts)s pogingen lukte het niet."
            ) % {"attempts": job.attempts}
            job.save(update_fields=["state", "finished_at", "error", "updated_at"])
            logger.error("Render job %s failed after %s attempts", job.pk, job.attempts)
            continue
        job.state = RenderJobState.QUEUED
        job.task_id = str(uuid.uuid4())
        job.save(update_fields=["state", "task_id", "updated_at"])
        _enqueue_on_commit(job)
        requeued.append(job.pk)
    if requeued:
        logger.warning("Render jobs re-enqueued by the sweep: %s", requeued)
    return requeued


@transaction.atomic
def download_log_record(
    *, user, job: RenderJob, filename: str | None = None, checksum: str | None = None
) -> DownloadLog:
    """Record that the user downloaded the job's file (who, when, which file).

    A file made beside the job from the same source and version (e.g. the Word version of an agreement
    whose PDF the job renders) is logged with its own `filename` and `checksum` (both, SHA-256 in hex):
    the job then only names the source and version, so it need not be done."""
    if (filename is None) != (checksum is None):
        raise TypeError("download_log_record: give both filename and checksum, or neither")
    if not user_can_access(user, job):
        raise PermissionDenied(_("U hebt geen toegang tot dit document."))
    if filename is None:
        if job.state != RenderJobState.DONE:
            raise ValidationError(_("Dit document is nog niet klaar."), code="not_done")
        filename, checksum = job.filename, job.checksum
    elif not filename.strip() or len(filename) > 200 or not re.fullmatch(r"[0-9a-f]{64}", checksum or ""):
        raise ValueError("download_log_record: a file name (at most 200 characters) and a SHA-256 hex digest")
    return DownloadLog.objects.create(job=job, user=user, checksum=checksum, filename=filename)
