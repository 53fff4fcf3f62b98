"""Interviews with key witnesses: each scan's own interview guide, its witnesses, the interviews with
their notes and scores, and the findings the consultant draws from them.

Witnesses are personal data: names are shown only to the consultants of the local government;
everyone else sees groups (see Witness.public_label).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programmes.models import Membership, Role

from ..models import (
    Finding,
    GuideQuestion,
    Interview,
    InterviewAnswer,
    Organisation,
    Scan,
    Theme,
    Witness,
    WitnessGroup,
)
from .core import require_consultant, require_draft
from .vvsg import StaleServiceError, stale_changes

User = get_user_model()

QUESTION_MAX = 500
NAME_MAX = 150
NOTES_MAX = 20_000
TEXT_MAX = 5_000
# An answer counts as given once it holds notes or a score (an emptied answer no longer counts).
ANSWERED = Q(notes__gt="") | Q(score__isnull=False)
ANSWERED_VIA = Q(answers__notes__gt="") | Q(answers__score__isnull=False)


def score_message() -> str:
    return _("Een score ligt tussen 1 en 5.")


def _lock(scan: Scan) -> Scan:
    """The scan row, locked for the rest of the transaction, so its state and order are current."""
    return Scan.objects.select_for_update().select_related("programme__local_government").get(pk=scan.pk)


def _check(user, scan: Scan) -> Scan:
    scan = _lock(scan)
    require_consultant(user, scan)
    require_draft(scan)
    return scan


def _required_text(errors: dict, name: str, value: str, max_length: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        errors.setdefault(name, []).append(_("Dit veld is verplicht."))
    elif len(value) > max_length:
        errors.setdefault(name, []).append(
            _("Hoogstens %(max)s tekens (nu %(n)s).") % {"max": _number(max_length), "n": _number(len(value))}
        )
    return value


def _number(n: int) -> str:
    return number_format(n, force_grouping=True)


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


# --- Interview guide ------------------------------------------------------------------------------


def _validate_question(theme: str, text: str) -> str:
    errors: dict = {}
    if theme not in Theme.values:
        errors["theme"] = [_("Kies een van de vijf thema's.")]
    text = _required_text(errors, "text", text, QUESTION_MAX)
    _raise(errors)
    return text


def _next_position(queryset) -> int:
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


@transaction.atomic
def question_add(*, user, scan: Scan, theme: str, text: str, asks_score: bool = False) -> GuideQuestion:
    """Add a question to this scan's guide, at the end of its theme."""
    scan = _check(user, scan)
    text = _validate_question(theme, text)
    return GuideQuestion.objects.create(
        scan=scan,
        theme=theme,
        text=text,
        asks_score=bool(asks_score),
        position=_next_position(scan.questions.all()),
    )


class StaleQuestionError(StaleServiceError):
    """Someone saved this guide question since the form was opened; nothing was saved."""

    def describe(self) -> str:
        return _(
            "Een collega heeft deze vraag intussen gewijzigd. Uw wijzigingen zijn niet opgeslagen; "
            "vergelijk ze hieronder en sla opnieuw op."
        )


QUESTION_FIELDS = ("theme", "text", "asks_score")


@transaction.atomic
def question_update(
    *,
    user,
    question: GuideQuestion,
    theme: str,
    text: str,
    asks_score: bool,
    expected_version: int | None = None,
) -> GuideQuestion:
    """Reword a question (also once it has answers); a new theme puts it at the end of that theme.
    With expected_version (the version the form was opened on), a question saved since is refused
    with StaleQuestionError and nothing is saved. Moving a question does not make a new version."""
    scan = _check(user, question.scan)
    question = GuideQuestion.objects.select_for_update().get(pk=question.pk)
    if expected_version is not None and expected_version != question.version:
        values = {"theme": theme, "text": text, "asks_score": asks_score}
        raise StaleQuestionError(stale_changes(question, values, QUESTION_FIELDS))
    text = _validate_question(theme, text)
    if question.asks_score and not asks_score:
        scored = question.answers.filter(score__isnull=False).count()
        if scored:
            raise ValidationError(
                {
                    "asks_score": ngettext(
                        "Deze vraag kreeg al een score in %(n)s interview. "
                        "Ze blijft daarom een score vragen.",
                        "Deze vraag kreeg al een score in %(n)s interviews. "
                        "Ze blijft daarom een score vragen.",
                        scored,
                    )
                    % {"n": scored}
                }
            )
    if theme != question.theme:
        question.position = _next_position(scan.questions.all())
    question.theme = theme
    question.text = text
    question.asks_score = bool(asks_score)
    question.version += 1
    question.save()
    return question


