"""The clause library: clauses with numbered versions, adapted copies per local government, archiving, roles;
a new clause version never changes an agreement that used the older text."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from agreements import services
from agreements.models import Clause, ClauseCategory, ClauseVersion
from programmes.services import StaleEditError
from tests.agreements.conftest import refused

C = ClauseCategory
pytestmark = pytest.mark.django_db


def test_create_a_clause_with_its_first_version(consultant_a):
    clause = services.clause_create(
        user=consultant_a,
        category=C.DISPUTES,
        title=" Geschillen ",
        text="Bij een geschil is {{ rechtbank }} bevoegd.",
        guidance="Vul de rechtbank in.",
    )
    assert (clause.local_government, clause.title, clause.mandatory, clause.position) == (
        None,
        "Geschillen",
        False,
        1,
    )
    version = clause.versions.get()
    assert (version.number, version.title, version.created_by) == (1, "Geschillen", consultant_a)
    second = services.clause_create(
        user=consultant_a, category=C.DISPUTES, title="Bemiddeling", text="Eerst praten."
    )
    assert second.position == 2


def test_invalid_clause_input_is_refused_per_field(consultant_a):
    with pytest.raises(ValidationError) as excinfo:
        services.clause_create(user=consultant_a, category="chapter_99", title="", text="{{ gemeente }")
    errors = excinfo.value.message_dict
    assert errors["category"] == ["Kies een categorie."]
    assert errors["title"] == ["Geef een titel."]
    assert "Deze plaatshouders zijn niet geldig: “{{ gemeente }”" in errors["text"][0]
    assert not Clause.objects.exists()


@pytest.mark.parametrize("who", ["approver_a", "council_a"])
def test_only_consultants_edit_the_library(who, request):
    user = request.getfixturevalue(who)
    assert refused(
        lambda: services.clause_create(user=user, category=C.PURPOSE, title="Doel", text="Tekst."),
        kind=PermissionDenied,
    ) == ["Alleen consultants kunnen de clausulebibliotheek wijzigen."]


def test_a_new_version_is_numbered_and_refused_when_stale(clauses, consultant_a, consultant_b):
    clause = clauses["Doel"]
    v2 = services.clause_version_add(
        user=consultant_b,  # the library is shared by every consultant
        clause=clause,
        title="Doel",
        text="Nieuwe tekst.",
        change_note="Korter.",
        expected_number=1,
    )
    assert (v2.number, v2.change_note, v2.created_by) == (2, "Korter.", consultant_b)
    with pytest.raises(StaleEditError) as excinfo:
        services.clause_version_add(
            user=consultant_a, clause=clause, title="Doel", text="Mijn tekst.", expected_number=1
        )
    assert [(c.label, c.theirs, c.yours) for c in excinfo.value.changes] == [
        ("Tekst", "Nieuwe tekst.", "Mijn tekst.")
    ]
    assert clause.versions.count() == 2
    assert refused(
        lambda: services.clause_version_add(
            user=consultant_a, clause=clause, title="Doel", text="Nieuwe tekst.", expected_number=2
        )
    ) == ["De tekst en de titel zijn dezelfde als in versie 2."]


def test_a_new_clause_version_does_not_change_an_existing_agreement(draft, clauses, consultant_a):
    article = draft.articles.get(title="Doel")
    old_text = article.text
    services.clause_version_add(
        user=consultant_a,
        clause=clauses["Doel"],
        title="Doel (herwerkt)",
        text="Een heel andere tekst over {{ gemeente }}.",
        expected_number=1,
    )
    article.refresh_from_db()
    assert (article.title, article.text) == ("Doel", old_text)
    assert article.clause_version.number == 1
    clauses["Doel"].refresh_from_db()
    assert clauses["Doel"].title == "Doel (herwerkt)"
    # a version written once is never changed: the old text is still there to compare with
    assert ClauseVersion.objects.get(clause=clauses["Doel"], number=1).text == old_text


def test_adapt_a_clause_for_one_local_government(clauses, consultant_a, lg_a):
    original = clauses["Geschillen"]
    copy = services.clause_adapt(user=consultant_a, clause=original, local_government=lg_a)
    assert (copy.local_government, copy.based_on, copy.category) == (lg_a, original, original.category)
    first = copy.versions.get()
    assert (first.number, first.text) == (1, services.latest_version(original).text)
    assert "versie 1 uit de bibliotheek" in first.change_note
    # adapting again gives the same copy; a copy itself cannot be adapted
    assert services.clause_adapt(user=consultant_a, clause=original, local_government=lg_a) == copy
    assert refused(lambda: services.clause_adapt(user=consultant_a, clause=copy, local_government=lg_a)) == [
        "Alleen een clausule uit de gedeelde bibliotheek kan worden aangepast."
    ]
    offered = services.clauses_for(lg_a)
    assert copy in offered and original not in offered


def test_a_local_governments_copies_are_only_its_consultants(
    clauses, consultant_a, consultant_b, approver_a, lg_a
):
    assert refused(
        lambda: services.clause_adapt(user=consultant_b, clause=clauses["Doel"], local_government=lg_a),
        kind=PermissionDenied,
    ) == [f"Alleen de consultants van {lg_a} kunnen zijn clausules wijzigen."]
    copy = services.clause_adapt(user=consultant_a, clause=clauses["Doel"], local_government=lg_a)
    for user in (consultant_b, approver_a):
        refused(
            lambda user=user: services.clause_version_add(
                user=user, clause=copy, title="Doel", text="Andere tekst.", expected_number=1
            ),
            kind=PermissionDenied,
        )
        refused(lambda user=user: services.clause_archive(user=user, clause=copy), kind=PermissionDenied)
    assert copy in Clause.objects.visible_to(consultant_a)
    assert copy not in Clause.objects.visible_to(consultant_b)


def test_archive_takes_a_clause_out_of_use_but_agreements_keep_their_text(draft, clauses, consultant_a):
    services.clause_archive(user=consultant_a, clause=clauses["Geschillen"])
    clauses["Geschillen"].refresh_from_db()
    assert clauses["Geschillen"].archived
    assert clauses["Geschillen"] not in services.clauses_for(draft.agreement.programme.local_government)
    assert refused(
        lambda: services.article_add(
            user=consultant_a, version=draft, clause_version=services.latest_version(clauses["Geschillen"])
        )
    ) == ["Deze clausule is gearchiveerd en wordt niet meer gebruikt."]
    assert refused(
        lambda: services.clause_version_add(
            user=consultant_a, clause=clauses["Geschillen"], title="G", text="Nieuw.", expected_number=1
        )
    ) == ["Deze clausule is gearchiveerd; er komt geen nieuwe versie meer bij."]
    services.clause_archive(user=consultant_a, clause=clauses["Doel"])
    assert draft.articles.filter(title="Doel").exists()
