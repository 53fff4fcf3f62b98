"""The interviews services: the guide per scan, witnesses, interviews with their answers, findings."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from scans.models import Finding, GuideQuestion, InterviewAnswer, Theme, Witness
from scans.services import interviews as services
from scans.services.core import scan_finalise

DAY = datetime.date(2026, 3, 12)


def witness_data(**overrides) -> services.WitnessData:
    values = {
        "name": "Marleen Verhoeven",
        "function": "Burgemeester",
        "organisation": "both",
        "group": "mandatary",
        "consents_to_quote": False,
    }
    values.update(overrides)
    return services.WitnessData(**values)


@pytest.fixture
def witness_a(scan_a, consultant_a):
    return services.witness_add(user=consultant_a, scan=scan_a, data=witness_data())


@pytest.fixture
def interview_a(scan_a, consultant_a, witness_a):
    return services.interview_add(
        user=consultant_a, scan=scan_a, witness=witness_a, held_on=DAY, interviewer=consultant_a
    )


def scored_question(scan):
    return scan.questions.filter(asks_score=True).order_by("position").first()


def open_question(scan):
    return scan.questions.filter(asks_score=False).order_by("position").first()


def texts(scan):
    return list(scan.questions.order_by("position", "pk").values_list("theme", "text", "position"))


# --- Guide ----------------------------------------------------------------------------------------


def test_guide_edit_on_scan_a_leaves_scan_b_alone(scan_a, scan_b, consultant_a):
    before_b = texts(scan_b)
    added = services.question_add(
        user=consultant_a,
        scan=scan_a,
        theme=Theme.HOUSING,
        text="Welke gebouwen komen vrij?",
        asks_score=False,
    )
    first = scan_a.questions.order_by("position").first()
    services.question_update(
        user=consultant_a,
        question=first,
        theme=first.theme,
        text="Waar bent u echt trots op?",
        asks_score=False,
    )
    services.question_move(user=consultant_a, question=added, direction="up")
    services.question_delete(
        user=consultant_a, question=scan_a.questions.get(theme=Theme.DIRECTION, asks_score=True)
    )
    assert texts(scan_b) == before_b
    assert scan_a.questions.filter(text="Waar bent u echt trots op?").exists()
    assert not scan_b.questions.filter(
        text__in=["Waar bent u echt trots op?", "Welke gebouwen komen vrij?"]
    ).exists()


def test_new_question_lands_at_the_end_of_its_theme(scan_a, consultant_a):
    question = services.question_add(
        user=consultant_a,
        scan=scan_a,
        theme=Theme.STRENGTHS,
        text="  Wat zou u nooit opgeven?  ",
        asks_score=True,
    )
    assert question.text == "Wat zou u nooit opgeven?"
    blocks = services.guide_by_theme(scan_a)
    assert blocks[0].theme == Theme.STRENGTHS and blocks[0].items[-1] == question
    assert question.asks_score


def test_reorder_within_theme(scan_a, consultant_a):
    strengths = list(scan_a.questions.filter(theme=Theme.STRENGTHS).order_by("position"))
    others_before = [q.pk for q in scan_a.questions.exclude(theme=Theme.STRENGTHS).order_by("position", "pk")]
    services.question_move(user=consultant_a, question=strengths[1], direction="up")
    after = [q.pk for q in services.guide_by_theme(scan_a)[0].items]
    assert after == [strengths[1].pk, strengths[0].pk, strengths[2].pk]
    services.question_move(user=consultant_a, question=strengths[1], direction="down")
    services.question_move(user=consultant_a, question=strengths[1], direction="down")
    after = [q.pk for q in services.guide_by_theme(scan_a)[0].items]
    assert after == [strengths[0].pk, strengths[2].pk, strengths[1].pk]
    # at the edge nothing moves, and it never jumps into another theme
    services.question_move(user=consultant_a, question=strengths[1], direction="down")
    assert [q.pk for q in services.guide_by_theme(scan_a)[0].items] == after
    assert [
        q.pk for q in scan_a.questions.exclude(theme=Theme.STRENGTHS).order_by("position", "pk")
    ] == others_before


def test_move_needs_a_direction(scan_a, consultant_a):
    with pytest.raises(ValidationError) as error:
        services.question_move(user=consultant_a, question=scan_a.questions.first(), direction="sideways")
    assert "Kies omhoog of omlaag." in error.value.messages


def test_question_text_required(scan_a, consultant_a):
    with pytest.raises(ValidationError) as error:
        services.question_add(user=consultant_a, scan=scan_a, theme="nonsense", text="   ", asks_score=False)
    assert error.value.message_dict == {
        "theme": ["Kies een van de vijf thema's."],
        "text": ["Dit veld is verplicht."],
    }


def test_removing_an_answered_question_is_refused_with_the_count(scan_a, consultant_a, witness_a):
    question = open_question(scan_a)
    for day in (1, 2):
        interview = services.interview_add(
            user=consultant_a,
            scan=scan_a,
            witness=witness_a,
            held_on=DAY.replace(day=day),
            interviewer=consultant_a,
        )
        services.answer_save(
            user=consultant_a, interview=interview, question=question, notes="Sterke sociale dienst"
        )
    with pytest.raises(ValidationError) as error:
        services.question_delete(user=consultant_a, question=question)
    assert "beantwoord in 2 interviews" in error.value.messages[0]
    assert "Herformuleer" in error.value.messages[0]
    assert GuideQuestion.objects.filter(pk=question.pk).exists()
    # rewording stays possible
    services.question_update(
        user=consultant_a,
        question=question,
        theme=question.theme,
        text="Waar blinkt u in uit?",
        asks_score=False,
    )


def test_removing_an_unanswered_question(scan_a, consultant_a, interview_a):
    question = open_question(scan_a)
    services.answer_save(user=consultant_a, interview=interview_a, question=question, notes="iets")
    services.answer_save(
        user=consultant_a, interview=interview_a, question=question, notes=""
    )  # emptied again
    services.question_delete(user=consultant_a, question=question)
    assert not GuideQuestion.objects.filter(pk=question.pk).exists()


def test_a_scored_question_keeps_asking_a_score(scan_a, consultant_a, interview_a):
    question = scored_question(scan_a)
    services.answer_save(user=consultant_a, interview=interview_a, question=question, score="4")
    with pytest.raises(ValidationError) as error:
        services.question_update(
            user=consultant_a, question=question, theme=question.theme, text=question.text, asks_score=False
        )
    assert "kreeg al een score in 1 interview" in error.value.message_dict["asks_score"][0]


def test_stale_question_edit_refused_with_the_differences(scan_a, consultant_a):
    question = open_question(scan_a)
    opened, theme = question.version, question.theme
    services.question_update(
        user=consultant_a,
        question=question,
        theme=theme,
        text="Eerste formulering?",
        asks_score=False,
        expected_version=opened,
    )
    with pytest.raises(services.StaleQuestionError) as caught:
        services.question_update(
            user=consultant_a,
            question=question,
            theme=theme,
            text="Tweede formulering?",
            asks_score=True,
            expected_version=opened,
        )
    assert ("Vraag", "Eerste formulering?", "Tweede formulering?") in caught.value.changes
    assert ("Vraagt een score", "nee", "ja") in caught.value.changes
    assert "deze vraag intussen gewijzigd" in caught.value.messages[0]
    question.refresh_from_db()
    assert (question.text, question.asks_score, question.version) == (
        "Eerste formulering?",
        False,
        opened + 1,
    )
    # moving the question makes no new version: a form opened before the move still saves
    services.question_move(user=consultant_a, question=question, direction="down")
    services.question_update(
        user=consultant_a,
        question=question,
        theme=theme,
        text="Tweede formulering?",
        asks_score=False,
        expected_version=opened + 1,
    )
    question.refresh_from_db()
    assert question.text == "Tweede formulering?" and question.version == opened + 2


@pytest.mark.parametrize("fixture", ["approver_a", "council_a", "consultant_b"])
def test_only_own_consultants_change_the_guide(request, scan_a, fixture):
    user = request.getfixturevalue(fixture)
    question = scan_a.questions.first()
    with pytest.raises(PermissionDenied):
        services.question_add(user=user, scan=scan_a, theme=Theme.HOUSING, text="Gekaapt", asks_score=False)
    with pytest.raises(PermissionDenied):
        services.question_delete(user=user, question=question)
    with pytest.raises(PermissionDenied):
        services.witness_add(user=user, scan=scan_a, data=witness_data())
    assert GuideQuestion.objects.filter(pk=question.pk).exists()
    assert not Witness.objects.exists()


# --- Witnesses ------------------------------------------------------------------------------------


def test_witness_validation_in_dutch(scan_a, consultant_a):
    with pytest.raises(ValidationError) as error:
        services.witness_add(
            user=consultant_a, scan=scan_a, data=witness_data(name=" ", organisation="province", group="x")
        )
    assert error.value.message_dict == {
        "name": ["Dit veld is verplicht."],
        "organisation": ["Kies gemeente, OCMW of beide."],
        "group": ["Kies een groep uit de lijst."],
    }


def test_stale_witness_edit_refused_with_the_differences(consultant_a, witness_a):
    opened = witness_a.version
    services.witness_update(
        user=consultant_a, witness=witness_a, data=witness_data(function="Schepen"), expected_version=opened
    )
    with pytest.raises(services.StaleWitnessError) as caught:
        services.witness_update(
            user=consultant_a,
            witness=witness_a,
            data=witness_data(function="Voorzitter", consents_to_quote=True),
            expected_version=opened,
        )
    assert ("Functie", "Schepen", "Voorzitter") in caught.value.changes
    assert ("Mag met naam geciteerd worden", "nee", "ja") in caught.value.changes
    witness_a.refresh_from_db()
    assert witness_a.function == "Schepen" and not witness_a.consents_to_quote
    services.witness_update(
        user=consultant_a,
        witness=witness_a,
        data=witness_data(function="Voorzitter"),
        expected_version=witness_a.version,
    )
    witness_a.refresh_from_db()
    assert witness_a.function == "Voorzitter" and witness_a.version == opened + 2


def test_witness_with_interviews_cannot_be_removed(consultant_a, witness_a, interview_a):
    with pytest.raises(ValidationError) as error:
        services.witness_delete(user=consultant_a, witness=witness_a)
    assert error.value.messages == ["Deze getuige heeft al 1 interview. Verwijder eerst dat interview."]
    services.interview_delete(user=consultant_a, interview=interview_a)
    services.witness_delete(user=consultant_a, witness=witness_a)
    assert not Witness.objects.exists()


def test_quoted_by_name_only_with_consent(scan_a, consultant_a):
    agreed = services.witness_add(
        user=consultant_a,
        scan=scan_a,
        data=witness_data(
            name="Katrien Janssens",
            function="Algemeen directeur",
            group="general_director",
            consents_to_quote=True,
        ),
    )
    refused = services.witness_add(
        user=consultant_a,
        scan=scan_a,
        data=witness_data(
            name="Sara El Amrani", function="Maatschappelijk werker", organisation="ocmw", group="staff"
        ),
    )
    assert agreed.public_label() == "Katrien Janssens, Algemeen directeur"
    assert refused.public_label() == "medewerker (OCMW)"
    assert "Sara" not in refused.public_label()


# --- Interviews and answers -----------------------------------------------------------------------


def test_interview_with_a_new_witness_on_the_spot(scan_a, consultant_a):
    interview = services.interview_add(
        user=consultant_a,
        scan=scan_a,
        held_on=DAY,
        interviewer=consultant_a,
        new_witness=witness_data(name="Tom Goossens", function="Voorzitter BCSD", organisation="ocmw"),
    )
    assert interview.witness.name == "Tom Goossens" and interview.witness.scan == scan_a


def test_interview_refuses_foreign_witness_and_interviewer(
    scan_a, scan_b, consultant_a, consultant_b, approver_a
):
    witness_b = services.witness_add(user=consultant_b, scan=scan_b, data=witness_data())
    with pytest.raises(ValidationError) as error:
        services.interview_add(
            user=consultant_a, scan=scan_a, witness=witness_b, held_on=DAY, interviewer=consultant_b
        )
    assert error.value.message_dict["witness"] == ["Kies een getuige van deze scan."]
    assert error.value.message_dict["interviewer"] == [
        "De interviewer is een consultant van dit lokaal bestuur."
    ]
    with pytest.raises(ValidationError) as error:
        services.interview_add(user=consultant_a, scan=scan_a, held_on=DAY, interviewer=approver_a)
    assert error.value.message_dict["witness"] == ["Kies een getuige of voeg een nieuwe getuige toe."]


def test_interview_new_witness_errors_are_keyed_to_the_inline_fields(scan_a, consultant_a):
    with pytest.raises(ValidationError) as error:
        services.interview_add(
            user=consultant_a,
            scan=scan_a,
            held_on=DAY,
            interviewer=consultant_a,
            new_witness=witness_data(function="", group=""),
        )
    assert set(error.value.message_dict) == {"witness_function", "witness_group"}
    assert not Witness.objects.exists()


def test_answer_stores_notes_and_score(scan_a, consultant_a, interview_a):
    question = scored_question(scan_a)
    services.answer_save(
        user=consultant_a, interview=interview_a, question=question, notes="Goede dienstverlening", score="4"
    )
    answer = InterviewAnswer.objects.get(interview=interview_a, question=question)
    assert (answer.notes, answer.score) == ("Goede dienstverlening", 4)
    # None keeps what was stored, "" clears
    services.answer_save(user=consultant_a, interview=interview_a, question=question, notes="Aangevuld")
    answer.refresh_from_db()
    assert (answer.notes, answer.score) == ("Aangevuld", 4)
    services.answer_save(user=consultant_a, interview=interview_a, question=question, score="")
    answer.refresh_from_db()
    assert (answer.notes, answer.score) == ("Aangevuld", None)


@pytest.mark.parametrize("bad", ["0", "6", "abc", 7, "-1", "3.5", True])
def test_a_wrong_score_is_refused_but_the_notes_are_kept(scan_a, consultant_a, interview_a, bad):
    question = scored_question(scan_a)
    services.answer_save(user=consultant_a, interview=interview_a, question=question, score="2")
    with pytest.raises(ValidationError) as error:
        services.answer_save(
            user=consultant_a,
            interview=interview_a,
            question=question,
            notes="Getypt tijdens het gesprek",
            score=bad,
        )
    assert error.value.message_dict == {f"q{question.pk}-score": ["Een score ligt tussen 1 en 5."]}
    answer = InterviewAnswer.objects.get(interview=interview_a, question=question)
    assert answer.notes == "Getypt tijdens het gesprek"
    assert answer.score == 2  # the earlier, valid score stays


def test_a_question_without_score_takes_no_score(scan_a, consultant_a, interview_a):
    question = open_question(scan_a)
    with pytest.raises(ValidationError) as error:
        services.answer_save(
            user=consultant_a, interview=interview_a, question=question, notes="Notitie", score="3"
        )
    assert error.value.messages == ["Deze vraag vraagt geen score."]
    assert InterviewAnswer.objects.get(question=question).score is None


def test_question_of_another_scan_is_refused(scan_a, scan_b, consultant_a, interview_a):
    with pytest.raises(ValidationError):
        services.answer_save(
            user=consultant_a, interview=interview_a, question=scan_b.questions.first(), notes="x"
        )
    assert not InterviewAnswer.objects.exists()


def test_answers_save_stores_what_is_valid(scan_a, consultant_a, interview_a):
    scored, unscored = scored_question(scan_a), open_question(scan_a)
    with pytest.raises(services.PartlySaved) as error:
        services.answers_save(
            user=consultant_a,
            interview=interview_a,
            answers={
                scored.pk: services.AnswerInput("Veel draagvlak", "9"),
                unscored.pk: services.AnswerInput("Trots op het onthaal", ""),
            },
            summary="Open gesprek",
        )
    assert list(error.value.message_dict) == [f"q{scored.pk}-score"]
    interview_a.refresh_from_db()
    assert interview_a.summary == "Open gesprek"
    assert dict(interview_a.answers.values_list("question_id", "notes")) == {
        scored.pk: "Veel draagvlak",
        unscored.pk: "Trots op het onthaal",
    }


def test_final_scan_refuses_content_changes(scan_a, consultant_a, interview_a):
    question = scored_question(scan_a)
    scan_finalise(user=consultant_a, scan=scan_a)
    message = "Deze scan is afgerond en kan niet meer wijzigen. Heropen hem eerst."
    calls = [
        lambda: services.question_add(
            user=consultant_a, scan=scan_a, theme=Theme.HOUSING, text="X", asks_score=False
        ),
        lambda: services.question_move(user=consultant_a, question=question, direction="down"),
        lambda: services.witness_add(user=consultant_a, scan=scan_a, data=witness_data()),
        lambda: services.answer_save(user=consultant_a, interview=interview_a, question=question, notes="x"),
        lambda: services.finding_add(
            user=consultant_a, scan=scan_a, data=services.FindingData(kind="risk", text="Risico")
        ),
        lambda: services.interview_delete(user=consultant_a, interview=interview_a),
    ]
    for call in calls:
        with pytest.raises(ValidationError) as error:
            call()
        assert error.value.messages == [message]
    assert not InterviewAnswer.objects.exists()


# --- Findings -------------------------------------------------------------------------------------


def test_findings_grouped_and_key_toggle(scan_a, consultant_a, witness_a):
    strength = services.finding_add(
        user=consultant_a,
        scan=scan_a,
        data=services.FindingData(kind="strength", text="Sterke sociale dienst"),
    )
    risk = services.finding_add(
        user=consultant_a,
        scan=scan_a,
        data=services.FindingData(
            kind="risk",
            text="Weinig draagvlak",
            theme=Theme.SUPPORT,
            quote="Niemand weet waarom.",
            witness=witness_a,
        ),
    )
    services.finding_toggle_key(user=consultant_a, finding=risk)
    groups = services.findings_grouped(scan_a)
    assert groups == {"key": [risk], "strengths": [strength], "risks": []}
    services.finding_toggle_key(user=consultant_a, finding=risk)
    assert services.findings_grouped(scan_a)["risks"] == [risk]


def test_stale_finding_edit_refused_with_the_differences(scan_a, consultant_a, witness_a):
    finding = services.finding_add(
        user=consultant_a, scan=scan_a, data=services.FindingData(kind="risk", text="Weinig draagvlak")
    )
    opened = finding.version
    services.finding_update(
        user=consultant_a,
        finding=finding,
        data=services.FindingData(kind="risk", text="Weinig draagvlak bij het personeel"),
        expected_version=opened,
    )
    with pytest.raises(services.StaleFindingError) as caught:
        services.finding_update(
            user=consultant_a,
            finding=finding,
            data=services.FindingData(
                kind="strength", text="Veel draagvlak", quote="Eindelijk.", witness=witness_a
            ),
            expected_version=opened,
        )
    changes = caught.value.changes
    assert ("Bevinding", "Weinig draagvlak bij het personeel", "Veel draagvlak") in changes
    assert ("Soort", "Risico", "Sterkte") in changes
    assert ("Citaat", "—", "Eindelijk.") in changes and ("Bron", "—", "Marleen Verhoeven") in changes
    assert "deze bevinding intussen gewijzigd" in caught.value.messages[0]
    finding.refresh_from_db()
    assert (finding.kind, finding.text, finding.witness) == (
        "risk",
        "Weinig draagvlak bij het personeel",
        None,
    )
    services.finding_update(
        user=consultant_a,
        finding=finding,
        data=services.FindingData(kind="strength", text="Veel draagvlak"),
        expected_version=finding.version,
    )
    finding.refresh_from_db()
    assert (finding.kind, finding.text, finding.version) == ("strength", "Veel draagvlak", opened + 2)


def test_marking_a_key_finding_makes_an_open_form_stale(scan_a, consultant_a):
    finding = services.finding_add(
        user=consultant_a, scan=scan_a, data=services.FindingData(kind="risk", text="Weinig draagvlak")
    )
    opened = finding.version
    services.finding_toggle_key(user=consultant_a, finding=finding)
    with pytest.raises(services.StaleFindingError) as caught:
        services.finding_update(
            user=consultant_a,
            finding=finding,
            data=services.FindingData(kind="risk", text="Weinig draagvlak", is_key=False),
            expected_version=opened,
        )
    assert caught.value.changes == [("Kernbevinding", "ja", "nee")]
    finding.refresh_from_db()
    assert finding.is_key and finding.version == opened + 1


def test_finding_source_limited_to_this_scan(scan_a, scan_b, consultant_a, consultant_b):
    witness_b = services.witness_add(user=consultant_b, scan=scan_b, data=witness_data())
    with pytest.raises(ValidationError) as error:
        services.finding_add(
            user=consultant_a,
            scan=scan_a,
            data=services.FindingData(kind="maybe", text="", witness=witness_b),
        )
    assert error.value.message_dict == {
        "kind": ["Kies sterkte of risico."],
        "text": ["Dit veld is verplicht."],
        "witness": ["Kies een getuige van deze scan."],
    }
    assert not Finding.objects.exists()
