"""The survey mails go out through Celery tasks after commit: once per invitation and per reminder round,
retried on a transient SMTP error, and recorded only once they really went."""

import smtplib
from unittest import mock

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django.utils import translation

from scans import tasks
from scans.models import SurveyInvitation
from scans.services import survey as services

from .test_survey import BASE, _answers, _token

EMAILS = ["an.peeters@geel.be", "els.claes@geel.be", "jan.maes@geel.be", "lies.wouters@ocmw-geel.be"]


@pytest.fixture
def invited(scan_a, consultant_a):
    survey = scan_a.survey
    services.survey_invite(
        user=consultant_a,
        survey=survey,
        organisation="gemeente",
        department="Technische dienst",
        emails="an.peeters@geel.be\njan.maes@geel.be\nels.claes@geel.be",
        base_url=BASE,
    )
    services.survey_invite(
        user=consultant_a,
        survey=survey,
        organisation="ocmw",
        department="Sociale dienst",
        emails="lies.wouters@ocmw-geel.be",
        base_url=BASE,
    )
    return survey


def _flaky_send(fail_on_calls, error=None):
    """A locmem send_messages that raises `error` (a dropped connection) on the given calls (1-based)."""
    error = error or smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    real = EmailBackend.send_messages
    calls = {"n": 0}

    def send(self, messages):
        calls["n"] += 1
        if calls["n"] in fail_on_calls:
            raise error
        return real(self, messages)

    return send, calls


def _sent_to(mailoutbox):
    return sorted(m.to[0] for m in mailoutbox)


