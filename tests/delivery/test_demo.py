"""The demo plan loads once, schedules, and is baselined and under way."""

from decimal import Decimal

import pytest

from civicp3.delivery import selectors
from civicp3.delivery.demo import TITLE, load_demo
from civicp3.delivery.models import Plan
from civicp3.portfolio.models import Project
from civicp3.portfolio.services import project_create

pytestmark = pytest.mark.django_db


def test_the_demo_plan_loads_once_on_the_existing_project(org) -> None:
    existing = project_create(council=org.a, title=TITLE)
    load_demo(org.a)
    load_demo(org.a)
    plan = Plan.objects.get()
    assert plan.project == existing
    assert Project.objects.filter(title=TITLE).count() == 1
    view = selectors.plan_view(plan)
    assert len(view.scheduled.rows) == 17
    assert len(view.links) == 14
    assert view.baseline.name == "Approved at the gateway"
    assert plan.tasks.get(code="2.1").percent_complete == 60
    assert "3.1" in view.scheduled.critical_codes
    assert [r.task.code for r in view.scheduled.rows][:4] == ["1", "1.1", "1.2", "1.3"]
    assert selectors.risks_of(plan)[0].title.startswith("Supplier delivers")
    assert len(selectors.risks_of(plan)) == 3
    assert [t.code for t in selectors.time_cost_tasks(plan)] == ["3.1", "3.2"]
    assert plan.tasks.get(code="3.1").cost_per_day == Decimal("900.00")  # £18,000 over 20 days


def test_the_demo_makes_its_project_when_there_is_none(org) -> None:
    load_demo(org.b)
    assert Plan.objects.get().project.title == TITLE
