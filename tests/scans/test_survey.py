"""The staff survey: invitees, opening, reminders, closing and the anonymous personal link."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from scans.models import Survey, SurveyAnswer, SurveyInvitation, SurveyQuestion, SurveyResponse
from scans.services import survey as services
from scans.services.core import scan_finalise

BASE = "http://testserver/"


@pytest.fixture
def survey_a(scan_a):
    return scan_a.survey


@pytest.fixture
def invited_a(survey_a, consultant_a):
    """Three invitees of the technical service of the gemeente, one of the OCMW."""
    services.survey_invite(
        user=consultant_a,
        survey=survey_a,
        organisation="gemeente",
        department="Technische dienst",
        emails="an.peeters@geel.be\njan.maes@geel.be\nels.claes@geel.be",
        base_url=BASE,
    )
    services.survey_invite(
        user=consultant_a,
        survey=survey_a,
        organisation="ocmw",
        department="Sociale dienst",
        emails="lies.wouters@ocmw-geel.be",
        base_url=BASE,
    )
    return survey_a


@pytest.fixture
def open_a(invited_a, consultant_a, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_open(user=consultant_a, survey=invited_a, base_url=BASE)
    invited_a.refresh_from_db()
    return invited_a


def _token(survey, email):
    return SurveyInvitation.objects.get(survey=survey, email=email).token


def _answers(survey, score="4", text="Meer overleg tussen de diensten."):
    data = {}
    for question in survey.questions.all():
        data[f"q{question.pk}"] = score if question.kind == SurveyQuestion.Kind.SCORE else text
    return data


# --- Defaults and editing -------------------------------------------------------------------------


def test_scan_start_made_a_draft_survey_with_five_questions(survey_a):
    assert survey_a.state == Survey.State.DRAFT
    assert survey_a.questions.count() == 5
    assert survey_a.questions.filter(kind="score").count() == 3


def test_questions_editable_in_draft_refused_once_open(open_a, consultant_a, client):
    question = open_a.questions.first()
    with pytest.raises(ValidationError) as error:
        services.survey_question_update(
            user=consultant_a, question=question, topic="support", kind="score", text="Iets anders"
        )
    assert "de vragen kunnen niet meer wijzigen" in " ".join(error.value.messages)
    client.force_login(consultant_a)
    response = client.post(reverse("scans:survey_question_delete", args=[question.pk]), follow=True)
    assert "de vragen kunnen niet meer wijzigen" in response.content.decode()
    assert SurveyQuestion.objects.filter(pk=question.pk).exists()
    response = client.post(
        reverse("scans:survey_question_add", args=[open_a.scan.pk]),
        {"text": "Nieuwe vraag", "kind": "score", "topic": "support"},
    )
    assert "de vragen kunnen niet meer wijzigen" in response.content.decode()
    assert open_a.questions.count() == 5


def test_consultant_adds_edits_and_deletes_a_question(client, consultant_a, survey_a):
    client.force_login(consultant_a)
    url = reverse("scans:survey_question_add", args=[survey_a.scan.pk])
    response = client.post(url, {"text": "Ik word goed geïnformeerd.", "kind": "score", "topic": "support"})
    assert response.status_code == 302
    question = survey_a.questions.get(text="Ik word goed geïnformeerd.")
    assert question.position == 6
    response = client.post(
        reverse("scans:survey_question_edit", args=[question.pk]),
        {"text": "Ik word goed en op tijd geïnformeerd.", "kind": "score", "topic": "support"},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "Ik word goed en op tijd geïnformeerd."
    client.post(reverse("scans:survey_question_delete", args=[question.pk]))
    assert not SurveyQuestion.objects.filter(pk=question.pk).exists()


def test_question_form_refuses_empty_text_in_dutch(client, consultant_a, survey_a):
    client.force_login(consultant_a)
    response = client.post(
        reverse("scans:survey_question_add", args=[survey_a.scan.pk]), {"text": " ", "kind": "nope"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Dit veld is verplicht." in content
    assert survey_a.questions.count() == 5


def test_title_and_introduction_edit(client, consultant_a, survey_a):
    client.force_login(consultant_a)
    response = client.post(
        reverse("scans:survey_edit", args=[survey_a.scan.pk]),
        {"title": "Samen verder", "introduction": "Uw mening telt."},
    )
    assert response.status_code == 302
    survey_a.refresh_from_db()
    assert (survey_a.title, survey_a.introduction) == ("Samen verder", "Uw mening telt.")


def test_stale_title_and_introduction_refused_with_the_differences(consultant_a, survey_a):
    opened = survey_a.version
    services.survey_update(
        user=consultant_a, survey=survey_a, title="Samen verder", introduction="", expected_version=opened
    )
    with pytest.raises(services.StaleSurveyError) as caught:
        services.survey_update(
            user=consultant_a,
            survey=survey_a,
            title="Onze toekomst",
            introduction="Uw mening telt.",
            expected_version=opened,
        )
    assert ("Titel", "Samen verder", "Onze toekomst") in caught.value.changes
    assert ("Inleiding voor de medewerkers", "—", "Uw mening telt.") in caught.value.changes
    survey_a.refresh_from_db()
    assert (survey_a.title, survey_a.introduction, survey_a.version) == ("Samen verder", "", opened + 1)
    services.survey_update(
        user=consultant_a,
        survey=survey_a,
        title="Onze toekomst",
        introduction="Uw mening telt.",
        expected_version=opened + 1,
    )
    survey_a.refresh_from_db()
    assert survey_a.title == "Onze toekomst" and survey_a.version == opened + 2


def test_stale_title_edit_refused_and_input_kept(client, consultant_a, survey_a):
    client.force_login(consultant_a)
    url = reverse("scans:survey_edit", args=[survey_a.scan.pk])
    assert 'name="version" value="1"' in client.get(url).content.decode()
    data = {"introduction": "Uw mening telt.", "version": "1"}
    assert client.post(url, {**data, "title": "Samen verder"}).status_code == 302
    response = client.post(url, {**data, "title": "Mijn getypte titel"})
    content = response.content.decode()
    assert response.status_code == 200 and "de titel of de inleiding intussen gewijzigd" in content
    assert "Titel" in content and "Samen verder" in content
    assert 'value="Mijn getypte titel"' in content and 'name="version" value="2"' in content
    survey_a.refresh_from_db()
    assert survey_a.title == "Samen verder"
    response = client.post(url, {**data, "title": "Mijn getypte titel", "version": "2"})
    assert response.status_code == 302
    survey_a.refresh_from_db()
    assert survey_a.title == "Mijn getypte titel" and survey_a.version == 3


# --- Invitees -------------------------------------------------------------------------------------


def test_paste_with_separators_and_duplicates(survey_a, consultant_a):
    result = services.survey_invite(
        user=consultant_a,
        survey=survey_a,
        organisation="gemeente",
        department="Burgerzaken",
        emails="a@geel.be; b@geel.be, c@geel.be\n\nA@Geel.be\nJan Peeters <d@geel.be>",
        base_url=BASE,
    )
    assert (result.added, result.skipped, result.sent) == (4, 1, 0)
    result = services.survey_invite(
        user=consultant_a,
        survey=survey_a,
        organisation="gemeente",
        department="burgerzaken",
        emails="a@geel.be\nb@geel.be\nc@geel.be\ne@geel.be",
        base_url=BASE,
    )
    assert (result.added, result.skipped) == (1, 3)
    assert "3 adressen stonden al op de lijst." in services.invite_message(result)
    # the same dienst typed in another case joins the existing group
    assert set(survey_a.invitations.values_list("department", flat=True)) == {"Burgerzaken"}


def test_bad_email_lines_named_and_input_kept(client, consultant_a, survey_a):
    client.force_login(consultant_a)
    pasted = "an.peeters@geel.be\njan.maes@\nels claes at geel.be\ntine@geel.be"
    response = client.post(
        reverse("scans:survey_invite", args=[survey_a.scan.pk]),
        {"organisation": "gemeente", "department": "Technische dienst", "emails": pasted},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Regel 2: “jan.maes@” is geen geldig e-mailadres." in content
    assert "Regel 3: “els claes at geel.be” is geen geldig e-mailadres." in content
    assert "an.peeters@geel.be\njan.maes@\nels claes at geel.be\ntine@geel.be</textarea>" in content
    assert 'value="Technische dienst"' in content
    assert not survey_a.invitations.exists()


def test_invite_page_duplicates_reported(client, consultant_a, invited_a):
    client.force_login(consultant_a)
    response = client.post(
        reverse("scans:survey_invite", args=[invited_a.scan.pk]),
        {
            "organisation": "gemeente",
            "department": "Technische dienst",
            "emails": "an.peeters@geel.be\njan.maes@geel.be\nels.claes@geel.be\nnieuw@geel.be",
        },
        follow=True,
    )
    content = response.content.decode()
    assert "1 adres toegevoegd. 3 adressen stonden al op de lijst." in content


def test_invitees_added_while_open_get_their_mail(
    open_a, consultant_a, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = services.survey_invite(
            user=consultant_a,
            survey=open_a,
            organisation="ocmw",
            department="Sociale dienst",
            emails="laat@ocmw-geel.be\nlies.wouters@ocmw-geel.be",
            base_url=BASE,
        )
    assert (result.added, result.skipped, result.sent) == (1, 1, 1)
    assert [m.to for m in mailoutbox] == [["laat@ocmw-geel.be"]]
    assert SurveyInvitation.objects.get(email="laat@ocmw-geel.be").sent_at is not None


def test_remove_invitee_not_after_answering(open_a, consultant_a, client):
    client.force_login(consultant_a)
    answered = SurveyInvitation.objects.get(email="an.peeters@geel.be")
    client.post(reverse("scans:survey_respond", args=[answered.token]), _answers(open_a))
    response = client.post(reverse("scans:survey_invitation_delete", args=[answered.pk]), follow=True)
    assert "Deze medewerker heeft al geantwoord" in response.content.decode()
    assert SurveyInvitation.objects.filter(pk=answered.pk).exists()
    other = SurveyInvitation.objects.get(email="jan.maes@geel.be")
    response = client.post(
        reverse("scans:survey_invitation_delete", args=[other.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "jan.maes@geel.be staat niet meer op de lijst." in response.content.decode()
    assert 'id="genodigden"' in response.content.decode()
    assert not SurveyInvitation.objects.filter(pk=other.pk).exists()


# --- Opening, reminders, closing ------------------------------------------------------------------


def test_open_sends_each_invitee_a_personal_link(open_a, mailoutbox):
    assert open_a.state == Survey.State.OPEN and open_a.opened_at is not None
    assert sorted(m.to[0] for m in mailoutbox) == [
        "an.peeters@geel.be",
        "els.claes@geel.be",
        "jan.maes@geel.be",
        "lies.wouters@ocmw-geel.be",
    ]
    message = next(m for m in mailoutbox if m.to == ["an.peeters@geel.be"])
    token = _token(open_a, "an.peeters@geel.be")
    assert f"http://testserver/bevraging/{token}/" in message.body
    assert "Gemeente Geel en OCMW Geel" in message.body and "Lokaal bestuur Geel" in message.body
    assert "anoniem" in message.body and "vijf minuten" in message.body
    assert "Gemeente Geel" in message.subject
    assert all(len(m.to) == 1 for m in mailoutbox)  # nobody sees the other addresses
    assert not SurveyInvitation.objects.filter(survey=open_a, sent_at__isnull=True).exists()


def test_open_needs_invitees(survey_a, consultant_a, client):
    client.force_login(consultant_a)
    response = client.post(reverse("scans:survey_open", args=[survey_a.scan.pk]), follow=True)
    assert "Voeg eerst de e-mailadressen van de medewerkers toe." in response.content.decode()
    survey_a.refresh_from_db()
    assert survey_a.state == Survey.State.DRAFT


def test_reminders_only_to_those_who_did_not_answer(
    client, open_a, consultant_a, mailoutbox, django_capture_on_commit_callbacks
):
    client.post(
        reverse("scans:survey_respond", args=[_token(open_a, "an.peeters@geel.be")]), _answers(open_a)
    )
    client.post(
        reverse("scans:survey_respond", args=[_token(open_a, "lies.wouters@ocmw-geel.be")]), _answers(open_a)
    )
    mailoutbox.clear()
    client.force_login(consultant_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("scans:survey_remind", args=[open_a.scan.pk]), follow=True)
    assert "2 herinneringen worden verstuurd" in response.content.decode()
    assert sorted(m.to[0] for m in mailoutbox) == ["els.claes@geel.be", "jan.maes@geel.be"]
    assert all("Herinnering" in m.subject for m in mailoutbox)
    reminded = set(
        SurveyInvitation.objects.filter(survey=open_a, reminded_at__isnull=False).values_list(
            "email", flat=True
        )
    )
    assert reminded == {"els.claes@geel.be", "jan.maes@geel.be"}


def test_survey_page_shows_state_counts_and_remind_button(client, open_a, consultant_a):
    client.force_login(consultant_a)
    client.post(
        reverse("scans:survey_respond", args=[_token(open_a, "an.peeters@geel.be")]), _answers(open_a)
    )
    client.force_login(consultant_a)
    content = client.get(reverse("scans:survey", args=[open_a.scan.pk])).content.decode()
    assert "Open" in content
    assert "Herinnering sturen aan wie nog niet antwoordde (3)" in content
    assert "25&nbsp;%" in content
    assert "an.peeters@geel.be" in content and "Technische dienst" in content


def test_close_refuses_links(client, open_a, consultant_a):
    client.force_login(consultant_a)
    client.post(reverse("scans:survey_close", args=[open_a.scan.pk]))
    open_a.refresh_from_db()
    assert open_a.state == Survey.State.CLOSED and open_a.closed_at is not None
    client.logout()
    url = reverse("scans:survey_respond", args=[_token(open_a, "jan.maes@geel.be")])
    for response in (client.get(url), client.post(url, _answers(open_a))):
        assert response.status_code == 410
        assert "Deze bevraging is afgesloten" in response.content.decode()
    assert not SurveyResponse.objects.exists()


# --- The personal link ----------------------------------------------------------------------------


def test_personal_link_works_without_login_and_creates_one_response(client, open_a):
    url = reverse("scans:survey_respond", args=[_token(open_a, "jan.maes@geel.be")])
    assert url.startswith("/bevraging/")
    page = client.get(url)
    content = page.content.decode()
    assert page.status_code == 200
    assert open_a.title in content
    assert "<fieldset" in content and "<legend" in content and "helemaal oneens" in content
    assert "Hoofdmenu" in content and "Afmelden" not in content  # no menu for anonymous visitors
    response = client.post(url, _answers(open_a, score="2"))
    assert response.status_code == 200
    assert "Bedankt voor uw antwoorden!" in response.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert SurveyAnswer.objects.filter(score=2).count() == 3
    assert SurveyAnswer.objects.filter(text="Meer overleg tussen de diensten.").count() == 2
    assert SurveyInvitation.objects.get(email="jan.maes@geel.be").responded_at is not None


def test_used_link_refused_and_still_one_response(client, open_a):
    url = reverse("scans:survey_respond", args=[_token(open_a, "jan.maes@geel.be")])
    client.post(url, _answers(open_a))
    for response in (client.get(url), client.post(url, _answers(open_a, score="5"))):
        assert response.status_code == 410
        assert "U hebt deze bevraging al ingevuld. Bedankt!" in response.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert not SurveyAnswer.objects.filter(score=5).exists()


def test_second_tab_cannot_answer_twice(open_a):
    """Two tabs opened before either submitted: the second submit is refused by the service."""
    token = _token(open_a, "jan.maes@geel.be")
    questions = list(open_a.questions.all())
    answers = {q.pk: 3 if q.kind == "score" else "" for q in questions}
    services.survey_respond(token=token, answers=answers)
    with pytest.raises(services.SurveyUnavailable) as error:
        services.survey_respond(token=token, answers=answers)
    assert error.value.reason == "answered"
    assert SurveyResponse.objects.count() == 1


def test_response_keeps_only_the_group_and_the_day(client, open_a):
    client.post(
        reverse("scans:survey_respond", args=[_token(open_a, "lies.wouters@ocmw-geel.be")]), _answers(open_a)
    )
    response = SurveyResponse.objects.get()
    assert (response.organisation, response.department) == ("ocmw", "Sociale dienst")
    assert type(response.submitted_on) is datetime.date
    assert response.submitted_on == timezone.localdate()
    # the model has no way back to the invitation
    fields = {f.name for f in SurveyResponse._meta.get_fields()}
    assert fields == {"id", "survey", "organisation", "department", "submitted_on", "answers"}
    assert not any(f.related_model is SurveyInvitation for f in SurveyResponse._meta.get_fields())


def test_scores_outside_1_to_5_refused_in_dutch_and_input_kept(client, open_a):
    url = reverse("scans:survey_respond", args=[_token(open_a, "jan.maes@geel.be")])
    data = _answers(open_a, score="4", text="Mijn zorgvuldig getypte zorg")
    first_score = open_a.questions.filter(kind="score").first()
    data[f"q{first_score.pk}"] = "7"
    second_score = open_a.questions.filter(kind="score")[1]
    del data[f"q{second_score.pk}"]
    response = client.post(url, data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Een score ligt tussen 1 en 5." in content
    assert "Kies een score van 1 (helemaal oneens) tot 5 (helemaal eens)." in content
    assert "Mijn zorgvuldig getypte zorg" in content
    assert 'value="4" checked' in content
    assert not SurveyResponse.objects.exists()
    assert SurveyInvitation.objects.get(email="jan.maes@geel.be").responded_at is None


def test_service_refuses_score_outside_range(open_a):
    token = _token(open_a, "jan.maes@geel.be")
    answers = {q.pk: 0 if q.kind == "score" else "" for q in open_a.questions.all()}
    with pytest.raises(ValidationError) as error:
        services.survey_respond(token=token, answers=answers)
    assert "Een score ligt tussen 1 en 5." in error.value.messages
    assert not SurveyResponse.objects.exists()


def test_draft_survey_link_is_not_open_yet(client, invited_a):
    response = client.get(reverse("scans:survey_respond", args=[_token(invited_a, "jan.maes@geel.be")]))
    assert response.status_code == 404
    assert "Deze bevraging is nog niet open" in response.content.decode()


def test_unknown_token_404(client, open_a):
    assert client.get(reverse("scans:survey_respond", args=["onbekend"])).status_code == 404
    assert client.get("/bevraging/" + "x" * 500 + "/").status_code == 404


# --- Roles and tenancy ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["council_a", "approver_a"])
def test_council_and_approver_cannot_change_anything(
    request, client, invited_a, who, mailoutbox, django_capture_on_commit_callbacks
):
    user = request.getfixturevalue(who)
    client.force_login(user)
    scan = invited_a.scan
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("survey_open", "survey_remind", "survey_close"):
            assert client.post(reverse(f"scans:{name}", args=[scan.pk])).status_code == 403
        response = client.post(
            reverse("scans:survey_invite", args=[scan.pk]),
            {"organisation": "gemeente", "department": "", "emails": "x@geel.be"},
        )
        assert response.status_code == 403
        assert client.get(reverse("scans:survey_invite", args=[scan.pk])).status_code == 403
        assert client.get(reverse("scans:survey_edit", args=[scan.pk])).status_code == 403
        question = invited_a.questions.first()
        assert client.post(reverse("scans:survey_question_delete", args=[question.pk])).status_code == 403
        # the invitees are personal data: not even visible to them
        invitation = invited_a.invitations.first()
        assert client.post(reverse("scans:survey_invitation_delete", args=[invitation.pk])).status_code == 404
    invited_a.refresh_from_db()
    assert invited_a.state == Survey.State.DRAFT
    assert invited_a.invitations.count() == 4 and invited_a.questions.count() == 5
    assert mailoutbox == []
    page = client.get(reverse("scans:survey", args=[scan.pk])).content.decode()
    assert "an.peeters@geel.be" not in page  # no addresses for them
    assert "Openen en uitnodigingen versturen" not in page
    assert client.get(reverse("scans:survey_results", args=[scan.pk])).status_code == 200


def test_services_refuse_non_consultants(invited_a, council_a):
    with pytest.raises(PermissionDenied):
        services.survey_open(user=council_a, survey=invited_a, base_url=BASE)
    with pytest.raises(PermissionDenied):
        services.survey_invite(
            user=council_a,
            survey=invited_a,
            organisation="gemeente",
            department="",
            emails="a@b.be",
            base_url=BASE,
        )


def test_other_local_government_gets_404(client, invited_a, consultant_b, approver_b):
    scan = invited_a.scan
    question = invited_a.questions.first()
    invitation = invited_a.invitations.first()
    get_urls = [
        reverse(name, args=[scan.pk])
        for name in ("scans:survey", "scans:survey_edit", "scans:survey_question_add", "scans:survey_invite")
    ] + [
        reverse("scans:survey_results", args=[scan.pk]),
        reverse("scans:survey_question_edit", args=[question.pk]),
    ]
    post_urls = [
        reverse(name, args=[scan.pk])
        for name in ("scans:survey_open", "scans:survey_remind", "scans:survey_close")
    ] + [
        reverse("scans:survey_question_delete", args=[question.pk]),
        reverse("scans:survey_invitation_delete", args=[invitation.pk]),
    ]
    for user in (consultant_b, approver_b):
        client.force_login(user)
        for url in get_urls:
            assert client.get(url).status_code == 404, url
        for url in post_urls + get_urls[1:]:
            assert client.post(url).status_code in (404, 405), url
        for url in post_urls:
            assert client.post(url).status_code == 404, url
    invited_a.refresh_from_db()
    assert invited_a.state == Survey.State.DRAFT and invited_a.invitations.count() == 4


def test_finalised_scan_blocks_survey_changes(invited_a, consultant_a):
    scan_finalise(user=consultant_a, scan=invited_a.scan)
    with pytest.raises(ValidationError):
        services.survey_open(user=consultant_a, survey=invited_a, base_url=BASE)


def test_many_bad_lines_are_summarised():
    addresses, errors = services.parse_emails("\n".join(f"fout{n}" for n in range(30)) + "\nok@geel.be")
    assert addresses == ["ok@geel.be"]
    assert len(errors) == 21
    assert errors[0] == "Regel 1: “fout0” is geen geldig e-mailadres."
    assert errors[-1] == "Nog 10 andere regels bevatten een ongeldig adres."


def test_survey_page_query_count_does_not_grow(client, survey_a, consultant_a, django_assert_max_num_queries):
    client.force_login(consultant_a)
    url = reverse("scans:survey", args=[survey_a.scan.pk])
    SurveyInvitation.objects.bulk_create(
        SurveyInvitation(
            survey=survey_a, email=f"m{n}@geel.be", organisation="gemeente", department=f"D{n % 3}"
        )
        for n in range(5)
    )
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    SurveyInvitation.objects.bulk_create(
        SurveyInvitation(survey=survey_a, email=f"x{n}@geel.be", organisation="ocmw", department=f"D{n % 3}")
        for n in range(300)
    )
    with django_assert_max_num_queries(len(few)):
        content = client.get(url).content.decode()
    assert "305 uitgenodigd" in content
