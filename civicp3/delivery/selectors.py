"""Reads of plans, baselines and forecasts (a fixed number of queries per page)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from civicp3.delivery import forecasting
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
from civicp3.delivery.planning import ScheduledPlan, schedule_rows
from civicp3.organisation.scoping import current_council, scoped
from civicp3.portfolio.models import Kind, Project


def plan_of(project: Project) -> Plan | None:
    return Plan.objects.filter(project=project, council=project.council).first()


def outline_order(tasks: Sequence[PlanTask]) -> list[PlanTask]:
    """Tasks with each summary task followed by its sub-tasks, as Microsoft Project lists them."""
    children: dict[int | None, list[PlanTask]] = {}
    for task in tasks:
        children.setdefault(task.parent_id, []).append(task)
    ordered: list[PlanTask] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        task = stack.pop()
        ordered.append(task)
        stack.extend(reversed(children.get(task.pk, [])))
    return ordered


def plan_tasks(plan: Plan) -> list[PlanTask]:
    return outline_order(list(plan.tasks.all()))


def plan_links(plan: Plan) -> list[PlanLink]:
    return list(plan.links.select_related("predecessor", "successor"))


def link_for(plan: Plan, pk: int) -> PlanLink:
    return get_object_or_404(
        PlanLink.objects.select_related("predecessor", "successor"),
        plan=plan,
        council=plan.council,
        pk=pk,
    )


def task_for(plan: Plan, code: str) -> PlanTask:
    return get_object_or_404(PlanTask, plan=plan, council=plan.council, code=code)


def baselines_of(plan: Plan) -> list[Baseline]:
    return list(plan.baselines.select_related("created_by"))


def baseline_for(plan: Plan, pk: int) -> Baseline:
    return get_object_or_404(Baseline, plan=plan, council=plan.council, pk=pk)


def baseline_tasks(baseline: Baseline | None) -> list[BaselineTask]:
    return [] if baseline is None else list(baseline.tasks.all())


@dataclass(frozen=True)
class PlanView:
    plan: Plan
    tasks: list[PlanTask]
    links: list[PlanLink]
    baseline: Baseline | None
    scheduled: ScheduledPlan


def plan_view(plan: Plan, baseline: Baseline | None = None) -> PlanView:
    """The plan scheduled, each task beside `baseline` (by default the latest one set)."""
    if baseline is None:
        baseline = plan.baselines.first()
    tasks, links = plan_tasks(plan), plan_links(plan)
    scheduled = schedule_rows(plan, tasks, links, baseline_tasks(baseline))
    return PlanView(plan, tasks, links, baseline, scheduled)


def risks_of(plan: Plan) -> list[PlanRisk]:
    """The plan's risk events with the tasks they hit (two queries)."""
    return list(PlanRisk.objects.filter(plan=plan, council=plan.council).prefetch_related("tasks"))


def risk_for(plan: Plan, pk: int) -> PlanRisk:
    return get_object_or_404(PlanRisk, plan=plan, council=plan.council, pk=pk)


def time_cost_tasks(plan: Plan) -> list[PlanTask]:
    """Tasks whose cost follows their duration in a forecast."""
    return list(plan.tasks.filter(cost_basis=CostBasis.TIME, council=plan.council))


def forecasts_of(project: Project) -> list[Forecast]:
    return list(project.forecasts.filter(council=project.council).defer("inputs", "result")[:10])


def forecast_for(project: Project, pk: int) -> Forecast:
    return get_object_or_404(Forecast, project=project, council=project.council, pk=pk)


@dataclass(frozen=True)
class ProjectChance:
    project: Project
    forecast: Forecast | None
    chance: float | None


@dataclass(frozen=True)
class ProgrammeChance:
    programme: Project
    projects: list[ProjectChance]

    @property
    def chance(self) -> float | None:
        """All projects finishing by the programme's date, treating them as independent."""
        if not self.projects or any(p.chance is None for p in self.projects):
            return None
        total = 1.0
        for p in self.projects:
            total *= p.chance or 0.0
        return total


def programme_rollup(request: HttpRequest) -> list[ProgrammeChance]:
    """Each programme's chance of meeting its committed finish, from its projects' forecasts."""
    council = current_council(request)
    programmes = list(scoped(request, Project).filter(kind=Kind.PROGRAMME).order_by("number"))
    children = list(
        scoped(request, Project).filter(parent__in=programmes, kind=Kind.PROJECT).order_by("number")
    )
    latest: dict[int, Forecast] = {}
    for forecast in Forecast.objects.filter(
        council=council, project__in=children, status=Forecast.Status.DONE
    ).order_by("project_id", "-created", "-id"):
        latest.setdefault(forecast.project_id, forecast)
    out = []
    for programme in programmes:
        rows = []
        for child in (c for c in children if c.parent_id == programme.pk):
            forecast = latest.get(child.pk)
            chance = None
            if forecast is not None and programme.committed_finish and forecast.result:
                chance = forecasting.probability_by(forecast.result, programme.committed_finish)
            rows.append(ProjectChance(child, forecast, chance))
        out.append(ProgrammeChance(programme, rows))
    return out
