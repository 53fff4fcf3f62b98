"""The programme overview PDF: through the documents pipeline, holding the structure, every project, the
critical path and the conflicts."""

from __future__ import annotations

import datetime
import io

from django.urls import reverse
from pypdf import PdfReader

from documents.models import RenderJob, RenderJobState
from documents.pdf import html_to_pdf
from projects import services
from projects.document import PROJECTS_KIND, projects_html, projects_pdf_request


def _text(pdf: bytes) -> str:
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


def test_the_pdf_holds_title_projects_critical_path_and_conflict(
    consultant_a, programme_a, chain, project_factory
):
    concept = chain[0]
    group = services.project_group_create(user=consultant_a, programme=programme_a, name="Huisvesting")
    website = project_factory("Nieuwe website", datetime.date(2026, 10, 5), 8, group=group)
    services.dependency_add(user=consultant_a, predecessor=concept, successor=website)
    text = _text(html_to_pdf(projects_html(programme_a)))
    assert programme_a.title in text
    for title in ("Dienstverleningsconcept", "Nieuwe locatie", "Samenvoeging secretariaat", "Nieuwe website"):
        assert title in text
    assert "Kritiek pad" in text
    assert "Planningsconflicten" in text and "12 weken te vroeg" in text
    assert "Stuurstructuur" in text and "Huisvesting" in text and "Zonder plaats in de structuur" in text


def test_the_pdf_is_requested_from_the_overview_page_and_rendered(
    client, consultant_a, programme_a, chain, django_capture_on_commit_callbacks
):
    client.force_login(consultant_a)
    url = reverse("projects:pdf", args=[programme_a.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    job = RenderJob.objects.get(kind=PROJECTS_KIND)
    assert f'id="render-job-{job.pk}"' in response.content.decode()
    job.refresh_from_db()
    assert job.state == RenderJobState.DONE
    with job.file.open("rb") as handle:
        assert "Samenvoeging secretariaat" in _text(handle.read())
    # asked again for unchanged data: the same job, not a second render
    assert projects_pdf_request(user=consultant_a, programme=programme_a).pk == job.pk
    # the overview page shows the job's status
    assert (
        f"render-job-{job.pk}"
        in client.get(reverse("projects:overview", args=[programme_a.pk])).content.decode()
    )


def test_another_local_government_cannot_ask_for_the_pdf(client, consultant_b, programme_a, chain):
    client.force_login(consultant_b)
    assert client.post(reverse("projects:pdf", args=[programme_a.pk])).status_code == 404
    assert not RenderJob.objects.exists()
