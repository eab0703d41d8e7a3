"""The JSON plan format (see ``docs/plan-format.md``): load, validate, and dump a schedule.

:func:`load_plan` checks every field and reports the first problem as a :class:`PlanError`
whose message starts with the JSON path (``tasks[2].duration``) and the task id where there is
one (``risks[0] (risk Late supplier).probability`` for a risk). Durations, lags and risk
delays are working days; ``cost`` is a money string in pounds (Decimal); ``hours_per_day`` is
hours; a risk's ``probability`` is a fraction 0..1 or a percentage string such as ``"30%"``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np

from civicp3.engine.calendars import HOLIDAY_REGIONS, CalendarError, WorkingCalendar
from civicp3.engine.cpm import Schedule, schedule
from civicp3.engine.montecarlo import RiskEvent, TaskCost
from civicp3.engine.network import (
    CONSTRAINT_LABELS,
    DISTRIBUTIONS,
    Constraint,
    ConstraintType,
    Estimate,
    Link,
    LinkType,
    Network,
    NetworkError,
    Task,
    compile_network,
)

__all__ = ["Plan", "PlanError", "dump_schedule", "load_plan", "plan_from_dict", "schedule_plan"]

TASK_KEYS = {
    "id",
    "name",
    "duration",
    "estimate",
    "cost",
    "parent",
    "start_no_earlier_than",
    "finish_no_later_than",
    "cost_basis",
    "constraint",
}
COST_BASES = ("fixed", "time")
RISK_KEYS = {"title", "probability", "delay_days", "cost", "tasks"}


class PlanError(ValueError):
    """A plan file is invalid. ``path`` is the JSON path of the bad value."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


@dataclass(frozen=True, slots=True)
class Plan:
    """A loaded plan: its name, start date, calendar and network; its risk events, and the
    ids of the tasks whose cost follows their duration (``cost_basis`` "time")."""

    name: str
    start: date
    calendar: WorkingCalendar
    network: Network
    risks: tuple[RiskEvent, ...] = ()
    time_costs: frozenset[str] = frozenset()

    def task_costs(self) -> dict[str, TaskCost]:
        """The Monte Carlo costs of the time-dependent tasks: their cost over their planned
        duration, a rate per working day of the simulated duration (fixed costs need none)."""
        return {
            t.id: TaskCost(per_day=t.cost / Decimal(str(t.duration)))
            for t in self.network.tasks
            if t.id in self.time_costs and t.cost and t.duration
        }


