"""MSPDI: read, write, round-trip, and schedules that match what MS Project saved.

Reference files (see /work/shared/reference/README.md) were saved by MS Project itself; each
task's Start, Finish, TotalSlack and Critical flag is compared with the engine's schedule, in
working time (MS Project may show one instant as 17:00 or as 08:00 the next working day).
"""

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicp3.engine.cpm import Driver, schedule
from civicp3.engine.mspdi import (
    MspdiAssignment,
    MspdiBaseline,
    MspdiCalendar,
    MspdiError,
    MspdiException,
    MspdiLink,
    MspdiProject,
    MspdiResource,
    MspdiTask,
    MspdiWeekDay,
    read_mspdi,
    to_network,
    write_mspdi,
)
from civicp3.engine.network import LinkType

REF = Path(__file__).resolve().parents[3] / "shared" / "reference" / "mspdi"
if not REF.is_dir():  # CI clones main with shared/ beside it
    REF = Path("/work/shared/reference/mspdi")
FILES = sorted(p.name for p in REF.glob("*.xml"))
# Out of scope, by (file, task UID, field): the task is 50% done and its finish comes from a
# contoured (WorkContour 8) assignment with overtime and actual work, which spreads 14 h of
# duration over 30 working hours; the engine does not model contours, overtime or progress.
OUT_OF_SCOPE = {("officeimo_Project2024Advanced_progress.xml", 1, "finish")}


def scheduled(name, **kwargs):
    project = read_mspdi(REF / name)
    si = to_network(project, **kwargs)
    return project, si, schedule(si.network, si.calendar, si.start)


def test_all_reference_files_are_present():
    assert len(FILES) == 5


@pytest.mark.parametrize("name", FILES)
def test_schedule_matches_what_ms_project_saved(name):
    project, si, s = scheduled(name)
    cal = si.calendar
    mismatches = []
    for uid in si.task_uids:
        saved, ours = project.task(uid), s.task(str(uid))
        checks = {
            "start": (cal.start_position(saved.start), ours.early_start_position),
            "finish": (cal.finish_position(saved.finish), ours.early_finish_position),
            "total_slack": (saved.total_slack / 10 / si.minutes_per_day, ours.total_float),
            "critical": (float(saved.critical), float(ours.critical)),
        }
        for what, (theirs, mine) in checks.items():
            if (name, uid, what) in OUT_OF_SCOPE:
                continue
            if abs(theirs - mine) > 1e-6:
                mismatches.append((uid, saved.name, what, theirs, mine))
    assert mismatches == []
    assert len(si.task_uids) >= 1


def test_the_progress_file_finish_is_out_of_scope_for_a_stated_reason():
    project, si, s = scheduled("officeimo_Project2024Advanced_progress.xml")
    saved = project.task(1)
    assert saved.duration == 14 * 60  # 14 h of duration ...
    span = si.calendar.finish_position(saved.finish) - si.calendar.start_position(saved.start)
    assert span * 8 == 30  # ... that MS Project spread over 30 working hours by the contour
    # the engine schedules the assignment's 16 h of work at 100% units: two 8-hour days
    ours = s.task("1")
    assert ours.early_finish_position - ours.early_start_position == 2.0
    assert ours.start == saved.start.date()
    assert ours.total_float == 0
    assert ours.critical


def test_hour_and_percent_lags_become_fractions_of_a_day():
    _, si, s = scheduled("officeimo_Project2024_relationships.xml")
    lags = {(link.src, link.dst): link.lag for link in si.network.links}
    assert lags[("2", "5")] == 0.25  # +2 h on an 8-hour day
    assert lags[("2", "10")] == 1.5  # 50% of Design's 3 days
    assert lags[("2", "9")] == -1.0  # a one-day lead
    assert s.task("10").start_driver == Driver("link", "2", LinkType.FS, 1.5)
    assert si.calendar.start_datetime(s.task("10").early_start_position) == datetime(
        2026, 10, 9, 13
    )
    assert si.calendar.start_datetime(s.task("8").early_start_position) == datetime(2026, 10, 2, 10)


def test_manually_scheduled_tasks_also_match_when_scheduled_from_their_links():
    project, si, s = scheduled("mpxj_task-links-project2019-mspdi.xml", manual_as_automatic=True)
    for uid in si.task_uids:
        saved = project.task(uid)
        assert s.task(str(uid)).early_start_position == si.calendar.start_position(saved.start)
    # MS Project gives a manual SS/SF predecessor its successor's late finish; automatic
    # scheduling uses the link instead, so those two tasks get less float.
    assert s.task("11").total_float == 10
    assert s.task("13").total_float == 9


