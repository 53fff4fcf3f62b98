"""Two versions side by side: changed, added and removed articles marked, word diffs escaped, the version's
fields, placeholder values and annexes compared too."""

import datetime
from decimal import Decimal

import pytest

from agreements import services
from agreements.compare import ADDED, CHANGED, REMOVED, SAME, compare, word_diff

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_versions(adopted, clauses, consultant_a, lg_a):
    new = services.agreement_new_version(user=consultant_a, agreement=adopted.agreement)
    cost = new.articles.get(title="Kosten")
    services.article_update(
        user=consultant_a,
        article=cost,
        expected_edit_version=cost.edit_version,
        title="Kosten",
        text="De kosten worden elk jaar verdeeld volgens bijlage 1.",
    )
    services.article_remove(user=consultant_a, article=new.articles.get(title="Grondslag"))
    services.article_add(
        user=consultant_a,
        version=new,
        category="general",
        title="Eén onthaal",
        text="Eén loket <b>voor</b> allen.",
    )
    # an adapted copy of a library clause counts as the same article
    copy = services.clause_adapt(user=consultant_a, clause=clauses["Evaluatie"], local_government=lg_a)
    services.clause_version_add(
        user=consultant_a,
        clause=copy,
        title="Evaluatie in Geel",
        text="Jaarlijks geëvalueerd door de raden.",
        expected_number=1,
    )
    services.article_remove(user=consultant_a, article=new.articles.get(title="Evaluatie"))
    services.article_add(user=consultant_a, version=new, clause_version=services.latest_version(copy))
    new = services.version_update(
        user=consultant_a,
        version=new,
        expected_edit_version=new.edit_version,
        title=new.title,
        start_date=datetime.date(2027, 7, 1),
        preamble=new.preamble,
    )
    services.placeholder_set(user=consultant_a, version=new, key="rechtbank", value="Turnhout")
    ict = new.annex_services.get()
    services.annex_service_update(
        user=consultant_a,
        annex_service=ict,
        expected_edit_version=ict.edit_version,
        service="ICT",
        gemeente_share=Decimal("55"),
        allocation_basis="aantal werkposten",
    )
    services.annex_staff_add(
        user=consultant_a,
        version=new,
        name="An",
        function="Boekhouder",
        employer="ocmw",
        service="ICT",
        fte=1,
    )
    return adopted, new


def test_articles_marked_changed_added_removed_and_same(two_versions):
    old, new = two_versions
    result = compare(old, new)
    kinds = {row.title: row.kind for row in result.articles}
    assert kinds["Kosten"] == CHANGED
    assert kinds["Grondslag"] == REMOVED
    assert kinds["Eén onthaal"] == ADDED
    assert kinds["Evaluatie in Geel"] == CHANGED
    assert kinds["Doel"] == SAME
    assert result.counts == {ADDED: 1, REMOVED: 1, CHANGED: 2, SAME: 5}
    assert result.any_change and len(result) == 9


def test_a_changed_article_shows_its_words_and_numbers(two_versions):
    old, new = two_versions
    row = next(r for r in compare(old, new).articles if r.title == "Kosten")
    assert (row.old_number, row.new_number) == ("Artikel 5", "Artikel 5")
    assert row.diff_html == "De kosten worden<ins> elk jaar</ins> verdeeld volgens bijlage 1."
    assert "<del>" not in row.new_html and "<ins>" in row.new_html
    evaluation = next(r for r in compare(old, new).articles if r.title == "Evaluatie in Geel")
    assert evaluation.title_changed and evaluation.old_title == "Evaluatie"


def test_removed_and_added_rows_keep_their_place(two_versions):
    old, new = two_versions
    order = [(row.kind, row.title) for row in compare(old, new).articles]
    assert order[:4] == [
        (SAME, "Doel"),
        (REMOVED, "Grondslag"),
        (SAME, "Algemene afspraken"),
        (ADDED, "Eén onthaal"),
    ]


def test_added_text_is_escaped(two_versions):
    old, new = two_versions
    row = next(r for r in compare(old, new).articles if r.title == "Eén onthaal")
    assert row.new_html == "<ins>Eén loket &lt;b&gt;voor&lt;/b&gt; allen.</ins>"


def test_fields_placeholders_and_annexes_are_compared(two_versions):
    old, new = two_versions
    result = compare(old, new)
    assert [(f.label, f.old, f.new) for f in result.fields] == [
        ("Startdatum", "01/01/2027", "01/07/2027"),
        ("Plaatshouder {{ rechtbank }}", "", "Turnhout"),
    ]
    annexes = [(f.label, f.kind) for f in result.annexes]
    assert annexes == [("Bijlage 1: diensten", CHANGED), ("Bijlage 2: personeel", ADDED)]
    assert "55 % gemeente, 45 % OCMW" in result.annexes[0].new


def test_a_version_compared_with_itself_has_no_change(adopted):
    result = compare(adopted, adopted)
    assert not result.any_change and {row.kind for row in result} == {SAME}


def test_word_diff_escapes_both_sides():
    old, new, both = word_diff("Een <script>oude</script> tekst", "Een <script>nieuwe</script> tekst")
    assert "<script>" not in old + new + both
    assert "<del>oude</del>" in old and "<ins>nieuwe</ins>" in new
    assert both == "Een &lt;script&gt;<del>oude</del><ins>nieuwe</ins>&lt;/script&gt; tekst"
