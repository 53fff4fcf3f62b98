"""Two versions of an agreement side by side, article by article.

Articles are matched by the clause they came from (and their service), then by their title in the same
chapter, then by a similar text at the same place in the chapter; so an adapted article shows as one change
(old beside new, word by word) instead of a removal and an addition. Every piece of text is escaped before
the <del>/<ins> marks are added: the diff can never carry markup from a user.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from programmes.forms import format_belgian_decimal

from .models import CATEGORY_ORDER, AgreementVersion, Article, ClauseCategory

ADDED, REMOVED, CHANGED, SAME = "added", "removed", "changed", "same"

_TOKEN_RE = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass
class ArticleRow:
    kind: str  # added, removed, changed, same
    category: str
    category_label: str
    old: Article | None
    new: Article | None
    old_number: str = ""  # "Artikel 3"
    new_number: str = ""
    old_title: str = ""
    new_title: str = ""
    title_changed: bool = False
    service_changed: bool = False
    old_html: SafeString = field(default_factory=lambda: mark_safe(""))  # with <del> marks
    new_html: SafeString = field(default_factory=lambda: mark_safe(""))  # with <ins> marks
    diff_html: SafeString = field(default_factory=lambda: mark_safe(""))  # one text with both marks

    @property
    def changed(self) -> bool:
        return self.kind != SAME

    @property
    def title(self) -> str:
        return self.new_title or self.old_title


@dataclass
class FieldRow:
    """A change of one of the version's own fields, a placeholder value or an annex row."""

    label: str
    kind: str  # added, removed, changed
    old: str
    new: str


@dataclass
class Comparison:
    old_version: AgreementVersion
    new_version: AgreementVersion
    articles: list[ArticleRow]
    fields: list[FieldRow]
    annexes: list[FieldRow]

    @property
    def any_change(self) -> bool:
        return bool(self.fields or self.annexes or any(row.changed for row in self.articles))

    @property
    def counts(self) -> dict[str, int]:
        counts = {ADDED: 0, REMOVED: 0, CHANGED: 0, SAME: 0}
        for row in self.articles:
            counts[row.kind] += 1
        return counts

    def __iter__(self):
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall((text or "").replace("\r\n", "\n"))


def _html(tokens: list[str]) -> str:
    return escape("".join(tokens)).replace("\n", "<br>")


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString, SafeString]:
    """(old with <del>, new with <ins>, one text with both), escaped, word by word."""
    a, b = _tokens(old), _tokens(new)
    old_parts, new_parts, both = [], [], []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            piece = _html(a[i1:i2])
            old_parts.append(piece)
            new_parts.append(piece)
            both.append(piece)
            continue
        if i2 > i1:
            removed = f"<del>{_html(a[i1:i2])}</del>"
            old_parts.append(removed)
            both.append(removed)
        if j2 > j1:
            added = f"<ins>{_html(b[j1:j2])}</ins>"
            new_parts.append(added)
            both.append(added)
    return (
        mark_safe("".join(old_parts)),  # noqa: S308 – every piece is escaped
        mark_safe("".join(new_parts)),  # noqa: S308
        mark_safe("".join(both)),  # noqa: S308
    )


def _plain(text: str) -> SafeString:
    return mark_safe(escape(text or "").replace("\n", "<br>"))  # noqa: S308 – escaped


def _ordered(version: AgreementVersion) -> list[Article]:
    articles = version.articles.select_related("clause_version__clause").all()
    return sorted(articles, key=lambda a: (CATEGORY_ORDER.get(a.category, 99), a.position, a.pk))


def _norm(text: str) -> str:
    return " ".join((text or "").lower().split())


def _root(article: Article) -> int:
    clause = article.clause_version.clause
    return clause.based_on_id or clause.pk


def _match(old: list[Article], new: list[Article]) -> dict[int, Article]:
    """{new article pk: matched old article}."""
    matched: dict[int, Article] = {}
    used: set[int] = set()

    def take(key_of) -> None:
        index: dict = {}
        for article in old:
            if article.pk in used:
                continue
            key = key_of(article)
            if key is not None:
                index.setdefault(key, []).append(article)
        for article in new:
            if article.pk in matched:
                continue
            key = key_of(article)
            if key is not None and index.get(key):
                found = index[key].pop(0)
                matched[article.pk] = found
                used.add(found.pk)

    # the same clause (a local government's adapted copy counts as its library original)
    take(lambda a: (_root(a), a.service) if a.clause_version_id else None)
    take(lambda a: (a.category, a.service, _norm(a.title)))
    # the rest: a similar text in the same chapter
    for article in new:
        if article.pk in matched:
            continue
        candidates = [o for o in old if o.pk not in used and o.category == article.category]
        best, best_ratio = None, 0.0
        for candidate in candidates:
            ratio = difflib.SequenceMatcher(None, _norm(candidate.text), _norm(article.text)).ratio()
            if ratio > best_ratio:
                best, best_ratio = candidate, ratio
        if best is not None and best_ratio >= 0.6:
            matched[article.pk] = best
            used.add(best.pk)
    return matched


