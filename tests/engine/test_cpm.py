"""Critical path: hand-worked examples for each link type, lags, constraints and calendars.

Plans start on Monday 6 January 2025 on the default calendar (Mon-Fri, England and Wales bank
holidays). Dates are shown as MS Project shows them.
"""

from datetime import date

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from civicp3.engine import cpm
from civicp3.engine.calendars import WorkingCalendar
from civicp3.engine.cpm import Driver, schedule
from civicp3.engine.network import Link, LinkType, Network, Task, compile_network

CAL = WorkingCalendar()
MON = date(2025, 1, 6)


def run(tasks, links=(), start=MON, calendar=CAL):
    return schedule(Network.of(tasks, links), calendar, start)


def test_a_five_day_task_from_monday_finishes_on_friday():
    s = run([Task("A", duration=5)])
    a = s.task("A")
    assert (a.start, a.finish) == (date(2025, 1, 6), date(2025, 1, 10))
    assert a.critical
    assert a.total_float == 0
    assert a.start_driver == Driver("project_start")


def test_fs_successor_starts_the_next_working_day():
    s = run([Task("A", duration=5), Task("B", duration=2)], [Link("A", "B")])
    b = s.task("B")
    assert (b.start, b.finish) == (date(2025, 1, 13), date(2025, 1, 14))
    assert b.start_driver == Driver("link", "A", LinkType.FS, 0.0)
    assert s.finish == date(2025, 1, 14)


def test_fs_lag_and_lead():
    tasks = [Task("A", duration=5), Task("B", duration=1), Task("C", duration=1)]
    s = run(tasks, [Link("A", "B", LinkType.FS, 2), Link("A", "C", LinkType.FS, -2)])
    assert s.task("B").start == date(2025, 1, 15)  # Mon 13 + 2 working days
    assert s.task("C").start == date(2025, 1, 9)  # Thursday: two-day lead


def test_ss_with_lag():
    s = run([Task("A", duration=5), Task("B", duration=5)], [Link("A", "B", LinkType.SS, 2)])
    b = s.task("B")
    assert (b.start, b.finish) == (date(2025, 1, 8), date(2025, 1, 14))
    a = s.task("A")
    # delaying A's start delays B, which ends the project: A is critical through the SS link
    assert a.total_float == 0
    assert a.critical
    assert a.finish_driver == Driver("link", "B", LinkType.SS, 2.0)


def test_ff_with_lag():
    s = run([Task("A", duration=5), Task("B", duration=2)], [Link("A", "B", LinkType.FF, 1)])
    b = s.task("B")
    assert (b.start, b.finish) == (date(2025, 1, 10), date(2025, 1, 13))
    assert s.task("A").finish_driver == Driver("link", "B", LinkType.FF, 1.0)


def test_ff_never_starts_before_the_project_start():
    s = run([Task("A", duration=1), Task("B", duration=3)], [Link("A", "B", LinkType.FF)])
    assert s.task("B").start == MON
    assert s.task("B").finish == date(2025, 1, 8)


def test_sf_may_start_before_the_project_as_ms_project_does():
    s = run([Task("A", duration=1), Task("B", duration=2)], [Link("A", "B", LinkType.SF, 0)])
    b = s.task("B")
    assert (b.start, b.finish) == (date(2025, 1, 2), date(2025, 1, 3))  # 1 Jan is a holiday
    assert s.start == date(2025, 1, 2)


def test_a_milestone_after_a_task_sits_on_its_finish_day():
    s = run([Task("A", duration=5), Task("M", duration=0)], [Link("A", "M")])
    m = s.task("M")
    assert m.is_milestone
    assert (m.start, m.finish) == (date(2025, 1, 10), date(2025, 1, 10))
    assert s.task("A").critical
    assert m.critical


def test_start_no_earlier_than_holds_a_task_back():
    s = run(
        [Task("A", duration=1), Task("B", duration=1, start_no_earlier_than=date(2025, 1, 15))],
        [Link("A", "B")],
    )
    b = s.task("B")
    assert b.start == date(2025, 1, 15)
    assert b.start_driver == Driver("start_no_earlier_than")
    assert s.task("A").free_float == 6  # Tue 7 .. Tue 14


def test_finish_no_later_than_without_the_honour_option_shows_negative_float():
    tasks = [Task("A", duration=5), Task("B", duration=5, finish_no_later_than=date(2025, 1, 14))]
    s = schedule(Network.of(tasks, [Link("A", "B")], honor_constraints=False), CAL, MON)
    b = s.task("B")
    assert b.finish == date(2025, 1, 17)
    assert b.late_finish == date(2025, 1, 14)
    assert b.total_float == -3
    assert b.critical
    assert b.finish_driver == Driver("finish_no_later_than")
    assert s.task("A").total_float == -3


def test_finish_no_later_than_honoured_pulls_the_task_back_and_breaks_the_link():
    s = run(
        [Task("A", duration=5), Task("B", duration=5, finish_no_later_than=date(2025, 1, 14))],
        [Link("A", "B")],
    )
    b = s.task("B")
    assert (b.start, b.finish) == (date(2025, 1, 8), date(2025, 1, 14))  # before A finishes
    assert b.start_driver == Driver("finish_no_later_than")
    assert b.total_float == 0
    assert s.task("A").total_float == -3  # A must finish 3 days sooner to keep the link


