"""The agreement as a document: its content for the pages, the print HTML and PDF (through the documents
pipeline, rendered by the worker) and the Word (.docx) version for the council secretariat.

The print layout keeps to WeasyPrint's fast paths: articles are plain blocks (no tables, floats or grids),
one font family, and the two annexes are the only (small) tables. Every user text goes through
placeholders.render_html, which escapes it: an article cannot inject markup or make the PDF fetch anything.
"""

from __future__ import annotations

import functools
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, time

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import gettext as _

from documents.models import DownloadLog, RenderJob
from documents.services import download_log_record, render_job_request

from . import placeholders
from .models import CATEGORY_ORDER, AgreementEvent, AgreementVersion, Article, ClauseCategory

AGREEMENT_KIND = "agreement"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CATEGORY_LABELS = dict(ClauseCategory.choices)


@dataclass
class RenderedArticle:
    article: Article
    number: int
    label: str  # "Artikel 3"
    html: SafeString
    anchor: str
    missing: list[str] = field(default_factory=list)


@dataclass
class Chapter:
    number: int
    category: str
    label: str
    anchor: str
    articles: list[RenderedArticle]


def version_articles(version: AgreementVersion) -> list[Article]:
    """The articles in agreement order (chapter order, then position), in one query."""
    articles = version.articles.select_related("clause_version")
    return sorted(articles, key=lambda a: (CATEGORY_ORDER.get(a.category, 99), a.position, a.pk))


def build_chapters(
    version: AgreementVersion, values: dict[str, str], articles: list[Article] | None = None
) -> list[Chapter]:
    """Chapters in the order the articles stand; articles numbered across the whole agreement."""
    articles = version_articles(version) if articles is None else articles
    chapters: list[Chapter] = []
    for index, article in enumerate(articles, start=1):
        if not chapters or chapters[-1].category != article.category:
            chapters.append(
                Chapter(
                    number=len(chapters) + 1,
                    category=article.category,
                    label=str(CATEGORY_LABELS.get(article.category, article.category)),
                    anchor=f"hoofdstuk-{len(chapters) + 1}",
                    articles=[],
                )
            )
        chapters[-1].articles.append(
            RenderedArticle(
                article=article,
                number=index,
                label=_("Artikel %(n)s") % {"n": index},
                html=placeholders.render_html(article.text, values),
                anchor=f"artikel-{index}",
                missing=[key for key in placeholders.find(article.text) if not values.get(key)],
            )
        )
    return chapters


def annex_content(version: AgreementVersion) -> dict:
    """The two annexes, with their numbers as shown here ("62,5 %", "0,8")."""
    services = list(version.annex_services.all())
    for service in services:
        service.gemeente_pct = _percent(service.gemeente_share)
        service.ocmw_pct = _percent(service.ocmw_share)
    staff = list(version.annex_staff.all())
    for person in staff:
        person.fte_shown = _decimal(person.fte)
    update = last_staff_update(version)
    return {
        "annex_services": services,
        "annex_staff": staff,
        "staff_update": update,
        "staff_update_line": staff_update_line(update) if update else "",
    }


def last_staff_update(version: AgreementVersion) -> AgreementEvent | None:
    """The college's latest update of the staff list (annex 2); only an adopted version has them."""
    if version.state != AgreementVersion.State.ADOPTED:
        return None
    return (
        AgreementEvent.objects.filter(version=version, kind=AgreementEvent.Kind.STAFF_LIST)
        .order_by("-at", "-pk")
        .first()
    )


def staff_update_line(update: AgreementEvent) -> str:
    """ "Bijlage 2 bijgewerkt op 25/11/2026 (collegebeslissing van 12/11/2026)" """
    from .services.staff_list import decision_label

    return _("Bijlage 2 bijgewerkt op %(date)s (%(decision)s)") % {
        "date": timezone.localtime(update.at).strftime("%d/%m/%Y"),
        "decision": decision_label(update.decision_date, update.decision_reference)
        if update.decision_date
        else _("collegebeslissing"),
    }


def agreement_content(version: AgreementVersion) -> dict:
    """Everything a version holds, rendered with its placeholder values (used by pages, PDF and .docx).

    Each thing is read once: the offered values reuse the annex rows, and the content carries the offered
    values, the version's own values and the articles for the placeholder panel and the submission check."""
    annexes = annex_content(version)
    offered = placeholders.offered_values(
        version, annex_services=annexes["annex_services"], annex_staff=annexes["annex_staff"]
    )
    overrides = placeholders.overrides_for(version)
    values = placeholders.values_for(version, offered=offered, overrides=overrides)
    articles = version_articles(version)
    chapters = build_chapters(version, values, articles)
    programme = version.agreement.programme
    return {
        "version": version,
        "agreement": version.agreement,
        "programme": programme,
        "local_government": programme.local_government,
        "values": values,
        "offered": offered,
        "overrides": overrides,
        "articles": articles,
        "chapters": chapters,
        "n_articles": len(articles),
        "preamble_html": placeholders.render_html(version.preamble, values) if version.preamble else "",
        **annexes,
    }