def load_plan(text: str | bytes) -> Plan:
    """Parse and validate a JSON plan (see ``docs/plan-format.md``)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanError("", f"not JSON: {exc.msg} at line {exc.lineno}") from exc
    return plan_from_dict(data)


def _date(value: Any, path: str) -> date:
    if not isinstance(value, str):
        raise PlanError(path, "must be a date string YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PlanError(path, f"{value!r} is not a date YYYY-MM-DD") from None


def _number(value: Any, path: str, *, minimum: float | None = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PlanError(path, "must be a number")
    if minimum is not None and value < minimum:
        raise PlanError(path, f"must be at least {minimum:g}")
    return float(value)


def _calendar(data: Any) -> WorkingCalendar:
    if data is None:
        return WorkingCalendar()
    if not isinstance(data, dict):
        raise PlanError("calendar", "must be an object")
    unknown = set(data) - {"hours_per_day", "holidays", "closures"}
    if unknown:
        raise PlanError(f"calendar.{sorted(unknown)[0]}", "is not a calendar field")
    hours = _number(data.get("hours_per_day", 7.5), "calendar.hours_per_day")
    region = data.get("holidays", "england-and-wales")
    if region is not None and region not in HOLIDAY_REGIONS:
        raise PlanError("calendar.holidays", f"must be one of {', '.join(HOLIDAY_REGIONS)} or null")
    closures_raw = data.get("closures", [])
    if not isinstance(closures_raw, list):
        raise PlanError("calendar.closures", "must be a list of dates")
    closures = [_date(v, f"calendar.closures[{i}]") for i, v in enumerate(closures_raw)]
    try:
        return WorkingCalendar(hours_per_day=hours, holidays=region, closures=closures)
    except CalendarError as exc:
        raise PlanError("calendar", str(exc)) from exc


def _estimate(data: Any, path: str) -> Estimate:
    if not isinstance(data, dict):
        raise PlanError(path, "must be an object with min, likely, max, distribution")
    dist = data.get("distribution", "triangular")
    if dist not in DISTRIBUTIONS:
        raise PlanError(f"{path}.distribution", f"must be one of {', '.join(DISTRIBUTIONS)}")
    lo, mid, hi = (_number(data.get(k), f"{path}.{k}") for k in ("min", "likely", "max"))
    if not lo <= mid <= hi:
        raise PlanError(path, "needs min <= likely <= max")
    return Estimate(lo, mid, hi, dist)


def _money(raw: Any, path: str) -> Decimal:
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        raise PlanError(path, 'must be a money string such as "1200.00"')
    try:
        amount = Decimal(str(raw))
    except InvalidOperation:
        raise PlanError(path, f"{raw!r} is not an amount") from None
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise PlanError(path, "must be pounds and pence, at least 0")
    return amount


def _probability(raw: Any, path: str) -> float:
    """A fraction 0..1, or a percentage string such as "30%" (0 to 100)."""
    if isinstance(raw, str) and raw.strip().endswith("%"):
        try:
            percent = Decimal(raw.strip()[:-1])
        except InvalidOperation:
            raise PlanError(path, f"{raw!r} is not a percentage") from None
        if not percent.is_finite() or not 0 <= percent <= 100:
            raise PlanError(path, "must be from 0% to 100%")
        return float(percent / 100)
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise PlanError(path, 'must be a fraction from 0 to 1 or a percentage such as "30%"')
    if not 0 <= raw <= 1:
        raise PlanError(path, 'must be from 0 to 1 (or a percentage such as "30%")')
    return float(raw)


def _risk(data: Any, i: int, tasks: dict[str, Task], summaries: set[str]) -> RiskEvent:
    path = f"risks[{i}]"
    if not isinstance(data, dict):
        raise PlanError(path, "must be an object")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise PlanError(f"{path}.title", "must be a non-empty string")
    where = f"{path} (risk {title})"
    unknown = set(data) - RISK_KEYS
    if unknown:
        raise PlanError(f"{where}.{sorted(unknown)[0]}", "is not a risk field")
    if "probability" not in data:
        raise PlanError(f"{where}.probability", "is required")
    probability = _probability(data["probability"], f"{where}.probability")
    delay = _number(data.get("delay_days", 0), f"{where}.delay_days")
    cost = _money(data.get("cost", "0"), f"{where}.cost")
    hit = data.get("tasks", [])
    if not isinstance(hit, list) or not all(isinstance(t, str) for t in hit):
        raise PlanError(f"{where}.tasks", "must be a list of task ids")
    for t in hit:
        if t not in tasks:
            raise PlanError(f"{where}.tasks", f"{t!r} is not a task of the plan")
        if t in summaries:
            raise PlanError(
                f"{where}.tasks", f"{t!r} is a summary task: name the sub-tasks it delays"
            )
    if delay and not hit:
        raise PlanError(f"{where}.tasks", "must name the tasks the delay hits")
    return RiskEvent(
        key=title, probability=probability, tasks=tuple(hit), delay_days=delay, cost=cost
    )


def _task(data: Any, i: int) -> Task:
    path = f"tasks[{i}]"
    if not isinstance(data, dict):
        raise PlanError(path, "must be an object")
    tid = data.get("id")
    if not isinstance(tid, str) or not tid:
        raise PlanError(f"{path}.id", "must be a non-empty string")
    where = f"{path} (task {tid})"
    unknown = set(data) - TASK_KEYS
    if unknown:
        raise PlanError(f"{where}.{sorted(unknown)[0]}", "is not a task field")
    name = data.get("name", "")
    if not isinstance(name, str):
        raise PlanError(f"{where}.name", "must be a string")
    estimate = (
        None if data.get("estimate") is None else _estimate(data["estimate"], f"{where}.estimate")
    )
    if "duration" in data:
        duration = _number(data["duration"], f"{where}.duration")
    elif estimate is not None:
        duration = estimate.likely
    else:
        raise PlanError(f"{where}.duration", "is required (working days)")
    cost = None if data.get("cost") is None else _money(data["cost"], f"{where}.cost")
    basis = data.get("cost_basis", "fixed")
    if basis not in COST_BASES:
        raise PlanError(f"{where}.cost_basis", 'must be "fixed" or "time"')
    if basis == "time" and not (cost and duration):
        raise PlanError(
            f"{where}.cost_basis", '"time" needs a cost and a duration above 0 to follow'
        )
    parent = data.get("parent")
    if parent is not None and not isinstance(parent, str):
        raise PlanError(f"{where}.parent", "must be a task id or null")
    snet = data.get("start_no_earlier_than")
    fnlt = data.get("finish_no_later_than")
    return Task(
        id=tid,
        name=name,
        duration=duration,
        parent=parent,
        start_no_earlier_than=None
        if snet is None
        else _date(snet, f"{where}.start_no_earlier_than"),
        finish_no_later_than=None if fnlt is None else _date(fnlt, f"{where}.finish_no_later_than"),
        estimate=estimate,
        cost=cost,
        constraint=_constraint(data.get("constraint"), f"{where}.constraint"),
    )


CONSTRAINT_NAMES = {label: ty for ty, label in CONSTRAINT_LABELS.items()}


def _constraint(data: Any, path: str) -> Constraint | None:
    """``{"type": "must start on", "date": "2025-02-03"}``: a type by MS Project's name (or
    its initials, ``MSO``) and, for the six dated types, a date."""
    if data is None:
        return None
    if not isinstance(data, dict) or set(data) - {"type", "date"}:
        raise PlanError(path, 'must be an object {"type": ..., "date": "YYYY-MM-DD"}')
    raw = data.get("type")
    ty = CONSTRAINT_NAMES.get(raw) if isinstance(raw, str) else None
    if ty is None and isinstance(raw, str) and raw in ConstraintType.__members__:
        ty = ConstraintType[raw]
    if ty is None:
        names = ", ".join(f'"{n}"' for n in CONSTRAINT_NAMES)
        raise PlanError(f"{path}.type", f"must be one of {names}")
    if not ty.dated:
        if data.get("date") is not None:
            raise PlanError(f"{path}.date", f'"{ty.label}" takes no date')
        return Constraint(ty)
    if data.get("date") is None:
        raise PlanError(f"{path}.date", f'"{ty.label}" needs a date')
    return Constraint(ty, _date(data["date"], f"{path}.date"))


def _link(data: Any, i: int) -> Link:
    path = f"links[{i}]"
    if not isinstance(data, dict):
        raise PlanError(path, "must be an object")
    src, dst = data.get("from"), data.get("to")
    for key, v in (("from", src), ("to", dst)):
        if not isinstance(v, str) or not v:
            raise PlanError(f"{path}.{key}", "must be a task id")
    kind = data.get("type", "FS")
    if kind not in LinkType.__members__:
        raise PlanError(f"{path}.type", "must be FS, SS, FF or SF")
    lag = _number(data.get("lag", 0), f"{path}.lag", minimum=None)
    return Link(str(src), str(dst), LinkType[kind], lag)


def plan_from_dict(data: Any) -> Plan:
    """Validate an already-parsed JSON plan."""
    if not isinstance(data, dict):
        raise PlanError("", "a plan must be a JSON object")
    name = data.get("name", "")
    if not isinstance(name, str):
        raise PlanError("name", "must be a string")
    if "start" not in data:
        raise PlanError("start", "is required (YYYY-MM-DD)")
    start = _date(data["start"], "start")
    calendar = _calendar(data.get("calendar"))
    tasks_raw = data.get("tasks")
    if not isinstance(tasks_raw, list):
        raise PlanError("tasks", "must be a list")
    links_raw = data.get("links", [])
    if not isinstance(links_raw, list):
        raise PlanError("links", "must be a list")
    honor = data.get("honor_constraints", True)
    if not isinstance(honor, bool):
        raise PlanError("honor_constraints", "must be true or false")
    network = Network(
        tuple(_task(t, i) for i, t in enumerate(tasks_raw)),
        tuple(_link(x, i) for i, x in enumerate(links_raw)),
        honor_constraints=honor,
    )
    try:
        compile_network(network)
    except NetworkError as exc:
        raise PlanError("tasks" if "link" not in str(exc) else "links", str(exc)) from exc
    for i, t in enumerate(network.tasks):
        for key in ("start_no_earlier_than", "finish_no_later_than"):
            value = getattr(t, key)
            if value is not None and not calendar.first <= value <= calendar.last:
                raise PlanError(f"tasks[{i}] (task {t.id}).{key}", "is outside the calendar")
    if not calendar.first <= start <= calendar.last:
        raise PlanError("start", "is outside the calendar")
    risks_raw = data.get("risks", [])
    if not isinstance(risks_raw, list):
        raise PlanError("risks", "must be a list")
    by_id = {t.id: t for t in network.tasks}
    summaries = {t.parent for t in network.tasks if t.parent is not None}
    risks = tuple(_risk(r, i, by_id, summaries) for i, r in enumerate(risks_raw))
    time_costs = frozenset(
        str(t["id"]) for t in tasks_raw if t.get("cost_basis", "fixed") == "time"
    )
    return Plan(
        name=name,
        start=start,
        calendar=calendar,
        network=network,
        risks=risks,
        time_costs=time_costs,
    )


def schedule_plan(plan: Plan) -> Schedule:
    """Schedule a loaded plan from its start date on its calendar."""
    return schedule(plan.network, plan.calendar, plan.start)


def dump_schedule(result: Schedule) -> dict[str, Any]:
    """The CLI output: ISO dates, floats in working days, tasks in the plan's order."""
    cn, raw = result.compiled, result.raw
    iso: dict[date, str] = {}

    def text(days: list[date]) -> list[str]:
        return [iso[d] if d in iso else iso.setdefault(d, d.isoformat()) for d in days]

    starts, finishes, late_starts, late_finishes = (text(c) for c in result.shown_dates())
    columns = zip(
        cn.ids,
        (t.name for t in cn.tasks),
        starts,
        finishes,
        late_starts,
        late_finishes,
        np.round(raw.total_float, 6).tolist(),
        np.round(raw.free_float, 6).tolist(),
        raw.critical.tolist(),
        strict=True,
    )
    keys = (
        "id",
        "name",
        "start",
        "finish",
        "late_start",
        "late_finish",
        "total_float",
        "free_float",
        "critical",
    )
    return {
        "start": result.start.isoformat(),
        "finish": result.finish.isoformat(),
        "tasks": [dict(zip(keys, row, strict=True)) for row in columns],
    }
