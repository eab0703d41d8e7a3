"""Every change to a plan, its baselines and forecasts: in a transaction, checked by the engine.

Each change is made and then the whole plan is converted for the scheduling engine; if the
engine refuses it (a loop of links, a link onto a summary task…) the change is rolled back and
a `DeliveryError` says why, naming the tasks.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from civicp3.delivery.models import (
    Baseline,
    BaselineTask,
    CostBasis,
    Forecast,
    Plan,
    PlanLink,
    PlanRisk,
    PlanTask,
)
from civicp3.delivery.planning import PlanError, Row, engine_plan, plan_dict, schedule_rows
from civicp3.engine.montecarlo import MAX_ITERATIONS
from civicp3.lib.errors import DomainError
from civicp3.portfolio.models import Project

TASK_FIELDS = (
    "name",
    "duration",
    "estimate_min",
    "estimate_likely",
    "estimate_max",
    "distribution",
    "cost",
    "cost_basis",
    "start_no_earlier_than",
    "finish_no_later_than",
    "percent_complete",
    "actual_start",
    "actual_finish",
)
MAX_LAG_DAYS = Decimal(1000)
# Task IDs appear in page addresses and in the Excel predecessors column.
TASK_CODE = re.compile(r"^[A-Za-z0-9._-]{1,40}$")
TASK_CODE_RULE = "A task ID is letters, numbers, dots and dashes, with no spaces"


class DeliveryError(DomainError):
    """A change the plan cannot take; the message is shown to the person."""


def friendly_error(error: PlanError) -> str:
    cause = error.__cause__
    text = str(cause) if cause is not None else str(error)
    if text.startswith("links form a cycle: "):
        loop = text.removeprefix("links form a cycle: ").replace(" -> ", " → ")
        return f"These tasks would depend on each other in a loop: {loop}. Remove one of the links."
    return text[:1].upper() + text[1:]


def check_plan(plan: Plan) -> None:
    """Raise DeliveryError if the engine cannot schedule the plan as it now is."""
    try:
        engine_plan(plan)
    except PlanError as error:
        raise DeliveryError(friendly_error(error)) from error


def _saved(record: Any, actor: AbstractBaseUser | None) -> None:
    record._history_user = actor
    record.save()


@transaction.atomic
def plan_create(*, project: Project, start: date, actor: AbstractBaseUser | None = None) -> Plan:
    if Plan.objects.filter(project=project).exists():
        raise DeliveryError(f"{project.reference} already has a plan")
    plan = Plan(
        council=project.council,
        project=project,
        start=start,
        hours_per_day=project.council.working_day_hours,
        holidays="england-and-wales",
    )
    _saved(plan, actor)
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    start: date,
    hours_per_day: Decimal,
    holidays: str,
    closures: Iterable[date],
    actor: AbstractBaseUser | None = None,
) -> Plan:
    plan.start = start
    plan.hours_per_day = hours_per_day
    plan.holidays = holidays
    plan.closures = sorted({d.isoformat() for d in closures})
    _saved(plan, actor)
    check_plan(plan)
    return plan


def _check_task(values: Mapping[str, Any]) -> None:
    start, finish = values.get("actual_start"), values.get("actual_finish")
    if finish and not start:
        raise DeliveryError(
            "Enter the actual start as well as the actual finish", field="actual_start"
        )
    if start and finish and finish < start:
        raise DeliveryError(
            "The actual finish must be on or after the actual start", field="actual_finish"
        )
    if values.get("cost_basis") == CostBasis.TIME:
        if not values.get("cost"):
            raise DeliveryError("Enter the cost, which follows the task's duration", field="cost")
        if not values.get("duration"):
            raise DeliveryError(
                "A milestone (0 days) cannot have a cost that follows its duration: choose fixed",
                field="cost_basis",
            )
    points = [values.get(k) for k in ("estimate_min", "estimate_likely", "estimate_max")]
    if values.get("distribution"):
        if any(p is None for p in points):
            raise DeliveryError(
                "Enter the optimistic, most likely and pessimistic durations for an estimate",
                field="estimate_min",
            )
        if not points[0] <= points[1] <= points[2]:
            raise DeliveryError(
                "The optimistic duration must be no more than the most likely, and that no more "
                "than the pessimistic",
                field="estimate_min",
            )


@transaction.atomic
def task_save(
    *,
    plan: Plan,
    task: PlanTask | None,
    code: str,
    parent: PlanTask | None = None,
    actor: AbstractBaseUser | None = None,
    **values: Any,
) -> PlanTask:
    """Add a task (`task` None) or change one; `values` are the TASK_FIELDS."""
    code = code.strip()
    if not code:
        raise DeliveryError("Enter a task ID", field="code")
    if not TASK_CODE.match(code):
        raise DeliveryError(TASK_CODE_RULE, field="code")
    clash = plan.tasks.filter(code=code)
    if task is not None:
        clash = clash.exclude(pk=task.pk)
    if clash.exists():
        raise DeliveryError(f"Task ID {code} is already used in this plan", field="code")
    if parent is not None and (parent.plan_id != plan.pk or (task and parent.pk == task.pk)):
        raise DeliveryError("Choose another task as the summary task", field="parent")
    _check_task(values)
    if task is None:
        last = plan.tasks.order_by("-position").values_list("position", flat=True).first()
        task = PlanTask(council=plan.council, plan=plan, position=(last or 0) + 1)
    task.code = code
    task.parent = parent
    for name in TASK_FIELDS:
        if name in values:
            setattr(task, name, values[name])
    _saved(task, actor)
    check_plan(plan)
    return task


@transaction.atomic
def task_delete(*, task: PlanTask, actor: AbstractBaseUser | None = None) -> None:
    if task.children.exists():
        raise DeliveryError(f"{task.code} is a summary task: delete or move its sub-tasks first")
    PlanLink.objects.filter(predecessor=task).delete()
    PlanLink.objects.filter(successor=task).delete()
    task._history_user = actor  # type: ignore[attr-defined]
    task.delete()


@transaction.atomic
def link_add(
    *,
    plan: Plan,
    predecessor: PlanTask,
    successor: PlanTask,
    type: str,
    lag: Decimal,
    actor: AbstractBaseUser | None = None,
) -> PlanLink:
    if predecessor.plan_id != plan.pk or successor.plan_id != plan.pk:
        raise DeliveryError("Choose tasks from this plan", field="predecessor")
    if predecessor.pk == successor.pk:
        raise DeliveryError(f"{predecessor.code} cannot depend on itself", field="successor")
    if abs(lag) > MAX_LAG_DAYS:
        raise DeliveryError(
            f"A lag or lead must be at most {MAX_LAG_DAYS} working days", field="lag"
        )
    if PlanLink.objects.filter(predecessor=predecessor, successor=successor).exists():
        raise DeliveryError(
            f"{successor.code} already depends on {predecessor.code}", field="successor"
        )
    link = PlanLink(
        council=plan.council,
        plan=plan,
        predecessor=predecessor,
        successor=successor,
        type=type,
        lag=lag,
    )
    _saved(link, actor)
    check_plan(plan)
    return link


@transaction.atomic
def link_delete(*, link: PlanLink, actor: AbstractBaseUser | None = None) -> None:
    link._history_user = actor  # type: ignore[attr-defined]
    link.delete()


@transaction.atomic
def baseline_set(*, plan: Plan, name: str, actor: AbstractBaseUser | None = None) -> Baseline:
    """Keep today's schedule of every task as a baseline to compare the plan with later."""
    rows = schedule_rows_of(plan)
    if not rows:
        raise DeliveryError("Add tasks to the plan before setting a baseline")
    baseline = Baseline(council=plan.council, plan=plan, name=name.strip(), created_by=actor)
    _saved(baseline, actor)
    BaselineTask.objects.bulk_create(
        BaselineTask(
            council=plan.council,
            baseline=baseline,
            code=r.task.code,
            name=r.task.name,
            start=r.s.start,
            finish=r.s.finish,
            duration=r.task.duration,
            cost=r.task.cost,
        )
        for r in rows
    )
    return baseline


