import io

from django.utils import translation
from pypdf import PdfReader

from documents.models import RenderJob
from documents.pdf import html_to_pdf
from programmes.documents import summary_html, summary_request


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_summary_pdf_holds_programme_steps_and_people(programme_a, approver_a, council_a):
    text = _text(html_to_pdf(summary_html(programme_a)))
    for expected in (
        "Samen sterker in Geel",
        "Lokaal bestuur Geel",
        "Organisatiescan",
        "Beheersovereenkomst",
        approver_a.get_full_name(),
        "Algemeen directeur",
        "pagina 2 van",
    ):
        assert expected in text


def test_summary_follows_the_language(programme_a):
    with translation.override("en"):
        text = _text(html_to_pdf(summary_html(programme_a)))
    assert "PROGRAMME SUMMARY" in text.upper() and "page 2 of" in text and "pagina" not in text


def test_same_programme_state_is_rendered_once(programme_a, council_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = summary_request(user=council_a, programme=programme_a)
    with django_capture_on_commit_callbacks(execute=True):
        again = summary_request(user=council_a, programme=programme_a)
    first.refresh_from_db()
    assert again.pk == first.pk and first.attempts == 1 and first.state == "done"
    programme_a.title = "Nieuwe titel"
    programme_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        changed = summary_request(user=council_a, programme=programme_a)
    assert changed.pk != first.pk
    assert RenderJob.objects.for_source(programme_a).count() == 2


def test_generated_file_is_never_served_directly(
    client, programme_a, council_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = summary_request(user=council_a, programme=programme_a)
    job.refresh_from_db()
    client.force_login(council_a)
    assert client.get("/media/" + job.file.name).status_code == 404
    assert client.get(f"/documenten/{job.pk}/download/").status_code == 200
