"""Risk events and time-dependent costs in a forecast, and its progress while it runs.

The plan (conftest): A(5 days, £1,000) -> B(3, £600) and A -> C(2, £400) -> D(0); B -> D.
Without estimates every duration is fixed, so a risk that always happens moves the finish and
the cost by exactly its delay and its cost: the results below are exact, not statistical.
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from civicp3.delivery import forecasting, services
from civicp3.delivery.models import Forecast, Plan, PlanRisk
from civicp3.delivery.services import DeliveryError
from tests.delivery.conftest import START, add_task

pytestmark = pytest.mark.django_db


def risk(plan: Plan, **values: object) -> PlanRisk:
    fields: dict[str, object] = {
        "title": "Supplier delivers late",
        "probability": Decimal(100),
        "delay_days": Decimal(5),
        "cost": Decimal(1000),
        "task_codes": ["A"],
    }
    fields.update(values)
    return services.risk_save(plan=plan, risk=None, **fields)  # type: ignore[arg-type]


def days(forecast: Forecast, name: str) -> float:
    assert forecast.result is not None
    return next(p["days"] for p in forecast.result["percentiles"] if p["name"] == name)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"task_codes": ["A", "Z"]}, "tasks", "Task ID Z is not in this plan"),
        ({"probability": Decimal(101)}, "probability", "Enter a probability from 0 to 100%"),
        ({"delay_days": Decimal(0), "cost": Decimal(0)}, "delay_days", "changes nothing"),
        ({"task_codes": []}, "tasks", "Enter the IDs of the tasks the delay hits"),
        ({"title": "  "}, "title", "Enter a title for the risk"),
    ],
)
def test_a_risk_event_is_refused_with_a_clear_reason(plan, values, field, message) -> None:
    with pytest.raises(DeliveryError) as error:
        risk(plan, **values)

    assert error.value.field == field
    assert message in error.value.message
    assert not PlanRisk.objects.exists()


def test_a_risk_cannot_hit_a_summary_task(plan) -> None:
    phase = add_task(plan, "P", "0", name="Phase")
    task = plan.tasks.get(code="C")
    services.task_save(
        plan=plan, task=task, code="C", name=task.name, duration=task.duration, parent=phase
    )

    with pytest.raises(DeliveryError, match="P: a summary task"):
        risk(plan, task_codes=["P"])


def test_a_risk_that_always_happens_moves_the_finish_and_cost_by_its_impact(
    org, plan, immediate_tasks
) -> None:
    base = services.forecast_request(project=plan.project, iterations=200, seed=5)
    risk(plan)  # A takes 5 more days (A is on the critical path) and £1,000 more

    hit = services.forecast_request(project=plan.project, iterations=200, seed=5)

    assert days(base, "P50") == 8
    assert days(hit, "P50") == 13
    assert base.result is not None
    assert hit.result is not None
    assert base.result["cost"]["mean"] == "2000.00"
    assert hit.result["cost"]["mean"] == "3000.00"
    assert hit.inputs["risks"] == [
        {
            "title": "Supplier delivers late",
            "probability": "1.00",
            "delay_days": "5.00",
            "cost": "1000.00",
            "tasks": ["A"],
        }
    ]


def test_a_risk_off_the_critical_path_only_adds_its_cost_when_it_happens(
    plan, immediate_tasks
) -> None:
    risk(plan, probability=Decimal(30), delay_days=Decimal(1), task_codes=["C"])

    run = services.forecast_request(project=plan.project, iterations=4000, seed=8)

    assert run.result is not None
    assert days(run, "P90") == 8  # C has 1 day of float: a 1-day delay changes nothing
    mean = Decimal(run.result["cost"]["mean"])
    assert Decimal(2250) < mean < Decimal(2350)  # £2,000 + 30% of £1,000, give or take


def test_a_time_dependent_cost_follows_the_simulated_duration(plan, immediate_tasks) -> None:
    task = plan.tasks.get(code="A")
    services.task_save(
        plan=plan, task=task, code="A", name=task.name, duration=task.duration,
        cost=task.cost, cost_basis="time",
    )  # fmt: skip
    risk(plan, cost=Decimal(0))  # A takes 10 days rather than 5: its £200 a day doubles

    run = services.forecast_request(
        project=plan.project, iterations=100, seed=2, budget=Decimal(2900)
    )

    assert run.inputs["time_costs"] == {"A": "200"}
    assert run.result is not None
    assert run.result["cost"]["mean"] == "3000.00"  # A £2,000 + B £600 + C £400
    assert run.result["p_budget"] == 0.0


def test_a_milestone_cannot_have_a_time_dependent_cost(plan) -> None:
    with pytest.raises(DeliveryError) as error:
        add_task(plan, "M", "0", cost=Decimal(10), cost_basis="time")

    assert error.value.field == "cost_basis"


def test_a_project_manager_adds_a_risk_and_the_forecast_page_shows_its_effect(
    org, plan, immediate_tasks
) -> None:
    client = org.client_for("project_manager")
    number = plan.project.number
    add = reverse("delivery-risk-add", kwargs={"number": number})
    form = {"title": "Data migration overruns", "probability": "100", "delay_days": "4"}

    wrong = client.post(add, {**form, "cost": "500", "tasks": "A, X9"}).content.decode()
    assert "govuk-error-summary" in wrong
    assert "Task ID X9 is not in this plan" in wrong
    assert not PlanRisk.objects.exists()

    assert client.post(add, {**form, "cost": "500", "tasks": "A"}).status_code == 302
    listed = client.get(reverse("delivery-risks", kwargs={"number": number})).content.decode()
    assert "Data migration overruns" in listed
    assert "£500.00" in listed

    forecast_url = reverse("delivery-forecast", kwargs={"number": number})
    assert "Data migration overruns (100%)" in client.get(forecast_url).content.decode()
    response = client.post(forecast_url, {"iterations": "500", "seed": "1", "budget": "2600"})
    page = client.get(response["Location"]).content.decode()
    assert "Chance of finishing within the budget of £2,600.00" in page
    assert re.search(r"within the budget of £2,600.00</dt><dd[^>]*>100%", page)
    assert "Data migration overruns: 100% chance, 4 working days on A, £500.00" in page
    run = Forecast.objects.get()
    assert days(run, "P50") == 12  # 8 days and the 4-day delay on A


def test_a_risk_of_another_council_is_not_found(org, plan) -> None:
    made = risk(plan)
    url = reverse("delivery-risk-edit", kwargs={"number": plan.project.number, "pk": made.pk})

    assert org.client_for("project_manager").get(url).status_code == 200
    assert org.client_for("project_manager", council="b").get(url).status_code == 404
    assert org.client_for("sponsor").get(url).status_code == 403


def test_the_forecast_page_shows_the_percent_done_going_up_while_it_runs(org, project) -> None:
    plan = services.plan_create(project=project, start=START)
    previous = None
    for i in range(60):
        task = add_task(
            plan, f"T{i}", "3", distribution="triangular", estimate_min=Decimal(2),
            estimate_likely=Decimal(3), estimate_max=Decimal(7),
        )  # fmt: skip
        if previous is not None:
            services.link_add(
                plan=plan, predecessor=previous, successor=task, type="FS", lag=Decimal(0)
            )
        previous = task
    forecast = services.forecast_request(project=project, iterations=20_000, seed=4)
    assert forecast.status == Forecast.Status.QUEUED  # the database backend: not run yet
    Forecast.objects.filter(pk=forecast.pk).update(status=Forecast.Status.RUNNING)
    client = org.client_for("sponsor")
    url = reverse("delivery-forecast-detail", kwargs={"number": project.number, "pk": forecast.pk})
    save = forecasting.progress_saver(forecast.pk)
    shown: list[int] = []

    def watch(done: int, total: int) -> None:
        save(done, total)
        page = client.get(url).content.decode()
        shown.append(int(re.search(r"(\d+)% of the iterations done", page).group(1)))  # type: ignore[union-attr]

    forecasting.run(forecast, progress=watch)

    assert len(shown) >= 3
    assert shown == sorted(shown)
    assert len(set(shown)) == len(shown)  # it goes up at every look
    assert shown[0] < 50
    assert shown[-1] == 100


def test_a_forecast_run_again_keeps_the_risks_it_was_run_with(plan, immediate_tasks) -> None:
    made = risk(plan, probability=Decimal(40))
    first = services.forecast_request(project=plan.project, iterations=1000, seed=12)
    services.risk_delete(risk=made)

    again = services.forecast_repeat(forecast=first)
    without = services.forecast_request(project=plan.project, iterations=1000, seed=12)

    assert again.result == first.result
    assert again.progress == 100
    assert without.inputs["risks"] == []
    assert days(without, "P90") < days(first, "P90")