def schedule_rows_of(plan: Plan) -> list[Row]:
    """The plan's tasks with their computed schedule, in the plan's order."""
    tasks = list(plan.tasks.all())
    links = list(plan.links.select_related("predecessor", "successor"))
    return schedule_rows(plan, tasks, links).rows


# -- imports ------------------------------------------------------------------------------
@dataclass
class Progress:
    percent_complete: int = 0
    actual_start: date | None = None
    actual_finish: date | None = None


@dataclass(frozen=True)
class ImportedRisk:
    """A risk event read from a file, as the risk form takes it (probability in %)."""

    title: str
    probability: Decimal
    delay_days: Decimal
    cost: Decimal
    tasks: tuple[str, ...]


@dataclass
class ImportedPlan:
    """A whole plan read from a file: a JSON plan dict plus progress and an optional baseline,
    and its risk events when the file has them (``None`` keeps the plan's own)."""

    data: dict[str, Any]
    progress: dict[str, Progress] = field(default_factory=dict)
    baseline: dict[str, tuple[date, date]] = field(default_factory=dict)
    baseline_name: str = ""
    risks: list[ImportedRisk] | None = None


@transaction.atomic
def plan_replace(
    *, plan: Plan, imported: ImportedPlan, actor: AbstractBaseUser | None = None
) -> Plan:
    """Replace every task and link of the plan with the imported ones, all or nothing."""
    data = imported.data
    plan.start = date.fromisoformat(data["start"])
    calendar = data.get("calendar") or {}
    plan.hours_per_day = Decimal(str(calendar.get("hours_per_day", plan.hours_per_day)))
    plan.holidays = calendar.get("holidays") or ""
    plan.closures = list(calendar.get("closures", []))
    _saved(plan, actor)
    plan.links.all().delete()
    plan.tasks.update(parent=None)
    plan.tasks.all().delete()
    made: dict[str, PlanTask] = {}
    for position, t in enumerate(data["tasks"], start=1):
        estimate = t.get("estimate") or {}
        progress = imported.progress.get(t["id"], Progress())
        task = PlanTask(
            council=plan.council,
            plan=plan,
            position=position,
            code=t["id"],
            name=t.get("name") or t["id"],
            duration=Decimal(str(t["duration"])),
            estimate_min=_dec(estimate.get("min")),
            estimate_likely=_dec(estimate.get("likely")),
            estimate_max=_dec(estimate.get("max")),
            distribution=estimate.get("distribution", "") if estimate else "",
            cost=_dec(t.get("cost")),
            cost_basis=t.get("cost_basis", CostBasis.FIXED),
            start_no_earlier_than=_iso(t.get("start_no_earlier_than")),
            finish_no_later_than=_iso(t.get("finish_no_later_than")),
            percent_complete=progress.percent_complete,
            actual_start=progress.actual_start,
            actual_finish=progress.actual_finish,
        )
        _saved(task, actor)
        made[task.code] = task
    for t in data["tasks"]:
        if t.get("parent"):
            task = made[t["id"]]
            task.parent = made[t["parent"]]
            _saved(task, actor)
    for link in data.get("links", []):
        _saved(
            PlanLink(
                council=plan.council,
                plan=plan,
                predecessor=made[link["from"]],
                successor=made[link["to"]],
                type=link.get("type", "FS"),
                lag=Decimal(str(link.get("lag", 0))),
            ),
            actor,
        )
    check_plan(plan)
    if imported.risks is not None:
        for old in plan.risks.all():
            risk_delete(risk=old, actor=actor)
        for r in imported.risks:
            risk_save(
                plan=plan,
                risk=None,
                title=r.title,
                probability=r.probability,
                delay_days=r.delay_days,
                cost=r.cost,
                task_codes=r.tasks,
                actor=actor,
            )
    if imported.baseline:
        baseline = Baseline(
            council=plan.council,
            plan=plan,
            name=imported.baseline_name or "Imported baseline",
            created_by=actor,
        )
        _saved(baseline, actor)
        BaselineTask.objects.bulk_create(
            BaselineTask(
                council=plan.council,
                baseline=baseline,
                code=code,
                name=made[code].name,
                start=start,
                finish=finish,
                duration=made[code].duration,
                cost=made[code].cost,
            )
            for code, (start, finish) in imported.baseline.items()
            if code in made
        )
    return plan


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _iso(value: str | None) -> date | None:
    return None if not value else date.fromisoformat(value[:10])


