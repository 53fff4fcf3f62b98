"""The agreement as PDF (rendered by the worker through the documents pipeline) and as Word (.docx)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..document import (
    DOCX_CONTENT_TYPE,
    agreement_docx,
    agreement_pdf_request,
    docx_download_record,
    docx_filename,
)
from .core import load_version


@login_required
@require_POST
def pdf(request, pk: int):
    """Ask for the PDF of this version; htmx gets the job's status partial, which polls until it is done."""
    version = load_version(request, pk)
    job = agreement_pdf_request(user=request.user, version=version)
    if request.htmx:
        job.refresh_from_db()  # an in-process (eager) worker may have rendered it already
        return render(request, "documents/partials/job_status.html", {"job": job})
    messages.info(request, _("De overeenkomst wordt opgemaakt als PDF."))
    if request.POST.get("next") == "version":
        return redirect(version.get_absolute_url())
    return redirect(version.agreement.get_absolute_url())


@login_required
@require_POST
def docx(request, pk: int):
    """The Word version, made on the spot (well under a second); the download is logged like the PDF's."""
    version = load_version(request, pk)
    data = agreement_docx(version)
    docx_download_record(user=request.user, version=version, data=data)
    response = HttpResponse(data, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{docx_filename(version)}"'
    response["Cache-Control"] = "private, no-store"
    return response
