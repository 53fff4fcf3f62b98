"""Starting a scan and the permission helpers every scan service uses."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from programmes.models import Programme, Role
from programmes.services import has_role

from .. import defaults
from ..models import GuideQuestion, Scan, SupportService, Survey, SurveyQuestion


def require_consultant(user, scan: Scan) -> None:
    """Only the consultants of the scan's local government change it."""
    if not has_role(user, scan.programme.local_government, Role.CONSULTANT):
        raise PermissionDenied(_("Alleen de consultants van dit lokaal bestuur kunnen de scan wijzigen."))


def require_draft(scan: Scan) -> None:
    if scan.state != Scan.State.DRAFT:
        raise ValidationError(_("Deze scan is afgerond en kan niet meer wijzigen. Heropen hem eerst."))


@transaction.atomic
def scan_start(*, user, programme: Programme) -> Scan:
    """Start the scan of a programme with its own copy of the default guide, survey and services."""
    if not has_role(user, programme.local_government, Role.CONSULTANT):
        raise PermissionDenied(_("Alleen de consultants van dit lokaal bestuur kunnen de scan starten."))
    scan, created = Scan.objects.get_or_create(programme=programme)
    if not created:
        return scan
    # The guide, survey and service names are stored in Dutch, the language of the local government's
    # staff, whatever language the consultant works in.
    with translation.override(settings.LANGUAGE_CODE):
        _copy_defaults(scan)
    return scan


def _copy_defaults(scan: Scan) -> None:
    GuideQuestion.objects.bulk_create(
        GuideQuestion(scan=scan, theme=theme, text=str(text), asks_score=score, position=n)
        for n, (theme, text, score) in enumerate(defaults.INTERVIEW_GUIDE, start=1)
    )
    survey = Survey.objects.create(
        scan=scan, title=str(defaults.SURVEY_TITLE), introduction=str(defaults.SURVEY_INTRODUCTION)
    )
    SurveyQuestion.objects.bulk_create(
        SurveyQuestion(survey=survey, topic=topic, kind=kind, text=str(text), position=n)
        for n, (topic, kind, text) in enumerate(defaults.SURVEY_QUESTIONS, start=1)
    )
    SupportService.objects.bulk_create(
        SupportService(scan=scan, name=str(name), position=n)
        for n, name in enumerate(defaults.SUPPORT_SERVICES, start=1)
    )


@transaction.atomic
def scan_finalise(*, user, scan: Scan) -> Scan:
    """Mark the scan complete: its report loses the ONTWERP mark."""
    scan = Scan.objects.select_for_update().get(pk=scan.pk)
    require_consultant(user, scan)
    require_draft(scan)
    # A finished scan takes no more answers: an open survey closes with it.
    Survey.objects.filter(scan=scan, state=Survey.State.OPEN).update(
        state=Survey.State.CLOSED, closed_at=timezone.now()
    )
    scan.state = Scan.State.FINAL
    scan.finalised_at = timezone.now()
    scan.version += 1
    scan._history_user = user
    scan.save()
    return scan


@transaction.atomic
def scan_reopen(*, user, scan: Scan) -> Scan:
    scan = Scan.objects.select_for_update().get(pk=scan.pk)
    require_consultant(user, scan)
    if scan.state != Scan.State.FINAL:
        raise ValidationError(_("Deze scan is nog niet afgerond."))
    scan.state = Scan.State.DRAFT
    scan.finalised_at = None
    scan.version += 1
    scan._history_user = user
    scan.save()
    return scan