def test_recurring_task_occurrences_schedule_from_their_constraints():
    _, _, s = scheduled("mpxj_sample.xml")
    assert s.task("7").start_driver == Driver("start_no_earlier_than")
    assert s.task("7").start == date(2003, 2, 3)  # constraint on Saturday 1 February


@pytest.mark.parametrize("name", FILES)
def test_writing_and_reading_again_loses_nothing(name):
    project = read_mspdi(REF / name)
    again = read_mspdi(write_mspdi(project))
    assert again == project
    assert write_mspdi(again) == write_mspdi(project)


def test_it_reads_baselines_progress_costs_and_assignments():
    project = read_mspdi(REF / "officeimo_Project2024Advanced_progress.xml")
    task = project.task(1)
    assert task.percent_complete == 50
    assert task.actual_start == datetime(2026, 10, 5, 8)
    assert (task.bcws, task.bcwp, task.acwp) == (Decimal("1725"), Decimal("875"), Decimal("875"))
    assert task.baselines[0].cost == Decimal("1725")
    assert task.baselines[0].finish == datetime(2026, 10, 6, 15)
    assert project.status_date == datetime(2026, 10, 7, 8)
    assignment = next(a for a in project.assignments if a.task_uid == 1)
    assert assignment.cost == Decimal("1725")
    assert assignment.work == 16 * 60
    assert {r.name for r in project.resources} >= {"Engineer"}


def test_it_reads_outline_summary_and_links():
    project = read_mspdi(REF / "mpxj_sample.xml")
    assert project.task(2).outline_number == "1.1"
    assert project.task(2).outline_level == 2
    assert project.task(1).summary is True
    assert project.task(12).predecessors == (MspdiLink(11, 1, 4800, 7),)
    _, si, _ = scheduled("mpxj_sample.xml")
    parents = {t.id: t.parent for t in si.network.tasks}
    assert parents["2"] == "1"
    assert parents["9"] == "19"
    assert parents["1"] is None


def _tiny(exceptions=()):
    hours = ((time(8), time(12)), (time(13), time(17)))
    days = tuple(MspdiWeekDay(d, 2 <= d <= 6, hours if 2 <= d <= 6 else ()) for d in range(1, 8))
    return MspdiProject(
        name="tiny",
        start_date=datetime(2025, 12, 22, 8),
        calendar_uid=1,
        minutes_per_day=480,
        calendars=(MspdiCalendar(1, "Standard", True, -1, days, tuple(exceptions)),),
        tasks=(
            MspdiTask(0, outline_level=0, summary=True),
            MspdiTask(1, name="A", outline_level=1, duration=5 * 480),
            MspdiTask(2, name="B", outline_level=1, duration=480, predecessors=(MspdiLink(1),)),
        ),
    )


def test_calendar_exceptions_round_trip_and_move_the_schedule():
    shutdown = MspdiException(date(2025, 12, 24), date(2025, 12, 31), False, "Christmas")
    project = _tiny([shutdown])
    again = read_mspdi(write_mspdi(project))
    assert again.calendars[0].exceptions == (shutdown,)
    si = to_network(again)
    s = schedule(si.network, si.calendar, si.start)
    assert s.task("1").finish == date(2026, 1, 5)  # 22, 23, (shutdown), 1, 2, 5 Jan
    assert s.task("2").start == date(2026, 1, 6)


def test_it_refuses_what_it_cannot_schedule():
    project = _tiny()
    bad_lag = replace(project.tasks[2], predecessors=(MspdiLink(1, 1, 4800, 8),))
    with pytest.raises(MspdiError, match=r"task UID 2 .*elapsed"):
        to_network(replace(project, tasks=(*project.tasks[:2], bad_lag)))
    with pytest.raises(MspdiError, match="not MSPDI"):
        read_mspdi(b"<Plan/>")
    undated = replace(project.tasks[1], constraint_type=2)
    with pytest.raises(MspdiError, match=r"task UID 1 \(A\): a 'must start on' constraint"):
        to_network(replace(project, tasks=(project.tasks[0], undated, project.tasks[2])))


