"""Earned value by month: PV from the baseline, EV from percent complete as it stood each month."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from civicp3.delivery import services
from civicp3.delivery.earned import earned_value_view
from civicp3.delivery.models import Plan, PlanTask
from civicp3.toolkit.services import budget_line_save, budget_month_record

pytestmark = pytest.mark.django_db


def planned_on(plan: Plan, on: datetime) -> None:
    """Date the plan's history as if the tasks had been entered on `on`."""
    PlanTask.history.filter(plan_id=plan.pk).update(history_date=on)


def progress(plan: Plan, code: str, percent: int, on: datetime) -> None:
    task = plan.tasks.get(code=code)
    services.task_save(
        plan=plan, task=task, code=code, name=task.name, duration=task.duration,
        cost=task.cost, percent_complete=percent,
    )  # fmt: skip
    # Recorded on `on`, as if the project manager had updated the plan that day.
    latest = PlanTask.history.filter(id=task.pk).latest("history_id")
    PlanTask.history.filter(history_id=latest.history_id).update(history_date=on)


def test_pv_spreads_each_cost_over_its_working_days_and_ev_follows_progress(plan) -> None:
    services.plan_update(
        plan=plan, start=date(2026, 1, 28), hours_per_day=Decimal("7.5"),
        holidays="england-and-wales", closures=[],
    )  # fmt: skip
    services.baseline_set(plan=plan, name="Approved")
    planned_on(plan, datetime(2026, 1, 2, tzinfo=UTC))
    progress(plan, "A", 60, datetime(2026, 1, 30, 12, tzinfo=UTC))
    progress(plan, "A", 100, datetime(2026, 2, 3, 12, tzinfo=UTC))
    progress(plan, "B", 50, datetime(2026, 2, 5, 12, tzinfo=UTC))
    view = earned_value_view(plan, today=date(2026, 2, 20))
    assert view.months == [date(2026, 1, 1), date(2026, 2, 1)]
    assert view.pv == [Decimal(600), Decimal(2000)]  # A's 3 of 5 days in January
    assert view.ev == [Decimal(600), Decimal(1300)]
    assert view.bac == Decimal(2000)
    latest = view.latest
    assert latest.spi == Decimal("0.65")
    assert latest.eac_atypical == Decimal(700)  # AC + (BAC - EV) with no actuals reported
    assert not view.actuals_available


def test_actual_cost_comes_from_the_project_budget(org, plan) -> None:
    services.baseline_set(plan=plan, name="Approved")
    planned_on(plan, datetime(2026, 1, 2, tzinfo=UTC))
    progress(plan, "A", 100, datetime(2026, 1, 9, 17, tzinfo=UTC))
    line = budget_line_save(
        project=plan.project,
        fields={"kind": "revenue", "name": "Supplier", "approved": Decimal(2000)},
        actor=None,
    )
    budget_month_record(
        line=line, month=date(2026, 1, 1), forecast=Decimal(1000), actual=Decimal(1250), actor=None
    )
    view = earned_value_view(plan, today=date(2026, 1, 31))
    assert view.ac == [Decimal(1250)]
    latest = view.latest
    assert (latest.ev, latest.ac, latest.cv) == (Decimal(1000), Decimal(1250), Decimal(-250))
    assert latest.cpi == Decimal("0.8")
    assert latest.eac == Decimal(2500)  # BAC / CPI
    page = org.client_for("sponsor").get(
        reverse("delivery-evm", kwargs={"number": plan.project.number})
    )
    assert "\u2212£250.00" in page.content.decode()  # the cost variance, overspent


def test_the_page_explains_what_is_missing(org, plan) -> None:
    client = org.client_for("auditor")
    url = reverse("delivery-evm", kwargs={"number": plan.project.number})
    assert "Set a baseline on the plan" in client.get(url).content.decode()
    services.baseline_set(plan=plan, name="Approved")
    page = client.get(url).content.decode()
    assert "Cumulative planned value, earned value and actual cost by month" in page
    assert "£2,000.00" in page  # BAC
    assert page.count("<svg") == 2
