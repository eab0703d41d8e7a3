"""Demo data: a plan for the "Customer portal replacement" project, baselined, under way."""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from civicp3.delivery import services
from civicp3.delivery.models import Plan, PlanTask
from civicp3.organisation.models import Council
from civicp3.portfolio.models import Project
from civicp3.portfolio.services import project_create

TITLE = "Customer portal replacement"

# code, name, summary task, duration, (optimistic, most likely, pessimistic, distribution), cost
TASKS: list[tuple[str, str, str | None, int, tuple[int, int, int, str] | None, int | None]] = [
    ("1", "Initiation", None, 0, None, None),
    ("1.1", "Project brief", "1", 5, None, 1500),
    ("1.2", "Business case", "1", 10, (8, 10, 15, "triangular"), 3000),
    ("1.3", "Gateway approval", "1", 0, None, None),
    ("2", "Procurement", None, 0, None, None),
    ("2.1", "Specification of requirements", "2", 8, (6, 8, 12, "triangular"), 2400),
    ("2.2", "Tender and evaluation", "2", 15, (12, 15, 25, "pert"), 4500),
    ("2.3", "Contract award", "2", 0, None, None),
    ("3", "Build and test", None, 0, None, None),
    ("3.1", "Configure the portal", "3", 20, (15, 20, 35, "pert"), 18000),
    ("3.2", "Integrate with the CRM", "3", 12, (8, 12, 20, "triangular"), 9000),
    ("3.3", "User acceptance testing", "3", 10, (8, 10, 15, "triangular"), 4000),
    ("3.4", "Accessibility audit", "3", 5, (4, 5, 8, "uniform"), 2500),
    ("4", "Go live", None, 0, None, None),
    ("4.1", "Staff training", "4", 5, (4, 5, 7, "triangular"), 1800),
    ("4.2", "Go live", "4", 0, None, None),
    ("4.3", "Decommission the old portal", "4", 5, None, 1200),
]
# predecessor, successor, type, lag (working days; negative = lead)
LINKS = [
    ("1.1", "1.2", "FS", 0),
    ("1.2", "1.3", "FS", 0),
    ("1.3", "2.1", "FS", 0),
    ("2.1", "2.2", "FS", 0),
    ("2.2", "2.3", "FS", 0),
    ("2.3", "3.1", "FS", 0),
    ("3.1", "3.2", "SS", 5),
    ("3.1", "3.3", "FS", 0),
    ("3.2", "3.3", "FS", 0),
    ("3.3", "3.4", "SS", 5),
    ("3.3", "4.1", "FS", -2),
    ("3.4", "4.2", "FS", 0),
    ("4.1", "4.2", "FS", 0),
    ("4.2", "4.3", "FS", 10),
]
# code: percent complete once the plan is under way
PROGRESS = {"1.1": 100, "1.2": 100, "1.3": 100, "2.1": 60}
# tasks paid by the day (the supplier's consultants): their cost follows their duration
TIME_COSTS = {"3.1", "3.2"}
# risk events for forecasting: title, probability %, delay (working days), extra cost £, tasks
RISKS = [
    ("Supplier delivers the portal configuration late", 30, 10, 5000, ["3.1"]),
    ("CRM interface changes during integration", 20, 5, 2000, ["3.2"]),
    ("Accessibility audit finds serious failures", 25, 5, 1500, ["3.4"]),
]


def _project(council: Council) -> Project:
    project = Project.objects.filter(council=council, title=TITLE).first()
    if project is None:
        project = project_create(
            council=council,
            title=TITLE,
            summary="Replace the council's customer portal, so residents can report, apply and "
            "pay online in one place.",
        )
    return project


@transaction.atomic
def load_demo(council: Council) -> None:
    """Give the demo project a plan (once): 17 tasks, links, a baseline and some progress,
    and risk events for forecasting (once)."""
    project = _project(council)
    actor = User.objects.filter(username="project_manager").first()
    plan = Plan.objects.filter(project=project).first()
    if plan is None:
        plan = _plan(project, actor)
    if not plan.risks.exists():
        for title, chance, delay, cost, codes in RISKS:
            services.risk_save(
                plan=plan,
                risk=None,
                title=title,
                probability=Decimal(chance),
                delay_days=Decimal(delay),
                cost=Decimal(cost),
                task_codes=codes,
                actor=actor,
            )


def _plan(project: Project, actor: User | None) -> Plan:
    """The demo plan: 17 tasks, links, a baseline and some progress."""
    today = timezone.localdate()
    start = today - timedelta(days=today.weekday() + 35)  # a Monday five weeks ago
    plan = services.plan_create(project=project, start=start, actor=actor)
    made: dict[str, PlanTask] = {}
    for code, name, parent, days, estimate, cost in TASKS:
        values: dict[str, object] = {
            "cost": None if cost is None else Decimal(cost),
            "cost_basis": "time" if code in TIME_COSTS else "fixed",
        }
        if estimate is not None:
            lo, likely, hi, distribution = estimate
            values.update(
                estimate_min=Decimal(lo),
                estimate_likely=Decimal(likely),
                estimate_max=Decimal(hi),
                distribution=distribution,
            )
        made[code] = services.task_save(
            plan=plan,
            task=None,
            code=code,
            name=name,
            parent=made.get(parent or ""),
            duration=Decimal(days),
            actor=actor,
            **values,
        )
    for pred, succ, kind, lag in LINKS:
        services.link_add(
            plan=plan,
            predecessor=made[pred],
            successor=made[succ],
            type=kind,
            lag=Decimal(lag),
            actor=actor,
        )
    services.baseline_set(plan=plan, name="Approved at the gateway", actor=actor)
    scheduled = {r.task.code: r.s for r in services.schedule_rows_of(plan)}
    for code, percent in PROGRESS.items():
        task = made[code]
        started: date = scheduled[code].start
        finished: date | None = scheduled[code].finish if percent == 100 else None
        services.task_save(
            plan=plan,
            task=task,
            code=code,
            name=task.name,
            parent=task.parent,
            duration=task.duration,
            actor=actor,
            percent_complete=percent,
            actual_start=started,
            actual_finish=finished,
        )
    return plan
