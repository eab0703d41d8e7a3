"""Scale-out: two gunicorn app servers and two task workers against one PostgreSQL.

Forecasts are started through one server and polled and read through the other with the same
session cookie, and the workers, polling the one database queue at once, run each exactly once.
"""

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from civicp3.delivery.models import Forecast

from .processes import Visitor, app_server, project_with_plan, real_password, task_worker

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="scale-out needs a database several processes share: PostgreSQL",
    ),
]

FORECASTS = 6


def test_forecasts_started_on_one_server_are_read_on_the_other_and_run_once(org):
    project = project_with_plan(org.a)
    real_password(org.people_a["pmo"])
    visitor = Visitor()
    with app_server() as one, app_server() as two:
        visitor.sign_in(one, "pmo")
        session = visitor.session
        # Signed in on server one, the same cookie is honoured on server two.
        assert "Sign out" in visitor.get(f"{two}/projects/{project.number}/forecast/").html

        started: dict[int, str] = {}
        for n in range(FORECASTS):
            here, there = (one, two) if n % 2 == 0 else (two, one)
            path = visitor.start_forecast(here, project, seed=1000 + n)
            started[int(path.rstrip("/").rpartition("/")[2])] = f"{there}{path}"

        # Queued until a worker runs them: then two workers compete for the one queue.
        for url in started.values():
            assert "Waiting to start" in visitor.get(url).html
        with task_worker("worker-1"), task_worker("worker-2"):
            for url in started.values():
                assert "Finish date percentiles" in visitor.wait_for_finish(url)
        assert visitor.session == session

    # Every forecast ran exactly once: one task result each, claimed by one worker, and done.
    results = list(DBTaskResult.objects.filter(task_path__endswith=".run_forecast"))
    ran = sorted(result.args_kwargs["args"][0] for result in results)
    assert ran == sorted(started)
    assert {result.status for result in results} == {"SUCCESSFUL"}
    assert all(len(result.worker_ids) == 1 for result in results)
    assert {w for result in results for w in result.worker_ids} <= {"worker-1", "worker-2"}
    forecasts = Forecast.objects.filter(pk__in=started)
    assert {f.status for f in forecasts} == {Forecast.Status.DONE}
