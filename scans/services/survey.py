"""The staff survey: questions, invitees, opening, reminders, closing, and the anonymous responses.

A response never points to its invitation: the invitation only records that (and on which day) its
invitee answered, the response only the invitee's group (organisation and dienst) and the day.
"""

from __future__ import annotations

import logging
import re
import smtplib
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import (
    Organisation,
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
)
from .core import require_consultant, require_draft
from .vvsg import StaleServiceError, stale_changes

MAX_EMAILS_PER_PASTE = 2000
MAX_OPEN_ANSWER = 5000
MAX_QUESTION_TEXT = 1000
INVITEE_ORGANISATIONS = (Organisation.GEMEENTE, Organisation.OCMW)
MAX_ERRORS_SHOWN = 20
_SEPARATORS = re.compile(r"[;,]")
_ANGLE = re.compile(r"<([^<>]*)>")

logger = logging.getLogger(__name__)


class SurveyUnavailable(Exception):
    """The personal link cannot be used (any more): `reason` is "answered", "closed" or "not_open"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class InviteResult:
    added: int
    skipped: int  # already on the list, or twice in what was pasted
    sent: int  # invitations on their way now (the survey is open; a task mails them)


# --- Helpers --------------------------------------------------------------------------------------


def _lock(survey: Survey) -> Survey:
    return (
        Survey.objects.select_for_update()
        .select_related("scan__programme__local_government")
        .get(pk=survey.pk)
    )


def _require_state(survey: Survey, *states: str, message: str) -> None:
    if survey.state not in states:
        raise ValidationError(message)


def _require_questions_editable(survey: Survey) -> None:
    require_draft(survey.scan)
    _require_state(
        survey,
        Survey.State.DRAFT,
        message=_("De bevraging is al geopend: de vragen kunnen niet meer wijzigen."),
    )


def survey_link(invitation: SurveyInvitation, *, base_url: str) -> str:
    """The personal link of an invitation, absolute (base_url is e.g. request.build_absolute_uri("/"))."""
    return base_url.rstrip("/") + reverse("scans:survey_respond", args=[invitation.token])


# --- Mailing (run by scans.tasks, outside the web request) ----------------------------------------

# A refused recipient will be refused again: that invitation is skipped, the others still go out.
PERMANENT_MAIL_ERRORS: tuple[type[BaseException], ...] = (smtplib.SMTPRecipientsRefused,)


def _enqueue(task_name: str, **kwargs) -> None:
    """Hand the mails to a worker (eagerly, in-process, without a broker). A broker that is down leaves
    the invitations unsent (the list says so); the next run of the invitation task (e.g. when more
    addresses are added) picks them up, since it mails every invitation without sent_at."""
    from .. import tasks

    try:
        getattr(tasks, task_name).apply_async(kwargs=kwargs)
    except Exception:
        logger.exception("Could not enqueue %s for survey %s", task_name, kwargs.get("survey_id"))


def _enqueue_on_commit(task_name: str, **kwargs) -> None:
    transaction.on_commit(lambda: _enqueue(task_name, **kwargs))


def _message(survey: Survey, invitation: SurveyInvitation, *, kind: str, base_url: str) -> EmailMessage:
    local_government = survey.scan.programme.local_government
    # Staff get their mail in Dutch, whatever language the consultant works in.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "survey": survey,
            "local_government": local_government,
            "gemeente_name": local_government.gemeente_name or _("de gemeente"),
            "ocmw_name": local_government.ocmw_name or _("het OCMW"),
            "link": survey_link(invitation, base_url=base_url),
        }
        subject = " ".join(render_to_string(f"scans/email/survey_{kind}_subject.txt", context).split())
        body = render_to_string(f"scans/email/survey_{kind}.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


def _send_each(survey_id: int, pending: Q, *, kind: str, base_url: str, field: str) -> int:
    """Mail every invitation of an open survey matching `pending`, one at a time: lock the row, check it
    still matches, send, then record `field` in the same transaction. A mail is recorded only once it
    went; an error rolls that one invitation back (the ones before it stay recorded), so a retry or a
    second run sends only what is still missing. Returns how many went now."""
    survey = (
        Survey.objects.select_related("scan__programme__local_government")
        .filter(pk=survey_id, state=Survey.State.OPEN)
        .first()
    )
    if survey is None:  # closed (or deleted) meanwhile: the links no longer work
        return 0
    ids = list(SurveyInvitation.objects.filter(pending, survey_id=survey_id).values_list("pk", flat=True))
    if not ids:
        return 0
    sent = 0
    with get_connection() as connection:
        for invitation_id in ids:
            with transaction.atomic():
                invitation = (
                    SurveyInvitation.objects.select_for_update(skip_locked=True)
                    .filter(pending, pk=invitation_id, survey_id=survey_id)
                    .first()
                )
                if invitation is None:  # done meanwhile, answered, taken off the list or another worker's
                    continue
                try:
                    connection.send_messages([_message(survey, invitation, kind=kind, base_url=base_url)])
                except PERMANENT_MAIL_ERRORS:
                    logger.warning("Survey %s mail refused for invitation %s", kind, invitation_id)
                    continue
                SurveyInvitation.objects.filter(pk=invitation_id).update(**{field: timezone.now()})
                sent += 1
    return sent


def survey_invitations_send(*, survey_id: int, base_url: str) -> int:
    """Mail their personal link to every invitee of an open survey who did not get it yet."""
    return _send_each(
        survey_id, Q(sent_at__isnull=True), kind="invitation", base_url=base_url, field="sent_at"
    )


def survey_reminders_send(*, survey_id: int, base_url: str, since: datetime) -> int:
    """The reminder round started at `since`: remind every invitee who got the invitation before it and
    has not answered, unless they were already reminded in this round."""
    pending = Q(responded_at__isnull=True, sent_at__isnull=False, sent_at__lte=since) & (
        Q(reminded_at__isnull=True) | Q(reminded_at__lt=since)
    )
    return _send_each(survey_id, pending, kind="reminder", base_url=base_url, field="reminded_at")


def _valid_email(value: str) -> bool:
    if len(value) > 254:
        return False
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def parse_emails(text: str) -> tuple[list[str], list[str]]:
    """Addresses from pasted text (one per line, or separated by ; or ,): (valid addresses, error messages).

    "Jan Peeters <jan.peeters@geel.be>", as mail programs copy it, counts as jan.peeters@geel.be.
    """
    addresses: list[str] = []
    errors: list[str] = []
    bad_lines = 0
    for number, line in enumerate((text or "").splitlines(), start=1):
        line_bad = False
        for chunk in _SEPARATORS.split(line):
            match = _ANGLE.search(chunk)
            parts = [match.group(1).strip()] if match else [p.strip("\"'") for p in chunk.split()]
            parts = [part for part in parts if part]
            if not parts:
                continue
            if all(_valid_email(part) for part in parts):
                addresses.extend(part.lower() for part in parts)
                continue
            line_bad = True
            if len(errors) < MAX_ERRORS_SHOWN:
                shown = " ".join(chunk.split())
                shown = shown if len(shown) <= 80 else shown[:77] + "…"
                errors.append(
                    _("Regel %(line)s: “%(value)s” is geen geldig e-mailadres.")
                    % {"line": number, "value": shown}
                )
        bad_lines += line_bad
    if bad_lines and len(errors) >= MAX_ERRORS_SHOWN:
        hidden = bad_lines - len({e.split(":")[0] for e in errors})
        if hidden > 0:
            errors.append(
                ngettext(
                    "Nog %(n)s andere regel bevat een ongeldig adres.",
                    "Nog %(n)s andere regels bevatten een ongeldig adres.",
                    hidden,
                )
                % {"n": hidden}
            )
    return addresses, errors


# --- The survey itself ----------------------------------------------------------------------------


class StaleSurveyError(StaleServiceError):
    """Someone saved the survey's title or introduction since the form was opened; nothing was saved."""

    def describe(self) -> str:
        return _(
            "Een collega heeft de titel of de inleiding intussen gewijzigd. Uw wijzigingen zijn niet "
            "opgeslagen; vergelijk ze hieronder en sla opnieuw op."
        )


