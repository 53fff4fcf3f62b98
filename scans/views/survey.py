"""The staff survey: the consultant's pages, the anonymous results, and the public page behind each
personal link (no account needed)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from programmes.forms import apply_service_errors, carry_stored_version

from ..forms_survey import SCORE_LABELS, InviteForm, ResponseForm, SurveyForm, SurveyQuestionForm
from ..models import Scan, Survey, SurveyInvitation, SurveyQuestion
from ..services import survey as services
from ..services.core import require_consultant
from ..survey_results import survey_summary
from .core import load_scan, scan_context

INVITEES_PER_PAGE = 50


def _survey(scan: Scan) -> Survey:
    return get_object_or_404(Survey, scan=scan)


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _error_message(error: ValidationError) -> str:
    return " ".join(error.messages)


def _counts(survey: Survey) -> dict:
    counts = SurveyInvitation.objects.filter(survey=survey).aggregate(
        invited=Count("pk"),
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        reminded=Count("pk", filter=Q(reminded_at__isnull=False)),
        responded=Count("pk", filter=Q(responded_at__isnull=False)),
        to_remind=Count("pk", filter=Q(responded_at__isnull=True, sent_at__isnull=False)),
    )
    counts["not_sent"] = counts["invited"] - counts["sent"]
    return counts


def _invitee_context(request, survey: Survey) -> dict:
    """The invitee list (consultants only): per dienst and page by page."""
    per_group = list(
        SurveyInvitation.objects.filter(survey=survey)
        .order_by("organisation", "department")
        .values("organisation", "department")
        .annotate(invited=Count("pk"), responded=Count("pk", filter=Q(responded_at__isnull=False)))
    )
    labels = dict(SurveyInvitation._meta.get_field("organisation").choices)
    for row in per_group:
        row["organisation_label"] = labels.get(row["organisation"], row["organisation"])
    paginator = Paginator(SurveyInvitation.objects.filter(survey=survey), INVITEES_PER_PAGE)
    page = paginator.get_page(request.GET.get("pagina"))
    return {"per_group": per_group, "invitees": page, "paginator": paginator}


def _survey_context(request, scan: Scan, survey: Survey, **extra) -> dict:
    context = scan_context(
        request,
        scan,
        "survey",
        survey=survey,
        counts=_counts(survey),
        **extra,
    )
    context["questions_editable"] = (
        context["can_edit"] and context["is_draft"] and survey.state == Survey.State.DRAFT
    )
    context["survey_editable"] = (
        context["can_edit"] and context["is_draft"] and survey.state != Survey.State.CLOSED
    )
    if context["can_edit"]:
        context.update(_invitee_context(request, survey))
    return context


# --- The consultant's pages -----------------------------------------------------------------------


@login_required
@require_GET
def survey(request, pk: int):
    scan = load_scan(request, pk)
    survey = _survey(scan)
    questions = list(survey.questions.order_by("position", "pk"))
    return render(
        request, "scans/survey/survey.html", _survey_context(request, scan, survey, questions=questions)
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request, pk: int):
    scan = load_scan(request, pk, edit=True)
    survey = _survey(scan)
    form = SurveyForm(
        request.POST or None,
        initial={"title": survey.title, "introduction": survey.introduction, "version": survey.version},
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(
                user=request.user,
                survey=survey,
                expected_version=form.cleaned_data.get("version"),
                **{n: form.cleaned_data[n] for n in services.SURVEY_FIELDS},
            )
        except services.StaleSurveyError as error:
            stale = error
            carry_stored_version(form, Survey.objects.get(pk=survey.pk).version)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De titel en de inleiding zijn opgeslagen."))
            return redirect("scans:survey", scan.pk)
    return render(
        request,
        "scans/survey/survey_form.html",
        scan_context(request, scan, "survey", form=form, stale=stale),
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_add(request, pk: int):
    scan = load_scan(request, pk, edit=True)
    survey = _survey(scan)
    form = SurveyQuestionForm(request.POST or None, initial={"kind": SurveyQuestion.Kind.SCORE})
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_question_add(user=request.user, survey=survey, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De vraag is toegevoegd."))
            return redirect("scans:survey", scan.pk)
    return render(
        request,
        "scans/survey/question_form.html",
        scan_context(request, scan, "survey", form=form, survey=survey, question=None),
    )


def _load_question(request, pk: int) -> SurveyQuestion:
    question = get_object_or_404(
        SurveyQuestion.objects.visible_to(request.user).select_related(
            "survey__scan__programme__local_government"
        ),
        pk=pk,
    )
    require_consultant(request.user, question.survey.scan)
    return question


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk: int):
    question = _load_question(request, pk)
    survey = question.survey
    scan = survey.scan
    form = SurveyQuestionForm(
        request.POST or None, initial={"text": question.text, "kind": question.kind, "topic": question.topic}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_question_update(user=request.user, question=question, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De vraag is opgeslagen."))
            return redirect("scans:survey", scan.pk)
    return render(
        request,
        "scans/survey/question_form.html",
        scan_context(request, scan, "survey", form=form, survey=survey, question=question),
    )


@login_required
@require_POST
def question_delete(request, pk: int):
    question = _load_question(request, pk)
    scan = question.survey.scan
    try:
        services.survey_question_delete(user=request.user, question=question)
    except ValidationError as error:
        messages.error(request, _error_message(error))
    else:
        messages.success(request, _("De vraag is verwijderd."))
    return redirect("scans:survey", scan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def invite(request, pk: int):
    scan = load_scan(request, pk, edit=True)
    survey = _survey(scan)
    lg = scan.programme.local_government
    form = InviteForm(request.POST or None, local_government=lg)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.survey_invite(
                user=request.user, survey=survey, base_url=_base_url(request), **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if result.added:
                messages.success(request, services.invite_message(result))
            else:
                messages.info(request, services.invite_message(result))
            return redirect("scans:survey", scan.pk)
    departments = sorted(
        set(survey.invitations.values_list("department", flat=True).distinct())
        | {service.name for service in scan.services.all()} - {""},
        key=str.casefold,
    )
    return render(
        request,
        "scans/survey/invite_form.html",
        scan_context(request, scan, "survey", form=form, survey=survey, departments=departments),
    )


@login_required
@require_POST
def invitation_delete(request, pk: int):
    invitation = get_object_or_404(
        SurveyInvitation.objects.visible_to(request.user).select_related(
            "survey__scan__programme__local_government"
        ),
        pk=pk,
    )
    survey = invitation.survey
    scan = survey.scan
    require_consultant(request.user, scan)
    email = invitation.email
    notice, ok = "", True
    try:
        services.survey_invitation_delete(user=request.user, invitation=invitation)
    except ValidationError as error:
        notice, ok = _error_message(error), False
    else:
        notice = _("%(email)s staat niet meer op de lijst.") % {"email": email}
    if request.htmx:
        survey.refresh_from_db()
        context = _survey_context(request, scan, survey, notice=notice, notice_ok=ok)
        return render(request, "scans/survey/partials/invitees.html", context)
    (messages.success if ok else messages.error)(request, notice)
    return redirect("scans:survey", scan.pk)


@login_required
@require_POST
def survey_open(request, pk: int):
    scan = load_scan(request, pk, edit=True)
    survey = _survey(scan)
    try:
        sent = services.survey_open(user=request.user, survey=survey, base_url=_base_url(request))
    except ValidationError as error:
        messages.error(request, _error_message(error))
    else:
        messages.success(
            request,
            ngettext(
                "De bevraging is open. De uitnodiging wordt verstuurd (%(n)s).",
                "De bevraging is open. De uitnodigingen worden verstuurd (%(n)s). De lijst van "
                "genodigden toont per persoon of de e-mail vertrokken is.",
                sent,
            )
            % {"n": sent},
        )
    return redirect("scans:survey", scan.pk)


@login_required
@require_POST
def survey_remind(request, pk: int):
    scan = load_scan(request, pk, edit=True)
    survey = _survey(scan)
    try:
        sent = services.survey_remind(user=request.user, survey=survey, base_url=_base_url(request))
    except ValidationError as error:
        messages.error(request, _error_message(error))
    else:
        messages.success(
            request,
            ngettext(
                "%(n)s herinnering wordt verstuurd, aan wie nog niet antwoordde.",
                "%(n)s herinneringen worden verstuurd, aan wie nog niet antwoordde.",
                sent,
            )
            % {"n": sent},
        )
    return redirect("scans:survey", scan.pk)


@login_required
@require_POST
def survey_close(request, pk: int):
    scan = load_scan(request, pk, edit=True)
    survey = _survey(scan)
    try:
        services.survey_close(user=request.user, survey=survey)
    except ValidationError as error:
        messages.error(request, _error_message(error))
    else:
        messages.success(request, _("De bevraging is afgesloten. De persoonlijke links werken niet meer."))
    return redirect("scans:survey", scan.pk)


@login_required
@require_GET
def results(request, pk: int):
    """Anonymous results: for the consultants, the approver and the council members alike."""
    scan = load_scan(request, pk)
    survey = _survey(scan)
    summary = survey_summary(survey)
    return render(
        request,
        "scans/survey/results.html",
        scan_context(request, scan, "survey", survey=survey, summary=summary),
    )


# --- The public page behind a personal link --------------------------------------------------------


def _unavailable(request, invitation: SurveyInvitation, reason: str):
    status = 404 if reason == "not_open" else 410
    return render(
        request,
        "scans/survey/respond_unavailable.html",
        {
            "reason": reason,
            "survey": invitation.survey,
            "local_government": invitation.survey.scan.programme.local_government,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def respond(request, token: str):
    """No login: the token is the key. One response per link; the response never knows its link."""
    invitation = (
        SurveyInvitation.objects.select_related("survey__scan__programme__local_government")
        .filter(token=token[:64])
        .first()
    )
    if invitation is None or len(token) > 64:
        raise Http404(_("Deze link bestaat niet."))
    try:
        services.check_available(invitation)
    except services.SurveyUnavailable as unavailable:
        return _unavailable(request, invitation, unavailable.reason)
    survey = invitation.survey
    questions = list(survey.questions.order_by("position", "pk"))
    form = ResponseForm(request.POST or None, questions=questions)
    context = {
        "survey": survey,
        "local_government": survey.scan.programme.local_government,
        "form": form,
        "score_labels": SCORE_LABELS,
    }
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_respond(token=invitation.token, answers=form.answers())
        except services.SurveyUnavailable as unavailable:
            return _unavailable(request, invitation, unavailable.reason)
        except SurveyInvitation.DoesNotExist as missing:
            raise Http404(_("Deze link bestaat niet.")) from missing
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return render(request, "scans/survey/respond_done.html", context)
    return render(request, "scans/survey/respond.html", context)
