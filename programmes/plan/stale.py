"""Optimistic locking of the plan's rows (intended results, balance items, financial lines, phases and
actions): each row has an edit_version, the edit form carries the one it was opened on, and a save over a
newer edit is refused with what is stored beside what was typed. The version's own fields do the same in
programmes/plan/target.py (target_update); the pattern is the scan's (scans/services/vvsg.py).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ..formatting import format_euro
from ..forms import carry_stored_version
from ..services import StaleEditError


class StaleRowError(StaleEditError):
    """Someone else saved this row since the form was opened; nothing was saved.

    changes: (field label, stored value, typed value) for every field where the two differ, as strings
    (the same shape as target.StaleTargetError; shown by programmes/plan/target/includes/stale.html).
    """

    def __init__(self, changes: list[tuple[str, str, str]], what: str, stored_version: int):
        self.changes = changes
        self.stored_version = stored_version  # the form's next try goes over this one
        self.changed_by = _("iemand anders")
        ValidationError.__init__(
            self,
            _(
                "Iemand anders heeft %(what)s intussen gewijzigd. Uw wijzigingen zijn niet opgeslagen; "
                "vergelijk ze hieronder en sla opnieuw op."
            )
            % {"what": what},
            code="stale",
        )


def shown(field: models.Field, value) -> str:
    """A stored or typed value as a person reads it: labels of choices, dd/mm/jjjj, € 1.234,56, ja/nee."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return format_euro(value)
    if isinstance(value, models.Model):
        full_name = getattr(value, "get_full_name", None)
        return (full_name() if full_name else "") or str(value)
    return str(value).strip() or "—"


def require_fresh(locked: models.Model, expected_version: int | None, typed: dict, what: str) -> None:
    """Refuse the save (StaleRowError) unless the form was opened on the stored edit_version.

    locked: the row, read with select_for_update(); typed: field name -> the value the user typed. An
    unknown expected_version (None: missing or unreadable) counts as stale: better a second look than a
    silent overwrite."""
    if expected_version is not None and expected_version == locked.edit_version:
        return
    changes = []
    for name, value in typed.items():
        field = locked._meta.get_field(name)
        theirs, yours = shown(field, getattr(locked, name)), shown(field, value)
        if theirs != yours:
            changes.append((capfirst(str(field.verbose_name)), theirs, yours))
    raise StaleRowError(changes, what, locked.edit_version)


def keep_typed(form, error: StaleRowError) -> None:
    """After a refused stale save the form shows what was typed, now carrying the stored edit_version:
    saving again (after a look at the differences) goes through."""
    carry_stored_version(form, error.stored_version, "edit_version")


def form_values(form) -> tuple[dict, int | None]:
    """A valid form's values for a service, and apart the edit_version the form was opened on."""
    values = dict(form.cleaned_data)
    return values, values.pop("edit_version", None)
