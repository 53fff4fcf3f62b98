"""The scan report: HTML for the PDF pipeline (documents) and the same report as an editable Word file.

Both read scans.results and scans.advice, and the same tables (scans.charts.DataTable and the builders
below), so the PDF, the Word file and the results page show the same numbers. Witnesses appear as groups;
only those who agreed to be quoted appear by name (Witness.public_label()).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.models import RenderJob
from documents.services import render_job_request

from .advice import Advice, scenario_advice
from .charts import DataTable, gap_chart, gap_table, question_table, radar_chart, radar_table, score
from .models import Scan
from .results import ScanResults, ServiceResult, scan_results

REPORT_KIND = "scan_report"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The sections of the report, in order: the table of contents and the Word headings use the same list.
SECTIONS = [
    ("aanpak", gettext_lazy("Aanpak")),
    ("kernbevindingen", gettext_lazy("Kernbevindingen")),
    ("interviews", gettext_lazy("Interviews per thema")),
    ("bevraging", gettext_lazy("Personeelsbevraging")),
    ("diensten", gettext_lazy("Ondersteunende diensten")),
    ("advies", gettext_lazy("Advies samenwerkingsscenario")),
    ("getuigen", gettext_lazy("Bijlage: getuigen")),
]


def _money(value) -> str:
    return "€ " + number_format(value, 2, force_grouping=True)


def _percent(rate: float | None) -> str:
    return "–" if rate is None else f"{round(rate * 100)} %"


# --- Tables of the report -------------------------------------------------------------------------


def products_table(service: ServiceResult) -> DataTable:
    """Per product: users, staff (VTE), running costs, current and desired quality, decision (VVSG 2-4, 7)."""
    return DataTable(
        caption=_("Producten en dienstverlening van %(service)s") % {"service": service.name},
        headers=[
            _("Product"),
            _("Gebruikers"),
            _("VTE gemeente / OCMW"),
            _("Werkingskosten per jaar"),
            _("Kwaliteit huidig → gewenst"),
            _("Beslissing"),
        ],
        rows=[
            [
                p.name,
                p.users or "–",
                f"{number_format(p.fte_gemeente, 2)} / {number_format(p.fte_ocmw, 2)}",
                _money(p.running_costs),
                f"{score(p.current)} → {score(p.desired)}",
                p.decision_label or _("Nog niet beslist"),
            ]
            for p in service.products
        ],
        numeric=frozenset({2, 3, 4}),
    )


def witness_table(results: ScanResults) -> DataTable:
    return DataTable(
        caption=_("Bevoorrechte getuigen per groep"),
        headers=[_("Groep"), _("Organisatie"), _("Getuigen"), _("Interviews")],
        rows=[
            [g.group_label, g.organisation_label, str(g.witnesses), str(g.interviews)]
            for g in results.witness_groups
        ],
        numeric=frozenset({2, 3}),
    )


def survey_rate_table(summary) -> DataTable:
    rows = [[o.label, str(o.invited), str(o.responded), _percent(o.rate)] for o in summary.by_organisation]
    rows.append([_("Totaal"), str(summary.invited), str(summary.responded), _percent(summary.rate)])
    return DataTable(
        caption=_("Respons op de personeelsbevraging"),
        headers=[_("Organisatie"), _("Uitgenodigd"), _("Geantwoord"), _("Respons")],
        rows=rows,
        numeric=frozenset({1, 2, 3}),
    )


def survey_groups_table(summary) -> DataTable | None:
    if summary.too_few or not summary.groups:
        return None
    questions = [q.question for q in summary.groups[0].scores]
    return DataTable(
        caption=_("Gemiddelde score per groep van medewerkers (1 tot 5)"),
        headers=[_("Groep"), _("Antwoorden"), *questions],
        rows=[[g.label, str(g.size), *[score(q.average) for q in g.scores]] for g in summary.groups],
        numeric=frozenset(range(1, len(questions) + 2)),
    )


@dataclass
class ReportData:
    """Everything the report shows, computed once for the PDF and the Word file."""

    scan: Scan
    results: ScanResults
    advice: Advice
    generated_on: object
    confirmed_by: str

    @property
    def draft(self) -> bool:
        return self.scan.state == Scan.State.DRAFT

    @property
    def theme_table(self) -> DataTable:
        return radar_table(self.results.themes)

    @property
    def question_tables(self) -> list[tuple[object, DataTable]]:
        return [(t, question_table(t)) for t in self.results.themes if t.questions]

    @property
    def services_table(self) -> DataTable:
        return gap_table(self.results.services)

    @property
    def service_tables(self) -> list[tuple[ServiceResult, DataTable]]:
        return [(s, products_table(s)) for s in self.results.services]

    @property
    def witness_table(self) -> DataTable:
        return witness_table(self.results)

    @property
    def survey_rate_table(self) -> DataTable | None:
        return survey_rate_table(self.results.survey) if self.results.survey else None

    @property
    def survey_groups_table(self) -> DataTable | None:
        return survey_groups_table(self.results.survey) if self.results.survey else None

    @property
    def confirmed_label(self) -> str:
        from programmes.models import Scenario

        value = self.scan.confirmed_scenario
        return str(Scenario(value).label) if value in Scenario.values else ""

    @property
    def approach(self) -> list[str]:
        """The sentences of the section Aanpak."""
        r = self.results
        sentences = []
        period = r.interview_period
        if r.interview_count:
            text = _("%(n)s interviews met %(w)s bevoorrechte getuigen") % {
                "n": r.interview_count,
                "w": r.witness_count,
            }
            if period:
                text += " " + _("tussen %(first)s en %(last)s") % {
                    "first": date_format(period[0], "SHORT_DATE_FORMAT"),
                    "last": date_format(period[1], "SHORT_DATE_FORMAT"),
                }
            sentences.append(text + ".")
        else:
            sentences.append(_("Er zijn nog geen interviews afgenomen."))
        survey = r.survey
        if survey and survey.invited:
            sentences.append(
                _(
                    "Een anonieme personeelsbevraging: %(r)s van de %(i)s uitgenodigde medewerkers "
                    "antwoordden (%(p)s)."
                )
                % {"r": survey.responded, "i": survey.invited, "p": _percent(survey.rate)}
            )
        else:
            sentences.append(_("De personeelsbevraging is nog niet verstuurd."))
        sentences.append(
            _(
                "Een analyse van %(n)s ondersteunende diensten volgens het afwegingskader van de VVSG; "
                "%(a)s ervan hebben een totaalscenario."
            )
            % {"n": len(r.services), "a": len(r.assessed_services)}
        )
        return sentences


def report_data(scan: Scan) -> ReportData:
    scan = Scan.objects.select_related("programme__local_government", "confirmed_by").get(pk=scan.pk)
    results = scan_results(scan, products=True)
    by = scan.confirmed_by
    return ReportData(
        scan=scan,
        results=results,
        advice=scenario_advice(results),
        # The day, not the minute: asking again the same day for an unchanged scan reuses the PDF.
        generated_on=timezone.localdate(),
        confirmed_by=(by.get_full_name() or by.username) if by else "",
    )


# --- PDF --------------------------------------------------------------------------------------------


def report_html(scan: Scan) -> str:
    """The print HTML of the scan report; equal HTML means an equal version (rendered once)."""
    data = report_data(scan)
    results = data.results
    return render_to_string(
        "scans/report_print.html",
        {
            "document_title": _("Rapport organisatiescan"),
            "draft": data.draft,
            "data": data,
            "scan": data.scan,
            "programme": data.scan.programme,
            "local_government": data.scan.programme.local_government,
            "results": results,
            "advice": data.advice,
            "sections": SECTIONS,
            "radar": radar_chart(results.themes, chart_id="rapport-radar") if results.scored_answers else "",
            "gap": gap_chart(results.scored_services, chart_id="rapport-kloof")
            if results.scored_services
            else "",
        },
    )


def report_filename(scan: Scan, extension: str) -> str:
    slug = slugify(scan.programme.title)[:60] or str(scan.pk)
    return f"rapport-organisatiescan-{slug}.{extension}"


def report_request(*, user, scan: Scan) -> RenderJob:
    """Ask for the report PDF of the scan as it is now (anyone who may see the scan)."""
    return render_job_request(
        user=user,
        source=scan,
        kind=REPORT_KIND,
        title=_("Rapport organisatiescan"),
        html=report_html(scan),
        filename=report_filename(scan, "pdf"),
    )


def latest_report_job(scan: Scan) -> RenderJob | None:
    return RenderJob.objects.for_source(scan).filter(kind=REPORT_KIND).order_by("-created_at").first()


# --- Word ---------------------------------------------------------------------------------------------


def _docx_table(document, table: DataTable) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    caption = document.add_paragraph(table.caption, style="Caption")
    caption.paragraph_format.keep_with_next = True
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    header = grid.rows[0]
    # The header row repeats on every page.
    tr_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for n, text in enumerate(table.headers):
        cell = header.cells[n]
        cell.text = ""
        run = cell.paragraphs[0].add_run(str(text))
        run.bold = True
        if n in table.numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows:
        cells = grid.add_row().cells
        for n, text in enumerate(row):
            cells[n].text = str(text)
            if n in table.numeric:
                cells[n].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph()


def _docx_toc(document) -> None:
    """A Word table-of-contents field; Word fills it in when the fields are updated (F9)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = document.add_paragraph()
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = 'TOC \\o "1-2" \\h \\z \\u'
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = _("Klik met de rechtermuisknop en kies 'Veld bijwerken' om de inhoudstafel te tonen.")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, code, separate, placeholder, end):
        run._r.append(element)
    # Ask Word to update the fields when the file opens.
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def report_docx(scan: Scan) -> bytes:
    """The same report as an editable Word file: a title page, the same sections, charts as their tables."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt, RGBColor

    data = report_data(scan)
    r, advice, s = data.results, data.advice, data.scan
    programme, lg = s.programme, s.programme.local_government
    red = RGBColor(0xA3, 0x26, 0x2A)

    document = Document()
    document.core_properties.title = f"{_('Rapport organisatiescan')} – {programme.title}"
    document.core_properties.author = "Tandem"
    document.styles["Normal"].font.size = Pt(10.5)
    section = document.sections[0]
    if data.draft:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = header.add_run(_("ONTWERP"))
        run.bold = True
        run.font.color.rgb = red

    # Title page
    kicker = document.add_paragraph()
    kicker.add_run(_("Rapport organisatiescan").upper()).bold = True
    document.add_heading(programme.title, level=0)
    document.add_paragraph(lg.name).runs[0].font.size = Pt(14)
    facts = [
        (_("Gemeente"), lg.gemeente_name),
        (_("OCMW"), lg.ocmw_name),
        (_("Stand"), _("Ontwerp") if data.draft else _("Afgerond")),
        (_("Opgemaakt op"), date_format(data.generated_on, "SHORT_DATE_FORMAT")),
    ]
    for label, value in facts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(str(value))
    if data.draft:
        warning = document.add_paragraph().add_run(_("Ontwerp: nog niet goedgekeurd"))
        warning.bold = True
        warning.font.color.rgb = red
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    document.add_paragraph(_("Inhoud"), style="TOC Heading")  # not a heading: not in its own list
    _docx_toc(document)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    titles = dict(SECTIONS)

    # Aanpak
    document.add_heading(str(titles["aanpak"]), level=1)
    document.add_paragraph(
        _(
            "Deze scan brengt het vertrekpunt van de samenwerking tussen %(g)s en %(o)s in kaart, "
            "langs drie sporen:"
        )
        % {"g": lg.gemeente_name, "o": lg.ocmw_name}
    )
    for sentence in data.approach:
        document.add_paragraph(sentence, style="List Bullet")
    if r.witness_groups:
        _docx_table(document, data.witness_table)

    # Kernbevindingen
    document.add_heading(str(titles["kernbevindingen"]), level=1)
    for heading, findings, empty in (
        (_("Sterktes"), r.strengths, _("Nog geen sterktes als kernbevinding aangeduid.")),
        (_("Risico's"), r.risks, _("Nog geen risico's als kernbevinding aangeduid.")),
    ):
        document.add_heading(heading, level=2)
        if not findings:
            document.add_paragraph(empty)
        for f in findings:
            paragraph = document.add_paragraph(style="List Bullet")
            if f.theme_label:
                paragraph.add_run(f"{f.theme_label}: ").bold = True
            paragraph.add_run(f.text)
            if f.quote:
                quote = document.add_paragraph(style="Quote")
                quote.add_run(f"“{f.quote}”")
                if f.source:
                    quote.add_run(f" – {f.source}")
    if r.other_findings:
        document.add_heading(_("Andere bevindingen"), level=2)
        for f in r.other_findings:
            document.add_paragraph(f"{f.kind_label}: {f.text}", style="List Bullet")

    # Interviews per thema
    document.add_heading(str(titles["interviews"]), level=1)
    if r.scored_answers:
        document.add_paragraph(
            _(
                "Gemiddelde score per thema op een schaal van 1 (zwak) tot 5 (sterk). Getuigen die voor "
                "beide organisaties spreken, tellen bij de gemeente en bij het OCMW."
            )
        )
        _docx_table(document, data.theme_table)
        for theme, table in data.question_tables:
            document.add_heading(theme.label, level=2)
            _docx_table(document, table)
    else:
        document.add_paragraph(_("Nog geen interviews met scores."))

    # Personeelsbevraging
    document.add_heading(str(titles["bevraging"]), level=1)
    if data.survey_rate_table and r.survey.invited:
        _docx_table(document, data.survey_rate_table)
        if data.survey_groups_table:
            _docx_table(document, data.survey_groups_table)
        else:
            document.add_paragraph(
                _("Te weinig antwoorden om scores te tonen zonder de anonimiteit in gevaar te brengen.")
            )
        for question, answers in (r.survey.open_answers or {}).items():
            if answers:
                document.add_heading(question, level=2)
                for answer in answers:
                    document.add_paragraph(answer, style="List Bullet")
    else:
        document.add_paragraph(_("Nog geen antwoorden op de personeelsbevraging."))

    # Ondersteunende diensten
    document.add_heading(str(titles["diensten"]), level=1)
    _docx_table(document, data.services_table)
    for service, table in data.service_tables:
        document.add_heading(service.name, level=2)
        paragraph = document.add_paragraph()
        paragraph.add_run(_("Totaalscenario: ")).bold = True
        paragraph.add_run(service.total_scenario_label or _("Nog niet gekozen"))
        if service.total_scenario_note:
            document.add_paragraph(service.total_scenario_note)
        if service.products:
            _docx_table(document, table)
        else:
            document.add_paragraph(_("Nog geen producten of dienstverlening beschreven."))

    # Advies
    document.add_heading(str(titles["advies"]), level=1)
    paragraph = document.add_paragraph()
    if advice.has_advice:
        paragraph.add_run(_("Advies: ")).bold = True
        paragraph.add_run(advice.label)
    for reason in advice.reasons:
        document.add_paragraph(reason, style="List Bullet")
    if s.confirmed_scenario:
        paragraph = document.add_paragraph()
        paragraph.add_run(_("Gekozen scenario: ")).bold = True
        paragraph.add_run(data.confirmed_label)
        if s.confirmed_at:
            paragraph.add_run(
                " "
                + _("(bevestigd door %(who)s op %(when)s)")
                % {
                    "who": data.confirmed_by,
                    "when": date_format(timezone.localtime(s.confirmed_at), "SHORT_DATE_FORMAT"),
                }
            )
        if s.scenario_reason:
            document.add_paragraph(_("Motivering: %(reason)s") % {"reason": s.scenario_reason})
    else:
        document.add_paragraph(_("De consultant heeft het scenario nog niet bevestigd."))

    # Bijlage: getuigen
    document.add_heading(str(titles["getuigen"]), level=1)
    document.add_paragraph(
        _("Getuigen verschijnen als groep. Alleen wie toestemming gaf, staat hieronder met naam vermeld.")
    )
    if r.witness_groups:
        _docx_table(document, data.witness_table)
    if r.named_witnesses:
        document.add_heading(_("Met naam, met hun toestemming"), level=2)
        for name in r.named_witnesses:
            document.add_paragraph(name, style="List Bullet")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
