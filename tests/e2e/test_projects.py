"""Step 3 in the browser: consultant.a adds a dependency on the dependencies page and sees the graph change,
then tries one that closes a cycle and reads the refusal naming it; axe-core on the pages of step 3."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from programmes.models import Programme
from projects.models import Dependency, Project
from tests.e2e.helpers import describe_violations, login, run_axe, screenshot

PROGRAMME_A = "Samen één bestuur in Geel"
CYCLE = (
    "Deze afhankelijkheid zou een kring sluiten: Samenvoeging secretariaat → Nieuwe locatie (administratief "
    "centrum) → Dienstverleningsconcept → Samenvoeging secretariaat."
)


def _add(page: Page, successor: str, predecessor: str, *, kind: str = "Einde-start", lag: str = "0") -> None:
    form = page.locator("form.dependency-form")
    form.locator("#id_afh-successor").select_option(label=successor)  # "Project"
    form.locator("#id_afh-predecessor").select_option(label=predecessor)  # "heeft nodig"
    form.locator("#id_afh-kind").select_option(label=kind)
    form.locator("#id_afh-lag_weeks").fill(lag)
    form.get_by_role("button", name="Afhankelijkheid toevoegen").click()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_consultant_adds_a_dependency_sees_the_graph_change_and_a_cycle_refused(page, live_server, demo):
    programme = Programme.objects.get(title=PROGRAMME_A)
    base = live_server.url
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
        screenshot(page, f"projects-{name}")
        violations = run_axe(page)
        if violations:
            failures.append(describe_violations(name, page.url, violations))

    login(page, live_server, "consultant.a")
    for name, path, heading in [
        ("programma", f"/trajecten/{programme.pk}/projecten/", "Programma van projecten"),
        ("stuurstructuur", f"/trajecten/{programme.pk}/projecten/structuur/", "Stuurstructuur"),
        ("nieuw-project", f"/trajecten/{programme.pk}/projecten/nieuw/", "Nieuw project"),
        ("uit-acties", f"/trajecten/{programme.pk}/projecten/uit-acties/", "Project uit acties van het plan"),
    ]:
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        check(name)
    project = Project.objects.get(programme=programme, title="Samenvoeging secretariaat")
    page.goto(f"{base}/projecten/{project.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Samenvoeging secretariaat")
    check("project")

    # The dependencies page: the graph has an arrow per dependency.
    url = f"{base}/trajecten/{programme.pk}/projecten/afhankelijkheden/"
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Afhankelijkheden en planning")
    graph = page.locator("svg.dependency-graph")
    expect(graph).to_be_visible()
    before = Dependency.objects.filter(programme=programme).count()
    expect(graph.locator("path.edge")).to_have_count(before)
    check("afhankelijkheden")

    # Add one: Samenvoeging secretariaat needs Gezamenlijke aankoopdienst. The graph gains an arrow.
    _add(page, "Samenvoeging secretariaat", "Gezamenlijke aankoopdienst", kind="Start-start", lag="2")
    added = "‘Samenvoeging secretariaat’ heeft nu ‘Gezamenlijke aankoopdienst’ nodig."
    expect(page.get_by_text(added)).to_be_visible()
    expect(page.locator("svg.dependency-graph path.edge")).to_have_count(before + 1)
    expect(page.locator("svg.dependency-graph")).to_contain_text("SS +2 w")
    table = page.locator("table.dependency-table")
    rows = table.get_by_role("row").filter(has_text="Samenvoeging secretariaat")
    expect(rows.filter(has_text="Gezamenlijke aankoopdienst").filter(has_text="Start-start")).to_have_count(1)
    assert Dependency.objects.filter(
        programme=programme,
        predecessor__title="Gezamenlijke aankoopdienst",
        successor__title="Samenvoeging secretariaat",
        kind="ss",
        lag_weeks=2,
    ).exists()
    check("afhankelijkheden-toegevoegd")

    # One that closes a cycle: refused, the error summary names the cycle in order; nothing stored.
    _add(page, "Dienstverleningsconcept", "Samenvoeging secretariaat")
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(CYCLE)
    expect(page.locator("svg.dependency-graph path.edge")).to_have_count(before + 1)
    assert Dependency.objects.filter(programme=programme).count() == before + 1
    check("kring-geweigerd")

    # What-if: the concept four weeks late moves its dependants; nothing is saved.
    form = page.locator("form.whatif-form")
    form.locator("#id_watals-project").select_option(label="Dienstverleningsconcept")
    form.locator("#id_watals-weeks").fill("4")
    form.get_by_role("button", name="Doorrekenen").click()
    result = page.locator(".whatif-result")
    expect(result).to_contain_text("Nieuwe locatie (administratief centrum)")
    expect(result).to_contain_text(re.compile(r"Einde van het programma: \d\d/\d\d/\d{4} → \d\d/\d\d/\d{4}"))
    check("wat-als")

    # Remove the dependency added above through its button in the table (all share one form).
    table.get_by_role(
        "button", name="Verwijderen Samenvoeging secretariaat heeft Gezamenlijke aankoopdienst nodig"
    ).click()
    removed = "‘Samenvoeging secretariaat’ hangt niet meer af van ‘Gezamenlijke aankoopdienst’."
    expect(page.get_by_text(removed)).to_be_visible()
    assert Dependency.objects.filter(programme=programme).count() == before

    # The demo's conflict says what to do; one click plans the start where the dependencies allow.
    page.goto(f"{base}/trajecten/{programme.pk}/projecten/")
    conflicts = page.locator(".attention-card")
    expect(conflicts).to_contain_text("Oplossen")
    conflicts.get_by_role("button", name=re.compile("^Start verschuiven naar")).first.click()
    expect(page.get_by_text(re.compile("het planningsconflict is opgelost"))).to_be_visible()
    expect(page.locator(".conflict-list")).to_have_count(0)
    check("conflict-opgelost")

    assert not csp_errors, "\n".join(csp_errors)
    assert not failures, "\n\n".join(failures)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_council_member_reads_the_pages_without_forms(page, live_server, demo):
    programme = Programme.objects.get(title=PROGRAMME_A)
    project = Project.objects.get(programme=programme, title="Nieuwe locatie (administratief centrum)")
    failures: list[str] = []
    login(page, live_server, "raad.a")
    for name, path in [
        ("raad-programma", f"/trajecten/{programme.pk}/projecten/"),
        ("raad-stuurstructuur", f"/trajecten/{programme.pk}/projecten/structuur/"),
        ("raad-afhankelijkheden", f"/trajecten/{programme.pk}/projecten/afhankelijkheden/"),
        ("raad-project", f"/projecten/{project.pk}/"),
    ]:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200
        expect(page.get_by_text("U leest mee")).to_be_visible()
        expect(page.get_by_role("button", name="Afhankelijkheid toevoegen")).to_have_count(0)
        expect(page.get_by_role("button", name="Verwijderen")).to_have_count(0)
        screenshot(page, f"projects-{name}")
        violations = run_axe(page)
        if violations:
            failures.append(describe_violations(name, page.url, violations))
    assert not failures, "\n\n".join(failures)
