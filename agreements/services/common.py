"""What the agreement services share: role checks, the frozen-version rule, row locks, stale edits, events."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from programmes.models import LocalGovernment, Membership, Role
from programmes.services import FieldChange, StaleEditError, has_role

from ..models import AgreementEvent, AgreementVersion, ClauseCategory

State = AgreementVersion.State

# The categories that hold one article per shared service.
PER_SERVICE_CATEGORIES = frozenset(
    {
        ClauseCategory.SERVICE_WORKING_METHOD,
        ClauseCategory.SERVICE_EMPLOYER_AUTHORITY,
        ClauseCategory.SERVICE_FUNCTIONAL_AUTHORITY,
        ClauseCategory.SERVICE_LOCATION,
        ClauseCategory.SERVICE_FINANCING,
    }
)

# Every agreement needs these chapters, whatever the library holds (plus the categories of mandatory clauses).
MANDATORY_CATEGORIES = (
    ClauseCategory.PURPOSE,
    ClauseCategory.LEGAL_FRAME,
    ClauseCategory.GENERAL,
    ClauseCategory.STAFF,
    ClauseCategory.COST_ALLOCATION,
    ClauseCategory.INFORMATION_SECURITY,
    ClauseCategory.EVALUATION,
    ClauseCategory.DURATION,
)

MAX_TEXT = 20000


class StaleAgreementEditError(StaleEditError):
    """Someone saved this part of the agreement since the form was opened; nothing was saved."""

    def __init__(self, changes: list[FieldChange], changed_by: str = ""):
        self.changes = changes
        self.changed_by = changed_by
        ValidationError.__init__(
            self,
            _(
                "Iemand anders heeft dit intussen gewijzigd. Uw wijzigingen zijn niet opgeslagen; "
                "vergelijk ze hieronder en sla opnieuw op."
            ),
            code="stale",
        )


def who(user) -> str:
    if user is None:
        return _("Iemand")
    return user.get_full_name() or user.username


def require_consultant(user, local_government: LocalGovernment) -> None:
    if not has_role(user, local_government, Role.CONSULTANT):
        raise PermissionDenied(
            _("Alleen de consultants van dit lokaal bestuur kunnen de beheersovereenkomst wijzigen.")
        )


def require_approver(user, local_government: LocalGovernment) -> None:
    if not has_role(user, local_government, Role.APPROVER):
        raise PermissionDenied(
            _("Alleen de algemeen directeur van dit lokaal bestuur keurt de beheersovereenkomst goed.")
        )


def is_library_editor(user) -> bool:
    """Consultants (of any local government) keep the consultancy-wide library; site admins too."""
    return user.is_authenticated and (
        user.is_superuser or Membership.objects.filter(user=user, role=Role.CONSULTANT).exists()
    )


def require_editable(version: AgreementVersion) -> None:
    """Content changes only in a draft: a submitted version waits, an approved or adopted one is frozen."""
    if version.state == State.ADOPTED:
        raise ValidationError(
            _(
                "Versie %(n)s is vastgesteld door de raden en ligt vast. "
                "Start een nieuwe versie om iets te wijzigen."
            )
            % {"n": version.number}
        )
    if version.state == State.APPROVED:
        raise ValidationError(
            _(
                "Versie %(n)s is goedgekeurd voor de raad en ligt vast. "
                "Start een nieuwe versie om iets te wijzigen."
            )
            % {"n": version.number}
        )
    if version.state == State.SUBMITTED:
        raise ValidationError(
            _(
                "Versie %(n)s is ingediend en wacht op de algemeen directeur. "
                "Wijzigen kan pas na een beslissing."
            )
            % {"n": version.number}
        )


def lock_version(version: AgreementVersion | int) -> AgreementVersion:
    pk = version.pk if isinstance(version, AgreementVersion) else version
    return (
        AgreementVersion.objects.select_for_update()
        .select_related("agreement__programme__local_government")
        .get(pk=pk)
    )


def lock_for_edit(user, version: AgreementVersion | int) -> AgreementVersion:
    """Lock the version row, check the consultant role and that the version is an editable draft."""
    locked = lock_version(version)
    require_consultant(user, locked.agreement.programme.local_government)
    require_editable(locked)
    return locked


def event(version: AgreementVersion, kind: str, user, comment: str = "") -> AgreementEvent:
    return AgreementEvent.objects.create(version=version, kind=kind, user=user, comment=comment)
