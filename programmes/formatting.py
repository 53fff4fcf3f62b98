"""Belgian formats outside templates, independent of the active language: € 1.234,56."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency


def format_euro(value: Decimal | int | float | None) -> str:
    """An amount as people read it here: € 1.234,56 (a plain space, so it copies cleanly); – when empty."""
    if value is None:
        return "–"
    return format_currency(Decimal(value), "EUR", locale="nl_BE").replace("\xa0", " ")