def test_bank_holidays_and_closures_push_dates():
    easter = run([Task("A", duration=3)], start=date(2025, 4, 17))
    assert easter.task("A").finish == date(2025, 4, 23)  # Thu 17, (Good Fri, Easter Mon), 22, 23
    shutdown = WorkingCalendar(closures=[date(2025, 12, 29), date(2025, 12, 30)])
    s = run([Task("A", duration=3)], start=date(2025, 12, 24), calendar=shutdown)
    # 24 Dec; 25, 26 bank holidays; 29, 30 closed; 31 Dec; 1 Jan bank holiday; 2 Jan
    assert s.task("A").finish == date(2026, 1, 2)


def test_a_task_on_its_own_calendar():
    fridays_off = WorkingCalendar(weekdays=(0, 1, 2, 3))
    s = run(
        [Task("A", duration=4), Task("B", duration=2, calendar=fridays_off), Task("C", duration=1)],
        [Link("A", "B"), Link("B", "C")],
    )
    assert s.task("B").start == date(2025, 1, 13)  # A finishes Thursday 9: B skips Friday
    assert s.task("B").finish == date(2025, 1, 14)
    assert s.task("C").start == date(2025, 1, 15)
    assert s.task("A").free_float == 1  # A may slip into Friday without moving B
    assert s.start == MON


def test_summary_tasks_roll_up_their_children():
    s = run(
        [
            Task("P", name="Phase"),
            Task("A", duration=2, parent="P"),
            Task("B", duration=3, parent="P"),
            Task("C", duration=10),
        ],
        [Link("A", "B")],
    )
    p = s.task("P")
    assert (p.start, p.finish) == (date(2025, 1, 6), date(2025, 1, 10))
    assert p.total_float == 5
    assert not p.critical
    assert p.start_driver == Driver("children")
    assert s.critical_path == ("C",)


def test_free_float_is_the_slack_before_the_next_task():
    s = run(
        [Task("A", duration=2), Task("B", duration=5), Task("C", duration=1)],
        [Link("A", "C"), Link("B", "C")],
    )
    assert s.task("A").free_float == 3
    assert s.task("A").total_float == 3
    assert s.task("C").start_driver == Driver("link", "B", LinkType.FS, 0.0)


def test_fractional_lags_move_by_hours():
    s = run([Task("A", duration=1), Task("B", duration=1)], [Link("A", "B", LinkType.FS, 0.5)])
    b = s.task("B")
    assert b.start == date(2025, 1, 7)
    assert b.finish == date(2025, 1, 8)
    assert b.early_start_position - s.task("A").early_finish_position == 0.5


def test_durations_can_be_overridden_for_simulation():
    cn = compile_network(
        Network.of([Task("A", duration=1), Task("B", duration=1)], [Link("A", "B")])
    )
    res = cpm.passes(cn, project_start=0.0, durations=np.array([4.0, 2.0]))
    assert res.project_finish == 6.0
    assert res.critical.tolist() == [True, True]


@st.composite
def fs_dags(draw):
    n = draw(st.integers(1, 25))
    durations = draw(st.lists(st.integers(0, 9), min_size=n, max_size=n))
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n))
    edges = sorted({(a, b) for a, b in pairs if a < b})
    lags = draw(st.lists(st.integers(0, 3), min_size=len(edges), max_size=len(edges)))
    return durations, edges, lags


@settings(max_examples=150, deadline=None)
@given(fs_dags())
def test_forward_pass_matches_a_longest_path_oracle(dag):
    durations, edges, lags = dag
    tasks = [Task(f"T{i}", duration=float(d)) for i, d in enumerate(durations)]
    links = [
        Link(f"T{a}", f"T{b}", LinkType.FS, float(g)) for (a, b), g in zip(edges, lags, strict=True)
    ]
    res = cpm.passes(compile_network(Network.of(tasks, links)), project_start=0.0)
    # oracle: early finish = longest path from a source through node weights and lags
    g = nx.DiGraph()
    g.add_node("src")
    for i, d in enumerate(durations):
        g.add_edge("src", i, weight=0.0)
        g.add_node(i, d=d)
    for (a, b), lag in zip(edges, lags, strict=True):
        g.add_edge(a, b, weight=float(lag))
    ef = {"src": 0.0}
    for v in nx.topological_sort(g):
        if v == "src":
            continue
        ef[v] = max(ef[u] + w["weight"] for u, _, w in g.in_edges(v, data=True)) + durations[v]
    assert res.ef.tolist() == [ef[i] for i in range(len(durations))]
    assert res.project_finish == max(ef[i] for i in range(len(durations)))
    assert (res.total_float >= -1e-9).all()


@settings(max_examples=60, deadline=None)
@given(fs_dags(), st.lists(st.sampled_from(list(LinkType)), min_size=75, max_size=75))
def test_vectorised_and_loop_passes_agree_for_every_link_type(dag, types):
    durations, edges, lags = dag
    tasks = [Task(f"T{i}", duration=float(d)) for i, d in enumerate(durations)]
    links = [
        Link(f"T{a}", f"T{b}", types[k], float(g) - 1)
        for k, ((a, b), g) in enumerate(zip(edges, lags, strict=True))
    ]
    cn = compile_network(Network.of(tasks, links))
    p0 = CAL.start_position(MON)
    fast = cpm.passes(cn, project_start=p0)
    slow = cpm._passes_loop(cn, CAL, [CAL] * cn.n_tasks, MON)
    for name in ("es", "ef", "ls", "lf", "total_float", "free_float"):
        assert np.allclose(getattr(fast, name), getattr(slow, name)), name
    assert fast.start_kind == slow.start_kind
