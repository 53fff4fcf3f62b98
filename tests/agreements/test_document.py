"""The agreement's PDF: cover with both parties and the title, every article title, ONTWERP on every page of a
draft, the two decisions on an adopted version; user text cannot inject markup or make the renderer fetch."""

from __future__ import annotations

import io
import socket

import pytest
from pypdf import PdfReader

from agreements import services
from agreements.document import agreement_html, agreement_pdf_request
from agreements.models import ClauseCategory
from documents.pdf import html_to_pdf
from tests.agreements.conftest import complete
from tests.documents.conftest import pdf_text

HOSTILE = (
    'Zie <img src="file:///etc/passwd"> en <link rel="stylesheet" href="http://127.0.0.1:1/x.css"> '
    "<style>@import url(http://127.0.0.1:1/y.css);</style> einde."
)


@pytest.fixture
def no_network(monkeypatch):
    """Record (and refuse) every attempt to open a network connection or resolve a name."""
    attempts = []

    def record(name):
        def refuse(*args, **kwargs):
            attempts.append(name)
            raise OSError("network access during PDF rendering")

        return refuse

    monkeypatch.setattr(socket.socket, "connect", record("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", record("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", record("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", record("socket.getaddrinfo"))
    return attempts


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def test_draft_pdf_holds_title_parties_every_article_and_ontwerp_on_every_page(started, consultant_a):
    version = complete(started, consultant_a)
    pdf = html_to_pdf(agreement_html(version))
    pages = pages_text(pdf)
    text = "\n".join(pages)
    flat = " ".join(text.split())
    assert "Beheersovereenkomst tussen Gemeente Geel en OCMW Geel" in flat
    assert "Gemeente Geel" in text and "OCMW Geel" in text
    for article in version.articles.all():
        assert article.title in flat, article.title
    assert "Artikel 1." in flat and "Artikel 8." in flat
    assert "Inhoud" in text and "Bijlage 1" in text and "ICT" in text
    assert all("ONTWERP" in page for page in pages)
    assert f"pagina 2 van {len(pages)}" in flat


def test_adopted_pdf_has_the_decisions_and_no_ontwerp(adopted):
    pdf = html_to_pdf(agreement_html(adopted))
    pages = pages_text(pdf)
    flat = " ".join("\n".join(pages).split())
    assert "2027/GR/014" in flat and "2027/OR/009" in flat
    assert "Beslissing gemeenteraad" in flat and "Beslissing OCMW-raad" in flat
    assert not any("ONTWERP" in page for page in pages)
    # Signed for each party by the algemeen directeur with the burgemeester or the voorzitter of the vast
    # bureau (Decreet lokaal bestuur, art. 279), the decisions named above the signatures.
    assert "Voor Gemeente Geel" in flat and "Voor OCMW Geel" in flat
    assert "De burgemeester" in flat and "De voorzitter van het vast bureau" in flat
    assert "(beslissing 2027/GR/014)" in flat and "(beslissing 2027/OR/009)" in flat


def test_hostile_article_and_placeholder_text_is_text_and_fetches_nothing(
    started, consultant_a, no_network, caplog
):
    services.article_add(
        user=consultant_a,
        version=started,
        category=ClauseCategory.DISPUTES,
        title="Geschillen <b>vet</b>",
        text=HOSTILE + " Waarde: {{ gemeente }}.",
    )
    services.placeholder_set(
        user=consultant_a, version=started, key="gemeente", value='<img src="file:///etc/passwd">Geel'
    )
    html = agreement_html(started)
    assert (
        '<img src="file:///etc/passwd">' not in html
        and "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    )
    assert "<style>@import" not in html and '<link rel="stylesheet" href="http://127.0.0.1' not in html
    pdf = html_to_pdf(html)
    flat = " ".join(pdf_text(pdf).split())
    assert '<img src="file:///etc/passwd">' in flat  # shown as text
    assert "@import url(http://127.0.0.1:1/y.css)" in flat
    assert "Geschillen <b>vet</b>" in flat
    assert b"root:x:0:0" not in pdf
    assert no_network == []
    refused = "\n".join(r.getMessage() for r in caplog.records if r.name == "documents.pdf")
    assert "127.0.0.1:1" not in refused and "/etc/passwd" not in refused  # never even asked for


def test_the_pdf_is_a_render_job_of_the_version(started, consultant_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = agreement_pdf_request(user=consultant_a, version=started)
    job.refresh_from_db()
    assert job.state == "done", job.error
    assert job.source == started and job.filename.endswith("-v1.pdf")
    with job.file.open("rb") as handle:
        assert "Beheersovereenkomst tussen Gemeente Geel" in " ".join(pdf_text(handle.read()).split())
    # the same content is never rendered twice
    assert agreement_pdf_request(user=consultant_a, version=started).pk == job.pk


def test_the_agreement_stays_dutch_when_the_screen_is_english(adopted):
    """An act of a Flemish local government is adopted in Dutch: an English screen changes none of it."""
    from django.utils import translation

    from agreements import placeholders
    from agreements.document import agreement_docx

    with translation.override("en"):
        html = agreement_html(adopted)
        docx_text = agreement_docx(adopted)
        values = placeholders.values_for(adopted)
        assert placeholders.join_nl(["ICT", "HR", "Financiën"]) == "ICT, HR en Financiën"
    assert "Artikel 1" in html and "Hoofdstuk 1" in html and "Article 1" not in html
    assert "Beslissing gemeenteraad" in html
    assert "gemeente" in values["kostenverdeling"] and "municipality" not in values["kostenverdeling"]
    assert docx_text == agreement_docx(adopted)  # the same file whatever the language of the request