@transaction.atomic
def question_move(*, user, question: GuideQuestion, direction: str) -> GuideQuestion:
    """Move a question one place up or down within its theme; at the edge nothing changes."""
    if direction not in ("up", "down"):
        raise ValidationError({"direction": _("Kies omhoog of omlaag.")})
    scan = _check(user, question.scan)
    ordered = list(scan.questions.order_by("position", "pk"))
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    theme = ordered[index].theme
    step = -1 if direction == "up" else 1
    other = index + step
    while 0 <= other < len(ordered) and ordered[other].theme != theme:
        other += step
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    changed = []
    for position, q in enumerate(ordered, start=1):
        if q.position != position:
            q.position = position
            changed.append(q)
    GuideQuestion.objects.bulk_update(changed, ["position"])
    return next(q for q in ordered if q.pk == question.pk)


def question_answer_count(question: GuideQuestion) -> int:
    """In how many interviews this question was answered (notes or a score)."""
    return question.answers.filter(ANSWERED).count()


@transaction.atomic
def question_delete(*, user, question: GuideQuestion) -> None:
    """Remove a question that no interview answered yet; an answered question can only be reworded."""
    _check(user, question.scan)
    answered = question_answer_count(question)
    if answered:
        raise ValidationError(
            ngettext(
                "Deze vraag werd al beantwoord in %(n)s interview en kan niet meer weg. "
                "Herformuleer ze als ze niet meer past.",
                "Deze vraag werd al beantwoord in %(n)s interviews en kan niet meer weg. "
                "Herformuleer ze als ze niet meer past.",
                answered,
            )
            % {"n": answered}
        )
    question.delete()


# --- Witnesses ------------------------------------------------------------------------------------


@dataclass
class WitnessData:
    """What a consultant fills in about a key witness."""

    name: str
    function: str
    organisation: str
    group: str
    consents_to_quote: bool = False


def _validate_witness(data: WitnessData, prefix: str = "") -> dict:
    """Clean the data in place; return the errors, keyed by field (with the prefix)."""
    errors: dict = {}
    data.name = _required_text(errors, f"{prefix}name", data.name, NAME_MAX)
    data.function = _required_text(errors, f"{prefix}function", data.function, NAME_MAX)
    if data.organisation not in Organisation.values:
        errors[f"{prefix}organisation"] = [_("Kies gemeente, OCMW of beide.")]
    if data.group not in WitnessGroup.values:
        errors[f"{prefix}group"] = [_("Kies een groep uit de lijst.")]
    data.consents_to_quote = bool(data.consents_to_quote)
    return errors


@transaction.atomic
def witness_add(*, user, scan: Scan, data: WitnessData) -> Witness:
    scan = _check(user, scan)
    _raise(_validate_witness(data))
    return Witness.objects.create(scan=scan, **data.__dict__)


class StaleWitnessError(StaleServiceError):
    """Someone saved this witness since the form was opened; nothing was saved."""

    def describe(self) -> str:
        return _(
            "Een collega heeft deze getuige intussen gewijzigd. Uw wijzigingen zijn niet opgeslagen; "
            "vergelijk ze hieronder en sla opnieuw op."
        )


WITNESS_FIELDS = ("name", "function", "organisation", "group", "consents_to_quote")


@transaction.atomic
def witness_update(
    *, user, witness: Witness, data: WitnessData, expected_version: int | None = None
) -> Witness:
    """Change a witness. With expected_version (the version the form was opened on), a witness saved
    since is refused with StaleWitnessError and nothing is saved."""
    _check(user, witness.scan)
    locked = Witness.objects.select_for_update().get(pk=witness.pk)
    if expected_version is not None and expected_version != locked.version:
        raise StaleWitnessError(stale_changes(locked, dict(data.__dict__), WITNESS_FIELDS))
    _raise(_validate_witness(data))
    for name, value in data.__dict__.items():
        setattr(locked, name, value)
        setattr(witness, name, value)
    locked.version += 1
    locked.save()
    witness.version = locked.version
    return locked


@transaction.atomic
def witness_delete(*, user, witness: Witness) -> None:
    """Remove a witness without interviews (an interview keeps its witness)."""
    _check(user, witness.scan)
    n = witness.interviews.count()
    if n:
        raise ValidationError(
            ngettext(
                "Deze getuige heeft al %(n)s interview. Verwijder eerst dat interview.",
                "Deze getuige heeft al %(n)s interviews. Verwijder eerst die interviews.",
                n,
            )
            % {"n": n}
        )
    witness.delete()


