"""The programme summary PDF: the HTML handed to the documents pipeline."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from documents.models import RenderJob
from documents.services import render_job_request

from .models import Programme
from .queries import programme_people
from .steps import preload, step_overview

SUMMARY_KIND = "programme_summary"


def summary_html(programme: Programme) -> str:
    """The print HTML of a programme summary; equal HTML means an equal version (rendered once)."""
    preload([programme])
    return render_to_string(
        "programmes/programme_summary_print.html",
        {
            "document_title": _("Samenvatting van het traject"),
            "programme": programme,
            "local_government": programme.local_government,
            "steps": step_overview(programme),
            "people": programme_people(programme),
            "consultants": list(programme.consultants.all()),
            # The day, not the minute: asking again the same day for unchanged data reuses the PDF.
            "generated_on": timezone.localdate(),
        },
    )


def summary_request(*, user, programme: Programme) -> RenderJob:
    """Ask for the summary PDF of a programme as it is now (anyone who may see the programme)."""
    return render_job_request(
        user=user,
        source=programme,
        kind=SUMMARY_KIND,
        title=_("Samenvatting van het traject"),
        html=summary_html(programme),
        filename=f"samenvatting-{slugify(programme.title)[:60] or programme.pk}.pdf",
    )


def latest_summary_job(programme: Programme) -> RenderJob | None:
    return RenderJob.objects.for_source(programme).filter(kind=SUMMARY_KIND).order_by("-created_at").first()
