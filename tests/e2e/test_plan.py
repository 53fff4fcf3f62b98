"""Step 2 in the browser: the consultant submits the plan, the algemeen directeur approves it with a
comment, the consultant sees the approved version and starts a new draft; axe-core on the plan's pages."""

from __future__ import annotations

import re
import warnings

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from programmes.models import Plan, PlanVersion
from tests.e2e.helpers import describe_violations, login, run_axe, screenshot

User = get_user_model()
PROGRAMME_A = "Samen één bestuur in Geel"
COMMENT = "Goedgekeurd. Graag de medewerkers vóór de zomer informeren over het nieuwe organogram."
State = PlanVersion.State


def _plan_a() -> Plan:
    return Plan.objects.select_related("programme").get(programme__title=PROGRAMME_A)


def _logout(page: Page) -> None:
    page.get_by_role("button", name="Afmelden").click()
    expect(page.get_by_role("button", name="Afmelden")).to_have_count(0)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_plan_submit_approve_and_new_version(page, live_server, demo):
    plan = _plan_a()
    states = dict(plan.versions.values_list("number", "state"))
    assert states == {1: State.APPROVED, 2: State.DRAFT}
    director = User.objects.get(username="directeur.a")
    base = live_server.url
    plan_url = f"{base}/plannen/{plan.pk}/"
    failures: list[str] = []
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )

    def check(name: str) -> None:
        screenshot(page, f"plan-{name}")
        violations = run_axe(page)
        if violations:
            failures.append(describe_violations(name, page.url, violations))

    def visit(name: str, path: str, heading: str | re.Pattern) -> None:
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, f"{name}: {path} answered {response}"
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        check(name)

    # The consultant reaches the plan from step 2 of the programme page; version 2 is a draft.
    login(page, live_server, "consultant.a")
    page.get_by_role("link", name=PROGRAMME_A, exact=True).click()
    page.locator("ol.steps > li").nth(1).get_by_role("link").click()
    expect(page).to_have_url(plan_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Streefbeeld en actieplan")
    expect(page.get_by_text("Versie 2: Ontwerp")).to_be_visible()
    check("overview-draft-consultant")

    # The draft's pages, read by the consultant.
    visit("streefbeeld", f"/plannen/{plan.pk}/streefbeeld/", re.compile(r"\S"))
    visit("kansen-en-kosten", f"/plannen/{plan.pk}/afweging/", re.compile(r"\S"))
    visit("actieplan", f"/plannen/{plan.pk}/actieplan/", re.compile(r"\S"))
    visit("opvolging", f"/plannen/{plan.pk}/opvolging/", re.compile(r"\S"))
    visit("versies", f"/plannen/{plan.pk}/versies/", re.compile(r"\S"))
    page.get_by_role("button", name="Vergelijken").click()
    expect(page).to_have_url(re.compile(rf"/plannen/{plan.pk}/vergelijken/\?a=\d+&b=\d+"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check("vergelijken")

    # Submit version 2.
    page.goto(plan_url)
    page.get_by_role("button", name="Indienen bij de algemeen directeur").click()
    expect(page.get_by_text("Versie 2 is ingediend bij de algemeen directeur.")).to_be_visible()
    expect(page.get_by_text("Versie 2: Ingediend")).to_be_visible()
    check("overview-submitted-consultant")
    _logout(page)

    # The algemeen directeur approves it with a comment.
    login(page, live_server, "directeur.a")
    page.goto(plan_url)
    expect(page.get_by_role("button", name="Goedkeuren")).to_be_visible()
    check("overview-submitted-director")
    page.get_by_role("textbox").fill(COMMENT)
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_text("Versie 2 is goedgekeurd.")).to_be_visible()
    check("overview-approved-director")
    _logout(page)

    # The consultant sees version 2 approved, with the comment and who approved it.
    login(page, live_server, "consultant.a")
    page.goto(plan_url)
    expect(page.get_by_text("Versie 2: Goedgekeurd")).to_be_visible()
    who = director.get_full_name() or director.username
    expect(page.get_by_text(re.compile(rf"Goedgekeurd door {re.escape(who)} op"))).to_be_visible()
    expect(page.locator("blockquote.plan-comment")).to_have_text(COMMENT)
    check("overview-approved-consultant")
    version = plan.versions.get(number=2)
    assert (version.state, version.approved_by, version.approval_comment) == (
        State.APPROVED,
        director,
        COMMENT,
    )

    # ... and starts version 3, a draft.
    page.get_by_role("button", name="Nieuwe versie starten").click()
    expect(page.get_by_text("Versie 3 is gestart als ontwerp.")).to_be_visible()
    expect(page.get_by_text("Versie 3: Ontwerp")).to_be_visible()
    expect(page.get_by_role("button", name="Indienen bij de algemeen directeur")).to_be_visible()
    check("overview-new-draft")
    assert dict(plan.versions.values_list("number", "state")) == {
        1: State.APPROVED,
        2: State.APPROVED,
        3: State.DRAFT,
    }

    if csp_errors:
        warnings.warn("CSP violations in the browser:\n" + "\n".join(csp_errors), stacklevel=1)
    assert not failures, "Serious or critical axe violations:\n" + "\n".join(failures)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_second_save_of_an_action_is_refused_and_nothing_typed_is_lost(page, live_server, demo):
    """Two people on the same action: the consultant's save after a colleague's is refused with both
    values side by side, the typed title stays in the form, and saving again goes through."""
    from programmes.plan import actions as services
    from programmes.plan.actions import ActionData
    from programmes.plan.workflow import working_version

    plan = _plan_a()
    action = working_version(plan).actions.select_related("phase").order_by("pk").first()
    consultant = User.objects.get(username="consultant.a")
    login(page, live_server, "consultant.a")
    page.goto(f"{live_server.url}/plannen/acties/{action.pk}/bewerken/")
    page.get_by_label("Titel").fill("Titel van mij")
    # Meanwhile a colleague saves the same action.
    services.action_edit(
        user=consultant,
        action=action,
        expected_version=action.edit_version,
        phase=action.phase,
        data=ActionData(
            **{name: getattr(action, name) for name in services.ACTION_FIELDS}
            | {"title": "Titel van een collega"}
        ),
    )
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    warning = page.get_by_role("alert").filter(has_text="Intussen gewijzigd door iemand anders")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Titel van een collega")
    expect(warning).to_contain_text("Titel van mij")
    expect(page.get_by_label("Titel")).to_have_value("Titel van mij")
    screenshot(page, "plan-action-stale")
    violations = run_axe(page)
    assert not violations, describe_violations("action-stale", page.url, violations)
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(page.get_by_text("De actie ‘Titel van mij’ is bewaard.")).to_be_visible()
    action.refresh_from_db()
    assert action.title == "Titel van mij"
