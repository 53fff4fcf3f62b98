"""Dependencies between projects: added only when they close no cycle (checked under the programme lock),
changed, removed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..analysis import cycle_through
from ..models import Dependency, DependencyKind, Project
from .common import MAX_LAG_WEEKS, _by, _check_text, _lock, _require_consultant

# --- Dependencies ---------------------------------------------------------------------------------


def _clean_dependency(kind: str, lag_weeks, note: str) -> tuple[str, int, str]:
    errors: dict[str, list[str]] = {}
    if kind not in DependencyKind.values:
        errors.setdefault("kind", []).append(_("Kies einde-start, start-start of einde-einde."))
    if lag_weeks is None:
        lag_weeks = 0  # no lag given: none
    if isinstance(lag_weeks, bool) or not isinstance(lag_weeks, int):
        errors.setdefault("lag_weeks", []).append(_("Geef de wachttijd in hele weken, bijvoorbeeld 2."))
    elif not (0 <= lag_weeks <= MAX_LAG_WEEKS):
        errors.setdefault("lag_weeks", []).append(
            _("Een wachttijd is 0 tot %(max)s weken.") % {"max": MAX_LAG_WEEKS}
        )
    note = _check_text(note, "note", 300, errors)
    if errors:
        raise ValidationError(errors)
    return kind, lag_weeks, note


def cycle_message(titles: list[str]) -> str:
    return _("Deze afhankelijkheid zou een kring sluiten: %(cycle)s.") % {"cycle": " → ".join(titles)}


@transaction.atomic
def dependency_add(
    *, user, predecessor: Project, successor: Project, kind: str = "fs", lag_weeks: int = 0, note: str = ""
) -> Dependency:
    """Record that `successor` needs `predecessor`; refused when it would close a cycle (named in order).

    The programme row is locked first, so the check and the insert of two concurrent additions run one
    after the other: each sees the other's edge, and together they cannot store a cycle.
    """
    programme = _lock(successor.programme_id)
    _require_consultant(user, programme)
    if predecessor.pk == successor.pk:
        raise ValidationError({"predecessor": _("Een project kan niet van zichzelf afhangen.")})
    if predecessor.programme_id != successor.programme_id:
        raise ValidationError(
            {"predecessor": _("Een project kan alleen afhangen van een project van hetzelfde traject.")}
        )
    kind, lag_weeks, note = _clean_dependency(kind, lag_weeks, note)
    edges = list(
        Dependency.objects.filter(programme_id=programme.pk).values_list("predecessor_id", "successor_id")
    )
    if (predecessor.pk, successor.pk) in set(edges):
        raise ValidationError(
            {
                "predecessor": _("‘%(b)s’ hangt al af van ‘%(a)s’.")
                % {"b": successor.title, "a": predecessor.title}
            }
        )
    cycle = cycle_through(edges, predecessor.pk, successor.pk)
    if cycle:
        titles = dict(Project.objects.filter(pk__in=set(cycle)).values_list("pk", "title"))
        raise ValidationError(cycle_message([titles.get(pk, "?") for pk in cycle]), code="cycle")
    if Project.objects.filter(pk__in=(predecessor.pk, successor.pk), programme_id=programme.pk).count() != 2:
        raise ValidationError(_("Een van beide projecten bestaat niet meer. Laad de pagina opnieuw."))
    dependency = Dependency(
        programme=programme,
        predecessor_id=predecessor.pk,
        successor_id=successor.pk,
        kind=kind,
        lag_weeks=lag_weeks,
        note=note,
        created_by=user if getattr(user, "pk", None) else None,
    )
    _by(dependency, user)
    dependency.save(force_insert=True)  # and one insert into its history
    return dependency


@transaction.atomic
def dependency_update(*, user, dependency: Dependency, kind: str, lag_weeks: int, note: str) -> Dependency:
    """Change the kind, lag or note of a dependency (which projects it joins stays: no new cycle)."""
    programme = _lock(dependency.programme_id)
    _require_consultant(user, programme)
    kind, lag_weeks, note = _clean_dependency(kind, lag_weeks, note)
    locked = Dependency.objects.filter(pk=dependency.pk).first()
    if locked is None:
        raise ValidationError(_("Deze afhankelijkheid bestaat niet meer."))
    if (locked.kind, locked.lag_weeks, locked.note) == (kind, lag_weeks, note):
        return locked  # nothing changed: no history record
    locked.kind, locked.lag_weeks, locked.note = kind, lag_weeks, note
    _by(locked, user)
    locked.save(update_fields=["kind", "lag_weeks", "note"])
    return locked


@transaction.atomic
def dependency_remove(*, user, dependency: Dependency) -> None:
    programme = _lock(dependency.programme_id)
    _require_consultant(user, programme)
    locked = Dependency.objects.filter(pk=dependency.pk).first()
    if locked is not None:
        _by(locked, user)
        locked.delete()
