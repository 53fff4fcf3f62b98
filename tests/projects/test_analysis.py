"""The dependency analysis on a hand-checked example: earliest schedule, conflicts, critical path, slack and
the what-if. Pure functions over plain objects: no database."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from projects.analysis import analyse, cycle_through, what_if


def d(month: int, day: int) -> datetime.date:
    return datetime.date(2027, month, day)


def project(pk: int, start: datetime.date, weeks: int, title: str = ""):
    return SimpleNamespace(pk=pk, planned_start=start, duration_weeks=weeks, title=title or f"P{pk}")


def dependency(pk: int, predecessor: int, successor: int, kind: str = "fs", lag: int = 0):
    return SimpleNamespace(
        pk=pk, predecessor_id=predecessor, successor_id=successor, kind=kind, lag_weeks=lag
    )


A, B, C, D, E = 1, 2, 3, 4, 5


@pytest.fixture
def example():
    """Five projects, three kinds, lags. 4 January 2027 is a Monday; finish = start + 7 × weeks days.

    A  4 weeks, planned 04/01                            → 04/01 .. 01/02
    B  3 weeks, planned 04/01, needs A  FS + 1 week      → start ≥ 01/02 + 7 = 08/02 → 08/02 .. 01/03
                                                            (conflict: 35 days = 5 weeks too early)
    C  2 weeks, planned 11/01, needs A  SS + 2 weeks     → start ≥ 04/01 + 14 = 18/01 → 18/01 .. 01/02
                                                            (conflict: 7 days = 1 week too early)
    D  6 weeks, planned 01/02, needs B  FF + 1 week      → finish ≥ 01/03 + 7 = 08/03 → start ≥ 08/03 - 42
                                                            = 25/01, before the plan: no conflict
                               needs C  FS + 0           → start ≥ 01/02 = planned → 01/02 .. 15/03
    E  1 week,  planned 04/01, no dependencies           → 04/01 .. 11/01
    End of the programme: the latest finish, D's 15/03.

    Backward from 15/03:
    D  latest finish 15/03, latest start 01/02 = earliest → slack 0, critical
    E  latest finish 15/03, latest start 08/03; slack 08/03 - 04/01 = 63 days = 9 weeks
    C  feeds D FS+0: latest finish ≤ 01/02, latest start 18/01 = earliest → slack 0, critical
    B  feeds D FF+1: latest finish ≤ 15/03 - 7 = 08/03, latest start 15/02; slack 15/02 - 08/02 = 1 week
    A  feeds B FS+1: latest finish ≤ 15/02 - 7 = 08/02; feeds C SS+2: latest start ≤ 18/01 - 14 = 04/01,
       so latest finish ≤ 01/02; the smaller: 01/02, latest start 04/01 → slack 0, critical
    Critical path A → C → D.
    """
    projects = [
        project(A, d(1, 4), 4),
        project(B, d(1, 4), 3),
        project(C, d(1, 11), 2),
        project(D, d(2, 1), 6),
    ]
    projects.append(project(E, d(1, 4), 1))
    dependencies = [
        dependency(11, A, B, "fs", 1),
        dependency(12, A, C, "ss", 2),
        dependency(13, B, D, "ff", 1),
        dependency(14, C, D, "fs", 0),
    ]
    return projects, dependencies


def test_earliest_schedule_with_lags_and_all_three_kinds(example):
    result = analyse(example)
    forecast = {pk: (s.earliest_start, s.earliest_finish) for pk, s in result.schedules.items()}
    assert forecast == {
        A: (d(1, 4), d(2, 1)),
        B: (d(2, 8), d(3, 1)),
        C: (d(1, 18), d(2, 1)),
        D: (d(2, 1), d(3, 15)),
        E: (d(1, 4), d(1, 11)),
    }
    assert result.end_date == d(3, 15)
    assert result.schedules[D].allowed_start == d(
        2, 1
    )  # the later of 25/01 (FF from B) and 01/02 (FS from C)


def test_slack_and_critical_path(example):
    result = analyse(example)
    latest = {pk: (s.latest_start, s.latest_finish) for pk, s in result.schedules.items()}
    assert latest == {
        A: (d(1, 4), d(2, 1)),
        B: (d(2, 15), d(3, 8)),
        C: (d(1, 18), d(2, 1)),
        D: (d(2, 1), d(3, 15)),
        E: (d(3, 8), d(3, 15)),
    }
    assert {pk: s.slack_days for pk, s in result.schedules.items()} == {A: 0, B: 7, C: 0, D: 0, E: 63}
    assert {pk: s.slack_weeks for pk, s in result.schedules.items()} == {A: 0, B: 1, C: 0, D: 0, E: 9}
    assert result.critical_path == [A, C, D]
    assert result.critical_edges == {(A, C), (C, D)}
    assert result.critical == {A, C, D}


def test_conflicts_are_named_with_the_weeks(example):
    result = analyse(example)
    found = [(c.project_id, c.planned_start, c.allowed_start, c.weeks, c.because) for c in result.conflicts]
    assert sorted(found) == [(B, d(1, 4), d(2, 8), 5, [A]), (C, d(1, 11), d(1, 18), 1, [A])]
    assert result.schedules[B].conflict_weeks == 5 and result.schedules[D].conflict_weeks == 0
    assert [c.dependency_ids for c in sorted(result.conflicts, key=lambda c: c.project_id)] == [[11], [12]]


def test_weeks_of_a_conflict_are_rounded_up():
    projects = [project(1, d(1, 4), 1), project(2, d(1, 5), 1)]  # 2 needs 1 FS: allowed 11/01, 6 days later
    (conflict,) = analyse((projects, [dependency(1, 1, 2)])).conflicts
    assert (conflict.allowed_start, conflict.weeks) == (d(1, 11), 1)


def test_the_order_is_topological_then_planned_start(example):
    # A first (B and C need it); then B before E by pk at the same planned start; C (11/01); D needs B and C.
    assert analyse(example).order == [A, B, E, C, D]


def test_what_if_moves_exactly_the_dependants_and_saves_nothing(example):
    """A 2 weeks later: 18/01 .. 15/02. B ≥ 15/02 + 7 = 22/02 (+14); C ≥ 18/01 + 14 = 01/02 (+14) .. 15/02;
    D ≥ max(22/02 + 21 + 7 - 42 = 08/02, 15/02) = 15/02 (+14) .. 29/03. E does not need A: it stays."""
    before = analyse(example)
    result = what_if(example, project_id=A, delay_weeks=2)
    assert [(m.project_id, m.old_start, m.new_start, m.shift_days, m.shift_weeks) for m in result.moved] == [
        (B, d(2, 8), d(2, 22), 14, 2),
        (C, d(1, 18), d(2, 1), 14, 2),
        (D, d(2, 1), d(2, 15), 14, 2),
    ]
    assert (result.project.old_start, result.project.new_start) == (d(1, 4), d(1, 18))
    assert (result.old_end, result.new_end) == (d(3, 15), d(3, 29))
    assert result.end_shift_weeks == 2
    assert analyse(example) == before  # nothing changed in the data
    assert what_if(example, project_id=A, delay_weeks=2, base=before) == result


def test_what_if_slack_absorbs_a_small_delay(example):
    """B has 1 week of slack: 1 week later moves nobody; 3 weeks later pushes D by 2 (FF + 1 from B)."""
    small = what_if(example, project_id=B, delay_weeks=1)
    assert small.moved == [] and small.new_end == small.old_end == d(3, 15)
    large = what_if(example, project_id=B, delay_weeks=3)
    # B 01/03 .. 22/03; D finish ≥ 22/03 + 7 = 29/03, start ≥ 15/02 (+14)
    assert [(m.project_id, m.shift_days) for m in large.moved] == [(D, 14)]
    assert large.new_end == d(3, 29)


def test_what_if_refuses_an_unknown_project_or_a_negative_delay(example):
    with pytest.raises(ValueError):
        what_if(example, project_id=999, delay_weeks=1)
    with pytest.raises(ValueError):
        what_if(example, project_id=A, delay_weeks=-1)


def test_cycle_through_names_the_cycle_in_needs_order():
    concept, location, secretariat = 1, 2, 3
    edges = [(concept, location), (location, secretariat)]  # location needs concept, secretariat location
    # "concept needs secretariat" would close: secretariat → location → concept → secretariat ("needs")
    assert cycle_through(edges, secretariat, concept) == [secretariat, location, concept, secretariat]
    assert cycle_through(edges, concept, secretariat) is None  # secretariat needs concept: fine
    assert cycle_through(edges, location, concept) == [location, concept, location]
    assert cycle_through(edges, 2, 2) == [2, 2]
    assert cycle_through([], 1, 2) is None


def test_an_empty_programme_and_a_stored_cycle_do_not_break_the_analysis():
    assert analyse(([], [])).end_date is None
    projects = [project(1, d(1, 4), 1), project(2, d(1, 4), 1)]
    result = analyse(
        (projects, [dependency(1, 1, 2), dependency(2, 2, 1)])
    )  # only possible around the services
    assert result.ignored == [2]
    assert result.schedules[2].earliest_start == d(1, 11)