def _article_rows(old_version: AgreementVersion, new_version: AgreementVersion) -> list[ArticleRow]:
    old, new = _ordered(old_version), _ordered(new_version)
    old_numbers = {a.pk: _("Artikel %(n)s") % {"n": n} for n, a in enumerate(old, start=1)}
    new_numbers = {a.pk: _("Artikel %(n)s") % {"n": n} for n, a in enumerate(new, start=1)}
    labels = dict(ClauseCategory.choices)
    matched = _match(old, new)
    matched_old = {o.pk for o in matched.values()}
    old_index = {a.pk: i for i, a in enumerate(old)}
    rows: list[ArticleRow] = []
    emitted: set[int] = set()

    def removed(article: Article) -> ArticleRow:
        emitted.add(article.pk)
        return ArticleRow(
            kind=REMOVED,
            category=article.category,
            category_label=str(labels.get(article.category, article.category)),
            old=article,
            new=None,
            old_number=old_numbers[article.pk],
            old_title=article.title,
            old_html=mark_safe(f"<del>{_plain(article.text)}</del>"),  # noqa: S308 – escaped
            diff_html=mark_safe(f"<del>{_plain(article.text)}</del>"),  # noqa: S308
        )

    for article in new:
        label = str(labels.get(article.category, article.category))
        partner = matched.get(article.pk)
        if partner is None:
            rows.append(
                ArticleRow(
                    kind=ADDED,
                    category=article.category,
                    category_label=label,
                    old=None,
                    new=article,
                    new_number=new_numbers[article.pk],
                    new_title=article.title,
                    new_html=mark_safe(f"<ins>{_plain(article.text)}</ins>"),  # noqa: S308 – escaped
                    diff_html=mark_safe(f"<ins>{_plain(article.text)}</ins>"),  # noqa: S308
                )
            )
            continue
        # the old articles that disappeared before this one's partner
        for earlier in old[: old_index[partner.pk]]:
            if earlier.pk not in matched_old and earlier.pk not in emitted:
                rows.append(removed(earlier))
        same_text = partner.text.strip() == article.text.strip()
        title_changed = _norm(partner.title) != _norm(article.title)
        service_changed = partner.service != article.service
        kind = SAME if same_text and not title_changed and not service_changed else CHANGED
        if same_text:
            old_html = new_html = diff_html = _plain(article.text)
        else:
            old_html, new_html, diff_html = word_diff(partner.text, article.text)
        rows.append(
            ArticleRow(
                kind=kind,
                category=article.category,
                category_label=label,
                old=partner,
                new=article,
                old_number=old_numbers[partner.pk],
                new_number=new_numbers[article.pk],
                old_title=partner.title,
                new_title=article.title,
                title_changed=title_changed,
                service_changed=service_changed,
                old_html=old_html,
                new_html=new_html,
                diff_html=diff_html,
            )
        )
    for article in old:
        if article.pk not in matched_old and article.pk not in emitted:
            rows.append(removed(article))
    return rows


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _field_rows(old: AgreementVersion, new: AgreementVersion) -> list[FieldRow]:
    rows = []
    for label, a, b in (
        (_("Titel"), old.title, new.title),
        (_("Startdatum"), _date(old.start_date), _date(new.start_date)),
        (_("Aanhef"), old.preamble, new.preamble),
    ):
        if (a or "").strip() != (b or "").strip():
            rows.append(
                FieldRow(label=label, kind=CHANGED if a and b else (ADDED if b else REMOVED), old=a, new=b)
            )
    old_values = dict(old.values.values_list("key", "value"))
    new_values = dict(new.values.values_list("key", "value"))
    for key in sorted(set(old_values) | set(new_values)):
        a, b = old_values.get(key, ""), new_values.get(key, "")
        if a != b:
            label = _("Plaatshouder {{ %(key)s }}") % {"key": key}
            rows.append(
                FieldRow(label=label, kind=CHANGED if a and b else (ADDED if b else REMOVED), old=a, new=b)
            )
    return rows


def _service_line(s) -> str:
    return _(
        "%(service)s: %(g)s %% gemeente, %(o)s %% OCMW, verdeelsleutel %(basis)s, geleverd door %(by)s"
    ) % {
        "service": s.service,
        "g": format_belgian_decimal(s.gemeente_share, places=None),
        "o": format_belgian_decimal(s.ocmw_share, places=None),
        "basis": s.allocation_basis,
        "by": _("de gemeente") if s.provider == "gemeente" else _("het OCMW"),
    }


def _staff_line(s) -> str:
    return _("%(name)s, %(function)s, %(service)s, %(fte)s VTE, werkgever %(employer)s") % {
        "name": s.name,
        "function": s.function,
        "service": s.service,
        "fte": format_belgian_decimal(s.fte, places=None),
        "employer": s.get_employer_display(),
    }


def _annex_rows(old: AgreementVersion, new: AgreementVersion) -> list[FieldRow]:
    rows = []
    for label, old_items, new_items, key, line in (
        (
            _("Bijlage 1: diensten"),
            old.annex_services.all(),
            new.annex_services.all(),
            lambda s: _norm(s.service),
            _service_line,
        ),
        (
            _("Bijlage 2: personeel"),
            old.annex_staff.all(),
            new.annex_staff.all(),
            lambda s: _norm(s.name),
            _staff_line,
        ),
    ):
        before = {key(item): line(item) for item in old_items}
        after = {key(item): line(item) for item in new_items}
        for name in list(before) + [k for k in after if k not in before]:
            a, b = before.get(name, ""), after.get(name, "")
            if a != b:
                rows.append(
                    FieldRow(
                        label=label, kind=CHANGED if a and b else (ADDED if b else REMOVED), old=a, new=b
                    )
                )
    return rows


def compare(old_version: AgreementVersion, new_version: AgreementVersion) -> Comparison:
    """Everything that differs between two versions: articles, the version's fields and the annexes."""
    return Comparison(
        old_version=old_version,
        new_version=new_version,
        articles=_article_rows(old_version, new_version),
        fields=_field_rows(old_version, new_version),
        annexes=_annex_rows(old_version, new_version),
    )
