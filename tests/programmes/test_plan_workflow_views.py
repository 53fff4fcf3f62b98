"""Step 2's workflow pages: buttons per role, decisions, versions, comparison, PDF, step progress, tenancy."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from documents.pdf import html_to_pdf
from programmes.models import Plan, PlanVersion
from programmes.plan import progress, workflow
from programmes.plan.document import plan_html
from programmes.steps import STEPS, StepState, StepStatus
from tests.factories import ProgrammeFactory

from .test_plan_workflow import fill

State = PlanVersion.State
SUBMIT, DECIDE, NEW = "Indienen bij de algemeen directeur", "Goedkeuren", "Nieuwe versie starten"


@pytest.fixture
def draft_a(programme_a, consultant_a):
    return fill(workflow.plan_start(user=consultant_a, programme=programme_a))


@pytest.fixture
def submitted_a(draft_a, consultant_a):
    return workflow.plan_submit(user=consultant_a, version=draft_a)


@pytest.fixture
def approved_a(submitted_a, approver_a):
    return workflow.plan_approve(user=approver_a, version=submitted_a, comment="Akkoord.")


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_consultant_sees_submit_on_a_draft_others_do_not(
    client, draft_a, consultant_a, approver_a, council_a
):
    url = reverse("programmes:plan", args=[draft_a.plan_id])
    html = page(client, consultant_a, url)
    assert SUBMIT in html and DECIDE not in html and NEW not in html
    for user in (approver_a, council_a):
        html = page(client, user, url)
        assert SUBMIT not in html and DECIDE not in html


def test_empty_draft_lists_what_is_missing(client, programme_a, consultant_a):
    version = workflow.plan_start(user=consultant_a, programme=programme_a)
    html = page(client, consultant_a, reverse("programmes:plan", args=[version.plan_id]))
    assert "Het streefbeeld heeft nog geen gedeelde ambitie." in html
    response = client.post(reverse("programmes:plan_submit", args=[version.pk]), follow=True)
    assert "Het actieplan heeft nog geen acties." in response.content.decode()
    version.refresh_from_db()
    assert version.state == State.DRAFT


def test_submit_through_the_view(client, draft_a, consultant_a):
    client.force_login(consultant_a)
    response = client.post(reverse("programmes:plan_submit", args=[draft_a.pk]))
    assert response.status_code == 302
    draft_a.refresh_from_db()
    assert draft_a.state == State.SUBMITTED


@pytest.mark.parametrize("who", ["approver_a", "council_a"])
def test_submit_by_others_of_a_is_forbidden(client, draft_a, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.post(reverse("programmes:plan_submit", args=[draft_a.pk])).status_code == 403
    draft_a.refresh_from_db()
    assert draft_a.state == State.DRAFT


def test_approver_decides_a_submitted_version(client, submitted_a, approver_a, consultant_a):
    url = reverse("programmes:plan", args=[submitted_a.plan_id])
    html = page(client, approver_a, url)
    assert DECIDE in html and "Afkeuren" in html
    html = page(client, consultant_a, url)
    assert DECIDE not in html and SUBMIT not in html


def test_reject_without_comment_shows_the_error_and_keeps_the_state(client, submitted_a, approver_a):
    client.force_login(approver_a)
    response = client.post(
        reverse("programmes:plan_decide", args=[submitted_a.pk]), {"decision": "reject", "comment": " "}
    )
    assert response.status_code == 200
    assert "Zeg de consultant wat er moet veranderen." in response.content.decode()
    submitted_a.refresh_from_db()
    assert submitted_a.state == State.SUBMITTED


def test_reject_then_consultant_sees_the_comment(client, submitted_a, approver_a, consultant_a):
    client.force_login(approver_a)
    response = client.post(
        reverse("programmes:plan_decide", args=[submitted_a.pk]),
        {"decision": "reject", "comment": "Voeg een communicatieactie toe."},
    )
    assert response.status_code == 302
    submitted_a.refresh_from_db()
    assert submitted_a.state == State.DRAFT
    html = page(client, consultant_a, reverse("programmes:plan", args=[submitted_a.plan_id]))
    assert "Voeg een communicatieactie toe." in html and "Afgekeurd door" in html and SUBMIT in html


@pytest.mark.parametrize("who", ["consultant_a", "council_a"])
def test_decide_by_non_approver_is_forbidden(client, submitted_a, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("programmes:plan_decide", args=[submitted_a.pk]), {"decision": "approve"})
    assert response.status_code == 403
    submitted_a.refresh_from_db()
    assert submitted_a.state == State.SUBMITTED


def test_bad_decision_is_refused_in_dutch(client, submitted_a, approver_a):
    client.force_login(approver_a)
    response = client.post(reverse("programmes:plan_decide", args=[submitted_a.pk]), {"decision": "🙂"})
    assert response.status_code == 200 and "Kies goedkeuren of afkeuren." in response.content.decode()


def test_approve_then_new_version(client, submitted_a, approver_a, consultant_a):
    client.force_login(approver_a)
    client.post(
        reverse("programmes:plan_decide", args=[submitted_a.pk]), {"decision": "approve", "comment": ""}
    )
    submitted_a.refresh_from_db()
    assert submitted_a.state == State.APPROVED and submitted_a.approved_by == approver_a
    url = reverse("programmes:plan", args=[submitted_a.plan_id])
    assert NEW not in page(client, approver_a, url)
    html = page(client, consultant_a, url)
    assert NEW in html and SUBMIT not in html
    response = client.post(reverse("programmes:plan_new_version", args=[submitted_a.plan_id]))
    assert response.status_code == 302
    assert workflow.working_version(submitted_a.plan).number == 2


def test_new_version_by_approver_is_forbidden(client, approved_a, approver_a):
    client.force_login(approver_a)
    assert client.post(reverse("programmes:plan_new_version", args=[approved_a.plan_id])).status_code == 403
    assert approved_a.plan.versions.count() == 1


def test_versions_and_compare_pages(client, approved_a, consultant_a):
    new = workflow.plan_new_version(user=consultant_a, plan=approved_a.plan)
    new.ambition = "Een nieuwe ambitie."
    new.save()
    html = page(client, consultant_a, reverse("programmes:plan_versions", args=[approved_a.plan_id]))
    assert "Versie 2" in html and "Akkoord." in html and "Vergelijken" in html
    html = page(client, consultant_a, reverse("programmes:plan_compare", args=[approved_a.plan_id]))
    assert '<ins><span class="visually-hidden">toegevoegd: </span>Een nieuwe ambitie.</ins>' in html
    assert "verwijderd: </span>Eén organisatie met één aanspreekpunt.</del>" in html
    html = page(client, consultant_a, reverse("programmes:plan_version", args=[approved_a.pk]))
    assert "Stuurgroep samenstellen" in html and "Eén meerjarenplan." in html


@pytest.mark.parametrize("query", ["a=abc", "b=99999999999999999999999", "a=-1", "a=999999", "b=%C2%B2"])
def test_compare_with_bad_ids_is_404(client, draft_a, consultant_a, query):
    client.force_login(consultant_a)
    url = reverse("programmes:plan_compare", args=[draft_a.plan_id]) + "?" + query
    assert client.get(url).status_code == 404


def test_compare_with_a_version_of_another_plan_is_404(
    client, draft_a, consultant_a, programme_b, consultant_b
):
    other = workflow.plan_start(user=consultant_b, programme=programme_b)
    client.force_login(consultant_a)
    url = reverse("programmes:plan_compare", args=[draft_a.plan_id]) + f"?a={draft_a.pk}&b={other.pk}"
    assert client.get(url).status_code == 404


def test_approver_of_b_gets_404_on_every_plan_url_of_a(client, submitted_a, approver_b, consultant_b):
    plan, version = submitted_a.plan, submitted_a
    gets = [
        reverse("programmes:plan", args=[plan.pk]),
        reverse("programmes:plan_versions", args=[plan.pk]),
        reverse("programmes:plan_compare", args=[plan.pk]),
        reverse("programmes:plan_version", args=[version.pk]),
    ]
    posts = [
        (reverse("programmes:plan_submit", args=[version.pk]), {}),
        (reverse("programmes:plan_decide", args=[version.pk]), {"decision": "approve"}),
        (reverse("programmes:plan_new_version", args=[plan.pk]), {}),
        (reverse("programmes:plan_pdf", args=[version.pk]), {}),
    ]
    for user in (approver_b, consultant_b):
        client.force_login(user)
        for url in gets:
            assert client.get(url).status_code == 404, url
        for url, data in posts:
            assert client.post(url, data).status_code == 404, url
    version.refresh_from_db()
    assert version.state == State.SUBMITTED


def test_changes_need_post(client, draft_a, consultant_a):
    client.force_login(consultant_a)
    for name, pk in [
        ("plan_submit", draft_a.pk),
        ("plan_decide", draft_a.pk),
        ("plan_pdf", draft_a.pk),
        ("plan_new_version", draft_a.plan_id),
    ]:
        assert client.get(reverse(f"programmes:{name}", args=[pk])).status_code == 405


def _pdf_text(version) -> str:
    data = html_to_pdf(plan_html(version))
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_of_a_draft_says_ontwerp(draft_a):
    text = _pdf_text(draft_a)
    assert "Samen sterker in Geel" in text and "ONTWERP" in text and "Stuurgroep samenstellen" in text


def test_pdf_of_an_approved_version_names_the_approver(approved_a, approver_a):
    text = _pdf_text(approved_a)
    assert "Samen sterker in Geel" in text and "ONTWERP" not in text
    assert f"Goedgekeurd door {approver_a.get_full_name()} op" in text.replace("\n", " ")


def test_pdf_request_through_htmx(client, draft_a, council_a):
    client.force_login(council_a)
    response = client.post(reverse("programmes:plan_pdf", args=[draft_a.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200 and "render-job-" in response.content.decode()
    html = page(client, council_a, reverse("programmes:plan", args=[draft_a.plan_id]))
    assert "render-job-" in html


def _status(programme):
    programme.__dict__.pop("_plan_progress", None)
    return progress.provide(programme, StepStatus(info=STEPS[1], state=StepState.CURRENT))


def test_step_two_progress(programme_a, consultant_a, approver_a):
    status = _status(programme_a)
    assert status.url == reverse("programmes:plan_start", args=[programme_a.pk])
    assert status.next_action == "Het streefbeeld en actieplan starten"
    version = workflow.plan_start(user=consultant_a, programme=programme_a)
    status = _status(programme_a)
    assert status.url == reverse("programmes:plan", args=[version.plan_id])
    assert status.missing == [
        "Streefbeeld met gedeelde ambitie",
        "Beoogde resultaten vanuit de invalshoeken",
        "Gefaseerd actieplan met acties",
        "Goedkeuring door de algemeen directeur",
    ]
    fill(version)
    workflow.plan_submit(user=consultant_a, version=version)
    workflow.plan_approve(user=approver_a, version=version)
    status = _status(programme_a)
    assert status.state == StepState.DONE and status.missing == []


def test_progress_load_is_one_query(django_assert_num_queries, lg_a, consultant_a):
    programmes = [ProgrammeFactory(local_government=lg_a, consultants=[consultant_a]) for _ in range(3)]
    for programme in programmes:
        fill(workflow.plan_start(user=consultant_a, programme=programme))
    with django_assert_num_queries(1):
        progress.load(programmes)
    assert all(p._plan_progress.n_actions == 1 for p in programmes)
    assert Plan.objects.count() == 3
