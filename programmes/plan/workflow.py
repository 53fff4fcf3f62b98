"""The plan's workflow: draft → submitted → approved, or rejected back to draft; new versions.

Every function takes the acting user, checks the role on the server, locks the rows it changes and
records the step in PlanEvent (who, when, comment) in the same transaction.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Action,
    BalanceItem,
    FinancialLine,
    IntendedResult,
    Phase,
    Plan,
    PlanEvent,
    PlanVersion,
    Programme,
    Role,
)
from ..services import has_role

State = PlanVersion.State


def require_consultant(user, plan: Plan) -> None:
    if not has_role(user, plan.programme.local_government, Role.CONSULTANT):
        raise PermissionDenied(_("Alleen de consultants van dit lokaal bestuur kunnen het plan wijzigen."))


def require_approver(user, plan: Plan) -> None:
    if not has_role(user, plan.programme.local_government, Role.APPROVER):
        raise PermissionDenied(_("Alleen de algemeen directeur van dit lokaal bestuur keurt het plan goed."))


def require_editable(version: PlanVersion) -> None:
    """Content changes only in a draft: a submitted version waits, an approved one is frozen."""
    if version.state == State.APPROVED:
        raise ValidationError(
            _("Deze versie is goedgekeurd en ligt vast. Start een nieuwe versie om te wijzigen.")
        )
    if version.state == State.SUBMITTED:
        raise ValidationError(
            _(
                "Deze versie is ingediend en wacht op de algemeen directeur. "
                "Wijzigen kan pas na een beslissing."
            )
        )


def _lock(version: PlanVersion) -> PlanVersion:
    return (
        PlanVersion.objects.select_for_update()
        .select_related("plan__programme__local_government")
        .get(pk=version.pk)
    )


def _event(version: PlanVersion, kind: str, user, comment: str = "") -> None:
    PlanEvent.objects.create(version=version, kind=kind, user=user, comment=comment)


@transaction.atomic
def plan_start(*, user, programme: Programme) -> PlanVersion:
    """Start the target picture and action plan of a programme: version 1, a draft."""
    if not has_role(user, programme.local_government, Role.CONSULTANT):
        raise PermissionDenied(_("Alleen de consultants van dit lokaal bestuur kunnen het plan starten."))
    plan, created = Plan.objects.get_or_create(programme=programme)
    if not created:
        return working_version(plan)
    version = PlanVersion.objects.create(plan=plan, number=1, created_by=user)
    _event(version, PlanEvent.Kind.CREATED, user)
    return version


def working_version(plan: Plan) -> PlanVersion:
    """The version people work with: the open one (draft or submitted), else the latest approved."""
    versions = plan.versions.select_related("submitted_by").order_by("-number")
    return versions.filter(state__in=[State.DRAFT, State.SUBMITTED]).first() or versions.first()


def latest_approved(plan: Plan) -> PlanVersion | None:
    return plan.versions.filter(state=State.APPROVED).order_by("-number").first()


@transaction.atomic
def plan_submit(*, user, version: PlanVersion) -> PlanVersion:
    """The consultant submits the target picture and the plan together, for the director's approval."""
    version = _lock(version)
    require_consultant(user, version.plan)
    if version.state != State.DRAFT:
        raise ValidationError(
            _("Alleen een ontwerp kan worden ingediend; deze versie is %(state)s.")
            % {"state": version.get_state_display().lower()}
        )
    problems = submission_problems(version)
    if problems:
        raise ValidationError(problems)
    version.state = State.SUBMITTED
    version.submitted_by = user
    version.submitted_at = timezone.now()
    version.edit_version += 1
    version.save()
    _event(version, PlanEvent.Kind.SUBMITTED, user)
    return version


def submission_problems(version: PlanVersion) -> list[str]:
    """What a version still lacks before it can be submitted, in Dutch."""
    problems = []
    if not version.ambition.strip():
        problems.append(_("Het streefbeeld heeft nog geen gedeelde ambitie."))
    if not version.results.exists():
        problems.append(_("Er is nog geen beoogd resultaat."))
    if not version.actions.exists():
        problems.append(_("Het actieplan heeft nog geen acties."))
    return problems


