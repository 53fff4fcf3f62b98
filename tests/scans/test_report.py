"""The scan report: PDF through the documents pipeline, and the same report as Word."""

import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from documents.models import RenderJob
from documents.pdf import html_to_pdf
from scans.models import SupportService
from scans.report import REPORT_KIND, report_docx, report_html, report_request
from scans.services.core import scan_finalise
from scans.services.results import scan_confirm_scenario
from tests.scans.factories_results import build_realistic_scan


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    parts.extend(p.text for p in document.sections[0].header.paragraphs)
    return "\n".join(parts)


@pytest.fixture
def realistic(scan_a, consultant_a):
    build_realistic_scan(scan_a, consultant_a)
    return scan_a


@pytest.fixture
def draft_pdf_text(realistic):
    return _text(html_to_pdf(report_html(realistic)))


def test_draft_pdf_holds_title_services_and_the_draft_mark(realistic, draft_pdf_text):
    text = draft_pdf_text
    for expected in (
        "Samen sterker in Geel",
        "Lokaal bestuur Geel",
        "Rapport organisatiescan",
        "Inhoud",
        "Aanpak",
        "Kernbevindingen",
        "Interviews per thema",
        "Personeelsbevraging",
        "Advies samenwerkingsscenario",
        "Bijlage: getuigen",
        "ONTWERP",
        "Pragmatisch met projectbeheer",
        "pagina 3 van",
    ):
        assert expected in text, expected
    for name in SupportService.objects.filter(scan=realistic).values_list("name", flat=True):
        assert name in text, name
    assert re.search(r"Kernbevindingen[ .]+4\n", text)  # the table of contents has page numbers


def test_witnesses_appear_as_groups_names_only_with_consent(realistic, draft_pdf_text):
    text = " ".join(draft_pdf_text.split())
    assert "An Peeters, Burgemeester" in text and "Els Maes, Algemeen directeur" in text
    for name in (
        "Koen Janssens",
        "Bart Claes",
        "Sofie Wouters",
        "Tom Willems",
        "Lien Goossens",
        "Pieter De Smet",
    ):
        assert name not in text
    assert "diensthoofd (OCMW)" in text  # a quote without consent names the group
    docx = _docx_text(report_docx(realistic))
    assert "An Peeters, Burgemeester" in docx and "Koen Janssens" not in docx and "Tom Willems" not in docx


def test_final_report_has_no_draft_mark(realistic, consultant_a):
    scan_confirm_scenario(user=consultant_a, scan=realistic, scenario="pragmatic")
    scan_finalise(user=consultant_a, scan=realistic)
    text = _text(html_to_pdf(report_html(realistic)))
    assert "ONTWERP" not in text and "Ontwerp" not in text
    assert "Afgerond op" in text and "Gekozen scenario" in text
    document = Document(io.BytesIO(report_docx(realistic)))
    assert "ONTWERP" not in _docx_text(report_docx(realistic))
    assert all(not p.text for p in document.sections[0].header.paragraphs)


def test_docx_opens_and_holds_the_sections_and_services(realistic):
    document = Document(io.BytesIO(report_docx(realistic)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in (
        "Aanpak",
        "Kernbevindingen",
        "Interviews per thema",
        "Personeelsbevraging",
        "Ondersteunende diensten",
        "Advies samenwerkingsscenario",
        "Bijlage: getuigen",
    ):
        assert heading in headings
    text = _docx_text(report_docx(realistic))
    for name in SupportService.objects.filter(scan=realistic).values_list("name", flat=True):
        assert name in headings and name in text
    assert "Samen sterker in Geel" in text and "ONTWERP" in text
    assert "Gemiddelde score per thema (1 tot 5)" in text  # the radar chart as its table
    assert "Helpdesk en beheer van de werkplekken" in text


def test_report_request_renders_once_per_version(
    realistic, council_a, consultant_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = report_request(user=council_a, scan=realistic)
    job.refresh_from_db()
    assert job.state == "done" and job.kind == REPORT_KIND and job.filename.endswith(".pdf")
    assert report_request(user=consultant_a, scan=realistic).pk == job.pk
    scan_confirm_scenario(user=consultant_a, scan=realistic, scenario="pragmatic")
    assert report_request(user=consultant_a, scan=realistic).pk != job.pk
    assert RenderJob.objects.for_source(realistic).count() == 2


def test_report_request_refused_for_another_local_government(realistic, consultant_b):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        report_request(user=consultant_b, scan=realistic)


def test_empty_scan_report_renders(scan_a):
    text = _text(html_to_pdf(report_html(scan_a)))
    assert "Nog geen interviews met scores." in text and "te weinig gegevens" in text
