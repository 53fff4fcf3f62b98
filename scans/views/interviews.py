"""The interviews section of the scan: the interview guide, the key witnesses, the interviews (recorded
during the conversation, with autosave) and the findings. Thin views over scans.services.interviews.

Witness names are personal data: the witness list and the interview pages are for the consultants of
the local government only (others get 403 on the scan's pages and 404 on a witness or an interview);
approvers and council members see counts per group and the findings, with sources as groups unless the
witness agreed to be quoted by name.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from programmes.forms import apply_service_errors, carry_stored_version

from ..forms_interviews import FindingForm, GuideQuestionForm, InterviewForm, WitnessForm, pk_text_ok
from ..models import Finding, GuideQuestion, Interview, Scan, Theme, Witness
from ..services import interviews as services
from ..services.core import require_consultant
from .core import load_scan, scan_context

SECTION = "interviews"
SCAN_PATH = "scan__programme__local_government"
INTERVIEWS_PER_PAGE = 25
PAGE_PARAM = "pagina"


def _refused(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _context(request, scan: Scan, subnav: str, **extra) -> dict:
    return scan_context(request, scan, SECTION, subnav=subnav, **extra)


def _int_or_404(value: str) -> int:
    if not pk_text_ok(value or ""):
        raise Http404
    return int(value)


def _load_question(request, pk: int) -> GuideQuestion:
    return get_object_or_404(GuideQuestion.objects.visible_to(request.user).select_related(SCAN_PATH), pk=pk)


def _load_witness(request, pk: int) -> Witness:
    """Witnesses are visible to the consultants only: 404 for everyone else."""
    return get_object_or_404(Witness.objects.visible_to(request.user).select_related(SCAN_PATH), pk=pk)


def _load_interview(request, pk: int) -> Interview:
    """An interview shows its witness's name: like the witness, only the consultants reach it."""
    return get_object_or_404(
        Interview.objects.visible_to(request.user)
        .filter(witness__in=Witness.objects.visible_to(request.user))
        .select_related(SCAN_PATH, "witness", "interviewer"),
        pk=pk,
    )


def _load_finding(request, pk: int) -> Finding:
    return get_object_or_404(Finding.objects.visible_to(request.user).select_related(SCAN_PATH), pk=pk)


def _guide_url(scan_pk: int, question_pk: int | None = None) -> str:
    url = reverse("scans:guide", args=[scan_pk])
    return f"{url}#vraag-{question_pk}" if question_pk else url


# --- Landing page: the interviews -----------------------------------------------------------------


