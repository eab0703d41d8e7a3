"""The engine against an independent, day-by-day MS Project-rules scheduler on random plans.

Random plans have all four link types, leads and lags, milestones, summaries, all eight
constraint types (either honour option) and holidays; every task's early and late dates, total
slack and critical flag must agree (``tests/engine/ms_project_reference.py`` says the rules).
"""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from civicp3.engine.calendars import WorkingCalendar
from civicp3.engine.cpm import Driver, schedule
from civicp3.engine.network import Constraint, ConstraintType, Link, LinkType, Network, Task
from tests.engine.ms_project_reference import Reference, RLink, RTask

MON = date(2025, 1, 6)
TYPES = ("FS", "SS", "FF", "SF")
CONSTRAINTS = ("ASAP", "ALAP", "SNET", "SNLT", "FNET", "FNLT", "MSO", "MFO")


@st.composite
def plans(draw: st.DrawFn) -> Reference:
    n = draw(st.integers(2, 9))
    n_summary = draw(st.integers(0, 2))
    summaries = [f"S{k}" for k in range(n_summary)]
    tasks: list[RTask] = []
    for k, sid in enumerate(summaries):
        parent = summaries[k - 1] if k and draw(st.booleans()) else None
        tasks.append(RTask(sid, parent=parent))
    for i in range(n):
        c = draw(st.sampled_from((None, *CONSTRAINTS)))
        on = None
        if c not in (None, "ASAP", "ALAP"):
            on = MON + timedelta(days=draw(st.integers(-3, 40)))
        parent = draw(st.sampled_from((None, *summaries)))
        tasks.append(RTask(f"T{i}", draw(st.integers(0, 4)), parent, c, on))
    # every summary needs a child
    for sid in summaries:
        if not any(t.parent == sid for t in tasks):
            tasks.append(RTask(f"K{sid}", draw(st.integers(0, 3)), sid))
    leaves = [t.id for t in tasks if t.id not in summaries]
    links = []
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, len(leaves) - 1), st.integers(0, len(leaves) - 1)),
            max_size=14,
            unique=True,
        )
    )
    for a, b in pairs:
        if a < b:
            links.append(
                RLink(leaves[a], leaves[b], draw(st.sampled_from(TYPES)), draw(st.integers(-3, 3)))
            )
    closures = frozenset(
        MON + timedelta(days=d) for d in draw(st.lists(st.integers(-10, 60), max_size=8))
    )
    start = MON + timedelta(days=draw(st.integers(0, 6)))
    return Reference(start, closures, tasks, links, honor=draw(st.booleans()))


def engine_schedule(ref: Reference):  # type: ignore[no-untyped-def]
    cal = WorkingCalendar(
        holidays=None, closures=ref.closures, first=date(2020, 1, 1), last=date(2030, 12, 31)
    )
    tasks = [
        Task(
            t.id,
            duration=float(t.duration),
            parent=t.parent,
            constraint=None
            if t.constraint is None
            else Constraint(ConstraintType[t.constraint], t.on),
        )
        for t in ref.tasks
    ]
    links = [Link(lk.src, lk.dst, LinkType[lk.type], float(lk.lag)) for lk in ref.links]
    return schedule(Network.of(tasks, links, honor_constraints=ref.honor), cal, ref.start)


@settings(max_examples=300, deadline=None)
@given(plans())
def test_every_date_slack_and_flag_agrees_with_the_reference(ref: Reference) -> None:
    expected = ref.run()
    got = engine_schedule(ref)
    alap = {t.id for t in ref.tasks if t.constraint == "ALAP"}
    for tid, want in expected.items():
        t = got.task(tid)
        shown = (t.late_start, t.late_finish, t.total_float, t.critical)
        assert shown == (want.late_start, want.late_finish, want.total_slack, want.critical), tid
        if tid not in alap:  # as late as possible shows the task moved into its free float
            assert (t.start, t.finish) == (want.start, want.finish), tid


def test_a_milestone_after_a_milestone_is_never_shown_before_it():
    # M1 is at the start of Monday 13th (SS from B); M2 follows M1's finish: same instant
    tasks = [Task("A", duration=5), Task("B", duration=2), Task("M1"), Task("M2")]
    links = [Link("A", "B"), Link("B", "M1", LinkType.SS), Link("M1", "M2")]
    s = schedule(Network.of(tasks, links), WorkingCalendar(), MON)
    assert s.task("M1").start == date(2025, 1, 13)
    assert s.task("M2").start == date(2025, 1, 13)