# --- Interviews -----------------------------------------------------------------------------------


def interviewer_choices(scan: Scan) -> QuerySet:
    """Who may conduct an interview: the consultants of the scan's local government."""
    members = Membership.objects.filter(
        local_government_id=scan.programme.local_government_id, role=Role.CONSULTANT
    )
    return User.objects.filter(pk__in=members.values("user_id")).order_by("first_name", "last_name")


def _validate_interview(scan: Scan, *, held_on, interviewer, witness) -> dict:
    errors: dict = {}
    if not isinstance(held_on, datetime.date):
        errors["held_on"] = [_("Geef een geldige datum in de vorm dd/mm/jjjj, bijvoorbeeld 12/03/2026.")]
    elif held_on > timezone.localdate() + datetime.timedelta(days=366):
        errors["held_on"] = [_("Een interview ligt hoogstens een jaar in de toekomst.")]
    if interviewer is None or not interviewer_choices(scan).filter(pk=interviewer.pk).exists():
        errors["interviewer"] = [_("De interviewer is een consultant van dit lokaal bestuur.")]
    if witness is not None and witness.scan_id != scan.pk:
        errors["witness"] = [_("Kies een getuige van deze scan.")]
    return errors


@transaction.atomic
def interview_add(
    *,
    user,
    scan: Scan,
    held_on: datetime.date,
    interviewer,
    witness: Witness | None = None,
    new_witness: WitnessData | None = None,
    summary: str = "",
) -> Interview:
    """Plan or start an interview with a witness of this scan, or with a new witness added on the spot."""
    scan = _check(user, scan)
    errors = _validate_interview(scan, held_on=held_on, interviewer=interviewer, witness=witness)
    if witness is None and new_witness is None:
        errors["witness"] = [_("Kies een getuige of voeg een nieuwe getuige toe.")]
    elif witness is not None and new_witness is not None:
        errors["witness"] = [_("Kies een bestaande getuige óf vul een nieuwe in, niet allebei.")]
    elif new_witness is not None:
        errors.update(_validate_witness(new_witness, prefix="witness_"))
    summary = _required_text(errors, "summary", summary, NOTES_MAX, required=False)
    _raise(errors)
    if new_witness is not None:
        witness = Witness.objects.create(scan=scan, **new_witness.__dict__)
    return Interview.objects.create(
        scan=scan, witness=witness, held_on=held_on, interviewer=interviewer, summary=summary
    )


@transaction.atomic
def interview_update(
    *, user, interview: Interview, held_on: datetime.date, interviewer, witness: Witness, summary: str = ""
) -> Interview:
    scan = _check(user, interview.scan)
    errors = _validate_interview(scan, held_on=held_on, interviewer=interviewer, witness=witness)
    if witness is None:
        errors["witness"] = [_("Kies een getuige van deze scan.")]
    summary = _required_text(errors, "summary", summary, NOTES_MAX, required=False)
    _raise(errors)
    interview.held_on = held_on
    interview.interviewer = interviewer
    interview.witness = witness
    interview.summary = summary
    interview.save()
    return interview


@transaction.atomic
def interview_delete(*, user, interview: Interview) -> None:
    """Remove an interview with all its notes and scores."""
    _check(user, interview.scan)
    interview.delete()


def parse_score(value) -> int | None:
    """A score from a form or a request: empty means none; anything but 1..5 is refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError(score_message(), code="score_range")
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(score_message(), code="score_range") from None
    if not 1 <= number <= 5:
        raise ValidationError(score_message(), code="score_range")
    return number


@dataclass
class AnswerInput:
    """What was typed for one question: the notes and the score as sent (a string from a form).
    None keeps what was stored; an empty string clears it."""

    notes: str | None = None
    score: object = None


@dataclass
class SaveResult:
    """What a save stored, and what it refused (field key → messages)."""

    answers: dict[int, InterviewAnswer] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    saved_at: datetime.datetime | None = None


class PartlySaved(ValidationError):
    """Some input was refused (the messages, per field key), but everything else was stored."""

    def __init__(self, result: SaveResult):
        super().__init__(result.errors)
        self.result = result


def answer_key(question_id: int, part: str) -> str:
    """The field name of a question's notes or score on the recording page (also the error key)."""
    return f"q{question_id}-{part}"


