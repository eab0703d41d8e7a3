"""A small plan on council A's project, built through the services as a person would."""

from datetime import date
from decimal import Decimal

import pytest

from civicp3.delivery import services
from civicp3.delivery.models import Plan
from civicp3.portfolio.models import Project
from civicp3.portfolio.services import project_create

# Monday 5 January 2026. A(5) -> B(3) and A -> C(2) -> D(0, milestone); B -> D.
START = date(2026, 1, 5)


@pytest.fixture
def project(org) -> Project:  # type: ignore[no-untyped-def]
    return project_create(council=org.a, title="Customer portal replacement")


def add_task(plan: Plan, code: str, duration: str, **values: object):  # type: ignore[no-untyped-def]
    return services.task_save(
        plan=plan, task=None, code=code, name=values.pop("name", f"Task {code}"),
        duration=Decimal(duration), **values,
    )  # fmt: skip


@pytest.fixture
def plan(project: Project) -> Plan:
    plan = services.plan_create(project=project, start=START)
    a = add_task(plan, "A", "5", cost=Decimal("1000.00"))
    b = add_task(plan, "B", "3", cost=Decimal("600.00"))
    c = add_task(plan, "C", "2", cost=Decimal("400.00"))
    d = add_task(plan, "D", "0", name="Go live")
    for pred, succ in ((a, b), (a, c), (b, d), (c, d)):
        services.link_add(plan=plan, predecessor=pred, successor=succ, type="FS", lag=Decimal(0))
    return plan
