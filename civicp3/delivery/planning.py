"""The one converter from a plan in the database to the scheduling engine, and its schedule.

Every page, the imports, the exports and the forecasts go through `plan_dict` (the JSON plan
format of docs/plan-format.md) and `engine_plan` (`plan_from_dict` on it), so a plan means the
same thing wherever it is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from civicp3.delivery.models import (
    BaselineTask,
    CostBasis,
    Plan,
    PlanLink,
    PlanTask,
    days_value,
)
from civicp3.engine.calendars import WorkingCalendar
from civicp3.engine.cpm import Schedule, ScheduledTask
from civicp3.engine.planfile import Plan as EnginePlan
from civicp3.engine.planfile import PlanError, plan_from_dict, schedule_plan

__all__ = [
    "PlanError",
    "Row",
    "ScheduledPlan",
    "engine_plan",
    "plan_calendar",
    "plan_dict",
    "schedule_rows",
    "task_dict",
]


def task_dict(task: PlanTask, parent_code: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": task.code,
        "name": task.name,
        "duration": days_value(task.duration),
        "parent": parent_code,
    }
    if task.has_estimate:
        likely = task.estimate_likely or task.duration
        data["estimate"] = {
            "min": days_value(task.estimate_min if task.estimate_min is not None else likely),
            "likely": days_value(likely),
            "max": days_value(task.estimate_max if task.estimate_max is not None else likely),
            "distribution": task.distribution,
        }
    if task.cost is not None:
        data["cost"] = f"{task.cost:.2f}"
    if task.cost_basis == CostBasis.TIME:
        data["cost_basis"] = CostBasis.TIME.value
    if task.start_no_earlier_than:
        data["start_no_earlier_than"] = task.start_no_earlier_than.isoformat()
    if task.finish_no_later_than:
        data["finish_no_later_than"] = task.finish_no_later_than.isoformat()
    return data


def plan_dict(
    plan: Plan,
    tasks: Sequence[PlanTask] | None = None,
    links: Sequence[PlanLink] | None = None,
) -> dict[str, Any]:
    """The plan in the JSON plan format (docs/plan-format.md)."""
    if tasks is None:
        tasks = list(plan.tasks.all())
    if links is None:
        links = list(plan.links.select_related("predecessor", "successor"))
    codes = {t.pk: t.code for t in tasks}
    return {
        "name": plan.project.title,
        "start": plan.start.isoformat(),
        "calendar": {
            "hours_per_day": float(plan.hours_per_day),
            "holidays": plan.holidays or None,
            "closures": list(plan.closures),
        },
        "tasks": [task_dict(t, codes.get(t.parent_id)) for t in tasks],
        "links": [
            {
                "from": link.predecessor.code,
                "to": link.successor.code,
                "type": link.type,
                "lag": days_value(link.lag),
            }
            for link in links
        ],
    }


def plan_calendar(plan: Plan) -> WorkingCalendar:
    """The plan's working calendar, as the engine builds it."""
    data = plan_dict(plan, tasks=[], links=[])
    return plan_from_dict(data).calendar


def engine_plan(plan: Plan, **parts: Any) -> EnginePlan:
    """The engine's plan; raises PlanError naming the task or link at fault."""
    return plan_from_dict(plan_dict(plan, **parts))


@dataclass(frozen=True)
class Row:
    """One task of a plan with its schedule, outline level and baseline."""

    task: PlanTask
    s: ScheduledTask
    level: int
    baseline: BaselineTask | None
    start_variance: int | None  # working days later (+) or earlier (-) than the baseline
    finish_variance: int | None


@dataclass(frozen=True)
class ScheduledPlan:
    schedule: Schedule | None
    rows: list[Row]
    calendar: WorkingCalendar

    @property
    def critical_codes(self) -> tuple[str, ...]:
        return self.schedule.critical_path if self.schedule else ()


def _variance(cal: WorkingCalendar, now: date, then: date) -> int:
    return cal.working_days_between(then, now)


def schedule_rows(
    plan: Plan,
    tasks: Sequence[PlanTask],
    links: Sequence[PlanLink],
    baseline: Sequence[BaselineTask] = (),
) -> ScheduledPlan:
    """Schedule the plan and pair each task with its dates and its baseline's."""
    engine = plan_from_dict(plan_dict(plan, tasks, links))
    if not tasks:
        return ScheduledPlan(None, [], engine.calendar)
    result = schedule_plan(engine)
    by_code = {b.code: b for b in baseline}
    levels: dict[int, int] = {}
    parents = {t.pk: t.parent_id for t in tasks}

    def level(pk: int) -> int:
        if pk not in levels:
            parent = parents.get(pk)
            levels[pk] = 0 if parent is None else level(parent) + 1
        return levels[pk]

    rows = []
    cal = engine.calendar
    for task, s in zip(tasks, result.tasks, strict=True):
        b = by_code.get(task.code)
        rows.append(
            Row(
                task=task,
                s=s,
                level=level(task.pk),
                baseline=b,
                start_variance=None if b is None else _variance(cal, s.start, b.start),
                finish_variance=None if b is None else _variance(cal, s.finish, b.finish),
            )
        )
    return ScheduledPlan(result, rows, cal)
