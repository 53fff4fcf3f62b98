"""The Word version for the council secretariat: python-docx opens it; the same title, parties, articles."""

from __future__ import annotations

import io
import zipfile

from docx import Document

from agreements.document import agreement_docx
from tests.agreements.conftest import complete


def _text(data: bytes) -> tuple[str, list[str]]:
    document = Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(paragraphs + cells), paragraphs


def test_docx_holds_title_parties_numbered_articles_and_annexes(started, consultant_a):
    version = complete(started, consultant_a)
    text, paragraphs = _text(agreement_docx(version))
    assert "Beheersovereenkomst tussen Gemeente Geel en OCMW Geel" in paragraphs
    assert "Gemeente Geel" in text and "OCMW Geel" in text and "ONTWERP" in text
    for n, article in enumerate(sorted(version.articles.all(), key=lambda a: (a.position, a.pk)), start=1):
        assert f"Artikel {n}. {article.title}" in paragraphs
    assert "Gemeente Geel en OCMW Geel delen hun diensten." in paragraphs
    assert "ICT" in text and "60 %" in text and "40 %" in text


def test_adopted_docx_has_the_decisions_and_is_the_same_each_time(adopted):
    data = agreement_docx(adopted)
    text, _ = _text(data)
    assert "2027/GR/014" in text and "2027/OR/009" in text and "ONTWERP" not in text
    assert "Voor Gemeente Geel" in text and "De burgemeester" in text
    assert "Voor OCMW Geel" in text and "De voorzitter van het vast bureau" in text
    assert agreement_docx(adopted) == data  # same checksum for the same version
    # ... also a second later: no entry carries the time of writing.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
