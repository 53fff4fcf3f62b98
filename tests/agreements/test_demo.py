"""The demo of step 4: a library over all 14 chapters in our own Dutch words, Geel's adopted agreement with
both decisions and a newer draft, Ieper's agreement approved for its council."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from agreements import placeholders, services
from agreements.compare import compare
from agreements.demo import seed_agreements
from agreements.models import Agreement, AgreementVersion, Clause, ClauseCategory, ClauseVersion
from programmes import demo
from programmes.plan.demo import seed_plans
from scans.demo import seed_scans

pytestmark = pytest.mark.django_db
State = AgreementVersion.State
SEEDS = Path("/work/shared/seeds")


@pytest.fixture
def seeded(monkeypatch):
    """programmes.demo.seed() with the scans, plans and agreements extenders only."""
    monkeypatch.setattr(demo, "_extenders", [])

    def run(scale: int = 1):
        lgs = demo.seed(scale=scale)
        users = {user.username: user for user in get_user_model().objects.all()}
        for extender in (seed_plans, seed_scans, seed_agreements):
            extender(lgs=lgs, users=users, scale=scale)
        return lgs, users

    return run


def _agreement(lgs, key: str) -> Agreement:
    return Agreement.objects.get(
        programme__local_government=lgs[key], programme__title=demo.PROGRAMMES[key]["title"]
    )


def test_geel_has_an_adopted_version_with_both_decisions_and_a_newer_draft(seeded):
    lgs, users = seeded()
    first, second = _agreement(lgs, "a").versions.order_by("number")
    assert (first.state, second.state) == (State.ADOPTED, State.DRAFT)
    assert first.council_decision_date and first.council_decision_number == "GR/2026/087"
    assert first.ocmw_decision_date and first.ocmw_decision_number == "RMW/2026/031"
    assert first.submitted_by == users["consultant.a"] and first.approved_by == users["directeur.a"]
    assert first.submitted_at < first.approved_at < first.adopted_at < second.created_at
    kinds = list(first.events.order_by("at", "pk").values_list("kind", flat=True))
    assert kinds == [
        "created",
        "submitted",
        "approved",
        "council",
        "ocmw",
        "adopted",
        "staff_list",
        "staff_list",
    ]
    # the college kept the adopted list up to date; the draft started from that list
    assert first.annex_staff.filter(name="Ilse Peeters").exists()
    assert second.annex_staff.filter(name="Ilse Peeters").exists()
    # the draft has real changes against the adopted text, and is itself complete
    result = compare(first, second)
    counts = result.counts
    assert counts["added"] and counts["removed"] and counts["changed"] and result.fields and result.annexes
    assert services.submission_problems(first) == [] and services.submission_problems(second) == []
    # Geel's adapted copy exists (the tenancy test needs Clause objects of A)
    assert Clause.objects.filter(local_government=lgs["a"]).exists()


def test_ieper_has_a_version_approved_for_its_council(seeded):
    lgs, users = seeded()
    (version,) = _agreement(lgs, "b").versions.all()
    assert version.state == State.APPROVED and version.approved_by == users["directeur.b"]
    assert not version.council_decision_number and not version.ocmw_decision_number
    assert version.annex_services.exists() and version.annex_staff.count() >= 4
    assert version in AgreementVersion.objects.visible_to(users["raad.b"])
    assert services.submission_problems(version) == []


def test_every_placeholder_of_the_demo_has_a_value(seeded):
    seeded()
    for version in AgreementVersion.objects.all():
        values = placeholders.values_for(version)
        for article in version.articles.all():
            assert all(values.get(key) for key in placeholders.find(article.text)), article.title


def test_the_library_covers_every_chapter_in_dutch(seeded):
    seeded()
    library = Clause.objects.library()
    assert set(library.values_list("category", flat=True)) == set(ClauseCategory.values)
    assert library.count() >= 25
    assert ClauseVersion.objects.filter(clause__in=library, number=2).count() >= 2
    mandatory = set(library.filter(mandatory=True).values_list("category", flat=True))
    assert mandatory == set(services.MANDATORY_CATEGORIES)
    for version in ClauseVersion.objects.all():
        words = set(re.findall(r"\w+", version.text.lower()))
        assert words & {"de", "het", "en", "van"}, version.title  # Dutch
        assert not placeholders.malformed(version.text), version.title


def _shingles(text: str, n: int = 7) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source texts are not on this machine")
def test_the_clauses_are_written_in_our_own_words(seeded):
    seeded()
    sources = set()
    for path in SEEDS.glob("*.txt"):
        sources |= _shingles(path.read_text(encoding="utf-8", errors="replace"))
    for version in ClauseVersion.objects.all():
        copied = _shingles(version.text) & sources
        assert not copied, (version.title, sorted(copied)[:3])


def test_seeding_twice_changes_nothing(seeded):
    seeded()
    before = (
        Clause.objects.count(),
        ClauseVersion.objects.count(),
        AgreementVersion.objects.count(),
        sorted(AgreementVersion.objects.values_list("pk", "state", "edit_version")),
    )
    seeded()
    after = (
        Clause.objects.count(),
        ClauseVersion.objects.count(),
        AgreementVersion.objects.count(),
        sorted(AgreementVersion.objects.values_list("pk", "state", "edit_version")),
    )
    assert after == before


def test_scale_multiplies_clauses_and_articles(seeded):
    lgs, _users = seeded(scale=2)
    library = Clause.objects.library().count()
    draft = _agreement(lgs, "a").versions.get(state=State.DRAFT)
    assert library >= 40
    assert draft.articles.count() >= 35
