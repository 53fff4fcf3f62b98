"""What the programme page and the dashboard show of step 3: the programme of projects' real progress.

`load` reads, for many programmes at once, their steering groups, project groups, projects and dependencies
(four queries whatever the number of programmes) and runs the dependency analysis per programme to count
the conflicts; `provide` fills the step's link, what is missing and the next thing to do.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programmes.models import Programme
from programmes.steps import StepState, StepStatus

from .analysis import analyse
from .models import Dependency, Project, ProjectGroup, SteeringGroup

_MISSING = object()


@dataclass
class Progress:
    has_steering: bool = False
    has_chair: bool = False
    n_groups: int = 0
    n_projects: int = 0
    n_unplaced: int = 0
    n_dependencies: int = 0
    n_conflicts: int = 0
    projects: list = field(default_factory=list, repr=False)
    dependencies: list = field(default_factory=list, repr=False)


def load(programmes: list[Programme]) -> None:
    """Four queries for all these programmes: steering groups, group counts, projects, dependencies."""
    ids = [p.pk for p in programmes]
    found: dict[int, Progress] = defaultdict(Progress)
    for programme_id, chair_id, chair_name in SteeringGroup.objects.filter(programme_id__in=ids).values_list(
        "programme_id", "chair_id", "chair_name"
    ):
        found[programme_id].has_steering = True
        found[programme_id].has_chair = bool(chair_id or chair_name)
    for row in (
        ProjectGroup.objects.filter(programme_id__in=ids)
        .order_by()
        .values("programme_id")
        .annotate(n=Count("pk"))
    ):
        found[row["programme_id"]].n_groups = row["n"]
    for pk, programme_id, start, weeks, group_id in Project.objects.filter(programme_id__in=ids).values_list(
        "pk", "programme_id", "planned_start", "duration_weeks", "group_id"
    ):
        progress = found[programme_id]
        progress.n_projects += 1
        progress.n_unplaced += group_id is None
        progress.projects.append(
            SimpleNamespace(pk=pk, planned_start=start, duration_weeks=weeks, position=0)
        )
    for pk, programme_id, pred, succ, kind, lag in Dependency.objects.filter(
        programme_id__in=ids
    ).values_list("pk", "programme_id", "predecessor_id", "successor_id", "kind", "lag_weeks"):
        progress = found[programme_id]
        progress.n_dependencies += 1
        progress.dependencies.append(
            SimpleNamespace(pk=pk, predecessor_id=pred, successor_id=succ, kind=kind, lag_weeks=lag)
        )
    for programme in programmes:
        progress = found.get(programme.pk) or Progress()
        if progress.projects:
            progress.n_conflicts = len(analyse((progress.projects, progress.dependencies)).conflicts)
        progress.projects, progress.dependencies = [], []
        programme._projects_progress = progress


def provide(programme: Programme, status: StepStatus) -> StepStatus:
    progress = getattr(programme, "_projects_progress", _MISSING)
    if progress is _MISSING:
        load([programme])
        progress = programme._projects_progress
    status.url = reverse("projects:overview", args=[programme.pk])
    if status.state == StepState.TODO and not progress.n_projects and not progress.has_steering:
        return status  # not started: the step's deliverables stay as they are
    missing = []
    if not (progress.has_steering and progress.has_chair and progress.n_groups):
        missing.append(_("Stuurgroep en projectstructuur"))
    if not progress.n_projects:
        missing.append(_("Projecten met planning"))
    elif progress.n_unplaced:
        missing.append(
            ngettext(
                "Eén project een plaats in de stuurstructuur geven",
                "%(n)s projecten een plaats in de stuurstructuur geven",
                progress.n_unplaced,
            )
            % {"n": progress.n_unplaced}
        )
    if progress.n_projects > 1 and not progress.n_dependencies:
        missing.append(_("Afhankelijkheden tussen de projecten in kaart brengen"))
    if progress.n_conflicts:
        missing.append(
            ngettext(
                "Eén planningsconflict oplossen",
                "%(n)s planningsconflicten oplossen",
                progress.n_conflicts,
            )
            % {"n": progress.n_conflicts}
        )
    status.missing = missing
    status.next_action = missing[0] if missing and status.state == StepState.CURRENT else ""
    return status
