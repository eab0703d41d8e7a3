"""Forecasts run in the background, keep their seed and inputs, and show charts with tables."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from civicp3.delivery import services
from civicp3.delivery.models import Forecast, Plan
from civicp3.delivery.tasks import run_forecast
from civicp3.portfolio.models import Kind
from civicp3.portfolio.services import project_create

pytestmark = pytest.mark.django_db


def with_estimates(plan: Plan) -> Plan:
    for code, (lo, hi) in {"A": (4, 9), "B": (2, 6), "C": (1, 8)}.items():
        task = plan.tasks.get(code=code)
        services.task_save(
            plan=plan, task=task, code=code, name=task.name, duration=task.duration,
            cost=task.cost, distribution="triangular", estimate_min=Decimal(lo),
            estimate_likely=task.duration, estimate_max=Decimal(hi),
        )  # fmt: skip
    return plan


def test_a_forecast_waits_for_the_worker_and_its_page_says_so(org, plan) -> None:
    forecast = services.forecast_request(project=plan.project, iterations=500, seed=7)
    assert forecast.status == Forecast.Status.QUEUED
    client = org.client_for("sponsor")
    page_url = reverse(
        "delivery-forecast-detail", kwargs={"number": plan.project.number, "pk": forecast.pk}
    )
    page = client.get(page_url).content.decode()
    assert 'role="status"' in page
    assert "Waiting to start" in page
    assert "data-delivery-refresh" in page
    run_forecast.call(forecast.pk)  # what `civicp3 db_worker` does
    page = client.get(page_url).content.decode()
    assert "Finished" in page
    assert "data-delivery-refresh" not in page
    assert "Finish date percentiles" in page


def test_the_same_seed_and_inputs_give_the_same_result(org, plan, immediate_tasks) -> None:
    with_estimates(plan)
    client = org.client_for("project_manager")
    url = reverse("delivery-forecast", kwargs={"number": plan.project.number})
    response = client.post(
        url, {"iterations": "2000", "seed": "42", "by_date": "2026-01-16", "budget": "2100"}
    )
    assert response.status_code == 302
    first = Forecast.objects.get()
    assert first.status == Forecast.Status.DONE
    assert first.inputs["plan"]["tasks"][0]["estimate"] == {
        "min": 4,
        "likely": 5,
        "max": 9,
        "distribution": "triangular",
    }
    client.post(
        url, {"iterations": "2000", "seed": "42", "by_date": "2026-01-16", "budget": "2100"}
    )
    second = Forecast.objects.exclude(pk=first.pk).get()
    assert second.result == first.result
    result = first.result
    p = {row["name"]: row["date"] for row in result["percentiles"]}
    assert (
        date.fromisoformat(p["P10"]) <= date.fromisoformat(p["P50"]) <= date.fromisoformat(p["P90"])
    )
    assert date.fromisoformat(p["P10"]) >= date(2026, 1, 12)  # A and B at their quickest: 6 days
    assert 0 < result["p_by"] < 1
    assert result["p_budget"] == 1.0  # the costs are fixed: £2,000
    page = client.get(response["Location"]).content.decode()
    for heading in ("Histogram of the finish", "S-curve", "Sensitivity (tornado)", "Criticality"):
        assert heading in page
    assert page.count("<svg") == 4
    assert "Each task's criticality and sensitivity" in page


def test_a_plan_without_tasks_cannot_be_forecast(org, project) -> None:
    services.plan_create(project=project, start=date(2026, 1, 5))
    response = org.client_for("pmo").post(
        reverse("delivery-forecast", kwargs={"number": project.number}), {"iterations": "1000"}
    )
    assert "Add tasks to the plan before running a forecast" in response.content.decode()
    assert not Forecast.objects.exists()


def test_the_programme_roll_up_gives_each_programmes_chance(org, plan, immediate_tasks) -> None:
    with_estimates(plan)
    programme = project_create(
        council=org.a,
        title="Digital first",
        kind=Kind.PROGRAMME,
        committed_finish=date(2026, 1, 16),
    )
    plan.project.parent = programme
    plan.project.save()
    services.forecast_request(project=plan.project, iterations=2000, seed=3)
    other = project_create(council=org.a, title="Website", parent=programme)
    page = org.client_for("board_member").get(reverse("delivery-programmes")).content.decode()
    assert "Digital first" in page
    assert "No forecast yet" in page
    assert "chance not known yet" in page
    services.plan_create(project=other, start=date(2026, 1, 5))
    from tests.delivery.conftest import add_task

    add_task(other.plan, "W", "2")
    services.forecast_request(project=other, iterations=100, seed=1)
    page = org.client_for("board_member").get(reverse("delivery-programmes")).content.decode()
    chance = Forecast.objects.get(project=plan.project).result
    assert "% chance of meeting it" in page
    assert chance["s_curve"][0]["p"] >= 0


def test_a_forecast_run_again_uses_its_stored_plan_and_seed(org, plan, immediate_tasks) -> None:
    with_estimates(plan)
    first = services.forecast_request(project=plan.project, iterations=1000)
    task = plan.tasks.get(code="A")
    services.task_save(plan=plan, task=task, code="A", name=task.name, duration=Decimal(50))
    client = org.client_for("pmo")
    detail = reverse(
        "delivery-forecast-detail", kwargs={"number": plan.project.number, "pk": first.pk}
    )
    response = client.post(detail)
    again = Forecast.objects.exclude(pk=first.pk).get()
    assert response["Location"].endswith(f"/forecast/{again.pk}/")
    assert (again.seed, again.inputs, again.result) == (first.seed, first.inputs, first.result)
    assert org.client_for("sponsor").post(detail).status_code == 403
