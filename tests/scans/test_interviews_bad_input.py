"""No input on the interviews pages produces a 500: every form, fed arbitrary text, answers with a page."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scans.services import interviews as services

text = st.text(max_size=300) | st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "6",
        "99999999999999999999999",
        "31/02/2026",
        "01/01/0001",
        "<script>x</script>",
        "\x00",
        "³",
        "٣",
        "é" * 600,
    ]
)
relaxed = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _no_crash(response):
    assert response.status_code < 500, response.content[:500]


@pytest.fixture
def interview_a(scan_a, consultant_a):
    witness = services.witness_add(
        user=consultant_a,
        scan=scan_a,
        data=services.WitnessData("Tom Goossens", "Voorzitter BCSD", "ocmw", "mandatary"),
    )
    return services.interview_add(
        user=consultant_a,
        scan=scan_a,
        witness=witness,
        held_on=datetime.date(2026, 3, 12),
        interviewer=consultant_a,
    )


@relaxed
@given(theme=text, question=text, asks=text, direction=text)
def test_guide_forms_never_crash(client, scan_a, consultant_a, theme, question, asks, direction):
    client.force_login(consultant_a)
    data = {"theme": theme, "text": question, "asks_score": asks}
    _no_crash(client.post(reverse("scans:question_add", args=[scan_a.pk]), data))
    first = scan_a.questions.order_by("position").first()
    _no_crash(client.post(reverse("scans:question_edit", args=[first.pk]), data))
    _no_crash(client.post(reverse("scans:question_move", args=[first.pk]), {"direction": direction}))


@relaxed
@given(name=text, function=text, organisation=text, group=text, consent=text)
def test_witness_form_never_crashes(
    client, scan_a, consultant_a, name, function, organisation, group, consent
):
    client.force_login(consultant_a)
    data = {"name": name, "function": function, "organisation": organisation, "group": group}
    data["consents_to_quote"] = consent
    _no_crash(client.post(reverse("scans:witnesses", args=[scan_a.pk]), data))


@relaxed
@given(held_on=text, interviewer=text, witness=text, name=text, group=text, summary=text)
def test_interview_forms_never_crash(
    client, scan_a, consultant_a, interview_a, held_on, interviewer, witness, name, group, summary
):
    client.force_login(consultant_a)
    data = {"held_on": held_on, "interviewer": interviewer, "witness": witness, "summary": summary}
    _no_crash(client.post(reverse("scans:interview_edit", args=[interview_a.pk]), data))
    data.update(
        {
            "witness_name": name,
            "witness_function": name,
            "witness_organisation": group,
            "witness_group": group,
        }
    )
    _no_crash(client.post(reverse("scans:interview_add", args=[scan_a.pk]), data))


@relaxed
@given(question=text, notes=text, score=text, summary=text)
def test_recording_never_crashes(client, scan_a, consultant_a, interview_a, question, notes, score, summary):
    client.force_login(consultant_a)
    qid = scan_a.questions.filter(asks_score=True).first().pk
    url = reverse("scans:interview_answer", args=[interview_a.pk])
    _no_crash(client.post(url, {"question": question, f"q{qid}-notes": notes}, HTTP_HX_REQUEST="true"))
    _no_crash(
        client.post(
            url, {"question": qid, f"q{qid}-notes": notes, f"q{qid}-score": score}, HTTP_HX_REQUEST="true"
        )
    )
    _no_crash(
        client.post(
            reverse("scans:interview_record", args=[interview_a.pk]),
            {f"q{qid}-notes": notes, f"q{qid}-score": score, "summary": summary},
        )
    )


@relaxed
@given(kind=text, finding=text, theme=text, quote=text, witness=text, key=text)
def test_finding_form_never_crashes(client, scan_a, consultant_a, kind, finding, theme, quote, witness, key):
    client.force_login(consultant_a)
    data = {"kind": kind, "text": finding, "theme": theme, "quote": quote, "witness": witness, "is_key": key}
    _no_crash(client.post(reverse("scans:findings", args=[scan_a.pk]), data))


def test_overlong_notes_refused_in_dutch(client, scan_a, consultant_a, interview_a):
    client.force_login(consultant_a)
    qid = scan_a.questions.first().pk
    response = client.post(
        reverse("scans:interview_answer", args=[interview_a.pk]),
        {"question": qid, f"q{qid}-notes": "x" * 20_001},
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert (
        "Notities tellen hoogstens 20000 tekens" in content
        or "Notities tellen hoogstens 20.000 tekens" in content
    )
    assert "Uw tekst staat nog in het vak." in content


@pytest.mark.parametrize("odd", ["³", "٣", "99999999999999999999999", "-1", "1e3"])
def test_odd_keys_answer_with_a_page(client, scan_a, consultant_a, interview_a, odd):
    client.force_login(consultant_a)
    response = client.post(
        reverse("scans:interview_edit", args=[interview_a.pk]),
        {"held_on": "12/03/2026", "witness": odd, "interviewer": odd},
    )
    assert response.status_code == 200 and "Selecteer een geldige keuze" in response.content.decode()
    response = client.post(
        reverse("scans:findings", args=[scan_a.pk]), {"kind": "risk", "text": "X", "witness": odd}
    )
    assert response.status_code == 200
    assert client.get(reverse("scans:interview_add", args=[scan_a.pk]) + f"?getuige={odd}").status_code == 200
    response = client.post(reverse("scans:interview_answer", args=[interview_a.pk]), {"question": odd})
    assert response.status_code == 404