BLANK = "……………………"


def signing_line(values: dict[str, str]) -> str:
    """ "Opgemaakt te Geel op ……, in twee exemplaren; elke partij ontvangt er één." A place or date not
    given stays a dotted line, to be written by hand on the signed copies."""
    return _("Opgemaakt te %(place)s op %(date)s, in twee exemplaren; elke partij ontvangt er één.") % {
        "place": (values.get("plaats") or "").strip() or BLANK,
        "date": (values.get("datum_ondertekening") or "").strip() or BLANK,
    }


def signatories(lg) -> list[tuple[str, str]]:
    """Who signs for each party beside the algemeen directeur (Decreet lokaal bestuur, art. 279): the
    burgemeester for the gemeente, the voorzitter of the vast bureau for the OCMW."""
    return [
        (lg.gemeente_name, _("De burgemeester")),
        (lg.ocmw_name, _("De voorzitter van het vast bureau")),
    ]


def in_dutch(function):
    """The agreement is an act of a Flemish local government: its PDF and Word file are in Dutch, whatever
    language the person who asks for them reads the screen in."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapper


@in_dutch
def agreement_html(version: AgreementVersion) -> str:
    """The print HTML of one version: ONTWERP on every page until the version is adopted."""
    content = agreement_content(version)
    return render_to_string(
        "agreements/print.html",
        {
            **content,
            "signatories": signatories(content["local_government"]),
            "signing_line": signing_line(content["values"]),
            "document_title": version.title,
            "draft": version.state != AgreementVersion.State.ADOPTED,
            "adopted": version.state == AgreementVersion.State.ADOPTED,
        },
    )


def _base_filename(version: AgreementVersion) -> str:
    programme = version.agreement.programme
    name = slugify(programme.local_government.name)[:60] or str(programme.pk)
    return f"beheersovereenkomst-{name}-v{version.number}"


def agreement_pdf_request(*, user, version: AgreementVersion) -> RenderJob:
    """Ask for the PDF of this version as it is now (anyone who may see it); the worker renders it."""
    return render_job_request(
        user=user,
        source=version,
        kind=AGREEMENT_KIND,
        title=_("Beheersovereenkomst, versie %(n)s") % {"n": version.number},
        html=agreement_html(version),
        filename=f"{_base_filename(version)}.pdf",
    )


_UNREAD = object()


def latest_pdf_job(version: AgreementVersion, staff_update=_UNREAD) -> RenderJob | None:
    """The newest PDF job of the version as it is now: on an adopted version a job made before the
    college's last update of the staff list holds the old list, so the page offers a new PDF instead
    (pass `staff_update` when it was already read)."""
    jobs = RenderJob.objects.for_source(version).filter(kind=AGREEMENT_KIND)
    if version.state == AgreementVersion.State.ADOPTED:
        update = last_staff_update(version) if staff_update is _UNREAD else staff_update
        if update is not None:
            jobs = jobs.filter(created_at__gt=update.at)
    return jobs.order_by("-created_at").first()


def download_log(versions) -> list[DownloadLog]:
    """Every download of the PDFs (and .docx files) of these versions, newest first, in one query."""
    from django.contrib.contenttypes.models import ContentType

    return list(
        DownloadLog.objects.filter(
            job__source_type=ContentType.objects.get_for_model(AgreementVersion),
            job__source_id__in=[v.pk for v in versions],
            job__kind=AGREEMENT_KIND,
        )
        .select_related("user", "job")
        .order_by("-downloaded_at", "-pk")
    )


# --- Word (.docx) ------------------------------------------------------------------------------------


@in_dutch
def agreement_docx(version: AgreementVersion, content: dict | None = None) -> bytes:
    """The same agreement as a Word document: title, parties, numbered articles, annexes.

    Deterministic for a version (fixed document dates), so its checksum identifies the content."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    content = content or agreement_content(version)
    values = content["values"]
    lg = content["local_government"]
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)

    stamp = timezone.make_aware(datetime.combine(version.created_at.date(), time(12)))
    core = document.core_properties
    core.title = version.title
    core.author = "Tandem"
    core.created = stamp
    core.modified = stamp
    core.last_modified_by = "Tandem"
    core.revision = version.number

    if version.state != AgreementVersion.State.ADOPTED:
        draft = document.add_paragraph()
        run = draft.add_run(_("ONTWERP"))
        run.bold = True
        header = document.sections[0].header.paragraphs[0]
        header.text = _("ONTWERP") + " – " + version.title
    document.add_heading(version.title, level=0)
    document.add_paragraph(_("Tussen"))
    document.add_paragraph(f"{lg.gemeente_name}, " + _("hierna de gemeente"), style="List Bullet")
    document.add_paragraph(f"{lg.ocmw_name}, " + _("hierna het OCMW"), style="List Bullet")
    facts = [
        (_("Versie"), f"{version.number} ({version.get_state_display().lower()})"),
    ]
    if version.start_date:
        facts.append((_("Startdatum"), version.start_date.strftime("%d/%m/%Y")))
    if version.state == AgreementVersion.State.ADOPTED:
        facts += _decision_facts(version)
    for label, value in facts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)

    if version.preamble:
        for block in _plain_paragraphs(placeholders.render_plain(version.preamble, values)):
            document.add_paragraph(block)
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    for chapter in content["chapters"]:
        document.add_heading(f"{_('Hoofdstuk')} {chapter.number}. {chapter.label}", level=1)
        for item in chapter.articles:
            service = f" ({item.article.service})" if item.article.service else ""
            document.add_heading(f"{item.label}. {item.article.title}{service}", level=2)
            for block in _plain_paragraphs(placeholders.render_plain(item.article.text, values)):
                document.add_paragraph(block)

    document.add_heading(_("Ondertekening"), level=1)
    if version.state == AgreementVersion.State.ADOPTED:
        document.add_paragraph(
            _(
                "Vastgesteld door de gemeenteraad op %(council)s (beslissing %(council_number)s) en door de "
                "raad voor maatschappelijk welzijn op %(ocmw)s (beslissing %(ocmw_number)s)."
            )
            % {
                "council": _date(version.council_decision_date),
                "council_number": version.council_decision_number or "–",
                "ocmw": _date(version.ocmw_decision_date),
                "ocmw_number": version.ocmw_decision_number or "–",
            }
        )
    else:
        document.add_paragraph(
            _(
                "Deze overeenkomst wordt ondertekend nadat de gemeenteraad en de raad voor maatschappelijk "
                "welzijn ze hebben vastgesteld."
            )
        )
    document.add_paragraph(signing_line(values))
    director = values.get("algemeen_directeur", "")
    for party, chair in signatories(lg):
        document.add_paragraph().add_run(_("Voor %(name)s") % {"name": party}).bold = True
        table = document.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        left.text = _("De algemeen directeur") + (f"\n{director}" if director else "") + "\n\n\n"
        right.text = chair + "\n\n\n"

    document.add_heading(_("Bijlage 1. Gedeelde diensten en kostenverdeling"), level=1)
    services = content["annex_services"]
    if services:
        table = document.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells,
            [_("Dienst"), _("Dienstverlener"), _("Gemeente"), _("OCMW"), _("Verdeelsleutel")],
            strict=True,
        ):
            cell.text = text
        for service in services:
            row = table.add_row().cells
            row[0].text = service.service
            row[1].text = service.get_provider_display()
            row[2].text = _percent(service.gemeente_share)
            row[3].text = _percent(service.ocmw_share)
            row[4].text = service.allocation_basis
    else:
        document.add_paragraph(_("Geen gedeelde diensten opgenomen."))

    document.add_heading(_("Bijlage 2. Personeel ter beschikking gesteld"), level=1)
    staff = content["annex_staff"]
    if staff:
        table = document.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells,
            [_("Naam"), _("Functie"), _("Werkgever"), _("Ingezet bij"), _("VTE")],
            strict=True,
        ):
            cell.text = text
        for person in staff:
            row = table.add_row().cells
            row[0].text = person.name
            row[1].text = person.function
            row[2].text = person.get_employer_display()
            row[3].text = person.service
            row[4].text = _decimal(person.fte)
    else:
        document.add_paragraph(_("Geen personeel ter beschikking gesteld."))
    if content.get("staff_update_line"):
        document.add_paragraph(content["staff_update_line"])

    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The same bytes for the same content: python-docx stamps every zip entry with the current time."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def _decision_facts(version: AgreementVersion) -> list[tuple[str, str]]:
    facts = []
    if version.council_decision_date:
        facts.append(
            (
                _("Beslissing gemeenteraad"),
                _("%(date)s, nummer %(number)s")
                % {
                    "date": version.council_decision_date.strftime("%d/%m/%Y"),
                    "number": version.council_decision_number or "–",
                },
            )
        )
    if version.ocmw_decision_date:
        facts.append(
            (
                _("Beslissing OCMW-raad"),
                _("%(date)s, nummer %(number)s")
                % {
                    "date": version.ocmw_decision_date.strftime("%d/%m/%Y"),
                    "number": version.ocmw_decision_number or "–",
                },
            )
        )
    return facts


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else "–"


def _plain_paragraphs(text: str) -> list[str]:
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block] or [""]


def _decimal(value) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _percent(value) -> str:
    return f"{_decimal(value)} %"


def docx_filename(version: AgreementVersion) -> str:
    return f"{_base_filename(version)}.docx"


@transaction.atomic
def docx_download_record(*, user, version: AgreementVersion, data: bytes) -> DownloadLog:
    """Log a .docx download beside the PDF's downloads: against the version's PDF job (requested if
    needed, so the log names the version), with the .docx's own file name and checksum."""
    job = agreement_pdf_request(user=user, version=version)
    return download_log_record(
        user=user, job=job, filename=docx_filename(version), checksum=hashlib.sha256(data).hexdigest()
    )
