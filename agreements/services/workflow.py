"""The agreement's workflow: draft → submitted → approved for the council (or rejected back to draft) → both
council decisions recorded → adopted; new versions after approval.

Every function takes the acting user, locks the version row, checks the role and the state on the server
and records the step in AgreementEvent (who, when, comment) in the same transaction. Approved and adopted
versions are frozen: every editing service refuses them (common.require_editable).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from programmes.models import Role
from programmes.services import has_role

from .. import placeholders
from ..models import (
    CATEGORY_ORDER,
    Agreement,
    AgreementEvent,
    AgreementVersion,
    Clause,
    ClauseCategory,
)
from .common import (
    MANDATORY_CATEGORIES,
    State,
    event,
    lock_version,
    require_approver,
    require_consultant,
)

COUNCILS = ("gemeenteraad", "ocmwraad")
# What a new version copies of each row of its source (besides the version the copy belongs to).
COPIED_FIELDS = (
    ("articles", ("clause_version_id", "category", "service", "title", "text", "position")),
    ("values", ("key", "value")),
    ("annex_services", ("service", "provider", "gemeente_share", "allocation_basis", "note", "position")),
    ("annex_staff", ("name", "function", "employer", "service", "fte", "since", "position")),
)


def working_version(agreement: Agreement) -> AgreementVersion | None:
    """The version people work with: the open one (draft or submitted), else the newest."""
    versions = agreement.versions.order_by("-number")
    return versions.filter(state__in=[State.DRAFT, State.SUBMITTED]).first() or versions.first()


def latest_adopted(agreement: Agreement) -> AgreementVersion | None:
    return agreement.versions.filter(state=State.ADOPTED).order_by("-number").first()


def mandatory_categories(version: AgreementVersion) -> list[str]:
    """The fixed mandatory chapters plus those of mandatory clauses this local government is offered."""
    lg_id = version.agreement.programme.local_government_id
    from_clauses = set(
        Clause.objects.filter(mandatory=True, archived=False)
        .filter(Q(local_government__isnull=True) | Q(local_government_id=lg_id))
        .values_list("category", flat=True)
    )
    return sorted(set(MANDATORY_CATEGORIES) | from_clauses, key=lambda c: CATEGORY_ORDER.get(c, 99))


def submission_problems(
    version: AgreementVersion,
    *,
    values: dict[str, str] | None = None,
    articles: list | None = None,
    has_annex_services: bool | None = None,
) -> list[str]:
    """What a version lacks before it can be submitted: each missing chapter and placeholder, in Dutch.

    A page that has already read the version's placeholder values, articles or annex rows passes them, so
    they are not read again (the service itself, under the row lock, always reads them fresh)."""
    problems: list[str] = []
    labels = dict(ClauseCategory.choices)
    articles = sorted(
        version.articles.all() if articles is None else articles,
        key=lambda a: (CATEGORY_ORDER.get(a.category, 99), a.position, a.pk),
    )
    if not version.title.strip():
        problems.append(_("De overeenkomst heeft nog geen titel."))
    if not articles:
        problems.append(_("De overeenkomst heeft nog geen artikels."))
    present = {a.category for a in articles}
    for category in mandatory_categories(version):
        if category not in present:
            problems.append(
                _("Ontbrekende verplichte categorie: %(category)s")
                % {"category": labels.get(category, category)}
            )
    values = placeholders.values_for(version) if values is None else values
    for key in placeholders.find(version.preamble):
        if not values.get(key):
            problems.append(_("Plaatshouder zonder waarde: {{ %(key)s }} in de aanhef") % {"key": key})
    numbers = {a.pk: _("Artikel %(n)s") % {"n": n} for n, a in enumerate(articles, start=1)}
    for article in articles:
        for key in placeholders.find(article.text):
            if not values.get(key):
                problems.append(
                    _("Plaatshouder zonder waarde: {{ %(key)s }} in %(article)s (%(title)s)")
                    % {"key": key, "article": numbers[article.pk].lower(), "title": article.title}
                )
    if has_annex_services is None:
        has_annex_services = version.annex_services.exists()
    if not has_annex_services:
        problems.append(_("Bijlage 1 is leeg: voeg de gedeelde diensten met hun verdeelsleutel toe."))
    return problems


@transaction.atomic
def agreement_submit(*, user, version: AgreementVersion, comment: str = "") -> AgreementVersion:
    """The consultant submits a complete draft to the algemeen directeur; every problem is listed."""
    version = lock_version(version)
    require_consultant(user, version.agreement.programme.local_government)
    if version.state != State.DRAFT:
        raise ValidationError(
            _("Alleen een ontwerp kan worden ingediend; versie %(n)s is %(state)s.")
            % {"n": version.number, "state": version.get_state_display().lower()}
        )
    problems = submission_problems(version)
    if problems:
        raise ValidationError(problems)
    version.state = State.SUBMITTED
    version.submitted_by = user
    version.submitted_at = timezone.now()
    version.edit_version += 1
    version.save()
    event(version, AgreementEvent.Kind.SUBMITTED, user, (comment or "").strip())
    return version


def _decide(user, version: AgreementVersion, verb: str) -> AgreementVersion:
    version = lock_version(version)
    require_approver(user, version.agreement.programme.local_government)
    if version.state != State.SUBMITTED:
        raise ValidationError(
            _("Alleen een ingediende versie kan worden %(verb)s; versie %(n)s is %(state)s.")
            % {"verb": verb, "n": version.number, "state": version.get_state_display().lower()}
        )
    if version.submitted_by_id == user.pk:
        raise PermissionDenied(_("U kunt niet beslissen over uw eigen indiening."))
    return version


@transaction.atomic
def agreement_approve(*, user, version: AgreementVersion, comment: str = "") -> AgreementVersion:
    """The algemeen directeur approves the version for the council agenda; never the one who submitted."""
    version = _decide(user, version, _("goedgekeurd"))
    version.state = State.APPROVED
    version.approved_by = user
    version.approved_at = timezone.now()
    version.approval_comment = (comment or "").strip()
    version.edit_version += 1
    version.save()
    event(version, AgreementEvent.Kind.APPROVED, user, version.approval_comment)
    return version


@transaction.atomic
def agreement_reject(*, user, version: AgreementVersion, comment: str) -> AgreementVersion:
    """The algemeen directeur sends the version back to draft, with a comment the consultant sees."""
    version = _decide(user, version, _("afgewezen"))
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Zeg de consultant wat er moet veranderen.")})
    version.state = State.DRAFT
    version.submitted_by = None
    version.submitted_at = None
    version.edit_version += 1
    version.save()
    event(version, AgreementEvent.Kind.REJECTED, user, comment.strip())
    return version


@transaction.atomic
def agreement_record_decision(
    *, user, version: AgreementVersion, council: str, date: datetime.date | None, number: str
) -> AgreementVersion:
    """Record the decision of the gemeenteraad or the OCMW-raad (date and number) on an approved version."""
    version = lock_version(version)
    require_consultant(user, version.agreement.programme.local_government)
    if council not in COUNCILS:
        raise ValidationError({"council": _("Kies de gemeenteraad of de OCMW-raad.")})
    if version.state != State.APPROVED:
        if version.state == State.ADOPTED:
            message = _("Versie %(n)s is vastgesteld; de beslissingen liggen vast.")
        else:
            message = _(
                "Een beslissing van de raad wordt pas geregistreerd als de algemeen directeur versie %(n)s "
                "heeft goedgekeurd voor de raad."
            )
        raise ValidationError(message % {"n": version.number})
    errors = {}
    today = timezone.localdate()
    if not isinstance(date, datetime.date):
        errors["date"] = _("Geef de datum van de beslissing, bijvoorbeeld 15/12/2026.")
    elif date > today:
        errors["date"] = _("De beslissing ligt in de toekomst; registreer ze na de zitting.")
    elif version.approved_at and date < timezone.localtime(version.approved_at).date():
        errors["date"] = _(
            "De raad besliste vóór de goedkeuring voor de raad (%(approved)s): controleer de datum."
        ) % {"approved": timezone.localtime(version.approved_at).strftime("%d/%m/%Y")}
    number = (number or "").strip()
    if not number:
        errors["number"] = _("Geef het nummer van de beslissing.")
    elif len(number) > 50:
        errors["number"] = _("Het nummer is te lang: hoogstens 50 tekens.")
    if errors:
        raise ValidationError(errors)
    if council == "gemeenteraad":
        version.council_decision_date, version.council_decision_number = date, number
        kind = AgreementEvent.Kind.COUNCIL_DECISION
    else:
        version.ocmw_decision_date, version.ocmw_decision_number = date, number
        kind = AgreementEvent.Kind.OCMW_DECISION
    version.edit_version += 1
    version.save()
    event(
        version,
        kind,
        user,
        _("Beslissing %(number)s van %(date)s") % {"number": number, "date": date.strftime("%d/%m/%Y")},
    )
    return version


@transaction.atomic
def agreement_adopt(*, user, version: AgreementVersion) -> AgreementVersion:
    """Both councils decided: the version is adopted (vastgesteld) and frozen for good."""
    version = lock_version(version)
    lg = version.agreement.programme.local_government
    if not has_role(user, lg, Role.CONSULTANT, Role.APPROVER):
        raise PermissionDenied(
            _(
                "Alleen de consultants en de algemeen directeur van dit lokaal bestuur stellen de "
                "overeenkomst vast."
            )
        )
    if version.state != State.APPROVED:
        raise ValidationError(
            _(
                "Alleen een versie die is goedgekeurd voor de raad kan worden vastgesteld; "
                "versie %(n)s is %(state)s."
            )
            % {"n": version.number, "state": version.get_state_display().lower()}
        )
    missing = []
    if not (version.council_decision_date and version.council_decision_number):
        missing.append(_("De beslissing van de gemeenteraad is nog niet geregistreerd."))
    if not (version.ocmw_decision_date and version.ocmw_decision_number):
        missing.append(_("De beslissing van de OCMW-raad is nog niet geregistreerd."))
    if missing:
        raise ValidationError(missing)
    version.state = State.ADOPTED
    version.adopted_by = user
    version.adopted_at = timezone.now()
    version.edit_version += 1
    version.save()
    event(version, AgreementEvent.Kind.ADOPTED, user)
    return version


@transaction.atomic
def agreement_new_version(*, user, agreement: Agreement) -> AgreementVersion:
    """A change after approval: a new draft, a copy of the newest approved or adopted version."""
    agreement = (
        Agreement.objects.select_for_update()
        .select_related("programme__local_government")
        .get(pk=agreement.pk)
    )
    require_consultant(user, agreement.programme.local_government)
    open_version = agreement.versions.filter(state__in=[State.DRAFT, State.SUBMITTED]).first()
    if open_version is not None:
        return open_version
    source = agreement.versions.filter(state__in=[State.APPROVED, State.ADOPTED]).order_by("-number").first()
    if source is None:
        raise ValidationError(_("Er is nog geen goedgekeurde of vastgestelde versie om van te vertrekken."))
    number = agreement.versions.order_by("-number").values_list("number", flat=True).first() + 1
    new = AgreementVersion.objects.create(
        agreement=agreement,
        number=number,
        title=source.title,
        start_date=source.start_date,
        preamble=source.preamble,
        created_by=user,
    )
    for related, fields in COPIED_FIELDS:
        rows = getattr(source, related)
        rows.model.objects.bulk_create(
            rows.model(version=new, **{name: getattr(row, name) for name in fields}) for row in rows.all()
        )
    event(new, AgreementEvent.Kind.NEW_VERSION, user, _("Vertrekt van versie %(n)s.") % {"n": source.number})
    return new