def test_every_constraint_type_and_the_honour_option_come_in():
    project = _tiny()
    tue = datetime(2025, 12, 23, 17)
    for code in range(8):
        b = replace(project.tasks[2], constraint_type=code, constraint_date=tue)
        si = to_network(replace(project, tasks=(*project.tasks[:2], b)))
        t = si.network.tasks[1]
        if code in (0, 4, 7):  # none, and the two kept as fields of their own
            assert t.constraint is None
            assert (code == 4) == (t.start_no_earlier_than == tue)
            assert (code == 7) == (t.finish_no_later_than == tue)
        else:
            assert t.constraint is not None
            assert int(t.constraint.type) == code
    fnlt = replace(project.tasks[2], constraint_type=7, constraint_date=tue)
    for honor, start in ((None, date(2025, 12, 23)), (False, date(2025, 12, 29))):
        p = replace(project, tasks=(*project.tasks[:2], fnlt), honor_constraints=honor)
        assert read_mspdi(write_mspdi(p)).honor_constraints == honor
        si = to_network(p)
        assert si.network.honor_constraints is (honor is not False)
        assert schedule(si.network, si.calendar, si.start).task("2").start == start


def test_a_task_calendar_schedules_that_task_and_a_driving_resource_calendar_is_refused():
    hours = ((time(8), time(12)), (time(13), time(17)))
    weekend = tuple(MspdiWeekDay(d, d in (1, 7), hours if d in (1, 7) else ()) for d in range(1, 8))
    project = _tiny()
    project = replace(
        project, calendars=(*project.calendars, MspdiCalendar(2, "Weekends", False, -1, weekend))
    )
    b = replace(project.tasks[2], calendar_uid=2)
    si = to_network(replace(project, tasks=(*project.tasks[:2], b)))
    s = schedule(si.network, si.calendar, si.start)
    assert s.task("2").start == date(2025, 12, 27)  # A ends Fri 26th; B works on Saturday
    worker = MspdiResource(7, name="Weekend crew", type=1, calendar_uid=2)
    job = MspdiAssignment(1, task_uid=2, resource_uid=7, units=Decimal(1), work=960.0)
    with pytest.raises(MspdiError, match=r"task UID 2 \(B\): resource calendars .*Weekend crew"):
        to_network(replace(project, resources=(worker,), assignments=(job,)))


@st.composite
def projects(draw: st.DrawFn) -> MspdiProject:
    hours = ((time(8), time(12)), (time(13), time(17)))
    days = tuple(MspdiWeekDay(d, 2 <= d <= 6, hours if 2 <= d <= 6 else ()) for d in range(1, 8))
    day = st.dates(date(2015, 1, 1), date(2040, 12, 31))
    exceptions = tuple(
        MspdiException(d, d + timedelta(days=k), w, n)
        for d, k, w, n in draw(
            st.lists(
                st.tuples(day, st.integers(0, 5), st.booleans(), st.sampled_from((None, "Closed")))
            )
        )
    )
    instant = st.datetimes(datetime(2015, 1, 1), datetime(2040, 1, 1)).map(
        lambda d: d.replace(second=0, microsecond=0)
    )
    n = draw(st.integers(1, 8))
    tasks = []
    for uid in range(1, n + 1):
        preds = (
            tuple(
                MspdiLink(p, draw(st.integers(0, 3)), draw(st.integers(-9600, 9600)), 7)
                for p in draw(st.lists(st.integers(1, uid - 1), unique=True))
                if uid > 1
            )
            if uid > 1
            else ()
        )
        tasks.append(
            MspdiTask(
                uid,
                id=uid,
                name=draw(st.text("abc XYZ&<>", max_size=12).filter(lambda s: s.strip() != "")),
                outline_level=1,
                duration=float(draw(st.integers(0, 20)) * 480),
                constraint_type=draw(st.integers(0, 7)),
                constraint_date=draw(instant),
                calendar_uid=draw(st.sampled_from((None, 1, 2))),
                percent_complete=draw(st.integers(0, 100)),
                start=draw(instant),
                predecessors=preds,
                baselines=(MspdiBaseline(0, start=draw(instant), duration=960.0),),
            )
        )
    return MspdiProject(
        name="random",
        start_date=draw(instant),
        calendar_uid=1,
        minutes_per_day=480,
        honor_constraints=draw(st.sampled_from((None, True, False))),
        calendars=(
            MspdiCalendar(1, "Standard", True, -1, days, exceptions),
            MspdiCalendar(2, "Task", False, 1, (), exceptions[:1]),
        ),
        tasks=tuple(tasks),
    )


@settings(max_examples=60, deadline=None)
@given(projects())
def test_random_projects_round_trip_tasks_links_calendars_and_constraints(project):
    again = read_mspdi(write_mspdi(project))
    assert again == project
    assert read_mspdi(write_mspdi(again)) == again
