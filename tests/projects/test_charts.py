"""The charts of step 3 on plain data: escaped text, the critical path and conflicts marked, title, desc."""

from __future__ import annotations

import datetime
import re
from types import SimpleNamespace
from xml.etree import ElementTree

from projects.analysis import analyse
from projects.charts import (
    OrgUnit,
    dependency_graph_svg,
    graph_layout,
    org_chart_svg,
    projects_gantt_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
EVIL = '<script>alert("x")</script> & "Co"'


def project(pk, title, start, weeks, quick_win=False):
    return SimpleNamespace(pk=pk, title=title, planned_start=start, duration_weeks=weeks, quick_win=quick_win)


def dep(pk, pred, succ, kind="fs", lag=0):
    return SimpleNamespace(pk=pk, predecessor_id=pred, successor_id=succ, kind=kind, lag_weeks=lag)


def example():
    """concept → location → secretariat (critical), a side project with slack, and one in conflict."""
    projects = [
        project(1, "Dienstverleningsconcept", datetime.date(2026, 9, 7), 16),
        project(2, "Nieuwe locatie", datetime.date(2026, 12, 28), 26),
        project(3, "Samenvoeging secretariaat", datetime.date(2027, 6, 28), 12),
        project(4, EVIL, datetime.date(2026, 9, 7), 4, quick_win=True),
        project(5, "Nieuwe website", datetime.date(2026, 10, 5), 8),
    ]
    dependencies = [dep(10, 1, 2), dep(11, 2, 3), dep(12, 4, 3, "ss", 2), dep(13, 1, 5)]
    return projects, dependencies, analyse((projects, dependencies))


def _parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # noqa: S314 – our own output: well-formed, nothing unescaped broke it


def _accessible(svg: str) -> None:
    root = _parse(svg)
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text
    assert desc is not None and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "style=" not in svg and "<style" not in svg and "<script" not in svg


def test_graph_escapes_text_and_has_title_and_desc():
    projects, dependencies, analysis = example()
    svg = dependency_graph_svg(projects, dependencies, analysis)
    _accessible(svg)
    assert "&lt;script&gt;" in svg and "&amp;" in svg
    texts = [t.text or "" for t in _parse(svg).iter(f"{SVG}title")]
    assert any(EVIL in t for t in texts)  # the full title, unescaped back by the parser


def test_graph_marks_the_critical_path_and_the_conflict():
    projects, dependencies, analysis = example()
    assert analysis.critical_path == [1, 2, 3]
    svg = dependency_graph_svg(projects, dependencies, analysis)
    root = _parse(svg)
    critical = {int(g.get("data-project")) for g in root.iter(f"{SVG}g") if "critical" in g.get("class", "")}
    assert critical == {1, 2, 3}
    assert len(re.findall(r'class="edge critical"', svg)) == 2  # 1→2 and 2→3
    assert svg.count('class="edge"') == 2  # the others
    conflict = [g for g in root.iter(f"{SVG}g") if "conflict" in g.get("class", "")]
    assert [int(g.get("data-project")) for g in conflict] == [5]
    assert "+12 w" in svg  # the website starts 12 weeks before the concept is done
    desc = root.find(f"{SVG}desc").text
    assert "Kritiek pad: Dienstverleningsconcept → Nieuwe locatie → Samenvoeging secretariaat" in desc
    assert "SS +2 w" in svg  # the edge label of a start-start dependency with lag


def test_graph_layout_puts_a_project_right_of_what_it_needs():
    projects, dependencies, analysis = example()
    position = graph_layout(projects, dependencies, analysis)
    for d in dependencies:
        assert position[d.predecessor_id][0] < position[d.successor_id][0]


def test_gantt_has_a_bar_per_project_dependency_lines_and_critical_bars():
    projects, dependencies, analysis = example()
    svg = projects_gantt_svg(projects, dependencies, analysis, today=datetime.date(2026, 11, 25))
    _accessible(svg)
    root = _parse(svg)
    bars = [g for g in root.iter(f"{SVG}g") if "bar" in g.get("class", "").split()]
    assert len(bars) == 5
    assert {int(g.get("data-project")) for g in bars if "critical" in g.get("class")} == {1, 2, 3}
    assert svg.count('class="dep critical"') == 2 and svg.count('class="dep"') == 2
    assert "Einde programma 20/09/2027" in svg
    assert "Vandaag 25/11/2026" in svg
    assert "&lt;script&gt;" in svg and "QW" in svg


def test_org_chart_escapes_and_shows_the_unplaced_projects():
    steering = OrgUnit("Stuurgroep <b>", ["Voorzitter: Marc"], ["Annemie (voorzitter BCSD)"])
    groups = [OrgUnit("Huisvesting & onthaal", ["Trekker: Koen"], ["Nieuwe locatie"]), OrgUnit("ICT", [], [])]
    svg = org_chart_svg(steering, groups, [EVIL])
    _accessible(svg)
    assert "Stuurgroep &lt;b&gt;" in svg and "Huisvesting &amp; onthaal" in svg
    assert "Zonder plaats in de structuur" in svg
    assert 'class="org-unit unplaced"' in svg and svg.count('class="org-unit group"') == 2
    assert "1 projecten hebben geen plaats" in _parse(svg).find(f"{SVG}desc").text


def test_empty_charts_say_so():
    for svg in (
        dependency_graph_svg([], [], analyse(([], []))),
        projects_gantt_svg([], [], analyse(([], []))),
    ):
        _accessible(svg)
        assert "nog geen projecten" in svg


def test_a_large_graph_draws_every_project_once():
    """500 projects and 2,000 dependencies: a column per generation, every project once."""
    import random

    rng = random.Random(6)
    start = datetime.date(2026, 9, 7)
    projects = [
        project(i, f"Project {i}", start + datetime.timedelta(weeks=i % 50), 1 + i % 12)
        for i in range(1, 501)
    ]
    edges = set()
    while len(edges) < 2000:
        a, b = sorted(rng.sample(range(1, 501), 2))
        edges.add((a, b))
    dependencies = [dep(n, a, b) for n, (a, b) in enumerate(sorted(edges), start=1)]
    analysis = analyse((projects, dependencies))
    svg = dependency_graph_svg(projects, dependencies, analysis)
    assert svg.count('class="node') == 500
    assert 'class="chart dependency-graph wide"' in svg
    gantt = projects_gantt_svg(projects, dependencies, analysis)
    assert gantt.count('data-project="') == 500