def test_opening_enqueues_the_invitations_after_commit_only(
    invited, consultant_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sent = services.survey_open(user=consultant_a, survey=invited, base_url=BASE)
    assert sent == 4
    assert mailoutbox == []  # nothing leaves inside the transaction
    assert not SurveyInvitation.objects.filter(survey=invited, sent_at__isnull=False).exists()
    for callback in callbacks:
        callback()
    assert _sent_to(mailoutbox) == EMAILS
    assert not SurveyInvitation.objects.filter(survey=invited, sent_at__isnull=True).exists()


def test_invitations_go_out_once_even_when_the_task_runs_twice(
    invited, consultant_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.survey_open(user=consultant_a, survey=invited, base_url=BASE)
    first = dict(SurveyInvitation.objects.filter(survey=invited).values_list("email", "sent_at"))
    for callback in callbacks:  # a redelivered message
        callback()
    tasks.send_survey_invitations.apply(kwargs={"survey_id": invited.pk, "base_url": BASE})
    assert _sent_to(mailoutbox) == EMAILS
    assert dict(SurveyInvitation.objects.filter(survey=invited).values_list("email", "sent_at")) == first


def test_a_draft_or_closed_survey_mails_nobody(invited, consultant_a, mailoutbox):
    tasks.send_survey_invitations.apply(kwargs={"survey_id": invited.pk, "base_url": BASE})
    assert mailoutbox == []
    assert not SurveyInvitation.objects.filter(survey=invited, sent_at__isnull=False).exists()


def test_reminders_only_to_non_responders_once_per_round(
    client, invited, consultant_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_open(user=consultant_a, survey=invited, base_url=BASE)
    client.post(
        reverse("scans:survey_respond", args=[_token(invited, "an.peeters@geel.be")]), _answers(invited)
    )
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.survey_remind(user=consultant_a, survey=invited, base_url=BASE) == 3
    expected = [e for e in EMAILS if e != "an.peeters@geel.be"]
    assert _sent_to(mailoutbox) == expected
    assert all("Herinnering" in m.subject for m in mailoutbox)

    for callback in callbacks:  # the same round again: nobody gets a second reminder
        callback()
    assert len(mailoutbox) == 3

    with django_capture_on_commit_callbacks(execute=True):  # a new round a week later reminds again
        services.survey_remind(user=consultant_a, survey=invited, base_url=BASE)
    assert len(mailoutbox) == 6
    assert _sent_to(mailoutbox[3:]) == expected


def test_a_transient_smtp_error_is_retried_and_nobody_gets_two_mails(
    invited, consultant_a, mailoutbox, django_capture_on_commit_callbacks
):
    send, calls = _flaky_send({2})  # the second mail fails once
    with mock.patch.object(EmailBackend, "send_messages", send):
        with django_capture_on_commit_callbacks(execute=True):
            services.survey_open(user=consultant_a, survey=invited, base_url=BASE)
    assert calls["n"] == 5  # four mails and the failed attempt
    assert _sent_to(mailoutbox) == EMAILS
    assert not SurveyInvitation.objects.filter(survey=invited, sent_at__isnull=True).exists()


def test_an_invitation_is_not_marked_sent_until_it_really_went(
    client, invited, consultant_a, mailoutbox, django_capture_on_commit_callbacks
):
    send, calls = _flaky_send(set(range(1, 100)))  # the mail server stays down
    client.force_login(consultant_a)
    with mock.patch.object(EmailBackend, "send_messages", send):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("scans:survey_open", args=[invited.scan.pk]), follow=True)
    assert response.status_code == 200  # the consultant's request does not fail
    assert calls["n"] == 1 + tasks.send_survey_invitations.max_retries
    assert mailoutbox == []
    assert not SurveyInvitation.objects.filter(survey=invited, sent_at__isnull=False).exists()
    page = client.get(reverse("scans:survey", args=[invited.scan.pk])).content.decode()
    assert page.count("wordt verstuurd</span>") == 4
    assert "4 uitnodigingen zijn nog niet vertrokken" in page

    # Once the server is back, the next run sends them all, once.
    tasks.send_survey_invitations.apply(kwargs={"survey_id": invited.pk, "base_url": BASE})
    assert _sent_to(mailoutbox) == EMAILS


def test_a_refused_address_does_not_hold_up_the_others(
    invited, consultant_a, mailoutbox, django_capture_on_commit_callbacks
):
    refused = smtplib.SMTPRecipientsRefused({"an.peeters@geel.be": (550, b"No such user")})
    send, calls = _flaky_send({1}, error=refused)
    with mock.patch.object(EmailBackend, "send_messages", send):
        with django_capture_on_commit_callbacks(execute=True):
            services.survey_open(user=consultant_a, survey=invited, base_url=BASE)
    assert calls["n"] == 4  # no retry: that address would be refused again
    assert _sent_to(mailoutbox) == EMAILS[1:]
    assert SurveyInvitation.objects.get(email="an.peeters@geel.be").sent_at is None


def test_the_page_end_to_end_with_eager_tasks(
    client, invited, consultant_a, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(consultant_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("scans:survey_open", args=[invited.scan.pk]))
    # In the tests the callbacks run when the block ends; in production right after the view's commit.
    html = client.get(response.url).content.decode()
    assert "De uitnodigingen worden verstuurd (4)" in html
    assert "4 uitgenodigd · 4 verstuurd" in html
    assert "wordt verstuurd</span>" not in html  # every row shows the day it went
    assert "nog niet vertrokken" not in html
    assert _sent_to(mailoutbox) == EMAILS
    assert all(m.subject and "Geel" in m.body for m in mailoutbox)

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("scans:survey_invite", args=[invited.scan.pk]),
            {"organisation": "ocmw", "department": "Sociale dienst", "emails": "laat@ocmw-geel.be"},
            follow=True,
        )
    assert "de uitnodiging wordt verstuurd" in response.content.decode()
    assert _sent_to(mailoutbox) == ["laat@ocmw-geel.be"]


def test_mails_stay_dutch_when_the_task_runs_in_english(invited, consultant_a, mailoutbox):
    invited.state = "open"
    invited.save(update_fields=["state"])
    with translation.override("en"):
        tasks.send_survey_invitations.apply(kwargs={"survey_id": invited.pk, "base_url": BASE})
    assert len(mailoutbox) == 4
    assert all(m.subject.startswith("Uw mening over de samenwerking van") for m in mailoutbox)
