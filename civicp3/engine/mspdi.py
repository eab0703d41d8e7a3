"""Microsoft Project XML (MSPDI): read, write, and turn into a network to schedule.

:func:`read_mspdi` parses a file into plain dataclasses (:class:`MspdiProject`); :func:`write_mspdi`
writes them back in the schema's element order, so ``read(write(read(f))) == read(f)``.
:func:`to_network` converts a project for :func:`civicp3.engine.cpm.schedule`.

Units as MSPDI stores them, converted on reading:

- durations and work (``PT16H0M0S``) -> minutes of working time (float);
- ``TotalSlack``, ``FreeSlack``, ``LinkLag`` -> tenths of a minute (int, kept as stored);
  ``LagFormat`` 3 = minutes, 5 = hours, 7 = days, 9 = weeks, 11 = months, 19 = percent of the
  predecessor's duration (``LinkLag`` then holds the percentage); 32 more means "estimated";
  elapsed formats are not supported by :func:`to_network`;
- link ``Type`` 0 = FF, 1 = FS, 2 = SF, 3 = SS;
- costs (``Cost``, ``ActualCost``, ``FixedCost``, ``BCWS``, ``BCWP``, ``ACWP``) are stored in
  hundredths -> :class:`~decimal.Decimal` currency units (pounds); ``StandardRate`` per hour as
  stored.

Scheduling (:func:`to_network`): positions are working days of the project calendar's working
minutes (480 for 08:00-12:00, 13:00-17:00), so hour-level and percentage lags are fractions of a
day. A task with work assigned to work resources (and not fixed duration) lasts as long as its
longest assignment (work / units), as MS Project schedules it; when such a resource works to
a calendar with other working time than the task's, the file is refused naming the task and
"resource calendars". Manually scheduled tasks keep their start. All eight constraint types
are read (``ConstraintType`` codes), with the project's ``HonorConstraints`` option (on when
absent, as MS Project); a task calendar (``CalendarUID``) schedules that task on its own
calendar. Elapsed lags are refused, naming the task and the lag.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from lxml import etree

from civicp3.engine.calendars import WorkingCalendar
from civicp3.engine.network import Constraint, ConstraintType, Link, LinkType, Network, Task

__all__ = [
    "MspdiAssignment",
    "MspdiBaseline",
    "MspdiCalendar",
    "MspdiError",
    "MspdiException",
    "MspdiLink",
    "MspdiProject",
    "MspdiResource",
    "MspdiTask",
    "MspdiWeekDay",
    "ScheduleInput",
    "read_mspdi",
    "to_network",
    "write_mspdi",
]

NS = "http://schemas.microsoft.com/project"
_Q = "{" + NS + "}"

LINK_TYPES: dict[int, LinkType] = {0: LinkType.FF, 1: LinkType.FS, 2: LinkType.SF, 3: LinkType.SS}
ELAPSED_FORMATS = {4, 6, 8, 10, 12, 20}


class MspdiError(ValueError):
    """The file is not MSPDI we can read or schedule; the message names the task UID or tag."""


# -- value codecs ------------------------------------------------------------------------------
_DUR = re.compile(
    r"^(-)?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)


def _parse_duration(text: str) -> float:
    m = _DUR.match(text.strip())
    if not m:
        raise MspdiError(f"bad duration {text!r}")
    sign, d, h, mi, s = m.groups()
    minutes = float(d or 0) * 1440 + float(h or 0) * 60 + float(mi or 0) + float(s or 0) / 60
    return -minutes if sign else minutes


def _format_duration(minutes: float) -> str:
    sign = "-" if minutes < 0 else ""
    total = round(abs(minutes) * 60, 3)
    h, rest = divmod(total, 3600)
    mi, s = divmod(rest, 60)
    sec = f"{s:g}" if s != int(s) else str(int(s))
    return f"{sign}PT{int(h)}H{int(mi)}M{sec}S"


def _parse_dt(text: str) -> datetime:
    return datetime.fromisoformat(text.strip())


def _format_dt(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%S")


def _parse_money(text: str) -> Decimal:
    return Decimal(text.strip()) / 100


def _format_money(value: Decimal) -> str:
    return format((value * 100).normalize(), "f")


def _parse_bool(text: str) -> bool:
    return text.strip() in ("1", "true")


def _format_decimal(value: Decimal) -> str:
    return format(value, "f")


Codec = tuple[Callable[[str], Any], Callable[[Any], str]]
INT: Codec = (lambda s: int(s.strip()), str)
STR: Codec = (lambda s: s, str)
BOOL: Codec = (_parse_bool, lambda b: "1" if b else "0")
DT: Codec = (_parse_dt, _format_dt)
DUR: Codec = (_parse_duration, _format_duration)
MONEY: Codec = (_parse_money, _format_money)
DEC: Codec = (lambda s: Decimal(s.strip()), _format_decimal)
TIME: Codec = (lambda s: time.fromisoformat(s.strip()), lambda t: t.strftime("%H:%M:%S"))


# -- dataclasses -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MspdiLink:
    """A ``PredecessorLink``: ``link_lag`` in tenths of a minute (or percent, format 19)."""

    predecessor_uid: int
    type: int = 1
    link_lag: int = 0
    lag_format: int = 7


@dataclass(frozen=True, slots=True)
class MspdiBaseline:
    """A task or assignment baseline; durations and work in minutes, cost in pounds."""

    number: int
    start: datetime | None = None
    finish: datetime | None = None
    duration: float | None = None
    work: float | None = None
    cost: Decimal | None = None


@dataclass(frozen=True, slots=True)
class MspdiTask:
    """A task as stored. Dates are datetimes; ``duration``/``work`` minutes; slack tenths of a
    minute; money in pounds."""

    uid: int
    id: int | None = None
    name: str | None = None
    active: bool | None = None
    manual: bool | None = None
    type: int | None = None
    is_null: bool | None = None
    wbs: str | None = None
    outline_number: str | None = None
    outline_level: int | None = None
    start: datetime | None = None
    finish: datetime | None = None
    duration: float | None = None
    work: float | None = None
    recurring: bool | None = None
    milestone: bool | None = None
    summary: bool | None = None
    critical: bool | None = None
    early_start: datetime | None = None
    early_finish: datetime | None = None
    late_start: datetime | None = None
    late_finish: datetime | None = None
    free_slack: int | None = None
    total_slack: int | None = None
    fixed_cost: Decimal | None = None
    percent_complete: int | None = None
    percent_work_complete: int | None = None
    cost: Decimal | None = None
    actual_start: datetime | None = None
    actual_finish: datetime | None = None
    actual_duration: float | None = None
    actual_cost: Decimal | None = None
    remaining_duration: float | None = None
    acwp: Decimal | None = None
    constraint_type: int | None = None
    calendar_uid: int | None = None
    constraint_date: datetime | None = None
    deadline: datetime | None = None
    notes: str | None = None
    bcws: Decimal | None = None
    bcwp: Decimal | None = None
    physical_percent_complete: int | None = None
    predecessors: tuple[MspdiLink, ...] = ()
    baselines: tuple[MspdiBaseline, ...] = ()


@dataclass(frozen=True, slots=True)
class MspdiResource:
    """A resource. ``type`` 0 material, 1 work, 2 cost; ``standard_rate`` as stored (per hour
    for rate format 2); ``cost`` in pounds."""

    uid: int
    id: int | None = None
    name: str | None = None
    type: int | None = None
    initials: str | None = None
    max_units: Decimal | None = None
    standard_rate: Decimal | None = None
    standard_rate_format: int | None = None
    cost: Decimal | None = None
    cost_per_use: Decimal | None = None
    actual_cost: Decimal | None = None
    calendar_uid: int | None = None


@dataclass(frozen=True, slots=True)
class MspdiAssignment:
    """A resource assignment: work in minutes, costs in pounds, ``units`` 1 = 100%."""

    uid: int
    task_uid: int
    resource_uid: int
    percent_work_complete: int | None = None
    actual_cost: Decimal | None = None
    actual_start: datetime | None = None
    actual_work: float | None = None
    cost: Decimal | None = None
    finish: datetime | None = None
    start: datetime | None = None
    units: Decimal | None = None
    work: float | None = None
    baselines: tuple[MspdiBaseline, ...] = ()


@dataclass(frozen=True, slots=True)
class MspdiWeekDay:
    """``day_type`` 1 = Sunday .. 7 = Saturday; ``periods`` are working clock ranges."""

    day_type: int
    working: bool
    periods: tuple[tuple[time, time], ...] = ()


@dataclass(frozen=True, slots=True)
class MspdiException:
    """A calendar exception from ``start`` to ``finish`` dates (inclusive)."""

    start: date
    finish: date
    working: bool
    name: str | None = None
    periods: tuple[tuple[time, time], ...] = ()


@dataclass(frozen=True, slots=True)
class MspdiCalendar:
    uid: int
    name: str | None = None
    is_base: bool | None = None
    base_uid: int | None = None
    weekdays: tuple[MspdiWeekDay, ...] = ()
    exceptions: tuple[MspdiException, ...] = ()


@dataclass(frozen=True, slots=True)
class MspdiProject:
    """A whole MSPDI file (the parts Civic P3 uses). ``tasks`` include the project summary
    task (UID 0) when the file has one."""

    name: str | None = None
    title: str | None = None
    schedule_from_start: bool | None = None
    start_date: datetime | None = None
    finish_date: datetime | None = None
    critical_slack_limit: int | None = None
    currency_code: str | None = None
    calendar_uid: int | None = None
    default_start_time: time | None = None
    minutes_per_day: int | None = None
    minutes_per_week: int | None = None
    days_per_month: int | None = None
    honor_constraints: bool | None = None
    status_date: datetime | None = None
    current_date: datetime | None = None
    calendars: tuple[MspdiCalendar, ...] = ()
    tasks: tuple[MspdiTask, ...] = ()
    resources: tuple[MspdiResource, ...] = ()
    assignments: tuple[MspdiAssignment, ...] = ()

    def task(self, uid: int) -> MspdiTask:
        for t in self.tasks:
            if t.uid == uid:
                return t
        raise KeyError(uid)


# (tag, attribute, codec) in MSPDI schema order
PROJECT_FIELDS: list[tuple[str, str, Codec]] = [
    ("Name", "name", STR),
    ("Title", "title", STR),
    ("ScheduleFromStart", "schedule_from_start", BOOL),
    ("StartDate", "start_date", DT),
    ("FinishDate", "finish_date", DT),
    ("CriticalSlackLimit", "critical_slack_limit", INT),
    ("CurrencyCode", "currency_code", STR),
    ("CalendarUID", "calendar_uid", INT),
    ("DefaultStartTime", "default_start_time", TIME),
    ("MinutesPerDay", "minutes_per_day", INT),
    ("MinutesPerWeek", "minutes_per_week", INT),
    ("DaysPerMonth", "days_per_month", INT),
    ("HonorConstraints", "honor_constraints", BOOL),
    ("StatusDate", "status_date", DT),
    ("CurrentDate", "current_date", DT),
]
TASK_FIELDS: list[tuple[str, str, Codec]] = [
    ("UID", "uid", INT),
    ("ID", "id", INT),
    ("Name", "name", STR),
    ("Active", "active", BOOL),
    ("Manual", "manual", BOOL),
    ("Type", "type", INT),
    ("IsNull", "is_null", BOOL),
    ("WBS", "wbs", STR),
    ("OutlineNumber", "outline_number", STR),
    ("OutlineLevel", "outline_level", INT),
    ("Start", "start", DT),
    ("Finish", "finish", DT),
    ("Duration", "duration", DUR),
    ("Work", "work", DUR),
    ("Recurring", "recurring", BOOL),
    ("Milestone", "milestone", BOOL),
    ("Summary", "summary", BOOL),
    ("Critical", "critical", BOOL),
    ("EarlyStart", "early_start", DT),
    ("EarlyFinish", "early_finish", DT),
    ("LateStart", "late_start", DT),
    ("LateFinish", "late_finish", DT),
    ("FreeSlack", "free_slack", INT),
    ("TotalSlack", "total_slack", INT),
    ("FixedCost", "fixed_cost", MONEY),
    ("PercentComplete", "percent_complete", INT),
    ("PercentWorkComplete", "percent_work_complete", INT),
    ("Cost", "cost", MONEY),
    ("ActualStart", "actual_start", DT),
    ("ActualFinish", "actual_finish", DT),
    ("ActualDuration", "actual_duration", DUR),
    ("ActualCost", "actual_cost", MONEY),
    ("RemainingDuration", "remaining_duration", DUR),
    ("ACWP", "acwp", MONEY),
    ("ConstraintType", "constraint_type", INT),
    ("CalendarUID", "calendar_uid", INT),
    ("ConstraintDate", "constraint_date", DT),
    ("Deadline", "deadline", DT),
    ("Notes", "notes", STR),
    ("BCWS", "bcws", MONEY),
    ("BCWP", "bcwp", MONEY),
    ("PhysicalPercentComplete", "physical_percent_complete", INT),
]
LINK_FIELDS: list[tuple[str, str, Codec]] = [
    ("PredecessorUID", "predecessor_uid", INT),
    ("Type", "type", INT),
    ("LinkLag", "link_lag", INT),
    ("LagFormat", "lag_format", INT),
]
BASELINE_FIELDS: list[tuple[str, str, Codec]] = [
    ("Number", "number", INT),
    ("Start", "start", DT),
    ("Finish", "finish", DT),
    ("Duration", "duration", DUR),
    ("Work", "work", DUR),
    ("Cost", "cost", MONEY),
]
RESOURCE_FIELDS: list[tuple[str, str, Codec]] = [
    ("UID", "uid", INT),
    ("ID", "id", INT),
    ("Name", "name", STR),
    ("Type", "type", INT),
    ("Initials", "initials", STR),
    ("MaxUnits", "max_units", DEC),
    ("StandardRate", "standard_rate", DEC),
    ("StandardRateFormat", "standard_rate_format", INT),
    ("Cost", "cost", MONEY),
    ("CostPerUse", "cost_per_use", MONEY),
    ("ActualCost", "actual_cost", MONEY),
    ("CalendarUID", "calendar_uid", INT),
]
ASSIGNMENT_FIELDS: list[tuple[str, str, Codec]] = [
    ("UID", "uid", INT),
    ("TaskUID", "task_uid", INT),
    ("ResourceUID", "resource_uid", INT),
    ("PercentWorkComplete", "percent_work_complete", INT),
    ("ActualCost", "actual_cost", MONEY),
    ("ActualStart", "actual_start", DT),
    ("ActualWork", "actual_work", DUR),
    ("Cost", "cost", MONEY),
    ("Finish", "finish", DT),
    ("Start", "start", DT),
    ("Units", "units", DEC),
    ("Work", "work", DUR),
]


# -- reading ---------------------------------------------------------------------------------
def _read_fields(
    el: etree._Element, spec: list[tuple[str, str, Codec]], where: str
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for tag, attr, (parse, _) in spec:
        child = el.find(_Q + tag)
        if child is not None and child.text is not None and child.text.strip() != "":
            try:
                out[attr] = parse(child.text)
            except (ValueError, ArithmeticError) as exc:
                raise MspdiError(f"{where}: bad {tag} {child.text!r}") from exc
    return out


def _periods(el: etree._Element) -> tuple[tuple[time, time], ...]:
    out = []
    for wt in el.findall(f"{_Q}WorkingTimes/{_Q}WorkingTime"):
        a, b = wt.findtext(_Q + "FromTime"), wt.findtext(_Q + "ToTime")
        if a and b:
            out.append((time.fromisoformat(a), time.fromisoformat(b)))
    return tuple(out)


def _read_calendar(el: etree._Element) -> MspdiCalendar:
    uid = int(el.findtext(_Q + "UID") or "0")
    weekdays: list[MspdiWeekDay] = []
    exceptions: list[MspdiException] = []
    for wd in el.findall(f"{_Q}WeekDays/{_Q}WeekDay"):
        day_type = int(wd.findtext(_Q + "DayType") or "0")
        working = (wd.findtext(_Q + "DayWorking") or "0").strip() == "1"
        if day_type == 0:  # an exception in the pre-2007 form
            tp = wd.find(_Q + "TimePeriod")
            if tp is not None:
                exceptions.append(
                    MspdiException(
                        start=_parse_dt(tp.findtext(_Q + "FromDate") or "").date(),
                        finish=_parse_dt(tp.findtext(_Q + "ToDate") or "").date(),
                        working=working,
                        periods=_periods(wd),
                    )
                )
            continue
        weekdays.append(MspdiWeekDay(day_type, working, _periods(wd)))
    for ex in el.findall(f"{_Q}Exceptions/{_Q}Exception"):
        tp = ex.find(_Q + "TimePeriod")
        if tp is None:
            raise MspdiError(f"calendar {uid}: exception without a TimePeriod")
        exceptions.append(
            MspdiException(
                start=_parse_dt(tp.findtext(_Q + "FromDate") or "").date(),
                finish=_parse_dt(tp.findtext(_Q + "ToDate") or "").date(),
                working=(ex.findtext(_Q + "DayWorking") or "0").strip() == "1",
                name=ex.findtext(_Q + "Name"),
                periods=_periods(ex),
            )
        )
    base = el.findtext(_Q + "BaseCalendarUID")
    is_base = el.findtext(_Q + "IsBaseCalendar")
    return MspdiCalendar(
        uid=uid,
        name=el.findtext(_Q + "Name"),
        is_base=None if is_base is None else _parse_bool(is_base),
        base_uid=None if base is None else int(base),
        weekdays=tuple(weekdays),
        exceptions=tuple(exceptions),
    )


def read_mspdi(source: bytes | str | Path) -> MspdiProject:
    """Parse MSPDI XML from bytes, or from a file path (``str`` or ``Path``)."""
    try:
        if isinstance(source, bytes):
            root = etree.fromstring(source, parser=etree.XMLParser(resolve_entities=False))
        else:
            root = etree.parse(
                str(source), parser=etree.XMLParser(resolve_entities=False)
            ).getroot()
    except etree.XMLSyntaxError as exc:
        raise MspdiError(f"not XML: {exc}") from exc
    if root.tag != _Q + "Project":
        raise MspdiError("not MSPDI: the root element is not a Microsoft Project <Project>")
    head = _read_fields(root, PROJECT_FIELDS, "Project")
    tasks = []
    for el in root.findall(f"{_Q}Tasks/{_Q}Task"):
        where = f"task UID {el.findtext(_Q + 'UID')}"
        values = _read_fields(el, TASK_FIELDS, where)
        if "uid" not in values:
            raise MspdiError("a task has no UID")
        values["predecessors"] = tuple(
            MspdiLink(**_read_fields(p, LINK_FIELDS, where))
            for p in el.findall(_Q + "PredecessorLink")
        )
        values["baselines"] = tuple(
            MspdiBaseline(**_read_fields(b, BASELINE_FIELDS, where))
            for b in el.findall(_Q + "Baseline")
        )
        tasks.append(MspdiTask(**values))
    resources = [
        MspdiResource(**_read_fields(el, RESOURCE_FIELDS, "resource"))
        for el in root.findall(f"{_Q}Resources/{_Q}Resource")
    ]
    assignments = []
    for el in root.findall(f"{_Q}Assignments/{_Q}Assignment"):
        values = _read_fields(el, ASSIGNMENT_FIELDS, "assignment")
        values["baselines"] = tuple(
            MspdiBaseline(**_read_fields(b, BASELINE_FIELDS, "assignment"))
            for b in el.findall(_Q + "Baseline")
        )
        assignments.append(MspdiAssignment(**values))
    calendars = [_read_calendar(el) for el in root.findall(f"{_Q}Calendars/{_Q}Calendar")]
    return MspdiProject(
        **head,
        calendars=tuple(calendars),
        tasks=tuple(tasks),
        resources=tuple(resources),
        assignments=tuple(assignments),
    )


# -- writing ---------------------------------------------------------------------------------
def _write_fields(parent: etree._Element, obj: object, spec: list[tuple[str, str, Codec]]) -> None:
    for tag, attr, (_, fmt) in spec:
        value = getattr(obj, attr)
        if value is not None:
            etree.SubElement(parent, _Q + tag).text = fmt(value)


def _write_periods(parent: etree._Element, periods: Sequence[tuple[time, time]]) -> None:
    if not periods:
        return
    wts = etree.SubElement(parent, _Q + "WorkingTimes")
    for a, b in periods:
        wt = etree.SubElement(wts, _Q + "WorkingTime")
        etree.SubElement(wt, _Q + "FromTime").text = TIME[1](a)
        etree.SubElement(wt, _Q + "ToTime").text = TIME[1](b)


def write_mspdi(project: MspdiProject) -> bytes:
    """Serialise ``project`` as MSPDI XML (UTF-8 bytes), elements in schema order."""
    root = etree.Element(_Q + "Project", nsmap={None: NS})  # type: ignore[dict-item]
    head = PROJECT_FIELDS
    _write_fields(root, project, head)
    cals = etree.SubElement(root, _Q + "Calendars")
    for c in project.calendars:
        el = etree.SubElement(cals, _Q + "Calendar")
        etree.SubElement(el, _Q + "UID").text = str(c.uid)
        if c.name is not None:
            etree.SubElement(el, _Q + "Name").text = c.name
        if c.is_base is not None:
            etree.SubElement(el, _Q + "IsBaseCalendar").text = BOOL[1](c.is_base)
        if c.base_uid is not None:
            etree.SubElement(el, _Q + "BaseCalendarUID").text = str(c.base_uid)
        if c.weekdays:
            wds = etree.SubElement(el, _Q + "WeekDays")
            for wd in c.weekdays:
                w = etree.SubElement(wds, _Q + "WeekDay")
                etree.SubElement(w, _Q + "DayType").text = str(wd.day_type)
                etree.SubElement(w, _Q + "DayWorking").text = BOOL[1](wd.working)
                _write_periods(w, wd.periods)
        if c.exceptions:
            exs = etree.SubElement(el, _Q + "Exceptions")
            for ex in c.exceptions:
                e = etree.SubElement(exs, _Q + "Exception")
                etree.SubElement(e, _Q + "EnteredByOccurrences").text = "0"
                tp = etree.SubElement(e, _Q + "TimePeriod")
                etree.SubElement(tp, _Q + "FromDate").text = f"{ex.start.isoformat()}T00:00:00"
                etree.SubElement(tp, _Q + "ToDate").text = f"{ex.finish.isoformat()}T23:59:00"
                etree.SubElement(e, _Q + "Occurrences").text = "1"
                if ex.name is not None:
                    etree.SubElement(e, _Q + "Name").text = ex.name
                etree.SubElement(e, _Q + "Type").text = "1"
                etree.SubElement(e, _Q + "DayWorking").text = BOOL[1](ex.working)
                _write_periods(e, ex.periods)
    tasks = etree.SubElement(root, _Q + "Tasks")
    for t in project.tasks:
        el = etree.SubElement(tasks, _Q + "Task")
        _write_fields(el, t, TASK_FIELDS)
        for link in t.predecessors:
            _write_fields(etree.SubElement(el, _Q + "PredecessorLink"), link, LINK_FIELDS)
        for b in t.baselines:
            _write_fields(etree.SubElement(el, _Q + "Baseline"), b, BASELINE_FIELDS)
    resources = etree.SubElement(root, _Q + "Resources")
    for r in project.resources:
        _write_fields(etree.SubElement(resources, _Q + "Resource"), r, RESOURCE_FIELDS)
    assignments = etree.SubElement(root, _Q + "Assignments")
    for a in project.assignments:
        el = etree.SubElement(assignments, _Q + "Assignment")
        _write_fields(el, a, ASSIGNMENT_FIELDS)
        for b in a.baselines:
            _write_fields(etree.SubElement(el, _Q + "Baseline"), b, BASELINE_FIELDS)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out


# -- scheduling ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ScheduleInput:
    """What :func:`to_network` gives :func:`civicp3.engine.cpm.schedule`. Task ids are UIDs as
    strings; ``minutes_per_day`` converts MSPDI minutes to working days."""

    network: Network
    calendar: WorkingCalendar
    start: datetime
    minutes_per_day: float
    task_uids: tuple[int, ...] = field(default=())


def _working_calendar(project: MspdiProject, uid: int, start: datetime) -> WorkingCalendar:
    by_uid = {c.uid: c for c in project.calendars}
    if uid not in by_uid:
        raise MspdiError(f"calendar UID {uid} is not in the file")
    chain: list[MspdiCalendar] = []
    cal: MspdiCalendar | None = by_uid[uid]
    while cal is not None and len(chain) < 10:
        chain.append(cal)
        cal = by_uid.get(cal.base_uid) if cal.base_uid is not None else None
    weekdays: dict[int, MspdiWeekDay] = {}
    for c in reversed(chain):  # base first, derived calendars override
        weekdays.update({wd.day_type: wd for wd in c.weekdays})
    working = sorted((wd.day_type - 2) % 7 for wd in weekdays.values() if wd.working)
    periods = next((wd.periods for wd in weekdays.values() if wd.working and wd.periods), ())
    if not working or not periods:
        raise MspdiError(f"calendar UID {uid} has no working time")
    spans = {wd.periods for wd in weekdays.values() if wd.working}
    if len(spans) > 1:
        raise MspdiError(f"calendar UID {uid}: working hours differ between weekdays")
    closures: list[date] = []
    extra: list[date] = []
    for c in reversed(chain):
        for ex in c.exceptions:
            days = [ex.start + timedelta(days=k) for k in range((ex.finish - ex.start).days + 1)]
            (extra if ex.working else closures).extend(days)
    minutes = sum(
        (datetime.combine(date.min, b) - datetime.combine(date.min, a)).seconds / 60
        if b != time(0)
        else 1440 - a.hour * 60 - a.minute
        for a, b in periods
    )
    return WorkingCalendar(
        hours_per_day=minutes / 60,
        weekdays=working,
        holidays=None,
        closures=closures,
        working_days=extra,
        day_periods=periods,
        first=date(start.year - 10, 1, 1),
        last=date(start.year + 30, 12, 31),
        name=chain[0].name or f"calendar {uid}",
    )


def _resource_calendar_differs(
    project: MspdiProject,
    resource: MspdiResource,
    task_calendar: WorkingCalendar,
    cache: dict[int, WorkingCalendar],
) -> bool:
    """Whether a resource's own calendar has other working time than the task's (names
    aside: a resource calendar based on the task's, with no exceptions, is the same)."""
    uid = resource.calendar_uid
    if uid is None or uid == -1 or project.start_date is None:
        return False
    if uid not in {c.uid for c in project.calendars}:
        return False
    if uid not in cache:
        try:
            cache[uid] = _working_calendar(project, uid, project.start_date)
        except MspdiError:
            return True  # working time the engine cannot represent
    return cache[uid] != task_calendar


def to_network(project: MspdiProject, *, manual_as_automatic: bool = False) -> ScheduleInput:
    """Convert a project to a network on its project calendar (see module docstring).

    ``manual_as_automatic`` schedules manually scheduled tasks from their links instead.

    Skips the project summary task (outline level 0), null and inactive tasks. Parents come from
    outline levels. Raises :class:`MspdiError` naming the task UID for what it cannot schedule.
    """
    if project.start_date is None:
        raise MspdiError("the project has no StartDate")
    if project.schedule_from_start is False:
        raise MspdiError("projects scheduled from their finish date are not supported")
    cal = _working_calendar(project, project.calendar_uid or 1, project.start_date)
    mpd = cal.hours_per_day * 60
    resources = {r.uid: r for r in project.resources}
    work_minutes: dict[int, float] = {}
    driving: dict[int, list[int]] = {}
    for a in project.assignments:
        r = resources.get(a.resource_uid)
        if r is None or r.type != 1 or not a.units or not a.work:
            continue
        span = a.work / float(a.units)
        longest = work_minutes.get(a.task_uid, 0.0)
        if span > longest + 1e-9:
            driving[a.task_uid] = []
        if span > longest - 1e-9:
            driving.setdefault(a.task_uid, []).append(r.uid)
        work_minutes[a.task_uid] = max(longest, span)
    calendars: dict[int, WorkingCalendar] = {}

    kept = [
        t
        for t in project.tasks
        if (t.outline_level or 0) > 0 and not t.is_null and t.active is not False
    ]
    by_uid = {t.uid: t for t in kept}
    stack: list[MspdiTask] = []
    parents: dict[int, int | None] = {}
    for t in kept:
        level = t.outline_level or 1
        while stack and (stack[-1].outline_level or 1) >= level:
            stack.pop()
        parents[t.uid] = stack[-1].uid if stack else None
        if t.summary:
            stack.append(t)

    tasks: list[Task] = []
    links: list[Link] = []
    for t in kept:
        where = f"task UID {t.uid} ({t.name})"
        task_cal = None
        if t.calendar_uid not in (None, -1, project.calendar_uid) and not t.summary:
            task_cal = calendars.get(t.calendar_uid)
            if task_cal is None:
                task_cal = calendars[t.calendar_uid] = _working_calendar(
                    project, t.calendar_uid, project.start_date
                )
        minutes = t.duration or 0.0
        if t.type != 1 and t.uid in work_minutes:
            minutes = work_minutes[t.uid]
            setters = [resources[u] for u in driving.get(t.uid, ())]
            if setters and all(
                _resource_calendar_differs(project, r, task_cal or cal, calendars) for r in setters
            ):
                raise MspdiError(
                    f"{where}: resource calendars are not supported: resource "
                    f"{setters[0].name or setters[0].uid!r} works to its own calendar and its "
                    "work sets the task's duration"
                )
        ct = t.constraint_type or 0
        if ct not in ConstraintType.__members__.values():
            raise MspdiError(f"{where}: unknown constraint type {ct}")
        ctype = ConstraintType(ct)
        constraint = None
        if ctype != ConstraintType.ASAP and not t.summary:
            if ctype.dated and t.constraint_date is None:
                raise MspdiError(f"{where}: a {ctype.label!r} constraint without a date")
            constraint = Constraint(ctype, t.constraint_date if ctype.dated else None)
        # the two the app (and the Monte Carlo engine) keep as fields of their own
        snet = constraint.on if constraint and ctype == ConstraintType.SNET else None
        fnlt = constraint.on if constraint and ctype == ConstraintType.FNLT else None
        if snet is not None or fnlt is not None:
            constraint = None
        tasks.append(
            Task(
                id=str(t.uid),
                name=t.name or "",
                duration=0.0 if t.summary else minutes / mpd,
                parent=None if parents[t.uid] is None else str(parents[t.uid]),
                start_no_earlier_than=snet,
                finish_no_later_than=fnlt,
                constraint=constraint,
                calendar=task_cal,
                cost=t.cost,
                manual_start=(
                    t.start if t.manual and not t.summary and not manual_as_automatic else None
                ),
            )
        )
        for p in t.predecessors:
            pred = by_uid.get(p.predecessor_uid)
            if pred is None:
                raise MspdiError(f"{where}: predecessor UID {p.predecessor_uid} is not a task")
            if p.type not in LINK_TYPES:
                raise MspdiError(f"{where}: unknown link type {p.type}")
            fmt = p.lag_format - 32 if p.lag_format >= 32 else p.lag_format
            if fmt in ELAPSED_FORMATS:
                raise MspdiError(
                    f"{where}: elapsed lags (lag format {p.lag_format}, e.g. '2 edays' from "
                    f"predecessor UID {p.predecessor_uid}) are not supported"
                )
            if fmt == 19:
                lag = p.link_lag / 100 * (pred.duration or 0.0) / mpd
            else:
                lag = p.link_lag / 10 / mpd
            links.append(Link(str(pred.uid), str(t.uid), LINK_TYPES[p.type], lag))
    honor = project.honor_constraints is not False
    return ScheduleInput(
        network=Network(tuple(tasks), tuple(links), honor_constraints=honor),
        calendar=cal,
        start=project.start_date,
        minutes_per_day=mpd,
        task_uids=tuple(t.uid for t in kept),
    )
