"""Reading a programme's projects, dependencies and steering structure in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Prefetch

from programmes.models import Action, Programme

from .models import Dependency, Project, ProjectGroup, SteeringGroup, SteeringMember


@dataclass
class ProgrammeData:
    programme: Programme
    projects: list[Project]  # group and leader selected, actions prefetched (unless with_actions=False)
    dependencies: list[Dependency]  # plain rows: use predecessor_id / successor_id
    groups: list[ProjectGroup]  # in order, each with .project_list (its projects, in order)
    steering_group: SteeringGroup | None  # with .member_list (members, user selected)
    unplaced: list[Project] = field(default_factory=list)  # projects without a place in the structure

    @cached_property
    def by_pk(self) -> dict[int, Project]:
        return {p.pk: p for p in self.projects}

    def title(self, pk: int) -> str:
        project = self.by_pk.get(pk)
        return project.title if project else "?"

    @cached_property
    def _links(self) -> tuple[dict[int, list[Dependency]], dict[int, list[Dependency]]]:
        needs: dict[int, list[Dependency]] = {}
        needed_by: dict[int, list[Dependency]] = {}
        for dep in self.dependencies:
            needs.setdefault(dep.successor_id, []).append(dep)
            needed_by.setdefault(dep.predecessor_id, []).append(dep)
        return needs, needed_by

    def predecessors(self, pk: int) -> list[Dependency]:
        """The dependencies of what this project needs."""
        return self._links[0].get(pk, [])

    def successors(self, pk: int) -> list[Dependency]:
        """The dependencies of the projects that need this one."""
        return self._links[1].get(pk, [])


def programme_projects(programme: Programme, *, with_actions: bool = True) -> ProgrammeData:
    """Projects, dependencies, project groups and the steering group with its members: six queries,
    whatever the size of the programme (five with `with_actions=False`: a page that shows no project's
    plan actions saves the prefetch, about a third of the reading time at 500 projects)."""
    projects_qs = Project.objects.filter(programme=programme).select_related("group", "leader")
    if with_actions:
        projects_qs = projects_qs.prefetch_related(
            Prefetch("actions", queryset=Action.objects.order_by("start", "pk"))
        )
    projects = list(projects_qs)  # 2 queries (1 without the actions)
    dependencies = list(Dependency.objects.filter(programme=programme).order_by("pk"))
    groups = list(ProjectGroup.objects.filter(programme=programme).select_related("lead"))
    steering = (
        SteeringGroup.objects.filter(programme=programme)
        .select_related("chair", "programme_manager")
        .prefetch_related(
            Prefetch("members", queryset=SteeringMember.objects.select_related("user"), to_attr="member_list")
        )
        .first()
    )  # 2 queries (1 when there is none)
    by_group: dict[int, list[Project]] = {g.pk: [] for g in groups}
    unplaced = []
    for project in projects:
        if project.group_id in by_group:
            by_group[project.group_id].append(project)
        else:
            unplaced.append(project)
    for group in groups:
        group.project_list = by_group[group.pk]
    for project in projects:
        project.programme = programme  # no query when a template asks for it
    return ProgrammeData(
        programme=programme,
        projects=projects,
        dependencies=dependencies,
        groups=groups,
        steering_group=steering,
        unplaced=unplaced,
    )