@login_required
@require_GET
def interviews(request, pk: int):
    scan = load_scan(request, pk)
    context = _context(request, scan, "interviews")
    if context["can_edit"]:
        # ?pagina=N: Paginator.get_page shows the first page for a bad number, the last for one too high
        paginator = Paginator(services.interview_rows(scan), INTERVIEWS_PER_PAGE)
        page = paginator.get_page(request.GET.get(PAGE_PARAM))
        context.update(
            interviews=list(page.object_list),
            page=page,
            page_range=list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
            n_questions=scan.questions.count(),
            n_witnesses=scan.witnesses.count(),
            n_findings=scan.findings.count(),
        )
    else:
        groups = services.interviews_per_group(scan)
        context.update(
            groups=groups,
            n_interviews=sum(row["interviews"] for row in groups),
            n_questions=scan.questions.count(),
            n_findings=scan.findings.count(),
        )
    return render(request, "scans/interviews/interview_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def interview_add(request, pk: int):
    scan = load_scan(request, pk, edit=True)
    initial = {"held_on": timezone.localdate()}
    if services.interviewer_choices(scan).filter(pk=request.user.pk).exists():
        initial["interviewer"] = request.user.pk
    chosen = request.GET.get("getuige", "")
    if pk_text_ok(chosen):
        initial["witness"] = int(chosen)
    form = InterviewForm(request.POST or None, scan=scan, new=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            interview = services.interview_add(
                user=request.user,
                scan=scan,
                held_on=data["held_on"],
                interviewer=data["interviewer"],
                witness=data.get("witness"),
                new_witness=form.new_witness(),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Het interview met %(name)s staat klaar. Noteer hier tijdens het gesprek.")
                % {"name": interview.witness.name},
            )
            return redirect("scans:interview_record", interview.pk)
    return render(
        request,
        "scans/interviews/interview_form.html",
        _context(request, scan, "interviews", form=form, interview=None),
    )


@login_required
@require_http_methods(["GET", "POST"])
def interview_edit(request, pk: int):
    interview = _load_interview(request, pk)
    scan = interview.scan
    require_consultant(request.user, scan)
    initial = {
        "held_on": interview.held_on,
        "witness": interview.witness_id,
        "interviewer": interview.interviewer_id,
        "summary": interview.summary,
    }
    form = InterviewForm(request.POST or None, scan=scan, new=False, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.interview_update(user=request.user, interview=interview, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De gegevens van het interview zijn opgeslagen."))
            return redirect("scans:interview_record", interview.pk)
    return render(
        request,
        "scans/interviews/interview_form.html",
        _context(request, scan, "interviews", form=form, interview=interview),
    )


@login_required
@require_POST
def interview_delete(request, pk: int):
    interview = _load_interview(request, pk)
    scan = interview.scan
    require_consultant(request.user, scan)
    try:
        services.interview_delete(user=request.user, interview=interview)
    except ValidationError as error:
        _refused(request, error)
        return redirect("scans:interview_edit", interview.pk)
    messages.success(
        request, _("Het interview met %(name)s is verwijderd.") % {"name": interview.witness.name}
    )
    return redirect("scans:interviews", scan.pk)


# --- Recording an interview -----------------------------------------------------------------------


def _record_themes(interview: Interview, posted=None, errors: dict | None = None) -> list:
    """The guide per theme, each question with what was stored (or just typed) and its errors."""
    themes = services.guide_by_theme(interview.scan)
    answers = {a.question_id: a for a in interview.answers.all()}
    errors = errors or {}
    for block in themes:
        for question in block.items:
            answer = answers.get(question.pk)
            notes_key = services.answer_key(question.pk, "notes")
            score_key = services.answer_key(question.pk, "score")
            question.notes_key, question.score_key = notes_key, score_key
            question.answer = answer
            if posted is not None and notes_key in posted:
                question.notes_value = posted.get(notes_key, "")
                question.score_value = posted.get(score_key, "")
            else:
                question.notes_value = answer.notes if answer else ""
                question.score_value = str(answer.score) if answer and answer.score else ""
            question.notes_errors = errors.get(notes_key, [])
            question.score_errors = errors.get(score_key, [])
    return themes


SCORE_LABELS = [
    ("1", gettext_lazy("1 – zeer zwak")),
    ("2", gettext_lazy("2 – zwak")),
    ("3", gettext_lazy("3 – gemiddeld")),
    ("4", gettext_lazy("4 – sterk")),
    ("5", gettext_lazy("5 – zeer sterk")),
]


@login_required
@require_http_methods(["GET", "POST"])
def interview_record(request, pk: int):
    interview = _load_interview(request, pk)
    scan = interview.scan
    posted, errors, general_errors = None, {}, []
    if request.method == "POST":
        require_consultant(request.user, scan)
        posted = request.POST
        questions = scan.questions.values_list("pk", flat=True)
        answers = {
            qid: services.AnswerInput(
                posted.get(services.answer_key(qid, "notes")),
                posted.get(services.answer_key(qid, "score"), ""),
            )
            for qid in questions
            if services.answer_key(qid, "notes") in posted
        }
        try:
            services.answers_save(
                user=request.user, interview=interview, answers=answers, summary=posted.get("summary")
            )
        except services.PartlySaved as error:
            errors = error.message_dict
        except ValidationError as error:
            general_errors = error.messages
        else:
            messages.success(request, _("Alle antwoorden zijn opgeslagen."))
            return redirect("scans:interview_record", interview.pk)
        interview.refresh_from_db(fields=["summary", "updated_at"])
    themes = _record_themes(interview, posted, errors)
    error_links = [
        (question, message)
        for block in themes
        for question in block.items
        for message in question.notes_errors + question.score_errors
    ]
    summary_value = posted.get("summary", interview.summary) if posted is not None else interview.summary
    n_questions = sum(len(block.items) for block in themes)
    n_answered = sum(
        1 for block in themes for q in block.items if q.answer and (q.answer.notes or q.answer.score)
    )
    return render(
        request,
        "scans/interviews/interview_record.html",
        _context(
            request,
            scan,
            "interviews",
            interview=interview,
            themes=themes,
            score_labels=SCORE_LABELS,
            error_links=error_links,
            general_errors=general_errors,
            summary_value=summary_value,
            summary_errors=errors.get("summary", []),
            n_questions=n_questions,
            n_answered=n_answered,
        ),
        status=200,
    )


@login_required
@require_POST
def interview_answer(request, pk: int):
    """Autosave of one question (or of the general impression): answers a small status partial."""
    interview = _load_interview(request, pk)
    require_consultant(request.user, interview.scan)
    question = None
    if request.POST.get("question"):
        question = get_object_or_404(
            GuideQuestion.objects.filter(scan_id=interview.scan_id), pk=_int_or_404(request.POST["question"])
        )
    elif "summary" not in request.POST:
        raise Http404
    state, message, refused = "ok", "", ""
    try:
        if question is not None:
            services.answer_save(
                user=request.user,
                interview=interview,
                question=question,
                notes=request.POST.get(services.answer_key(question.pk, "notes")),
                score=request.POST.get(services.answer_key(question.pk, "score")),
            )
        else:
            services.interview_summary_save(
                user=request.user, interview=interview, summary=request.POST["summary"]
            )
    except services.PartlySaved as error:
        state, message = "partial", " ".join(error.messages)
        refused = (
            "notes"
            if any(key.endswith("-notes") or key == "summary" for key in error.error_dict)
            else "score"
        )
    except ValidationError as error:
        state, message = "error", " ".join(error.messages)
    if not request.htmx:
        if state == "ok":
            messages.success(request, _("Opgeslagen."))
        else:
            messages.error(request, message)
        return redirect("scans:interview_record", interview.pk)
    return render(
        request,
        "scans/interviews/partials/answer_status.html",
        {"state": state, "message": message, "refused": refused, "saved_at": timezone.now()},
    )


# --- Interview guide ------------------------------------------------------------------------------


@login_required
@require_GET
def guide(request, pk: int):
    scan = load_scan(request, pk)
    themes = services.guide_by_theme(scan, with_counts=True)
    return render(
        request,
        "scans/interviews/guide.html",
        _context(
            request, scan, "guide", themes=themes, n_questions=sum(len(block.items) for block in themes)
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_add(request, pk: int):
    scan = load_scan(request, pk, edit=True)
    theme = request.GET.get("thema", "")
    form = GuideQuestionForm(request.POST or None, initial={"theme": theme if theme in Theme.values else ""})
    if request.method == "POST" and form.is_valid():
        try:
            question = services.question_add(
                user=request.user, scan=scan, **{n: form.cleaned_data[n] for n in services.QUESTION_FIELDS}
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De vraag is toegevoegd aan de leidraad."))
            return redirect(_guide_url(scan.pk, question.pk))
    return render(
        request,
        "scans/interviews/question_form.html",
        _context(request, scan, "guide", form=form, question=None),
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk: int):
    question = _load_question(request, pk)
    scan = question.scan
    require_consultant(request.user, scan)
    initial = {"theme": question.theme, "text": question.text, "asks_score": question.asks_score}
    form = GuideQuestionForm(request.POST or None, initial={**initial, "version": question.version})
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(
                user=request.user,
                question=question,
                expected_version=form.cleaned_data.get("version"),
                **{n: form.cleaned_data[n] for n in services.QUESTION_FIELDS},
            )
        except services.StaleQuestionError as error:
            stale = error
            carry_stored_version(form, GuideQuestion.objects.get(pk=question.pk).version)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De vraag is gewijzigd."))
            return redirect(_guide_url(scan.pk, question.pk))
    return render(
        request,
        "scans/interviews/question_form.html",
        _context(
            request,
            scan,
            "guide",
            form=form,
            question=question,
            n_answered=services.question_answer_count(question),
            stale=stale,
        ),
    )


@login_required
@require_POST
def question_move(request, pk: int):
    question = _load_question(request, pk)
    require_consultant(request.user, question.scan)
    direction = request.POST.get("direction", "")
    try:
        services.question_move(user=request.user, question=question, direction=direction)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("De vraag is een plaats omhoog geschoven.")
            if direction == "up"
            else _("De vraag is een plaats omlaag geschoven."),
        )
    return redirect(_guide_url(question.scan_id, question.pk))


@login_required
@require_POST
def question_delete(request, pk: int):
    question = _load_question(request, pk)
    require_consultant(request.user, question.scan)
    try:
        services.question_delete(user=request.user, question=question)
    except ValidationError as error:
        _refused(request, error)
        return redirect(_guide_url(question.scan_id, question.pk))
    messages.success(request, _("De vraag is uit de leidraad verwijderd."))
    return redirect(_guide_url(question.scan_id))


# --- Witnesses ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def witnesses(request, pk: int):
    scan = load_scan(request, pk, edit=True)
    form = WitnessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            witness = services.witness_add(user=request.user, scan=scan, data=form.data_object())
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s is toegevoegd als getuige.") % {"name": witness.name})
            return redirect("scans:witnesses", scan.pk)
    return render(
        request,
        "scans/interviews/witness_list.html",
        _context(request, scan, "witnesses", form=form, witnesses=list(services.witness_rows(scan))),
    )


@login_required
@require_http_methods(["GET", "POST"])
def witness_edit(request, pk: int):
    witness = _load_witness(request, pk)
    scan = witness.scan
    require_consultant(request.user, scan)
    initial = {
        name: getattr(witness, name)
        for name in ("name", "function", "organisation", "group", "consents_to_quote")
    }
    form = WitnessForm(request.POST or None, initial={**initial, "version": witness.version})
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.witness_update(
                user=request.user,
                witness=witness,
                data=form.data_object(),
                expected_version=form.cleaned_data.get("version"),
            )
        except services.StaleWitnessError as error:
            stale = error
            carry_stored_version(form, Witness.objects.get(pk=witness.pk).version)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De gegevens van de getuige zijn opgeslagen."))
            return redirect("scans:witnesses", scan.pk)
    return render(
        request,
        "scans/interviews/witness_form.html",
        _context(
            request,
            scan,
            "witnesses",
            form=form,
            witness=witness,
            n_interviews=witness.interviews.count(),
            stale=stale,
        ),
    )


@login_required
@require_POST
def witness_delete(request, pk: int):
    witness = _load_witness(request, pk)
    scan = witness.scan
    require_consultant(request.user, scan)
    try:
        services.witness_delete(user=request.user, witness=witness)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("%(name)s is verwijderd als getuige.") % {"name": witness.name})
    return redirect("scans:witnesses", scan.pk)


# --- Findings -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def findings(request, pk: int):
    scan = load_scan(request, pk, edit=request.method == "POST")
    context = _context(request, scan, "findings")
    form = None
    if context["can_edit"]:
        form = FindingForm(request.POST or None, scan=scan)
        if request.method == "POST" and form.is_valid():
            try:
                services.finding_add(user=request.user, scan=scan, data=form.data_object())
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("De bevinding is toegevoegd."))
                return redirect("scans:findings", scan.pk)
    context.update(form=form, groups=services.findings_grouped(scan))
    return render(request, "scans/interviews/finding_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def finding_edit(request, pk: int):
    finding = _load_finding(request, pk)
    scan = finding.scan
    require_consultant(request.user, scan)
    initial = {
        "kind": finding.kind,
        "text": finding.text,
        "theme": finding.theme,
        "quote": finding.quote,
        "witness": finding.witness_id,
        "is_key": finding.is_key,
    }
    form = FindingForm(request.POST or None, scan=scan, initial={**initial, "version": finding.version})
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_update(
                user=request.user,
                finding=finding,
                data=form.data_object(),
                expected_version=form.cleaned_data.get("version"),
            )
        except services.StaleFindingError as error:
            stale = error
            carry_stored_version(form, Finding.objects.get(pk=finding.pk).version)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De bevinding is gewijzigd."))
            return redirect(reverse("scans:findings", args=[scan.pk]) + f"#bevinding-{finding.pk}")
    return render(
        request,
        "scans/interviews/finding_form.html",
        _context(request, scan, "findings", form=form, finding=finding, stale=stale),
    )


@login_required
@require_POST
def finding_toggle_key(request, pk: int):
    finding = _load_finding(request, pk)
    require_consultant(request.user, finding.scan)
    try:
        finding = services.finding_toggle_key(user=request.user, finding=finding)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("De bevinding is nu een kernbevinding.")
            if finding.is_key
            else _("De bevinding is geen kernbevinding meer."),
        )
    return redirect(reverse("scans:findings", args=[finding.scan_id]) + f"#bevinding-{finding.pk}")


@login_required
@require_POST
def finding_delete(request, pk: int):
    finding = _load_finding(request, pk)
    require_consultant(request.user, finding.scan)
    try:
        services.finding_delete(user=request.user, finding=finding)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("De bevinding is verwijderd."))
    return redirect("scans:findings", finding.scan_id)