SURVEY_FIELDS = ("title", "introduction")


@transaction.atomic
def survey_update(
    *, user, survey: Survey, title: str, introduction: str, expected_version: int | None = None
) -> Survey:
    """Change the title and the introduction the invitees read (not once the survey is closed).
    With expected_version (the version the form was opened on), a title or introduction saved since
    is refused with StaleSurveyError and nothing is saved."""
    survey = _lock(survey)
    require_consultant(user, survey.scan)
    require_draft(survey.scan)
    _require_state(
        survey,
        Survey.State.DRAFT,
        Survey.State.OPEN,
        message=_("De bevraging is afgesloten en kan niet meer wijzigen."),
    )
    if expected_version is not None and expected_version != survey.version:
        values = {"title": title, "introduction": introduction}
        raise StaleSurveyError(stale_changes(survey, values, SURVEY_FIELDS))
    title = (title or "").strip()
    introduction = (introduction or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("Geef de bevraging een titel.")
    elif len(title) > 200:
        errors["title"] = _("Een titel telt hoogstens 200 tekens.")
    if len(introduction) > 3000:
        errors["introduction"] = _("De inleiding telt hoogstens 3000 tekens.")
    if errors:
        raise ValidationError(errors)
    survey.title = title
    survey.introduction = introduction
    survey.version += 1
    survey.save(update_fields=["title", "introduction", "version"])
    return survey


def _validate_question(*, topic: str, kind: str, text: str) -> str:
    text = (text or "").strip()
    errors = {}
    if topic not in SurveyQuestion.Topic.values:
        errors["topic"] = _("Kies een onderwerp: draagvlak, zorgen of ideeën.")
    if kind not in SurveyQuestion.Kind.values:
        errors["kind"] = _("Kies een score van 1 tot 5 of een open antwoord.")
    if not text:
        errors["text"] = _("Schrijf de vraag uit.")
    elif len(text) > MAX_QUESTION_TEXT:
        errors["text"] = _("Een vraag telt hoogstens %(n)s tekens.") % {"n": MAX_QUESTION_TEXT}
    if errors:
        raise ValidationError(errors)
    return text


@transaction.atomic
def survey_question_add(*, user, survey: Survey, topic: str, kind: str, text: str) -> SurveyQuestion:
    """Add a question at the end (only while the survey is in preparation)."""
    survey = _lock(survey)
    require_consultant(user, survey.scan)
    _require_questions_editable(survey)
    text = _validate_question(topic=topic, kind=kind, text=text)
    last = survey.questions.aggregate(last=Max("position"))["last"] or 0
    return SurveyQuestion.objects.create(survey=survey, topic=topic, kind=kind, text=text, position=last + 1)


@transaction.atomic
def survey_question_update(
    *, user, question: SurveyQuestion, topic: str, kind: str, text: str
) -> SurveyQuestion:
    survey = _lock(question.survey)
    require_consultant(user, survey.scan)
    _require_questions_editable(survey)
    question.text = _validate_question(topic=topic, kind=kind, text=text)
    question.topic = topic
    question.kind = kind
    question.save(update_fields=["text", "topic", "kind"])
    return question


@transaction.atomic
def survey_question_delete(*, user, question: SurveyQuestion) -> None:
    survey = _lock(question.survey)
    require_consultant(user, survey.scan)
    _require_questions_editable(survey)
    question.delete()


# --- Invitees -------------------------------------------------------------------------------------


@transaction.atomic
def survey_invite(
    *, user, survey: Survey, organisation: str, department: str, emails: str, base_url: str
) -> InviteResult:
    """Put pasted addresses on the list; while the survey is open they get their invitation at once."""
    survey = _lock(survey)
    require_consultant(user, survey.scan)
    require_draft(survey.scan)
    _require_state(
        survey,
        Survey.State.DRAFT,
        Survey.State.OPEN,
        message=_("De bevraging is afgesloten: er kunnen geen medewerkers meer bij."),
    )
    department = " ".join((department or "").split())
    errors: dict[str, list[str]] = {}
    if organisation not in [o.value for o in INVITEE_ORGANISATIONS]:
        errors["organisation"] = [_("Kies de gemeente of het OCMW.")]
    if len(department) > 100:
        errors["department"] = [_("De naam van de dienst telt hoogstens 100 tekens.")]
    addresses, bad = parse_emails(emails)
    if bad:
        errors["emails"] = bad
    elif not addresses:
        errors["emails"] = [_("Plak minstens één e-mailadres, één per regel.")]
    elif len(addresses) > MAX_EMAILS_PER_PASTE:
        errors["emails"] = [
            _("Plak hoogstens %(n)s adressen tegelijk.") % {"n": MAX_EMAILS_PER_PASTE},
        ]
    if errors:
        raise ValidationError(errors)

    # The same dienst typed in another case joins the existing group ("technische dienst").
    known = {
        name.casefold(): name
        for name in survey.invitations.filter(organisation=organisation)
        .values_list("department", flat=True)
        .distinct()
    }
    department = known.get(department.casefold(), department)

    existing = set(survey.invitations.values_list("email", flat=True))
    new: list[str] = []
    for address in addresses:
        if address not in existing:
            existing.add(address)
            new.append(address)
    is_open = survey.state == Survey.State.OPEN
    SurveyInvitation.objects.bulk_create(
        SurveyInvitation(survey=survey, email=address, organisation=organisation, department=department)
        for address in new
    )
    if is_open and new:
        _enqueue_on_commit("send_survey_invitations", survey_id=survey.pk, base_url=base_url)
    return InviteResult(added=len(new), skipped=len(addresses) - len(new), sent=len(new) if is_open else 0)


@transaction.atomic
def survey_invitation_delete(*, user, invitation: SurveyInvitation) -> None:
    """Take someone off the list, unless they answered (the response rate would lie) or it is closed."""
    survey = _lock(invitation.survey)
    require_consultant(user, survey.scan)
    require_draft(survey.scan)
    invitation = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.responded_at is not None:
        raise ValidationError(_("Deze medewerker heeft al geantwoord: de uitnodiging blijft op de lijst."))
    _require_state(
        survey,
        Survey.State.DRAFT,
        Survey.State.OPEN,
        message=_("De bevraging is afgesloten: de lijst van genodigden ligt vast."),
    )
    invitation.delete()


# --- Opening, reminding, closing ------------------------------------------------------------------


@transaction.atomic
def survey_open(*, user, survey: Survey, base_url: str) -> int:
    """Open the survey and have every invitee not yet invited mailed their personal link (by a task,
    after commit); returns how many are on their way."""
    survey = _lock(survey)
    require_consultant(user, survey.scan)
    require_draft(survey.scan)
    _require_state(
        survey,
        Survey.State.DRAFT,
        message=_("De bevraging is al geopend.")
        if survey.state == Survey.State.OPEN
        else _("De bevraging is afgesloten en kan niet opnieuw open."),
    )
    if not survey.questions.exists():
        raise ValidationError(_("Voeg eerst minstens één vraag toe."))
    if not survey.invitations.exists():
        raise ValidationError(_("Voeg eerst de e-mailadressen van de medewerkers toe."))
    now = timezone.now()
    survey.state = Survey.State.OPEN
    survey.opened_at = now
    survey.save(update_fields=["state", "opened_at"])
    pending = survey.invitations.filter(sent_at__isnull=True).count()
    _enqueue_on_commit("send_survey_invitations", survey_id=survey.pk, base_url=base_url)
    return pending


@transaction.atomic
def survey_remind(*, user, survey: Survey, base_url: str) -> int:
    """Start a reminder round: every invitee who got the invitation and has not answered yet is
    mailed a reminder (by a task, after commit); returns how many are on their way."""
    survey = _lock(survey)
    require_consultant(user, survey.scan)
    _require_state(
        survey,
        Survey.State.OPEN,
        message=_("Herinneringen kunnen enkel zolang de bevraging open is."),
    )
    since = timezone.now()
    pending = survey.invitations.filter(responded_at__isnull=True, sent_at__isnull=False).count()
    if not pending:
        raise ValidationError(_("Iedereen heeft al geantwoord: er is niemand om te herinneren."))
    _enqueue_on_commit(
        "send_survey_reminders", survey_id=survey.pk, base_url=base_url, since=since.isoformat()
    )
    return pending


@transaction.atomic
def survey_close(*, user, survey: Survey) -> Survey:
    """Close the survey: the personal links stop working; the results stay."""
    survey = _lock(survey)
    require_consultant(user, survey.scan)
    _require_state(
        survey,
        Survey.State.OPEN,
        message=_("De bevraging is al afgesloten.")
        if survey.state == Survey.State.CLOSED
        else _("De bevraging is nog niet geopend."),
    )
    survey.state = Survey.State.CLOSED
    survey.closed_at = timezone.now()
    survey.save(update_fields=["state", "closed_at"])
    return survey


# --- The anonymous response -----------------------------------------------------------------------


def invitation_for_token(token: str) -> SurveyInvitation:
    """The invitation behind a personal link (DoesNotExist for an unknown one); raises SurveyUnavailable."""
    invitation = SurveyInvitation.objects.select_related("survey__scan__programme__local_government").get(
        token=token
    )
    check_available(invitation)
    return invitation


def check_available(invitation: SurveyInvitation) -> None:
    if invitation.responded_at is not None:
        raise SurveyUnavailable("answered")
    if invitation.survey.state == Survey.State.CLOSED:
        raise SurveyUnavailable("closed")
    if invitation.survey.state != Survey.State.OPEN:
        raise SurveyUnavailable("not_open")


def _clean_answers(questions: list[SurveyQuestion], answers: dict) -> dict[int, int | str]:
    cleaned: dict[int, int | str] = {}
    errors: dict[str, str] = {}
    for question in questions:
        value = answers.get(question.pk)
        if question.kind == SurveyQuestion.Kind.SCORE:
            try:
                score = int(str(value).strip())
            except (TypeError, ValueError):
                score = None
            if value in (None, ""):
                errors[f"q{question.pk}"] = _("Kies een score van 1 tot 5.")
            elif score is None or not 1 <= score <= 5:
                errors[f"q{question.pk}"] = _("Een score ligt tussen 1 en 5.")
            else:
                cleaned[question.pk] = score
        else:
            text = str(value or "").replace("\x00", "").strip()
            if len(text) > MAX_OPEN_ANSWER:
                errors[f"q{question.pk}"] = _("Een antwoord telt hoogstens %(n)s tekens.") % {
                    "n": MAX_OPEN_ANSWER
                }
            cleaned[question.pk] = text
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def survey_respond(*, token: str, answers: dict) -> SurveyResponse:
    """Record the anonymous response of a personal link, once: answers maps question pk → score or text.

    Raises SurveyInvitation.DoesNotExist (unknown link), SurveyUnavailable (used, closed, not open) or
    ValidationError (a dict per question, keys "q<pk>").
    """
    invitation = (
        SurveyInvitation.objects.select_for_update()
        .select_related("survey__scan__programme__local_government")
        .get(token=token)
    )
    check_available(invitation)
    survey = invitation.survey
    questions = list(survey.questions.order_by("position", "pk"))
    cleaned = _clean_answers(questions, answers)
    # Claim the link first: of two submits at the same moment only one updates the row.
    claimed = SurveyInvitation.objects.filter(pk=invitation.pk, responded_at__isnull=True).update(
        responded_at=timezone.now()
    )
    if claimed != 1:
        raise SurveyUnavailable("answered")
    response = SurveyResponse.objects.create(
        survey=survey,
        organisation=invitation.organisation,
        department=invitation.department,
        submitted_on=timezone.localdate(),
    )
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(
            response=response,
            question=question,
            score=cleaned[question.pk] if question.kind == SurveyQuestion.Kind.SCORE else None,
            text=cleaned[question.pk] if question.kind == SurveyQuestion.Kind.OPEN else "",
        )
        for question in questions
        if question.pk in cleaned and cleaned[question.pk] != ""
    )
    return response


def invite_message(result: InviteResult) -> str:
    """What the consultant reads after pasting addresses."""
    parts = [
        ngettext(
            "%(n)s adres toegevoegd.",
            "%(n)s adressen toegevoegd.",
            result.added,
        )
        % {"n": result.added}
    ]
    if result.skipped:
        parts.append(
            ngettext(
                "%(n)s adres stond al op de lijst.",
                "%(n)s adressen stonden al op de lijst.",
                result.skipped,
            )
            % {"n": result.skipped}
        )
    if result.sent:
        parts.append(
            ngettext(
                "De bevraging is open: de uitnodiging wordt verstuurd.",
                "De bevraging is open: de uitnodigingen worden verstuurd.",
                result.sent,
            )
        )
    return " ".join(parts)
