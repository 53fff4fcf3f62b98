"""The consultants' list of interviews comes in pages of 25 (?pagina=N), with an accessible Dutch pager."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scans.services import interviews as services

DAY = datetime.date(2026, 3, 12)


def name(n: int) -> str:
    return f"Getuige {n:02d}"


@pytest.fixture
def sixty(scan_a, consultant_a):
    """60 interviews, one a day back from DAY: the list (newest first) shows Getuige 01 … Getuige 60."""
    for n in range(1, 61):
        witness = services.witness_add(
            user=consultant_a,
            scan=scan_a,
            data=services.WitnessData(
                name=name(n),
                function="Medewerker",
                organisation="ocmw",
                group="staff",
                consents_to_quote=False,
            ),
        )
        services.interview_add(
            user=consultant_a,
            scan=scan_a,
            witness=witness,
            held_on=DAY - datetime.timedelta(days=n),
            interviewer=consultant_a,
        )
    return scan_a


def page(client, scan, query: str = "") -> str:
    response = client.get(reverse("scans:interviews", args=[scan.pk]) + query)
    assert response.status_code == 200
    return response.content.decode()


def shown(content: str) -> list[int]:
    return [int(n) for n in re.findall(r">Getuige (\d\d)</a>", content)]


def pager(content: str) -> str:
    return re.search(r'<nav class="pager".*?</nav>', content, re.S).group(0)


def test_sixty_interviews_make_three_pages(client, consultant_a, sixty):
    client.force_login(consultant_a)
    content = page(client, sixty)
    assert shown(content) == list(range(1, 26))
    assert '<nav class="pager" aria-label="Paginering">' in content
    assert "Pagina 1 van 3" in content
    assert "Interviews 1–25 van 60, het recentste eerst" in content
    assert re.search(r'href="\?pagina=1#interviews-lijst" aria-current="page"', content)
    assert pager(content).count('aria-current="page"') == 1
    assert 'rel="next" href="?pagina=2#interviews-lijst">Volgende pagina' in content
    assert 'href="?pagina=3#interviews-lijst"' in content
    assert 'aria-disabled="true"><span aria-hidden="true">‹ </span>Vorige pagina' in content  # no link


def test_page_two_starts_at_the_26th(client, consultant_a, sixty):
    client.force_login(consultant_a)
    content = page(client, sixty, "?pagina=2")
    assert shown(content) == list(range(26, 51))
    assert "Pagina 2 van 3" in content and "Interviews 26–50 van 60" in content
    assert re.search(r'href="\?pagina=2#interviews-lijst" aria-current="page"', content)
    assert 'rel="prev" href="?pagina=1#interviews-lijst"' in content
    assert 'rel="next" href="?pagina=3#interviews-lijst"' in content
    last = page(client, sixty, "?pagina=3")
    assert shown(last) == list(range(51, 61)) and "Pagina 3 van 3" in last
    assert 'aria-disabled="true">Volgende pagina' in last


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?pagina=abc", 1),
        ("?pagina=", 1),
        ("?pagina=1.5", 1),
        ("?pagina=%00", 1),
        ("?pagina=999", 3),
        ("?pagina=0", 3),
        ("?pagina=-1", 3),
        ("?pagina=" + "9" * 40, 3),
    ],
)
def test_a_bad_page_number_shows_the_first_or_last_page(client, consultant_a, sixty, query, expected):
    client.force_login(consultant_a)
    content = page(client, sixty, query)
    assert f"Pagina {expected} van 3" in content
    assert shown(content)[0] == 25 * (expected - 1) + 1


def test_pager_links_keep_the_other_parameters(client, consultant_a, sixty):
    client.force_login(consultant_a)
    content = page(client, sixty, "?groep=staff&pagina=2")
    assert 'href="?groep=staff&amp;pagina=3#interviews-lijst"' in content
    assert 'href="?groep=staff&amp;pagina=1#interviews-lijst"' in content


def test_one_page_needs_no_pager(client, scan_a, consultant_a):
    services.interview_add(
        user=consultant_a,
        scan=scan_a,
        witness=services.witness_add(
            user=consultant_a,
            scan=scan_a,
            data=services.WitnessData(
                name=name(1),
                function="Schepen",
                organisation="gemeente",
                group="mandatary",
                consents_to_quote=True,
            ),
        ),
        held_on=DAY,
        interviewer=consultant_a,
    )
    client.force_login(consultant_a)
    content = page(client, scan_a)
    assert shown(content) == [1]
    assert "Paginering" not in content and "Pagina 1 van 1" not in content
    assert "1 interview, het recentste eerst" in content


def test_every_page_runs_as_many_queries(client, consultant_a, sixty):
    client.force_login(consultant_a)
    counts = []
    for query in ("", "?pagina=2", "?pagina=3", "?pagina=abc"):
        with CaptureQueriesContext(connection) as queries:
            page(client, sixty, query)
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts


def test_many_pages_are_elided_around_the_current_one(client, consultant_a, sixty, monkeypatch):
    monkeypatch.setattr("scans.views.interviews.INTERVIEWS_PER_PAGE", 5)
    client.force_login(consultant_a)
    nav = pager(page(client, sixty, "?pagina=6"))
    assert "Pagina 6 van 12" in nav
    numbers = re.findall(r'<span class="visually-hidden">Pagina </span>(\d+)</a>', nav)
    assert numbers == ["1", "4", "5", "6", "7", "8", "12"]
    assert nav.count('aria-hidden="true"><span class="page-link">…</span>') == 2
