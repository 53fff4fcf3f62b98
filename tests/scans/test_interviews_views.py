"""The interviews pages as users meet them: consultants record, others see no names."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scans.models import Finding, GuideQuestion, Interview, InterviewAnswer, Theme, Witness
from scans.services import interviews as services
from scans.services.core import scan_finalise

DAY = datetime.date(2026, 3, 12)
HTMX = {"HTTP_HX_REQUEST": "true"}


def add_witness(scan, user, **overrides):
    values = {
        "name": "Sara El Amrani",
        "function": "Maatschappelijk werker",
        "organisation": "ocmw",
        "group": "staff",
        "consents_to_quote": False,
    }
    values.update(overrides)
    return services.witness_add(user=user, scan=scan, data=services.WitnessData(**values))


def add_interview(scan, user, witness=None, day=DAY):
    witness = witness or add_witness(scan, user)
    return services.interview_add(user=user, scan=scan, witness=witness, held_on=day, interviewer=user)


@pytest.fixture
def interview_a(scan_a, consultant_a):
    return add_interview(scan_a, consultant_a)


def scored(scan):
    return scan.questions.filter(asks_score=True).order_by("position").first()


# --- The guide ------------------------------------------------------------------------------------


def test_guide_grouped_per_theme_with_score_marker(client, scan_a, council_a):
    client.force_login(council_a)
    content = client.get(reverse("scans:guide", args=[scan_a.pk])).content.decode()
    for label in Theme.labels:
        assert str(label) in content
    assert "score 1–5" in content
    assert "Omhoog" not in content  # a council member reads the guide, does not edit it


def test_consultant_adds_moves_and_removes_a_question(client, scan_a, scan_b, consultant_a):
    client.force_login(consultant_a)
    before_b = list(scan_b.questions.values_list("text", "position"))
    response = client.post(
        reverse("scans:question_add", args=[scan_a.pk]),
        {"theme": "housing", "text": "Welke gebouwen komen vrij na de verhuis?", "asks_score": "on"},
    )
    question = GuideQuestion.objects.get(text="Welke gebouwen komen vrij na de verhuis?")
    assert response.status_code == 302 and response["Location"].endswith(f"#vraag-{question.pk}")
    assert question.scan == scan_a and question.asks_score

    def housing():
        return list(
            scan_a.questions.filter(theme="housing").order_by("position").values_list("pk", flat=True)
        )

    assert housing()[-1] == question.pk
    response = client.post(
        reverse("scans:question_move", args=[question.pk]), {"direction": "up"}, follow=True
    )
    assert housing()[-2] == question.pk
    assert "De vraag is een plaats omhoog geschoven." in response.content.decode()

    response = client.post(reverse("scans:question_delete", args=[question.pk]), follow=True)
    assert "De vraag is uit de leidraad verwijderd." in response.content.decode()
    assert not GuideQuestion.objects.filter(pk=question.pk).exists()
    assert list(scan_b.questions.values_list("text", "position")) == before_b


def test_removing_answered_question_shows_the_count(client, scan_a, consultant_a, interview_a):
    question = scored(scan_a)
    services.answer_save(user=consultant_a, interview=interview_a, question=question, notes="Goed")
    client.force_login(consultant_a)
    response = client.post(reverse("scans:question_delete", args=[question.pk]), follow=True)
    assert "Deze vraag werd al beantwoord in 1 interview en kan niet meer weg." in response.content.decode()
    assert GuideQuestion.objects.filter(pk=question.pk).exists()


def test_question_form_keeps_input_on_error(client, scan_a, consultant_a):
    client.force_login(consultant_a)
    response = client.post(
        reverse("scans:question_add", args=[scan_a.pk]), {"theme": "", "text": "Mijn vraag"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Dit veld is verplicht." in content and "Mijn vraag" in content


def test_stale_question_edit_refused_and_input_kept(client, scan_a, consultant_a):
    client.force_login(consultant_a)
    question = scan_a.questions.filter(asks_score=False).first()
    url = reverse("scans:question_edit", args=[question.pk])
    assert 'name="version" value="1"' in client.get(url).content.decode()
    data = {"theme": question.theme, "version": "1"}
    assert client.post(url, {**data, "text": "Eerste formulering?"}).status_code == 302
    # a second form opened on version 1 is refused: what changed is shown and the input is kept
    response = client.post(url, {**data, "text": "Mijn getypte vraag?"})
    content = response.content.decode()
    assert response.status_code == 200 and "deze vraag intussen gewijzigd" in content
    assert "Vraag" in content and "Eerste formulering?" in content
    assert "Mijn getypte vraag?" in content and 'name="version" value="2"' in content
    question.refresh_from_db()
    assert question.text == "Eerste formulering?"
    response = client.post(url, {**data, "text": "Mijn getypte vraag?", "version": "2"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "Mijn getypte vraag?" and question.version == 3


@pytest.mark.parametrize("fixture", ["approver_a", "council_a"])
def test_readers_cannot_edit_the_guide(client, request, scan_a, fixture):
    client.force_login(request.getfixturevalue(fixture))
    question = scan_a.questions.order_by("position").last()
    before = list(scan_a.questions.values_list("pk", "text", "position"))
    assert (
        client.post(
            reverse("scans:question_add", args=[scan_a.pk]), {"theme": "housing", "text": "X"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("scans:question_edit", args=[question.pk]), {"theme": "housing", "text": "X"}
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("scans:question_move", args=[question.pk]), {"direction": "up"}).status_code
        == 403
    )
    assert client.post(reverse("scans:question_delete", args=[question.pk])).status_code == 403
    assert list(scan_a.questions.values_list("pk", "text", "position")) == before


# --- Witnesses ------------------------------------------------------------------------------------


def test_consultant_manages_witnesses(client, scan_a, consultant_a):
    client.force_login(consultant_a)
    url = reverse("scans:witnesses", args=[scan_a.pk])
    response = client.post(
        url,
        {
            "name": "Katrien Janssens",
            "function": "Algemeen directeur",
            "organisation": "both",
            "group": "general_director",
        },
    )
    assert response.status_code == 302
    witness = Witness.objects.get(name="Katrien Janssens")
    assert not witness.consents_to_quote
    content = client.get(url).content.decode()
    assert "Katrien Janssens" in content and "enkel de groep" in content

    response = client.post(
        reverse("scans:witness_edit", args=[witness.pk]),
        {
            "name": "Katrien Janssens",
            "function": "Algemeen directeur",
            "organisation": "both",
            "group": "general_director",
            "consents_to_quote": "on",
        },
    )
    assert response.status_code == 302
    witness.refresh_from_db()
    assert witness.consents_to_quote

    response = client.post(reverse("scans:witness_delete", args=[witness.pk]), follow=True)
    assert "Katrien Janssens is verwijderd als getuige." in response.content.decode()
    assert not Witness.objects.exists()


def test_stale_witness_edit_refused_and_input_kept(client, scan_a, consultant_a):
    client.force_login(consultant_a)
    witness = Witness.objects.create(
        scan=scan_a,
        name="Katrien Janssens",
        function="Directeur",
        organisation="both",
        group="general_director",
    )
    url = reverse("scans:witness_edit", args=[witness.pk])
    assert 'name="version" value="1"' in client.get(url).content.decode()
    data = {"name": "Katrien Janssens", "organisation": "both", "group": "general_director", "version": "1"}
    assert client.post(url, {**data, "function": "Algemeen directeur"}).status_code == 302
    # a second form opened on version 1 is refused: what changed is shown and the input is kept
    response = client.post(url, {**data, "function": "Mijn getypte functie"})
    content = response.content.decode()
    assert response.status_code == 200 and "deze getuige intussen gewijzigd" in content
    assert "Functie" in content and "Algemeen directeur" in content
    assert 'value="Mijn getypte functie"' in content and 'name="version" value="2"' in content
    witness.refresh_from_db()
    assert witness.function == "Algemeen directeur"
    response = client.post(url, {**data, "function": "Mijn getypte functie", "version": "2"})
    assert response.status_code == 302
    witness.refresh_from_db()
    assert witness.function == "Mijn getypte functie" and witness.version == 3


def test_witness_form_errors_in_dutch(client, scan_a, consultant_a):
    client.force_login(consultant_a)
    response = client.post(
        reverse("scans:witnesses", args=[scan_a.pk]),
        {"name": "Jan Peeters", "function": "", "organisation": "provincie", "group": "staff"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Dit veld is verplicht." in content and "Selecteer een geldige keuze" in content
    assert 'value="Jan Peeters"' in content
    assert not Witness.objects.exists()


def test_witness_with_interviews_refused(client, scan_a, consultant_a, interview_a):
    client.force_login(consultant_a)
    response = client.post(reverse("scans:witness_delete", args=[interview_a.witness.pk]), follow=True)
    assert "Deze getuige heeft al 1 interview. Verwijder eerst dat interview." in response.content.decode()
    assert Witness.objects.filter(pk=interview_a.witness.pk).exists()


@pytest.mark.parametrize("fixture", ["approver_a", "council_a"])
def test_witnesses_are_for_consultants_only(client, request, scan_a, consultant_a, fixture):
    witness = add_witness(scan_a, consultant_a)
    client.force_login(request.getfixturevalue(fixture))
    data = {"name": "Gekaapt", "function": "X", "organisation": "both", "group": "staff"}
    assert client.get(reverse("scans:witnesses", args=[scan_a.pk])).status_code == 403
    assert client.post(reverse("scans:witnesses", args=[scan_a.pk]), data).status_code == 403
    # a single witness is personal data they cannot even see: 404, as for a stranger
    assert client.get(reverse("scans:witness_edit", args=[witness.pk])).status_code == 404
    assert client.post(reverse("scans:witness_edit", args=[witness.pk]), data).status_code == 404
    assert client.post(reverse("scans:witness_delete", args=[witness.pk])).status_code == 404
    assert list(Witness.objects.values_list("name", flat=True)) == ["Sara El Amrani"]


def test_other_local_government_gets_404(client, scan_a, consultant_a, consultant_b, interview_a):
    finding = services.finding_add(
        user=consultant_a, scan=scan_a, data=services.FindingData(kind="risk", text="Twee ICT-netwerken")
    )
    client.force_login(consultant_b)
    urls = [
        reverse("scans:interviews", args=[scan_a.pk]),
        reverse("scans:witnesses", args=[scan_a.pk]),
        reverse("scans:guide", args=[scan_a.pk]),
        reverse("scans:findings", args=[scan_a.pk]),
        reverse("scans:witness_edit", args=[interview_a.witness.pk]),
        reverse("scans:interview_record", args=[interview_a.pk]),
        reverse("scans:interview_edit", args=[interview_a.pk]),
        reverse("scans:question_edit", args=[scan_a.questions.first().pk]),
        reverse("scans:finding_edit", args=[finding.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("scans:witness_delete", args=[interview_a.witness.pk])).status_code == 404
    assert client.post(reverse("scans:interview_delete", args=[interview_a.pk])).status_code == 404
    assert client.post(reverse("scans:finding_toggle_key", args=[finding.pk])).status_code == 404
    assert Interview.objects.count() == 1 and not Finding.objects.get().is_key


# --- Interviews -----------------------------------------------------------------------------------


def test_new_interview_with_inline_witness(client, scan_a, consultant_a):
    client.force_login(consultant_a)
    url = reverse("scans:interview_add", args=[scan_a.pk])
    content = client.get(url).content.decode()
    assert "Naam" in content and "Interview starten" in content
    response = client.post(
        url,
        {
            "held_on": "12/03/2026",
            "interviewer": consultant_a.pk,
            "witness_name": "Tom Goossens",
            "witness_function": "Voorzitter BCSD",
            "witness_organisation": "ocmw",
            "witness_group": "mandatary",
        },
    )
    interview = Interview.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "scans:interview_record", args=[interview.pk]
    )
    assert interview.witness.name == "Tom Goossens" and interview.held_on == DAY
    assert interview.interviewer == consultant_a


def test_new_interview_errors_keep_input(client, scan_a, consultant_a):
    add_witness(scan_a, consultant_a)
    client.force_login(consultant_a)
    response = client.post(
        reverse("scans:interview_add", args=[scan_a.pk]),
        {"held_on": "31/02/2026", "interviewer": consultant_a.pk, "witness_name": "Tom Goossens"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Geef een geldige datum in de vorm dd/mm/jjjj" in content
    assert 'value="31/02/2026"' in content and 'value="Tom Goossens"' in content
    assert not Interview.objects.exists()


def test_interview_list_shows_progress(client, scan_a, consultant_a, interview_a):
    services.answer_save(
        user=consultant_a, interview=interview_a, question=scored(scan_a), notes="Ja", score="4"
    )
    client.force_login(consultant_a)
    content = client.get(reverse("scans:interviews", args=[scan_a.pk])).content.decode()
    n = scan_a.questions.count()
    assert "Sara El Amrani" in content and "Medewerker" in content
    assert f"1/{n} vragen" in content
    assert "Nieuw interview" in content


@pytest.mark.parametrize("fixture", ["approver_a", "council_a"])
def test_readers_see_counts_per_group_never_names(
    client, request, scan_a, consultant_a, interview_a, fixture
):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(reverse("scans:interviews", args=[scan_a.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Sara El Amrani" not in content and "Maatschappelijk werker" not in content
    assert "Medewerker" in content and "1 interview per groep" in content
    assert "Nieuw interview" not in content
    for name in ("interview_record", "interview_edit"):
        assert client.get(reverse(f"scans:{name}", args=[interview_a.pk])).status_code == 404
    assert client.get(reverse("scans:interview_add", args=[scan_a.pk])).status_code == 403
    assert client.post(reverse("scans:interview_delete", args=[interview_a.pk])).status_code == 404
    assert (
        client.post(reverse("scans:interview_answer", args=[interview_a.pk]), {"summary": "x"}).status_code
        == 404
    )
    assert Interview.objects.get().summary == ""


def test_recording_page_for_a_laptop(client, scan_a, consultant_a, interview_a):
    client.force_login(consultant_a)
    content = client.get(reverse("scans:interview_record", args=[interview_a.pk])).content.decode()
    question = scored(scan_a)
    assert "1 – zeer zwak" in content and "5 – zeer sterk" in content
    assert "<fieldset" in content and "<legend" in content
    assert f'name="q{question.pk}-notes"' in content and f'name="q{question.pk}-score"' in content
    assert 'hx-trigger="keyup changed delay:800ms from:find textarea, change"' in content
    assert reverse("scans:interview_answer", args=[interview_a.pk]) in content
    assert "Alles opslaan" in content
    assert 'aria-live="polite"' in content
    assert "scans-interviews.js" in content
    assert " style=" not in content and "<script>" not in content  # strict CSP


def test_autosave_stores_notes_and_score(client, scan_a, consultant_a, interview_a):
    client.force_login(consultant_a)
    question = scored(scan_a)
    response = client.post(
        reverse("scans:interview_answer", args=[interview_a.pk]),
        {
            "question": question.pk,
            f"q{question.pk}-notes": "Het college trekt de kar.",
            f"q{question.pk}-score": "4",
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert "Opgeslagen om" in response.content.decode()
    answer = InterviewAnswer.objects.get()
    assert (answer.interview, answer.question, answer.notes, answer.score) == (
        interview_a,
        question,
        "Het college trekt de kar.",
        4,
    )


@pytest.mark.parametrize("bad", ["0", "6", "abc"])
def test_autosave_refuses_a_wrong_score_and_keeps_the_notes(client, scan_a, consultant_a, interview_a, bad):
    client.force_login(consultant_a)
    question = scored(scan_a)
    response = client.post(
        reverse("scans:interview_answer", args=[interview_a.pk]),
        {
            "question": question.pk,
            f"q{question.pk}-notes": "Vrees voor verlies van eigenheid",
            f"q{question.pk}-score": bad,
        },
        **HTMX,
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Een score ligt tussen 1 en 5." in content
    assert "de score niet" in content
    answer = InterviewAnswer.objects.get()
    assert answer.notes == "Vrees voor verlies van eigenheid" and answer.score is None


def test_autosave_of_the_general_impression(client, consultant_a, interview_a):
    client.force_login(consultant_a)
    response = client.post(
        reverse("scans:interview_answer", args=[interview_a.pk]), {"summary": "Open gesprek."}, **HTMX
    )
    assert "Opgeslagen om" in response.content.decode()
    interview_a.refresh_from_db()
    assert interview_a.summary == "Open gesprek."


def test_autosave_question_scoped_to_the_interviews_scan(client, scan_b, consultant_a, interview_a):
    client.force_login(consultant_a)
    foreign = scan_b.questions.first()
    response = client.post(
        reverse("scans:interview_answer", args=[interview_a.pk]),
        {"question": foreign.pk, f"q{foreign.pk}-notes": "x"},
        **HTMX,
    )
    assert response.status_code == 404
    for bogus in ("abc", "99999999999999999999999", "-1"):
        response = client.post(
            reverse("scans:interview_answer", args=[interview_a.pk]), {"question": bogus}, **HTMX
        )
        assert response.status_code == 404
    assert not InterviewAnswer.objects.exists()


def test_autosave_on_a_final_scan_says_not_saved(client, scan_a, consultant_a, interview_a):
    scan_finalise(user=consultant_a, scan=scan_a)
    client.force_login(consultant_a)
    question = scored(scan_a)
    response = client.post(
        reverse("scans:interview_answer", args=[interview_a.pk]),
        {"question": question.pk, f"q{question.pk}-notes": "Te laat"},
        **HTMX,
    )
    content = response.content.decode()
    assert "Niet opgeslagen:" in content and "Deze scan is afgerond" in content
    assert not InterviewAnswer.objects.exists()


def test_full_page_save_without_javascript(client, scan_a, consultant_a, interview_a):
    client.force_login(consultant_a)
    questions = list(scan_a.questions.order_by("position"))
    data = {"summary": "Constructief gesprek."}
    for q in questions:
        data[f"q{q.pk}-notes"] = f"Notitie bij {q.pk}"
        data[f"q{q.pk}-score"] = "3" if q.asks_score else ""
    response = client.post(reverse("scans:interview_record", args=[interview_a.pk]), data, follow=True)
    assert "Alle antwoorden zijn opgeslagen." in response.content.decode()
    assert interview_a.answers.count() == len(questions)
    assert set(interview_a.answers.filter(question__asks_score=True).values_list("score", flat=True)) == {3}
    interview_a.refresh_from_db()
    assert interview_a.summary == "Constructief gesprek."


def test_full_page_save_with_a_wrong_score_keeps_everything(client, scan_a, consultant_a, interview_a):
    client.force_login(consultant_a)
    bad, other = scored(scan_a), scan_a.questions.filter(asks_score=False).first()
    data = {
        f"q{bad.pk}-notes": "Politiek draagvlak is groot",
        f"q{bad.pk}-score": "6",
        f"q{other.pk}-notes": "Trots op het onthaal",
        "summary": "Goed gesprek",
    }
    response = client.post(reverse("scans:interview_record", args=[interview_a.pk]), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Een score ligt tussen 1 en 5." in content
    assert f'href="#q{bad.pk}-score-1"' in content  # the error summary links to the question
    assert f'id="q{bad.pk}-score-fout"' in content
    assert "Politiek draagvlak is groot" in content and "Goed gesprek" in content
    # and what was valid is stored already
    assert dict(interview_a.answers.values_list("question_id", "notes")) == {
        bad.pk: "Politiek draagvlak is groot",
        other.pk: "Trots op het onthaal",
    }


def test_interview_edit_and_delete(client, scan_a, consultant_a, interview_a):
    other = add_witness(
        scan_a, consultant_a, name="Wim Claessens", function="Diensthoofd ICT", group="head_of_service"
    )
    client.force_login(consultant_a)
    response = client.post(
        reverse("scans:interview_edit", args=[interview_a.pk]),
        {"held_on": "13/03/2026", "witness": other.pk, "interviewer": consultant_a.pk, "summary": "Kort"},
    )
    assert response.status_code == 302
    interview_a.refresh_from_db()
    assert (interview_a.witness, interview_a.held_on, interview_a.summary) == (
        other,
        DAY.replace(day=13),
        "Kort",
    )
    response = client.post(reverse("scans:interview_delete", args=[interview_a.pk]), follow=True)
    assert "Het interview met Wim Claessens is verwijderd." in response.content.decode()
    assert not Interview.objects.exists()


# --- Findings -------------------------------------------------------------------------------------


def test_findings_quote_by_name_only_with_consent(client, scan_a, consultant_a, approver_a):
    agreed = add_witness(
        scan_a,
        consultant_a,
        name="Katrien Janssens",
        function="Algemeen directeur",
        organisation="both",
        group="general_director",
        consents_to_quote=True,
    )
    refused = add_witness(scan_a, consultant_a)
    for witness, quote in ((agreed, "We willen één organisatie."), (refused, "Wij horen het via de krant.")):
        services.finding_add(
            user=consultant_a,
            scan=scan_a,
            data=services.FindingData(
                kind="risk", text="Communicatie schiet tekort", quote=quote, witness=witness
            ),
        )
    client.force_login(approver_a)
    response = client.get(reverse("scans:findings", args=[scan_a.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Katrien Janssens, Algemeen directeur" in content
    assert "medewerker (OCMW)" in content
    assert "Sara El Amrani" not in content
    assert "Bevinding toevoegen" not in content


def test_consultant_adds_and_marks_findings(client, scan_a, consultant_a):
    witness = add_witness(scan_a, consultant_a)
    client.force_login(consultant_a)
    url = reverse("scans:findings", args=[scan_a.pk])
    response = client.post(
        url,
        {
            "kind": "strength",
            "text": "Sterke sociale dienst",
            "theme": "strengths",
            "quote": "We kennen onze mensen.",
            "witness": witness.pk,
        },
    )
    assert response.status_code == 302
    finding = Finding.objects.get()
    assert (finding.witness, finding.is_key) == (witness, False)
    client.post(reverse("scans:finding_toggle_key", args=[finding.pk]))
    finding.refresh_from_db()
    assert finding.is_key
    content = client.get(url).content.decode()
    assert "Kernbevinding" in content and "Sara El Amrani" in content
    assert "voor lezers en in het rapport: „medewerker (OCMW)”" in content


def test_stale_finding_edit_refused_and_input_kept(client, scan_a, consultant_a):
    finding = services.finding_add(
        user=consultant_a, scan=scan_a, data=services.FindingData(kind="risk", text="Weinig draagvlak")
    )
    client.force_login(consultant_a)
    url = reverse("scans:finding_edit", args=[finding.pk])
    assert 'name="version" value="1"' in client.get(url).content.decode()
    data = {"kind": "risk", "version": "1"}
    assert client.post(url, {**data, "text": "Weinig draagvlak bij het personeel"}).status_code == 302
    response = client.post(url, {**data, "text": "Mijn getypte bevinding"})
    content = response.content.decode()
    assert response.status_code == 200 and "deze bevinding intussen gewijzigd" in content
    assert "Bevinding" in content and "Weinig draagvlak bij het personeel" in content
    assert "Mijn getypte bevinding" in content and 'name="version" value="2"' in content
    finding.refresh_from_db()
    assert finding.text == "Weinig draagvlak bij het personeel"
    # marking it a key finding elsewhere also makes the open form stale
    client.post(reverse("scans:finding_toggle_key", args=[finding.pk]))
    response = client.post(url, {**data, "text": "Mijn getypte bevinding", "version": "2"})
    content = response.content.decode()
    assert (
        response.status_code == 200 and "Kernbevinding" in content and 'name="version" value="3"' in content
    )
    response = client.post(url, {**data, "text": "Mijn getypte bevinding", "is_key": "on", "version": "3"})
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.text, finding.is_key, finding.version) == ("Mijn getypte bevinding", True, 4)


def test_finding_source_choices_limited_to_this_scan(client, scan_a, scan_b, consultant_a, consultant_b):
    foreign = add_witness(scan_b, consultant_b, name="Bart Desmet")
    client.force_login(consultant_a)
    url = reverse("scans:findings", args=[scan_a.pk])
    assert "Bart Desmet" not in client.get(url).content.decode()
    response = client.post(url, {"kind": "risk", "text": "X", "witness": foreign.pk})
    assert response.status_code == 200 and "Selecteer een geldige keuze" in response.content.decode()
    assert not Finding.objects.exists()


@pytest.mark.parametrize("fixture", ["approver_a", "council_a"])
def test_readers_cannot_change_findings(client, request, scan_a, consultant_a, fixture):
    finding = services.finding_add(
        user=consultant_a, scan=scan_a, data=services.FindingData(kind="risk", text="Twee boekhoudpakketten")
    )
    client.force_login(request.getfixturevalue(fixture))
    assert (
        client.post(reverse("scans:findings", args=[scan_a.pk]), {"kind": "risk", "text": "X"}).status_code
        == 403
    )
    assert (
        client.post(
            reverse("scans:finding_edit", args=[finding.pk]), {"kind": "strength", "text": "Y"}
        ).status_code
        == 403
    )
    assert client.post(reverse("scans:finding_toggle_key", args=[finding.pk])).status_code == 403
    assert client.post(reverse("scans:finding_delete", args=[finding.pk])).status_code == 403
    assert list(Finding.objects.values_list("text", "kind", "is_key")) == [
        ("Twee boekhoudpakketten", "risk", False)
    ]


def test_final_scan_refuses_changes_in_dutch(client, scan_a, consultant_a):
    scan_finalise(user=consultant_a, scan=scan_a)
    client.force_login(consultant_a)
    response = client.post(
        reverse("scans:question_add", args=[scan_a.pk]), {"theme": "housing", "text": "Nieuw?"}
    )
    assert "Deze scan is afgerond en kan niet meer wijzigen." in response.content.decode()
    response = client.get(reverse("scans:guide", args=[scan_a.pk]))
    assert "Deze scan is afgerond: u kunt alles lezen" in response.content.decode()
    assert not scan_a.questions.filter(text="Nieuw?").exists()


# --- Query counts ---------------------------------------------------------------------------------


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_interviews_list_queries_do_not_grow(client, scan_a, consultant_a):
    client.force_login(consultant_a)
    url = reverse("scans:interviews", args=[scan_a.pk])
    add_interview(scan_a, consultant_a)
    few = _count_queries(client, url)
    for day in range(1, 9):
        interview = add_interview(scan_a, consultant_a, day=DAY.replace(day=day))
        services.answer_save(user=consultant_a, interview=interview, question=scored(scan_a), score="3")
    assert _count_queries(client, url) == few


def test_recording_page_queries_do_not_grow(client, scan_a, consultant_a, interview_a):
    client.force_login(consultant_a)
    url = reverse("scans:interview_record", args=[interview_a.pk])
    few = _count_queries(client, url)
    for n in range(10):
        question = services.question_add(
            user=consultant_a, scan=scan_a, theme=Theme.HOUSING, text=f"Extra vraag {n}", asks_score=True
        )
        services.answer_save(
            user=consultant_a, interview=interview_a, question=question, notes="x", score="2"
        )
    assert _count_queries(client, url) == few


def test_findings_and_guide_queries_do_not_grow(client, scan_a, consultant_a, approver_a):
    client.force_login(approver_a)
    urls = [reverse("scans:findings", args=[scan_a.pk]), reverse("scans:guide", args=[scan_a.pk])]
    few = [_count_queries(client, url) for url in urls]
    witness = add_witness(scan_a, consultant_a)
    for n in range(6):
        services.finding_add(
            user=consultant_a,
            scan=scan_a,
            data=services.FindingData(kind="risk", text=f"Risico {n}", quote="Citaat", witness=witness),
        )
        services.question_add(user=consultant_a, scan=scan_a, theme=Theme.SUPPORT, text=f"Vraag {n}")
    assert [_count_queries(client, url) for url in urls] == few


# --- Tenancy over every route of this section -----------------------------------------------------


def test_recording_page_of_a_final_scan_is_read_only(client, scan_a, consultant_a, interview_a):
    question = scored(scan_a)
    services.answer_save(
        user=consultant_a, interview=interview_a, question=question, notes="Bewaard", score="5"
    )
    scan_finalise(user=consultant_a, scan=scan_a)
    client.force_login(consultant_a)
    url = reverse("scans:interview_record", args=[interview_a.pk])
    content = client.get(url).content.decode()
    assert "Bewaard" in content and " readonly" in content and " disabled" in content
    assert ">Alles opslaan</button>" not in content and "hx-post" not in content
    response = client.post(url, {f"q{question.pk}-notes": "Overschreven", f"q{question.pk}-score": "1"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Niet opgeslagen" in content and "Deze scan is afgerond" in content
    assert InterviewAnswer.objects.get().notes == "Bewaard"
