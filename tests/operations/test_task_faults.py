"""A failed background task is marked failed with its error shown — never silently lost.

On PostgreSQL with real `civicp3 db_worker` processes: a forecast whose task raises, and a
worker killed (SIGKILL) in the middle of a forecast.
"""

import copy
import signal
import subprocess
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django_tasks_db.models import DBTaskResult

from civicp3.delivery.models import Forecast
from civicp3.delivery.services import forecast_request
from civicp3.operations.lost_tasks import LOST_MESSAGE
from tests.scaleout.processes import PLAN, ROOT, process_env, project_with_plan, task_worker

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="workers are separate processes sharing one database: PostgreSQL",
    ),
]


def forecast_page(client: Client, forecast: Forecast) -> str:
    url = f"/projects/{forecast.project.number}/forecast/{forecast.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def run_queue_once() -> None:
    subprocess.run(
        ["civicp3", "db_worker", "--batch", "--no-reload", "--no-startup-delay", "-v", "0"],
        env=process_env(),
        cwd=ROOT,
        check=True,
        timeout=60,
        executable=str(ROOT / ".venv" / "bin" / "civicp3"),
    )


def loop_plan() -> dict:
    """The plan with B -> A added: A and B would each wait for the other."""
    plan = copy.deepcopy(PLAN)
    plan["links"].append({"from": "B", "to": "A", "type": "FS", "lag": 0})
    return plan


def failed_forecast(org) -> Forecast:  # type: ignore[no-untyped-def]
    project = project_with_plan(org.a)
    forecast = forecast_request(project=project, iterations=1000, actor=org.people_a["pmo"])
    # The plan the forecast runs becomes impossible after it was queued.
    Forecast.objects.filter(pk=forecast.pk).update(inputs={"plan": loop_plan()})
    run_queue_once()
    forecast.refresh_from_db()
    return forecast


@pytest.mark.usefixtures("queued_tasks")
def test_a_forecast_whose_task_fails_shows_failed_with_its_error(org):
    forecast = failed_forecast(org)
    assert forecast.status == Forecast.Status.FAILED
    html = forecast_page(org.client_for("pmo"), forecast)
    assert "Failed" in html
    assert "The forecast could not run" in html
    assert "B -&gt; A -&gt; B" in html or "B → A → B" in html


@pytest.mark.usefixtures("queued_tasks")
def test_a_failed_forecast_explains_its_error_in_plain_words(org):
    html = forecast_page(org.client_for("pmo"), failed_forecast(org))
    assert "These tasks would depend on each other in a loop: B → A → B" in html


def wait_until_running(forecast: Forecast, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        forecast.refresh_from_db()
        if forecast.status == Forecast.Status.RUNNING:
            return
        time.sleep(0.02)
    raise AssertionError(f"the forecast was still {forecast.status} after {timeout:.0f} s")


@pytest.mark.usefixtures("queued_tasks")
def test_a_worker_killed_mid_forecast_leaves_it_failed_and_shown_not_lost(org):
    project = project_with_plan(org.a)
    # Two million iterations: seconds of work, long enough to kill the worker in the middle.
    forecast = forecast_request(project=project, iterations=2_000_000, seed=7)
    with task_worker("doomed") as worker:
        wait_until_running(forecast)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=15)
    result = DBTaskResult.objects.get(task_path__endswith=".run_forecast")
    # What django-tasks-db leaves behind: the task RUNNING for ever, retried by no one.
    assert result.status == "RUNNING"
    assert result.worker_ids == ["doomed"]

    call_command("fail_lost_tasks", "--older-than", "0", stdout=open("/dev/null", "w"))  # noqa: SIM115

    result.refresh_from_db()
    assert result.status == "FAILED"
    assert result.exception_class_path == "civicp3.operations.lost_tasks.WorkerLost"
    forecast.refresh_from_db()
    assert forecast.status == Forecast.Status.FAILED
    html = forecast_page(org.client_for("pmo"), forecast)
    assert "The forecast could not run" in html
    assert LOST_MESSAGE in html


@pytest.mark.usefixtures("queued_tasks")
def test_a_task_still_running_within_the_time_limit_is_left_alone(org):
    project = project_with_plan(org.a)
    forecast = forecast_request(project=project, iterations=2_000_000, seed=7)
    with task_worker("busy"):
        wait_until_running(forecast)
        call_command("fail_lost_tasks", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert DBTaskResult.objects.get().status == "RUNNING"
        forecast.refresh_from_db()
        assert forecast.status == Forecast.Status.RUNNING
