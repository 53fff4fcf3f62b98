"""Thin Celery tasks that mail the staff survey: they take primary keys and are safe to run twice.

Each invitation records when its invitation (sent_at) and its last reminder (reminded_at) really went,
so a retry, a redelivery (acks_late) or a second run never mails anyone twice for the same round.
"""

from __future__ import annotations

from datetime import datetime

from celery import shared_task
from django.db import InterfaceError, OperationalError

from .services import survey as services

# SMTP errors (smtplib.SMTPException is an OSError), a network hiccup or a busy database: try again later.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (OSError, OperationalError, InterfaceError)

_RETRY = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 6,
    "ignore_result": True,
}


@shared_task(name="scans.tasks.send_survey_invitations", **_RETRY)
def send_survey_invitations(survey_id: int, base_url: str) -> int:
    """Mail the personal link to every invitee of the (open) survey who did not get it yet."""
    return services.survey_invitations_send(survey_id=survey_id, base_url=base_url)


@shared_task(name="scans.tasks.send_survey_reminders", **_RETRY)
def send_survey_reminders(survey_id: int, base_url: str, since: str) -> int:
    """Mail the reminder round started at `since` (ISO 8601) to whoever has not answered yet."""
    return services.survey_reminders_send(
        survey_id=survey_id, base_url=base_url, since=datetime.fromisoformat(since)
    )
