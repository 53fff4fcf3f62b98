"""The Word version for the council secretariat: python-docx opens it; the same title, parties, articles."""

from __future__ import annotations

import io

from docx import Document

from agreements.document import agreement_docx

from .ui_fixtures import *  # noqa: F403 (fixtures: library, draft_a, approved_a, adopted_a)
from .ui_fixtures import complete


def _text(data: bytes) -> tuple[str, list[str]]:
    document = Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(paragraphs + cells), paragraphs


def test_docx_holds_title_parties_numbered_articles_and_annexes(draft_a, consultant_a):
    version = complete(draft_a, consultant_a)
    text, paragraphs = _text(agreement_docx(version))
    assert "Beheersovereenkomst tussen Gemeente Geel en OCMW Geel" in paragraphs
    assert "Gemeente Geel" in text and "OCMW Geel" in text and "ONTWERP" in text
    for n, article in enumerate(sorted(version.articles.all(), key=lambda a: (a.position, a.pk)), start=1):
        assert f"Artikel {n}. {article.title}" in paragraphs
    assert "Gemeente Geel en OCMW Geel werken samen." in paragraphs
    assert "ICT" in text and "70 %" in text and "30 %" in text


def test_adopted_docx_has_the_decisions_and_is_the_same_each_time(adopted_a):
    data = agreement_docx(adopted_a)
    text, _ = _text(data)
    assert "2027/GR/014" in text and "2027/OR/009" in text and "ONTWERP" not in text
    assert agreement_docx(adopted_a) == data  # same checksum for the same version