def test_a_milestone_from_a_finish_sits_on_that_day_and_one_from_the_plan_start_on_it():
    tasks = [Task("A", duration=5), Task("M"), Task("Kick-off")]
    s = schedule(Network.of(tasks, [Link("A", "M")]), WorkingCalendar(), MON)
    assert s.task("M").start == date(2025, 1, 10)  # the end of Friday, as MS Project
    assert s.task("Kick-off").start == MON
    # FF from the plan start is the plan start, not the Friday before
    s = schedule(
        Network.of([Task("A", duration=1), Task("M")], [Link("A", "M", LinkType.SS)]),
        WorkingCalendar(),
        MON,
    )
    assert s.task("M").start == MON


def test_summary_total_slack_is_the_lesser_of_start_and_finish_slack():
    # S's children: A (1 day, driving C) and B (3 days, 2 days' slack)
    tasks = [
        Task("S"),
        Task("A", duration=1, parent="S"),
        Task("B", duration=3, parent="S"),
        Task("C", duration=4),
    ]
    links = [Link("A", "C")]
    s = schedule(Network.of(tasks, links), WorkingCalendar(), MON)
    # ES 0, EF 3 (B), LS 0 (A), LF 5 (B) -> min(0, 2) = 0, not LF - EF = 2
    assert s.task("S").total_float == 0
    assert s.task("B").total_float == 2


def test_must_start_on_fixes_the_start_and_names_its_driver():
    tasks = [
        Task("A", duration=5),
        Task("B", duration=2, constraint=Constraint(ConstraintType.MSO, date(2025, 1, 8))),
    ]
    s = schedule(Network.of(tasks, [Link("A", "B")]), WorkingCalendar(), MON)
    b = s.task("B")
    assert b.start == date(2025, 1, 8)
    assert b.start_driver == Driver("must_start_on")
    off = schedule(
        Network.of(tasks, [Link("A", "B")], honor_constraints=False), WorkingCalendar(), MON
    )
    assert off.task("B").start == date(2025, 1, 13)  # the link wins; float goes negative
    assert off.task("B").total_float == -3


def test_as_late_as_possible_takes_its_free_float():
    alap = Constraint(ConstraintType.ALAP)
    tasks = [Task("A", duration=5), Task("B", duration=1, constraint=alap), Task("C", duration=1)]
    s = schedule(Network.of(tasks, [Link("A", "C"), Link("B", "C")]), WorkingCalendar(), MON)
    assert (s.task("B").start, s.task("B").finish) == (date(2025, 1, 10), date(2025, 1, 10))
    assert s.task("C").start == date(2025, 1, 13)


def test_a_json_plan_carries_constraints_by_name_and_the_honour_option():
    import json

    import pytest

    from civicp3.engine.montecarlo import simulate
    from civicp3.engine.network import NetworkError
    from civicp3.engine.planfile import PlanError, load_plan, schedule_plan

    plan = {
        "start": "2025-01-06",
        "honor_constraints": False,
        "tasks": [
            {"id": "A", "duration": 5},
            {
                "id": "B",
                "duration": 2,
                "constraint": {"type": "must finish on", "date": "2025-01-09"},
            },
        ],
        "links": [{"from": "A", "to": "B"}],
    }
    loaded = load_plan(json.dumps(plan))
    assert loaded.network.honor_constraints is False
    assert schedule_plan(loaded).task("B").start == date(2025, 1, 13)  # the link wins
    plan["honor_constraints"] = True
    assert schedule_plan(load_plan(json.dumps(plan))).task("B").finish == date(2025, 1, 9)
    with pytest.raises(NetworkError, match="'must finish on' constraints"):
        simulate(load_plan(json.dumps(plan)).network, iterations=10, seed=1)
    plan["tasks"][1]["constraint"] = {"type": "must start soon"}
    with pytest.raises(PlanError, match=r"tasks\[1\] \(task B\)\.constraint\.type: must be one of"):
        load_plan(json.dumps(plan))
    plan["tasks"][1]["constraint"] = {"type": "SNLT"}
    with pytest.raises(PlanError, match='"start no later than" needs a date'):
        load_plan(json.dumps(plan))