def _store(interview: Interview, questions: Mapping[int, GuideQuestion], typed, result: SaveResult) -> None:
    existing = {a.question_id: a for a in interview.answers.filter(question_id__in=list(typed))}
    for question_id, entry in typed.items():
        question = questions.get(question_id)
        if question is None:
            result.errors.setdefault(answer_key(question_id, "notes"), []).append(
                _("Deze vraag hoort niet bij de leidraad van deze scan.")
            )
            continue
        answer = existing.get(question_id)
        notes = answer.notes if answer else ""
        if entry.notes is not None:
            typed_notes = str(entry.notes).strip()
            if len(typed_notes) > NOTES_MAX:
                result.errors[answer_key(question_id, "notes")] = [
                    _("Notities tellen hoogstens %(max)s tekens (nu %(n)s).")
                    % {"max": _number(NOTES_MAX), "n": _number(len(typed_notes))}
                ]
            else:
                notes = typed_notes
        score = answer.score if answer else None
        if entry.score is not None:
            try:
                parsed = parse_score(entry.score)
            except ValidationError as error:
                # The notes are stored all the same: nothing typed during a conversation gets lost.
                result.errors[answer_key(question_id, "score")] = error.messages
            else:
                if parsed is not None and not question.asks_score:
                    result.errors[answer_key(question_id, "score")] = [_("Deze vraag vraagt geen score.")]
                else:
                    score = parsed
        if answer is None:
            if not notes and score is None:
                continue
            answer = InterviewAnswer(interview=interview, question=question)
        elif answer.notes == notes and answer.score == score:
            result.answers[question_id] = answer
            continue
        answer.notes = notes
        answer.score = score
        answer.save()
        result.answers[question_id] = answer


def answers_save(
    *, user, interview: Interview, answers: Mapping[int, AnswerInput], summary: str | None = None
) -> SaveResult:
    """Store the notes and scores of several questions (and the general impression, if given).

    What is valid is stored even when another part is refused: a score of 7 does not lose the notes
    typed beside it. The refused parts then raise PartlySaved (a ValidationError) after the commit,
    keyed by answer_key(), with the result of what was stored.
    """
    result = SaveResult()
    with transaction.atomic():
        scan = _check(user, interview.scan)
        interview = Interview.objects.select_for_update().get(pk=interview.pk)
        questions = {q.pk: q for q in scan.questions.filter(pk__in=list(answers))}
        _store(interview, questions, answers, result)
        if summary is not None:
            errors: dict = {}
            summary = _required_text(errors, "summary", summary, NOTES_MAX, required=False)
            if errors:
                result.errors.update(errors)
            elif summary != interview.summary:
                interview.summary = summary
        interview.save()  # also marks when the interview was last worked on
    result.saved_at = timezone.now()
    if result.errors:
        raise PartlySaved(result)
    return result


def answer_save(
    *, user, interview: Interview, question: GuideQuestion, notes: str | None = None, score: object = None
) -> SaveResult:
    """Autosave of one question: its notes and score (see answers_save)."""
    if question.scan_id != interview.scan_id:
        raise ValidationError({"question": _("Deze vraag hoort niet bij de leidraad van deze scan.")})
    return answers_save(user=user, interview=interview, answers={question.pk: AnswerInput(notes, score)})


def interview_summary_save(*, user, interview: Interview, summary: str) -> SaveResult:
    """Autosave of the general impression."""
    return answers_save(user=user, interview=interview, answers={}, summary=summary)


# --- Findings -------------------------------------------------------------------------------------


@dataclass
class FindingData:
    kind: str
    text: str
    theme: str = ""
    quote: str = ""
    witness: Witness | None = None
    is_key: bool = False


def _validate_finding(scan: Scan, data: FindingData) -> None:
    errors: dict = {}
    if data.kind not in Finding.Kind.values:
        errors["kind"] = [_("Kies sterkte of risico.")]
    if data.theme and data.theme not in Theme.values:
        errors["theme"] = [_("Kies een van de vijf thema's, of geen thema.")]
    data.theme = data.theme or ""
    data.text = _required_text(errors, "text", data.text, TEXT_MAX)
    data.quote = _required_text(errors, "quote", data.quote, TEXT_MAX, required=False)
    if data.witness is not None and data.witness.scan_id != scan.pk:
        errors["witness"] = [_("Kies een getuige van deze scan.")]
    data.is_key = bool(data.is_key)
    _raise(errors)


