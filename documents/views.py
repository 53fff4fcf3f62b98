"""Status (htmx polling), retry and download of render jobs.

A job whose source the user may not see answers 404, the same as a missing one. A GET changes nothing
(the download writes a read log, nothing else).
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST, require_safe

from .models import RenderJob, RenderJobState, user_can_access
from .services import download_log_record, render_job_retry

logger = logging.getLogger(__name__)

STATUS_TEMPLATE = "documents/partials/job_status.html"


def _job_or_404(request: HttpRequest, pk: int) -> RenderJob:
    job = get_object_or_404(RenderJob.objects.select_related("source_type"), pk=pk)
    if not user_can_access(request.user, job):
        raise Http404
    return job


def _status(request: HttpRequest, job: RenderJob, **context) -> HttpResponse:
    return render(request, STATUS_TEMPLATE, {"job": job, **context})


@login_required
@require_safe
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status partial; while the job is pending it polls itself every second."""
    return _status(request, _job_or_404(request, pk))


@login_required
@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a failed job again; htmx gets the new status partial, a plain form goes back."""
    job = _job_or_404(request, pk)
    error = ""
    try:
        job = render_job_retry(user=request.user, job=job)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        job.refresh_from_db()  # eager Celery may already have rendered it
        return _status(request, job, retry_error=error)
    if error:
        messages.error(request, error)
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(referer)
    return HttpResponseRedirect(reverse("documents:job_status", args=[job.pk]))


@login_required
@require_GET
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    """The PDF as an attachment, for a done job only; every download is logged."""
    job = _job_or_404(request, pk)
    if job.state != RenderJobState.DONE or not job.file:
        raise Http404
    try:
        handle = job.file.storage.open(job.file.name, "rb")
    except FileNotFoundError:
        logger.error("Render job %s is done but its file %s is missing", job.pk, job.file.name)
        raise Http404 from None
    download_log_record(user=request.user, job=job)
    response = FileResponse(handle, as_attachment=True, filename=job.filename, content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    return response
