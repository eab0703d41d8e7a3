"""Forecasts through the API: start one (202), poll it, and read its result when done."""

import pytest

from civicp3.delivery.models import Forecast
from civicp3.delivery.tasks import run_forecast

from .conftest import PLAN

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def polling_sees_them_queue(queued_tasks) -> None:  # type: ignore[no-untyped-def]
    """Tasks wait for the worker (whatever TASKS_IMMEDIATE says), so polling sees them queue."""


START = {"iterations": 500, "seed": 42, "by_date": "2026-01-16", "budget": "1500.00"}


def test_a_forecast_is_queued_polled_and_read(project_for, api_for):
    project = project_for(plan=PLAN)
    started = api_for("project_manager").post(f"/api/projects/{project.number}/forecasts", START)
    assert started.status_code == 202, started.content
    body = started.json()
    assert body["status"] == "queued"
    assert body["result"] is None
    assert body["poll"] == f"/api/projects/{project.number}/forecasts/{body['id']}"

    reader = api_for("sponsor", scope="read")
    assert reader.get(body["poll"]).json()["status"] == "queued"
    run_forecast.call(body["id"])  # what `civicp3 db_worker` does
    done = reader.get(body["poll"]).json()
    assert done["status"] == "done"
    result = done["result"]
    assert [p["name"] for p in result["percentiles"]] == ["P10", "P50", "P80", "P90"]
    assert (result["iterations"], result["seed"]) == (500, 42)
    assert 0 <= result["p_by"] <= 1
    assert {t["id"] for t in result["tasks"]} == {"A", "B"}


def test_a_failed_forecast_shows_its_error(project_for, api_for):
    project = project_for(plan=PLAN)
    body = api_for("pmo").post(f"/api/projects/{project.number}/forecasts", START).json()
    Forecast.objects.filter(pk=body["id"]).update(inputs={"plan": {"start": "soon"}})
    run_forecast.call(body["id"])
    failed = api_for("pmo").get(body["poll"]).json()
    assert failed["status"] == "failed"
    assert failed["error"]
    assert failed["result"] is None


def test_a_project_without_a_plan_cannot_be_forecast(project_for, api_for):
    project = project_for()
    response = api_for("pmo").post(f"/api/projects/{project.number}/forecasts", START)
    assert response.status_code == 422
    assert response.json()["detail"] == "Add tasks to the plan before running a forecast"


def test_another_councils_forecasts_are_404s(project_for, api_for):
    theirs = project_for("b", plan=PLAN)
    body = api_for("pmo", council="b").post(f"/api/projects/{theirs.number}/forecasts", START)
    assert body.status_code == 202
    api = api_for("pmo")
    assert api.get(body.json()["poll"]).status_code == 404
    assert api.post(f"/api/projects/{theirs.number}/forecasts", START).status_code == 404
    mine = project_for(plan=PLAN)
    # Their forecast's id under my project is not mine either.
    assert api.get(f"/api/projects/{mine.number}/forecasts/{body.json()['id']}").status_code == 404
    assert Forecast.objects.count() == 1


def test_roles_and_read_only_tokens_are_refused(project_for, api_for):
    project = project_for(plan=PLAN)
    url = f"/api/projects/{project.number}/forecasts"
    assert api_for("sponsor").post(url, START).status_code == 403
    assert api_for("project_manager", scope="read").post(url, START).status_code == 403
    assert api_for("staff").get(f"{url}/1").status_code == 403
    assert Forecast.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [({"iterations": 5}, "iterations"), ({"budget": "-1"}, "budget"), ({"seed": -3}, "seed")],
)
def test_bad_input_names_the_field(project_for, api_for, change, field):
    project = project_for(plan=PLAN)
    response = api_for("pmo").post(f"/api/projects/{project.number}/forecasts", START | change)
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json()["errors"]]
    assert Forecast.objects.count() == 0