# -- risk events for forecasting -----------------------------------------------------------
HUNDRED = Decimal(100)


def _risk_tasks(plan: Plan, codes: Iterable[str]) -> list[PlanTask]:
    wanted = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
    found = {t.code: t for t in plan.tasks.filter(code__in=wanted)}
    missing = [c for c in wanted if c not in found]
    if missing:
        raise DeliveryError(
            f"Task ID {', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not in this "
            "plan: enter the IDs shown on the plan",
            field="tasks",
        )
    parents = set(
        PlanTask.objects.filter(parent__in=found.values()).values_list("parent__code", flat=True)
    )
    if parents:
        raise DeliveryError(
            f"{', '.join(sorted(parents))}: a summary task takes its dates from its sub-tasks, "
            "so name the sub-tasks the risk delays",
            field="tasks",
        )
    return [found[c] for c in wanted]


@transaction.atomic
def risk_save(
    *,
    plan: Plan,
    risk: PlanRisk | None,
    title: str,
    probability: Decimal,
    delay_days: Decimal,
    cost: Decimal,
    task_codes: Iterable[str],
    actor: AbstractBaseUser | None = None,
) -> PlanRisk:
    """Add a risk event to the plan (`risk` None) or change one. `probability` is a percentage;
    a delay needs the tasks it hits; a risk with neither delay nor cost is refused."""
    title = title.strip()
    if not title:
        raise DeliveryError("Enter a title for the risk", field="title")
    if not 0 <= probability <= HUNDRED:
        raise DeliveryError("Enter a probability from 0 to 100%", field="probability")
    if delay_days < 0:
        raise DeliveryError("Enter a delay of 0 or more working days", field="delay_days")
    if cost < 0:
        raise DeliveryError("Enter an extra cost of £0 or more", field="cost")
    if not delay_days and not cost:
        raise DeliveryError(
            "Enter a delay, an extra cost or both: a risk with neither changes nothing",
            field="delay_days",
        )
    tasks = _risk_tasks(plan, task_codes)
    if delay_days and not tasks:
        raise DeliveryError("Enter the IDs of the tasks the delay hits", field="tasks")
    if risk is None:
        risk = PlanRisk(council=plan.council, plan=plan)
    elif risk.plan_id != plan.pk:
        raise DeliveryError("Choose a risk of this plan")
    risk.title = title
    risk.probability = probability
    risk.delay_days = delay_days
    risk.cost = cost
    _saved(risk, actor)
    risk.tasks.set(tasks)
    return risk