@transaction.atomic
def finding_add(*, user, scan: Scan, data: FindingData) -> Finding:
    scan = _check(user, scan)
    _validate_finding(scan, data)
    return Finding.objects.create(scan=scan, position=_next_position(scan.findings.all()), **data.__dict__)


class StaleFindingError(StaleServiceError):
    """Someone saved this finding since the form was opened; nothing was saved."""

    def describe(self) -> str:
        return _(
            "Een collega heeft deze bevinding intussen gewijzigd. Uw wijzigingen zijn niet opgeslagen; "
            "vergelijk ze hieronder en sla opnieuw op."
        )


FINDING_FIELDS = ("kind", "text", "theme", "quote", "witness", "is_key")


@transaction.atomic
def finding_update(
    *, user, finding: Finding, data: FindingData, expected_version: int | None = None
) -> Finding:
    """Change a finding. With expected_version (the version the form was opened on), a finding saved
    since (also marked or unmarked as key finding) is refused with StaleFindingError and nothing is saved."""
    scan = _check(user, finding.scan)
    locked = Finding.objects.select_for_update().get(pk=finding.pk)
    if expected_version is not None and expected_version != locked.version:
        raise StaleFindingError(stale_changes(locked, dict(data.__dict__), FINDING_FIELDS))
    _validate_finding(scan, data)
    for name, value in data.__dict__.items():
        setattr(locked, name, value)
        setattr(finding, name, value)
    locked.version += 1
    locked.save()
    finding.version = locked.version
    return locked


@transaction.atomic
def finding_toggle_key(*, user, finding: Finding) -> Finding:
    """Mark a finding as a key finding (kernbevinding), or no longer. A new version: an edit form opened
    before is refused."""
    _check(user, finding.scan)
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    finding.is_key = not finding.is_key
    finding.version += 1
    finding.save(update_fields=["is_key", "version"])
    return finding


@transaction.atomic
def finding_delete(*, user, finding: Finding) -> None:
    _check(user, finding.scan)
    finding.delete()


# --- Read side: the pages' queries, a fixed number whatever the data ------------------------------


@dataclass
class ThemeBlock:
    theme: str
    label: str
    items: list = field(default_factory=list)


def guide_by_theme(scan: Scan, *, with_counts: bool = False) -> list[ThemeBlock]:
    """The scan's guide grouped per theme, in the order of the themes; questions numbered throughout."""
    questions = scan.questions.order_by("position", "pk")
    if with_counts:
        questions = questions.annotate(n_answered=Count("answers", filter=ANSWERED_VIA))
    blocks = {value: ThemeBlock(value, label) for value, label in Theme.choices}
    for question in questions:
        blocks.setdefault(question.theme, ThemeBlock(question.theme, question.theme)).items.append(question)
    number = 0
    for block in blocks.values():
        for i, question in enumerate(block.items):
            number += 1
            question.number = number
            question.is_first = i == 0
            question.is_last = i == len(block.items) - 1
    return list(blocks.values())


def interview_rows(scan: Scan) -> QuerySet[Interview]:
    """The scan's interviews with witness, interviewer and the number of answered questions."""
    return (
        scan.interviews.select_related("witness", "interviewer")
        .annotate(n_answered=Count("answers", filter=ANSWERED_VIA))
        .order_by("-held_on", "pk")
    )


def interviews_per_group(scan: Scan) -> list[dict]:
    """How many witnesses of each group were interviewed, and how often: no names."""
    rows = (
        Interview.objects.filter(scan=scan)
        .order_by()
        .values("witness__group")
        .annotate(interviews=Count("pk"), witnesses=Count("witness", distinct=True))
    )
    by_group = {row["witness__group"]: row for row in rows}
    return [
        {
            "group": label,
            "witnesses": by_group.get(value, {}).get("witnesses", 0),
            "interviews": by_group.get(value, {}).get("interviews", 0),
        }
        for value, label in WitnessGroup.choices
    ]


def witness_rows(scan: Scan) -> QuerySet[Witness]:
    return scan.witnesses.annotate(n_interviews=Count("interviews")).order_by("name")


def findings_grouped(scan: Scan) -> dict[str, list[Finding]]:
    """Key findings first, then the other strengths and the other risks."""
    groups: dict[str, list[Finding]] = {"key": [], "strengths": [], "risks": []}
    for finding in scan.findings.select_related("witness").order_by("position", "pk"):
        if finding.is_key:
            groups["key"].append(finding)
        elif finding.kind == Finding.Kind.STRENGTH:
            groups["strengths"].append(finding)
        else:
            groups["risks"].append(finding)
    return groups