@transaction.atomic
def plan_approve(*, user, version: PlanVersion, comment: str = "") -> PlanVersion:
    """The algemeen directeur of that local government approves; never the one who submitted."""
    version = _lock(version)
    require_approver(user, version.plan)
    if version.state != State.SUBMITTED:
        raise ValidationError(_("Alleen een ingediende versie kan worden goedgekeurd."))
    if version.submitted_by_id == user.pk:
        raise PermissionDenied(_("U kunt uw eigen indiening niet goedkeuren."))
    version.state = State.APPROVED
    version.approved_by = user
    version.approved_at = timezone.now()
    version.approval_comment = comment.strip()
    version.edit_version += 1
    version.save()
    _event(version, PlanEvent.Kind.APPROVED, user, comment.strip())
    return version


@transaction.atomic
def plan_reject(*, user, version: PlanVersion, comment: str) -> PlanVersion:
    """The director sends the version back to draft, with a comment the consultant sees."""
    version = _lock(version)
    require_approver(user, version.plan)
    if version.state != State.SUBMITTED:
        raise ValidationError(_("Alleen een ingediende versie kan worden afgekeurd."))
    if version.submitted_by_id == user.pk:
        raise PermissionDenied(_("U kunt niet beslissen over uw eigen indiening."))
    if not comment.strip():
        raise ValidationError({"comment": _("Zeg de consultant wat er moet veranderen.")})
    version.state = State.DRAFT
    version.submitted_by = None
    version.submitted_at = None
    version.edit_version += 1
    version.save()
    _event(version, PlanEvent.Kind.REJECTED, user, comment.strip())
    return version


@transaction.atomic
def plan_new_version(*, user, plan: Plan) -> PlanVersion:
    """Editing after approval: a new draft, a copy of the latest approved version."""
    plan = Plan.objects.select_for_update().select_related("programme__local_government").get(pk=plan.pk)
    require_consultant(user, plan)
    open_version = plan.versions.filter(state__in=[State.DRAFT, State.SUBMITTED]).first()
    if open_version is not None:
        return open_version
    source = latest_approved(plan)
    if source is None:
        raise ValidationError(_("Er is nog geen goedgekeurde versie om van te vertrekken."))
    new = PlanVersion.objects.create(
        plan=plan,
        number=plan.versions.order_by("-number").values_list("number", flat=True).first() + 1,
        ambition=source.ambition,
        involved=source.involved,
        horizon=source.horizon,
        patrimony=source.patrimony,
        created_by=user,
    )
    IntendedResult.objects.bulk_create(
        IntendedResult(version=new, angle=r.angle, text=r.text, position=r.position)
        for r in source.results.all()
    )
    BalanceItem.objects.bulk_create(
        BalanceItem(version=new, domain=b.domain, factor=b.factor, weight=b.weight, note=b.note)
        for b in source.balance_items.all()
    )
    FinancialLine.objects.bulk_create(
        FinancialLine(version=new, year=f.year, kind=f.kind, description=f.description, amount=f.amount)
        for f in source.financial_lines.all()
    )
    phase_map = {}
    for phase in source.phases.all():
        phase_map[phase.pk] = Phase.objects.create(
            version=new, name=phase.name, description=phase.description, position=phase.position
        )
    Action.objects.bulk_create(
        Action(
            version=new,
            phase=phase_map[a.phase_id],
            key=a.key,
            title=a.title,
            description=a.description,
            kind=a.kind,
            owner_name=a.owner_name,
            owner_id=a.owner_id,
            start=a.start,
            end=a.end,
            is_milestone=a.is_milestone,
            is_quick_win=a.is_quick_win,
            planned_status=a.planned_status,
            position=a.position,
        )
        for a in source.actions.all()
    )
    _event(new, PlanEvent.Kind.NEW_VERSION, user, _("Vertrekt van versie %(n)s.") % {"n": source.number})
    return new