@transaction.atomic
def risk_delete(*, risk: PlanRisk, actor: AbstractBaseUser | None = None) -> None:
    risk._history_user = actor  # type: ignore[attr-defined]
    risk.delete()


def forecast_inputs(plan: Plan) -> dict[str, Any]:
    """What a forecast simulates, kept with it so it can be run again to the same result: the
    plan, its risk events and the rates of the costs that follow duration."""
    tasks = list(plan.tasks.all())
    risks = plan.risks.prefetch_related("tasks")
    return {
        "plan": plan_dict(plan, tasks=tasks),
        "risks": [
            {
                "title": r.title,
                "probability": str(r.probability / HUNDRED),
                "delay_days": str(r.delay_days),
                "cost": f"{r.cost:.2f}",
                "tasks": sorted(t.code for t in r.tasks.all()),
            }
            for r in risks
        ],
        "time_costs": {
            t.code: str(t.cost / t.duration)
            for t in tasks
            if t.cost_basis == CostBasis.TIME and t.cost and t.duration
        },
    }


# -- forecasts ----------------------------------------------------------------------------
@transaction.atomic
def forecast_request(
    *,
    project: Project,
    iterations: int,
    seed: int | None = None,
    by_date: date | None = None,
    budget: Decimal | None = None,
    actor: AbstractBaseUser | None = None,
) -> Forecast:
    """Record a forecast with its inputs and queue it to run in the background."""
    plan = Plan.objects.filter(project=project).first()
    if plan is None or not plan.tasks.exists():
        raise DeliveryError("Add tasks to the plan before running a forecast")
    if not 1 <= iterations <= MAX_ITERATIONS:
        raise DeliveryError(
            f"Enter a number of iterations from 1 to {MAX_ITERATIONS:,}", field="iterations"
        )
    check_plan(plan)
    return _queue(
        Forecast(
            council=project.council,
            project=project,
            iterations=iterations,
            seed=secrets.randbelow(2**31) if seed is None else seed,
            by_date=by_date,
            budget=budget,
            inputs=forecast_inputs(plan),
            created_by=actor,
        )
    )


@transaction.atomic
def forecast_repeat(*, forecast: Forecast, actor: AbstractBaseUser | None = None) -> Forecast:
    """Run a forecast again on its stored plan, seed and targets, to check or show its result."""
    return _queue(
        Forecast(
            council=forecast.council,
            project=forecast.project,
            iterations=forecast.iterations,
            seed=forecast.seed,
            by_date=forecast.by_date,
            budget=forecast.budget,
            inputs=forecast.inputs,
            created_by=actor,
        )
    )


def _queue(forecast: Forecast) -> Forecast:
    from civicp3.delivery.tasks import run_forecast

    forecast.save()
    run_forecast.enqueue(forecast.pk)
    forecast.refresh_from_db()
    return forecast
