"""Drafting through the services: start from the library, articles (add, adapt, order, remove, numbering),
the version's fields, placeholder values, annexes; stale edits refused with what changed; roles."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from agreements import services
from agreements.models import AgreementEvent, AgreementVersion, Article, ClauseCategory
from programmes.services import StaleEditError
from tests.agreements.conftest import refused

State = AgreementVersion.State
C = ClauseCategory
pytestmark = pytest.mark.django_db


def titles(version) -> list[tuple[str, str]]:
    return [(n.label, n.article.title) for chapter in services.chapters(version) for n in chapter.articles]


def test_start_fills_the_mandatory_clauses_in_chapter_order(clauses, programme_a, consultant_a):
    version = services.agreement_start(user=consultant_a, programme=programme_a)
    assert (version.number, version.state) == (1, State.DRAFT)
    lg = programme_a.local_government
    assert version.title == f"Beheersovereenkomst tussen {lg.gemeente_name} en {lg.ocmw_name}"
    assert titles(version) == [
        ("Artikel 1", "Doel"),
        ("Artikel 2", "Grondslag"),
        ("Artikel 3", "Algemene afspraken"),
        ("Artikel 4", "Personeel"),
        ("Artikel 5", "Kosten"),
        ("Artikel 6", "Informatieveiligheid"),
        ("Artikel 7", "Evaluatie"),
        ("Artikel 8", "Duur"),
    ]
    assert [c.label for c in services.chapters(version)][:3] == [
        "Doel en visie",
        "Juridisch kader",
        "Algemene afspraken",
    ]
    first = version.articles.get(title="Doel")
    assert first.text == "{{ gemeente }} en {{ ocmw }} delen hun diensten."
    assert first.clause_version == services.latest_version(clauses["Doel"])
    assert version.events.get().kind == AgreementEvent.Kind.CREATED
    # starting again gives the same draft
    assert services.agreement_start(user=consultant_a, programme=programme_a) == version


def test_start_takes_the_adapted_copy_and_skips_archived_clauses(clauses, programme_a, consultant_a, lg_a):
    copy = services.clause_adapt(user=consultant_a, clause=clauses["Doel"], local_government=lg_a)
    services.clause_version_add(
        user=consultant_a, clause=copy, title="Doel in Geel", text="Geel doet het samen.", expected_number=1
    )
    services.clause_archive(user=consultant_a, clause=clauses["Evaluatie"])
    version = services.agreement_start(user=consultant_a, programme=programme_a)
    got = [t for _, t in titles(version)]
    assert "Doel in Geel" in got and "Doel" not in got and "Evaluatie" not in got


@pytest.mark.parametrize("who", ["approver_a", "council_a", "consultant_b"])
def test_only_consultants_of_that_local_government_start(who, clauses, programme_a, request):
    user = request.getfixturevalue(who)
    refused(lambda: services.agreement_start(user=user, programme=programme_a), kind=PermissionDenied)


def test_add_an_article_from_the_library_and_one_of_ones_own(draft, clauses, consultant_a):
    per_service = services.article_add(
        user=consultant_a,
        version=draft,
        clause_version=services.latest_version(clauses["Werkwijze"]),
        service="ICT",
    )
    assert per_service.text == "De dienst ICT werkt als één dienst."  # {{ dienst }} filled with the service
    assert per_service.category == C.SERVICE_WORKING_METHOD and per_service.service == "ICT"
    own = services.article_add(
        user=consultant_a, version=draft, category=C.GENERAL, title="  Overleg ", text="Maandelijks overleg."
    )
    assert own.title == "Overleg" and own.clause_version is None
    # numbering: the own article lands at the end of its chapter, the per-service one after "general"
    assert titles(draft)[2:5] == [
        ("Artikel 3", "Algemene afspraken"),
        ("Artikel 4", "Overleg"),
        ("Artikel 5", "Werkwijze"),
    ]
    assert services.article_numbers(draft)[per_service.pk] == "Artikel 5"


def test_add_at_a_position_inside_the_chapter(draft, consultant_a):
    services.article_add(
        user=consultant_a, version=draft, category=C.GENERAL, title="Eerst", text="A.", position=1
    )
    services.article_add(user=consultant_a, version=draft, category=C.GENERAL, title="Laatst", text="B.")
    assert [t for _, t in titles(draft)][2:5] == ["Eerst", "Algemene afspraken", "Laatst"]
    positions = list(draft.articles.order_by("position").values_list("position", flat=True))
    assert positions == list(range(1, len(positions) + 1))


def test_a_per_service_article_needs_its_service(draft, clauses, consultant_a):
    with pytest.raises(ValidationError) as excinfo:
        services.article_add(
            user=consultant_a, version=draft, clause_version=services.latest_version(clauses["Werkwijze"])
        )
    assert excinfo.value.message_dict == {"service": ["Kies voor welke dienst dit artikel geldt."]}
    services.article_add(
        user=consultant_a,
        version=draft,
        clause_version=services.latest_version(clauses["Werkwijze"]),
        service="HR",
    )
    assert refused(
        lambda: services.article_add(
            user=consultant_a,
            version=draft,
            clause_version=services.latest_version(clauses["Werkwijze"]),
            service="HR",
        )
    ) == ["“Werkwijze” staat al in de overeenkomst voor de dienst HR."]


def test_bad_article_input_gives_dutch_errors_per_field(draft, consultant_a):
    with pytest.raises(ValidationError) as excinfo:
        services.article_add(
            user=consultant_a, version=draft, category="nonsense", title="", text="{{ Gemeente }}"
        )
    errors = excinfo.value.message_dict
    assert errors["title"] == ["Geef een titel."]
    assert errors["category"] == ["Kies een hoofdstuk."]
    assert errors["text"][0].startswith("Deze plaatshouders zijn niet geldig: “{{ Gemeente }}”.")
    with pytest.raises(ValidationError) as excinfo:
        services.article_add(
            user=consultant_a, version=draft, category=C.GENERAL, title="x" * 201, text="y" * 20001
        )
    assert set(excinfo.value.message_dict) == {"title", "text"}


def test_another_local_governments_copy_cannot_be_used(draft, clauses, consultant_b, lg_b):
    copy_b = services.clause_adapt(user=consultant_b, clause=clauses["Doel"], local_government=lg_b)
    assert refused(
        lambda: services.article_add(
            user=draft.created_by, version=draft, clause_version=services.latest_version(copy_b)
        )
    ) == ["Deze clausule hoort bij een ander lokaal bestuur."]


def test_move_inside_the_chapter_and_refused_at_its_edges(draft, consultant_a):
    second = services.article_add(
        user=consultant_a, version=draft, category=C.GENERAL, title="Tweede", text="B."
    )
    services.article_move(user=consultant_a, article=second, direction="up")
    assert [t for _, t in titles(draft)][2:4] == ["Tweede", "Algemene afspraken"]
    second.refresh_from_db()
    assert refused(lambda: services.article_move(user=consultant_a, article=second, direction="up")) == [
        "“Tweede” staat al bovenaan het hoofdstuk “Algemene afspraken”."
    ]
    services.article_move(user=consultant_a, article=second, direction="down")
    assert [t for _, t in titles(draft)][2:4] == ["Algemene afspraken", "Tweede"]
    assert refused(lambda: services.article_move(user=consultant_a, article=second, direction="down")) == [
        "“Tweede” staat al onderaan het hoofdstuk “Algemene afspraken”."
    ]
    assert refused(
        lambda: services.article_move(user=consultant_a, article=second, direction="sideways")
    ) == ["Kies omhoog of omlaag."]


def test_remove_renumbers(draft, consultant_a):
    services.article_remove(user=consultant_a, article=draft.articles.get(title="Grondslag"))
    assert titles(draft)[:2] == [("Artikel 1", "Doel"), ("Artikel 2", "Algemene afspraken")]
    assert not Article.objects.filter(version=draft, title="Grondslag").exists()


def test_adapting_an_article_leaves_the_library_alone(draft, clauses, consultant_a):
    article = draft.articles.get(title="Doel")
    services.article_update(
        user=consultant_a,
        article=article,
        expected_edit_version=article.edit_version,
        title="Doel van de samenwerking",
        text="Speciaal voor deze overeenkomst.",
    )
    article.refresh_from_db()
    assert (article.title, article.text, article.edit_version) == (
        "Doel van de samenwerking",
        "Speciaal voor deze overeenkomst.",
        2,
    )
    assert services.latest_version(clauses["Doel"]).text == "{{ gemeente }} en {{ ocmw }} delen hun diensten."


def test_second_save_of_the_same_article_is_refused_with_what_changed(draft, consultant_a):
    article = draft.articles.get(title="Doel")
    opened = article.edit_version
    services.article_update(
        user=consultant_a,
        article=article,
        expected_edit_version=opened,
        title="Doel",
        text="Versie van collega.",
    )
    with pytest.raises(StaleEditError) as excinfo:
        services.article_update(
            user=consultant_a,
            article=article,
            expected_edit_version=opened,
            title="Doel",
            text="Mijn versie.",
        )
    changes = [(c.label, c.theirs, c.yours) for c in excinfo.value.changes]
    assert changes == [("Tekst", "Versie van collega.", "Mijn versie.")]
    assert "Uw wijzigingen zijn niet opgeslagen" in excinfo.value.messages[0]
    article.refresh_from_db()
    assert article.text == "Versie van collega."


def test_second_save_of_the_version_fields_is_refused(draft, consultant_a):
    opened = draft.edit_version
    services.version_update(
        user=consultant_a,
        version=draft,
        expected_edit_version=opened,
        title="Titel van collega",
        start_date=datetime.date(2027, 3, 1),
        preamble=draft.preamble,
    )
    with pytest.raises(StaleEditError) as excinfo:
        services.version_update(
            user=consultant_a,
            version=draft,
            expected_edit_version=opened,
            title="Mijn titel",
            start_date=datetime.date(2027, 1, 1),
            preamble=draft.preamble,
        )
    changes = {c.label: (c.theirs, c.yours) for c in excinfo.value.changes}
    assert changes == {
        "Titel": ("Titel van collega", "Mijn titel"),
        "Startdatum": ("01/03/2027", "01/01/2027"),
    }
    draft.refresh_from_db()
    assert draft.title == "Titel van collega"


def test_version_fields_are_validated(draft, consultant_a):
    with pytest.raises(ValidationError) as excinfo:
        services.version_update(
            user=consultant_a,
            version=draft,
            expected_edit_version=draft.edit_version,
            title=" ",
            start_date=datetime.date(1990, 1, 1),
            preamble="{{ niet af",
        )
    assert set(excinfo.value.message_dict) == {"title", "start_date", "preamble"}


def test_placeholder_values(draft, consultant_a):
    item = services.placeholder_set(user=consultant_a, version=draft, key="rechtbank", value=" Turnhout ")
    assert (item.key, item.value) == ("rechtbank", "Turnhout")
    services.placeholder_set(user=consultant_a, version=draft, key="rechtbank", value="Antwerpen")
    assert list(draft.values.values_list("key", "value")) == [("rechtbank", "Antwerpen")]
    assert services.placeholder_set(user=consultant_a, version=draft, key="rechtbank", value="") is None
    assert not draft.values.exists()
    with pytest.raises(ValidationError) as excinfo:
        services.placeholder_set(user=consultant_a, version=draft, key="Niet Geldig", value="x")
    assert "key" in excinfo.value.message_dict


def test_annex_services_add_update_remove(draft, consultant_a):
    ict = draft.annex_services.get()
    assert (ict.service, ict.gemeente_share, ict.ocmw_share) == ("ICT", Decimal("60.00"), Decimal("40.00"))
    with pytest.raises(ValidationError) as excinfo:
        services.annex_service_add(
            user=consultant_a,
            version=draft,
            service="ict",
            gemeente_share="120",
            allocation_basis="",
            provider="x",
        )
    assert set(excinfo.value.message_dict) == {"service", "gemeente_share", "allocation_basis", "provider"}
    hr = services.annex_service_add(
        user=consultant_a, version=draft, service="HR", gemeente_share="62,5", allocation_basis="VTE"
    )
    assert hr.gemeente_share == Decimal("62.50") and hr.position == 2
    opened = hr.edit_version
    services.annex_service_update(
        user=consultant_a,
        annex_service=hr,
        expected_edit_version=opened,
        service="Personeel en HR",
        gemeente_share=Decimal("55"),
        allocation_basis="VTE",
    )
    with pytest.raises(StaleEditError) as excinfo:
        services.annex_service_update(
            user=consultant_a,
            annex_service=hr,
            expected_edit_version=opened,
            service="HR",
            gemeente_share=Decimal("70"),
            allocation_basis="VTE",
        )
    changes = {c.label: (c.theirs, c.yours) for c in excinfo.value.changes}
    assert changes == {"Dienst": ("Personeel en HR", "HR"), "Aandeel gemeente (%)": ("55,00", "70")}
    services.annex_service_remove(user=consultant_a, annex_service=hr)
    assert list(draft.annex_services.values_list("service", flat=True)) == ["ICT"]


def test_annex_staff_add_update_remove(draft, consultant_a):
    person = services.annex_staff_add(
        user=consultant_a,
        version=draft,
        name="An Peeters",
        function="Boekhouder",
        employer="ocmw",
        service="Financiën",
        fte="0,8",
        since=datetime.date(2027, 1, 1),
    )
    assert person.fte == Decimal("0.80")
    with pytest.raises(ValidationError) as excinfo:
        services.annex_staff_add(
            user=consultant_a, version=draft, name="", function="", employer="college", service="", fte="1,5"
        )
    assert set(excinfo.value.message_dict) == {"name", "function", "employer", "service", "fte"}
    updated = services.annex_staff_update(
        user=consultant_a,
        annex_staff=person,
        expected_edit_version=person.edit_version,
        name="An Peeters",
        function="Hoofdboekhouder",
        employer="ocmw",
        service="Financiën",
        fte=Decimal("1"),
    )
    assert (updated.function, updated.edit_version) == ("Hoofdboekhouder", 2)
    with pytest.raises(StaleEditError):
        services.annex_staff_update(
            user=consultant_a,
            annex_staff=person,
            expected_edit_version=1,
            name="An",
            function="Boekhouder",
            employer="ocmw",
            service="Financiën",
            fte=Decimal("1"),
        )
    services.annex_staff_remove(user=consultant_a, annex_staff=person)
    assert not draft.annex_staff.exists()


@pytest.mark.parametrize("who", ["approver_a", "council_a", "consultant_b", "approver_b"])
def test_approvers_council_members_and_strangers_cannot_draft(who, draft, clauses, request):
    user = request.getfixturevalue(who)
    article = draft.articles.first()
    annex = draft.annex_services.first()
    calls = [
        lambda: services.article_add(user=user, version=draft, category=C.GENERAL, title="X", text="Y"),
        lambda: services.article_update(
            user=user, article=article, expected_edit_version=article.edit_version, title="X", text="Y"
        ),
        lambda: services.article_move(user=user, article=article, direction="down"),
        lambda: services.article_remove(user=user, article=article),
        lambda: services.version_update(
            user=user,
            version=draft,
            expected_edit_version=draft.edit_version,
            title="X",
            start_date=None,
            preamble="",
        ),
        lambda: services.placeholder_set(user=user, version=draft, key="x", value="y"),
        lambda: services.annex_service_add(
            user=user, version=draft, service="HR", gemeente_share=50, allocation_basis="VTE"
        ),
        lambda: services.annex_service_remove(user=user, annex_service=annex),
        lambda: services.annex_staff_add(
            user=user, version=draft, name="A", function="B", employer="ocmw", service="ICT", fte=1
        ),
    ]
    for call in calls:
        assert refused(call, kind=PermissionDenied) == [
            "Alleen de consultants van dit lokaal bestuur kunnen de beheersovereenkomst wijzigen."
        ]
    assert Article.objects.filter(pk=article.pk).exists() and draft.annex_services.count() == 1
