"""The pages of step 3 run the same number of queries whatever the number of projects and dependencies.

Seed the demo at scale 1, count the queries of each page of Geel's programme of projects, copy every project
nine times (new titles, the same groups and plan actions) with copies of the dependencies among the copies
(so the graph stays acyclic), and count again.
"""

from __future__ import annotations

from collections import Counter

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes import demo
from programmes.models import Programme
from projects.models import Dependency, Project

FACTOR = 10
PROJECT_FIELDS = [f.name for f in Project._meta.concrete_fields if f.name not in ("id", "title", "position")]
DEPENDENCY_FIELDS = [
    f.name for f in Dependency._meta.concrete_fields if f.name not in ("id", "predecessor", "successor")
]


def _queries(client, url: str) -> list[str]:
    client.get(url)  # warm the per-process caches (content types, translations) first
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in ctx.captured_queries]


def _grow(programme: Programme, factor: int) -> None:
    projects = list(Project.objects.filter(programme=programme).order_by("pk"))
    dependencies = list(Dependency.objects.filter(programme=programme).order_by("pk"))
    through = Project.actions.through
    links = list(through.objects.filter(project__in=projects).values_list("project_id", "action_id"))
    step = max(p.position for p in projects) + 1
    for n in range(1, factor):
        copies = Project.objects.bulk_create(
            [
                Project(
                    **{f: getattr(p, f) for f in PROJECT_FIELDS},
                    title=f"{p.title} ({n + 1})",
                    position=p.position + n * step,
                )
                for p in projects
            ]
        )
        new = {old.pk: copy.pk for old, copy in zip(projects, copies, strict=True)}
        Dependency.objects.bulk_create(
            [
                Dependency(
                    **{f: getattr(d, f) for f in DEPENDENCY_FIELDS},
                    predecessor_id=new[d.predecessor_id],
                    successor_id=new[d.successor_id],
                )
                for d in dependencies
            ]
        )
        through.objects.bulk_create([through(project_id=new[p], action_id=a) for p, a in links])


def _repeated(queries: list[str]) -> str:
    shapes = Counter(q.split(" WHERE ")[0][:160] for q in queries)
    return "\n".join(f"{n}× {shape}" for shape, n in shapes.most_common(3))


def test_project_pages_do_not_grow_with_data(client, db):
    demo.seed(scale=1)
    client.force_login(get_user_model().objects.get(username="consultant.a"))
    programme = Programme.objects.get(title=demo.PROGRAMMES["a"]["title"])
    first = Project.objects.filter(programme=programme, actions__isnull=False).order_by("pk").first()
    urls = {
        "overview": reverse("projects:overview", args=[programme.pk]),
        "structure": reverse("projects:structure", args=[programme.pk]),
        "dependencies": reverse("projects:dependencies", args=[programme.pk]),
        "project": reverse("projects:project_detail", args=[first.pk]),
        "what-if": reverse("projects:dependencies", args=[programme.pk])
        + f"?watals-project={first.pk}&watals-weeks=4",
    }
    n_projects = Project.objects.filter(programme=programme).count()
    n_dependencies = Dependency.objects.filter(programme=programme).count()
    assert n_projects >= 8 and n_dependencies >= 5
    small = {name: _queries(client, url) for name, url in urls.items()}

    _grow(programme, FACTOR)
    assert Project.objects.filter(programme=programme).count() == FACTOR * n_projects
    assert Dependency.objects.filter(programme=programme).count() == FACTOR * n_dependencies
    large = {name: _queries(client, url) for name, url in urls.items()}

    grew = {
        name: (len(small[name]), len(large[name]), _repeated(large[name]))
        for name in urls
        if len(small[name]) != len(large[name])
    }
    assert not grew, grew
    assert len(large["dependencies"]) <= 20, _repeated(large["dependencies"])
