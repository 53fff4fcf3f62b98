"""The agreement's state machine through the services: every step, every refused transition with its Dutch
message, frozen versions, new versions."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements import services
from agreements.models import AgreementEvent, AgreementVersion, Article
from tests.agreements.conftest import refused
from tests.factories import MembershipFactory, UserFactory

State = AgreementVersion.State
pytestmark = pytest.mark.django_db


def decide(version, user, *, day=None):
    day = day or timezone.localdate()
    for council, number in (("gemeenteraad", "GR/2027/1"), ("ocmwraad", "RMW/2027/1")):
        version = services.agreement_record_decision(
            user=user, version=version, council=council, date=day, number=number
        )
    return version


def test_draft_submitted_approved_decided_adopted_with_history(adopted, consultant_a, approver_a):
    adopted.refresh_from_db()
    assert adopted.state == State.ADOPTED and adopted.is_frozen
    assert adopted.submitted_by == consultant_a and adopted.approved_by == approver_a
    assert adopted.adopted_by == consultant_a and adopted.adopted_at is not None
    assert (adopted.council_decision_number, adopted.ocmw_decision_number) == ("2027/GR/014", "2027/OR/009")
    assert adopted.approval_comment == "Akkoord voor de raad."
    kinds = list(adopted.events.order_by("at", "pk").values_list("kind", "user__username"))
    assert kinds == [
        ("created", "consultant.a"),
        ("submitted", "consultant.a"),
        ("approved", "directeur.a"),
        ("council", "consultant.a"),
        ("ocmw", "consultant.a"),
        ("adopted", "consultant.a"),
    ]


def test_reject_goes_back_to_draft_with_the_comment(submitted, approver_a):
    version = services.agreement_reject(
        user=approver_a, version=submitted, comment="  Artikel 3 is te vaag. "
    )
    version.refresh_from_db()
    assert version.state == State.DRAFT and version.submitted_by is None
    event = version.events.order_by("-at", "-pk").first()
    assert (event.kind, event.user, event.comment) == (
        AgreementEvent.Kind.REJECTED,
        approver_a,
        "Artikel 3 is te vaag.",
    )


def test_reject_needs_a_comment(submitted, approver_a):
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_reject(user=approver_a, version=submitted, comment="  ")
    assert excinfo.value.message_dict == {"comment": ["Zeg de consultant wat er moet veranderen."]}


# --- Submission problems --------------------------------------------------------------------------


def test_submission_names_each_missing_category_and_placeholder(clauses, programme_a, consultant_a):
    version = services.agreement_start(user=consultant_a, programme=programme_a)
    for article in version.articles.filter(category__in=["cost_allocation", "infosec"]):
        services.article_remove(user=consultant_a, article=article)
    services.article_add(
        user=consultant_a,
        version=version,
        category="general",
        title="Eigen afspraak",
        text="Geldig vanaf {{ startdatum }}; opzeggen met {{ opzegtermijn }}.",
    )
    messages = refused(lambda: services.agreement_submit(user=consultant_a, version=version))
    assert "Ontbrekende verplichte categorie: Kostenverdeling" in messages
    assert "Ontbrekende verplichte categorie: Informatieveiligheid en privacy" in messages
    numbers = services.article_numbers(version)
    own = version.articles.get(title="Eigen afspraak")
    duration = version.articles.get(title="Duur")
    assert (
        f"Plaatshouder zonder waarde: {{{{ startdatum }}}} in {numbers[own.pk].lower()} (Eigen afspraak)"
        in messages
    )
    assert (
        f"Plaatshouder zonder waarde: {{{{ opzegtermijn }}}} in {numbers[own.pk].lower()} (Eigen afspraak)"
        in messages
    )
    assert (
        f"Plaatshouder zonder waarde: {{{{ startdatum }}}} in {numbers[duration.pk].lower()} (Duur)"
        in messages
    )
    assert "Bijlage 1 is leeg: voeg de gedeelde diensten met hun verdeelsleutel toe." in messages
    version.refresh_from_db()
    assert version.state == State.DRAFT


def test_a_value_of_the_version_fills_the_placeholder(clauses, programme_a, consultant_a):
    version = services.agreement_start(user=consultant_a, programme=programme_a)
    services.article_add(
        user=consultant_a, version=version, category="disputes", title="Geschil", text="Naar {{ rechtbank }}."
    )
    assert any("{{ rechtbank }}" in m for m in services.submission_problems(version))
    services.placeholder_set(
        user=consultant_a, version=version, key="rechtbank", value="de rechtbank te Turnhout"
    )
    assert not any("{{ rechtbank }}" in m for m in services.submission_problems(version))


def test_an_empty_library_still_needs_the_mandatory_chapters(programme_a, consultant_a):
    version = services.agreement_start(user=consultant_a, programme=programme_a)
    problems = services.submission_problems(version)
    assert "De overeenkomst heeft nog geen artikels." in problems
    assert sum(p.startswith("Ontbrekende verplichte categorie") for p in problems) == 8


# --- Refused transitions --------------------------------------------------------------------------


def test_submit_a_submitted_version_is_refused(submitted, consultant_a):
    assert refused(lambda: services.agreement_submit(user=consultant_a, version=submitted)) == [
        "Alleen een ontwerp kan worden ingediend; versie 1 is ingediend."
    ]


def test_submit_an_approved_version_is_refused(approved, consultant_a):
    assert refused(lambda: services.agreement_submit(user=consultant_a, version=approved)) == [
        "Alleen een ontwerp kan worden ingediend; versie 1 is goedgekeurd voor de raad."
    ]


def test_approve_a_draft_is_refused(draft, approver_a):
    assert refused(lambda: services.agreement_approve(user=approver_a, version=draft)) == [
        "Alleen een ingediende versie kan worden goedgekeurd; versie 1 is ontwerp."
    ]


def test_approve_twice_is_refused(approved, approver_a):
    assert refused(lambda: services.agreement_approve(user=approver_a, version=approved)) == [
        "Alleen een ingediende versie kan worden goedgekeurd; versie 1 is goedgekeurd voor de raad."
    ]


def test_reject_an_adopted_version_is_refused(adopted, approver_a):
    assert refused(lambda: services.agreement_reject(user=approver_a, version=adopted, comment="Nee.")) == [
        "Alleen een ingediende versie kan worden afgewezen; versie 1 is vastgesteld."
    ]


def test_approving_ones_own_submission_is_refused(draft, lg_a):
    both = UserFactory(username="consultant.en.directeur")
    MembershipFactory(local_government=lg_a, user=both, role="consultant")
    other_lg_role = MembershipFactory(user=both, role="approver")  # approver elsewhere: no role in A
    assert other_lg_role.local_government != lg_a
    services.agreement_submit(user=both, version=draft)
    assert refused(lambda: services.agreement_approve(user=both, version=draft), kind=PermissionDenied) == [
        "Alleen de algemeen directeur van dit lokaal bestuur keurt de beheersovereenkomst goed."
    ]
    # a superuser is both consultant and approver everywhere: still not of their own submission
    admin = UserFactory(username="beheerder", is_superuser=True)
    draft.refresh_from_db()
    services.agreement_reject(user=admin, version=draft, comment="Terug.")
    services.agreement_submit(user=admin, version=draft)
    assert refused(lambda: services.agreement_approve(user=admin, version=draft), kind=PermissionDenied) == [
        "U kunt niet beslissen over uw eigen indiening."
    ]
    assert refused(
        lambda: services.agreement_reject(user=admin, version=draft, comment="x"), kind=PermissionDenied
    ) == ["U kunt niet beslissen over uw eigen indiening."]


@pytest.mark.parametrize("who", ["consultant_a", "council_a", "approver_b", "consultant_b"])
def test_only_the_approver_of_that_local_government_approves(who, submitted, request):
    user = request.getfixturevalue(who)
    message = "Alleen de algemeen directeur van dit lokaal bestuur keurt de beheersovereenkomst goed."
    assert refused(
        lambda: services.agreement_approve(user=user, version=submitted), kind=PermissionDenied
    ) == [message]
    assert refused(
        lambda: services.agreement_reject(user=user, version=submitted, comment="Nee."), kind=PermissionDenied
    ) == [message]
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED


@pytest.mark.parametrize("who", ["approver_a", "council_a", "consultant_b"])
def test_only_a_consultant_of_that_local_government_submits(who, draft, request):
    user = request.getfixturevalue(who)
    assert refused(lambda: services.agreement_submit(user=user, version=draft), kind=PermissionDenied) == [
        "Alleen de consultants van dit lokaal bestuur kunnen de beheersovereenkomst wijzigen."
    ]


def test_adopt_without_both_decisions_is_refused(approved, consultant_a):
    assert refused(lambda: services.agreement_adopt(user=consultant_a, version=approved)) == [
        "De beslissing van de gemeenteraad is nog niet geregistreerd.",
        "De beslissing van de OCMW-raad is nog niet geregistreerd.",
    ]
    services.agreement_record_decision(
        user=consultant_a, version=approved, council="gemeenteraad", date=timezone.localdate(), number="GR/7"
    )
    assert refused(lambda: services.agreement_adopt(user=consultant_a, version=approved)) == [
        "De beslissing van de OCMW-raad is nog niet geregistreerd."
    ]


def test_adopt_a_draft_or_submitted_version_is_refused(submitted, consultant_a):
    assert refused(lambda: services.agreement_adopt(user=consultant_a, version=submitted)) == [
        "Alleen een versie die is goedgekeurd voor de raad kan worden vastgesteld; versie 1 is ingediend."
    ]


def test_adopt_twice_is_refused(adopted, approver_a):
    assert refused(lambda: services.agreement_adopt(user=approver_a, version=adopted)) == [
        "Alleen een versie die is goedgekeurd voor de raad kan worden vastgesteld; versie 1 is vastgesteld."
    ]


@pytest.mark.parametrize("who", ["council_a", "consultant_b", "approver_b"])
def test_council_members_and_strangers_cannot_adopt(who, approved, consultant_a, request):
    decide(approved, consultant_a)
    user = request.getfixturevalue(who)
    assert refused(lambda: services.agreement_adopt(user=user, version=approved), kind=PermissionDenied) == [
        "Alleen de consultants en de algemeen directeur van dit lokaal bestuur stellen de overeenkomst vast."
    ]


def test_the_approver_may_adopt(approved, consultant_a, approver_a):
    decide(approved, consultant_a)
    assert services.agreement_adopt(user=approver_a, version=approved).state == State.ADOPTED


def test_decision_on_a_draft_is_refused(draft, consultant_a):
    assert refused(
        lambda: services.agreement_record_decision(
            user=consultant_a, version=draft, council="gemeenteraad", date=timezone.localdate(), number="1"
        )
    ) == [
        "Een beslissing van de raad wordt pas geregistreerd als de algemeen directeur versie 1 heeft "
        "goedgekeurd voor de raad."
    ]


def test_decision_on_an_adopted_version_is_refused(adopted, consultant_a):
    assert refused(
        lambda: services.agreement_record_decision(
            user=consultant_a, version=adopted, council="ocmwraad", date=timezone.localdate(), number="2"
        )
    ) == ["Versie 1 is vastgesteld; de beslissingen liggen vast."]


def test_decision_fields_are_checked(approved, consultant_a):
    today = timezone.localdate()
    cases = [
        (
            {"council": "college", "date": today, "number": "1"},
            {"council": ["Kies de gemeenteraad of de OCMW-raad."]},
        ),
        (
            {"council": "gemeenteraad", "date": today + datetime.timedelta(days=1), "number": "1"},
            {"date": ["De beslissing ligt in de toekomst; registreer ze na de zitting."]},
        ),
        (
            {"council": "gemeenteraad", "date": None, "number": ""},
            {
                "date": ["Geef de datum van de beslissing, bijvoorbeeld 15/12/2026."],
                "number": ["Geef het nummer van de beslissing."],
            },
        ),
        (
            {"council": "ocmwraad", "date": today, "number": "x" * 51},
            {"number": ["Het nummer is te lang: hoogstens 50 tekens."]},
        ),
    ]
    for values, expected in cases:
        with pytest.raises(ValidationError) as excinfo:
            services.agreement_record_decision(user=consultant_a, version=approved, **values)
        assert excinfo.value.message_dict == expected


def test_decision_before_the_approval_is_refused(approved, consultant_a):
    AgreementVersion.objects.filter(pk=approved.pk).update(
        approved_at=timezone.now() - datetime.timedelta(days=3)
    )
    day_before = timezone.localdate() - datetime.timedelta(days=10)
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_record_decision(
            user=consultant_a, version=approved, council="gemeenteraad", date=day_before, number="1"
        )
    assert "De raad besliste vóór de goedkeuring voor de raad" in excinfo.value.message_dict["date"][0]


@pytest.mark.parametrize("who", ["approver_a", "council_a", "consultant_b"])
def test_only_consultants_record_decisions(who, approved, request):
    user = request.getfixturevalue(who)
    refused(
        lambda: services.agreement_record_decision(
            user=user, version=approved, council="gemeenteraad", date=timezone.localdate(), number="1"
        ),
        kind=PermissionDenied,
    )


# --- Frozen versions ------------------------------------------------------------------------------


def _every_edit(version, user):
    """One call of every editing service on this version."""
    article = version.articles.first()
    annex = version.annex_services.first()
    staff = version.annex_staff.first()
    clause_version = services.latest_version(
        services.clauses_for(version.agreement.programme.local_government).first()
    )
    return {
        "version_update": lambda: services.version_update(
            user=user,
            version=version,
            expected_edit_version=version.edit_version,
            title="Nieuw",
            start_date=None,
            preamble="",
        ),
        "article_add": lambda: services.article_add(
            user=user, version=version, category="general", title="Nieuw", text="Tekst."
        ),
        "article_add_clause": lambda: services.article_add(
            user=user, version=version, clause_version=clause_version
        ),
        "article_update": lambda: services.article_update(
            user=user, article=article, expected_edit_version=article.edit_version, title="X", text="Y"
        ),
        "article_move": lambda: services.article_move(user=user, article=article, direction="down"),
        "article_remove": lambda: services.article_remove(user=user, article=article),
        "placeholder_set": lambda: services.placeholder_set(user=user, version=version, key="x", value="y"),
        "annex_service_add": lambda: services.annex_service_add(
            user=user, version=version, service="HR", gemeente_share=50, allocation_basis="VTE"
        ),
        "annex_service_update": lambda: services.annex_service_update(
            user=user,
            annex_service=annex,
            expected_edit_version=annex.edit_version,
            service="ICT",
            gemeente_share=10,
            allocation_basis="VTE",
        ),
        "annex_service_remove": lambda: services.annex_service_remove(user=user, annex_service=annex),
        "annex_staff_add": lambda: services.annex_staff_add(
            user=user,
            version=version,
            name="An",
            function="Boekhouder",
            employer="ocmw",
            service="ICT",
            fte=1,
        ),
        "annex_staff_update": lambda: services.annex_staff_update(
            user=user,
            annex_staff=staff,
            expected_edit_version=staff.edit_version,
            name="An",
            function="Boekhouder",
            employer="ocmw",
            service="ICT",
            fte=1,
        ),
        "annex_staff_remove": lambda: services.annex_staff_remove(user=user, annex_staff=staff),
    }


@pytest.fixture
def with_staff(draft, consultant_a):
    services.annex_staff_add(
        user=consultant_a,
        version=draft,
        name="Tom",
        function="ICT-medewerker",
        employer="gemeente",
        service="ICT",
        fte=Decimal("1"),
    )
    return draft


@pytest.mark.parametrize(
    ("state_fixture", "message"),
    [
        (
            "submitted",
            "Versie 1 is ingediend en wacht op de algemeen directeur. Wijzigen kan pas na een beslissing.",
        ),
        (
            "approved",
            "Versie 1 is goedgekeurd voor de raad en ligt vast. Start een nieuwe versie om iets te wijzigen.",
        ),
        (
            "adopted",
            "Versie 1 is vastgesteld door de raden en ligt vast. "
            "Start een nieuwe versie om iets te wijzigen.",
        ),
    ],
)
def test_every_editing_service_refuses_a_version_that_is_not_a_draft(
    with_staff, state_fixture, message, consultant_a, request
):
    version = request.getfixturevalue(state_fixture)
    version.refresh_from_db()
    before = (
        list(version.articles.values_list("pk", "title", "text", "position")),
        list(version.annex_services.values_list("pk", "service", "gemeente_share")),
        list(version.annex_staff.values_list("pk", "name")),
        list(version.values.values_list("key", "value")),
        (version.title, version.start_date, version.preamble),
    )
    for name, call in _every_edit(version, consultant_a).items():
        assert refused(call) == [message], name
    version.refresh_from_db()
    after = (
        list(version.articles.values_list("pk", "title", "text", "position")),
        list(version.annex_services.values_list("pk", "service", "gemeente_share")),
        list(version.annex_staff.values_list("pk", "name")),
        list(version.values.values_list("key", "value")),
        (version.title, version.start_date, version.preamble),
    )
    assert after == before


# --- New versions ---------------------------------------------------------------------------------


def test_new_version_copies_the_adopted_one_and_leaves_it_alone(adopted, consultant_a):
    new = services.agreement_new_version(user=consultant_a, agreement=adopted.agreement)
    assert (new.number, new.state) == (2, State.DRAFT)
    old_articles = list(
        adopted.articles.values_list("category", "title", "text", "position", "clause_version")
    )
    assert (
        list(new.articles.values_list("category", "title", "text", "position", "clause_version"))
        == old_articles
    )
    assert new.annex_services.count() == adopted.annex_services.count() == 1
    assert (new.title, new.start_date, new.preamble) == (adopted.title, adopted.start_date, adopted.preamble)
    assert new.events.get().kind == AgreementEvent.Kind.NEW_VERSION
    article = new.articles.first()
    services.article_update(
        user=consultant_a,
        article=article,
        expected_edit_version=article.edit_version,
        title="Doel",
        text="Anders.",
    )
    assert adopted.articles.order_by("position").first().text != "Anders."
    # asking again gives the open draft, not a third version
    assert services.agreement_new_version(user=consultant_a, agreement=adopted.agreement) == new
    assert services.working_version(adopted.agreement) == new
    assert services.latest_adopted(adopted.agreement) == adopted


def test_new_version_needs_an_approved_or_adopted_one(draft, consultant_a):
    # with an open draft, asking for a new version gives that draft
    assert services.agreement_new_version(user=consultant_a, agreement=draft.agreement) == draft
    agreement = draft.agreement
    draft.delete()
    assert refused(lambda: services.agreement_new_version(user=consultant_a, agreement=agreement)) == [
        "Er is nog geen goedgekeurde of vastgestelde versie om van te vertrekken."
    ]


@pytest.mark.parametrize("who", ["approver_a", "council_a", "consultant_b"])
def test_only_consultants_start_a_new_version(who, adopted, request):
    user = request.getfixturevalue(who)
    refused(
        lambda: services.agreement_new_version(user=user, agreement=adopted.agreement), kind=PermissionDenied
    )


def test_the_adopted_version_keeps_its_articles_when_the_draft_changes(adopted, consultant_a):
    new = services.agreement_new_version(user=consultant_a, agreement=adopted.agreement)
    for article in list(new.articles.all()):
        services.article_remove(user=consultant_a, article=article)
    assert Article.objects.filter(version=adopted).count() == 8


def test_submission_problems_take_the_same_queries_for_a_long_agreement(draft, consultant_a):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            services.submission_problems(draft)
        return len(queries)

    small = count()
    for n in range(30):
        services.article_add(
            user=consultant_a,
            version=draft,
            category="general",
            title=f"Afspraak {n}",
            text="{{ gemeente }}.",
        )
    assert count() == small
