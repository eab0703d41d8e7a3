"""Scale-out on the Redis queue: TASKS_BACKEND=rq, two app servers and two RQ workers.

The same journey as test_two_servers.py, with the background work in Redis (django-tasks-rq)
instead of the database: forecasts started through the real form on each server in turn are
polled and read through the other, and RQ's own records show that each ran exactly once.
The test starts its own throw-away `redis-server` (nothing saved to disk) and stops it after.
"""

import io
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from redis import Redis
from rq.job import Job
from rq.registry import FailedJobRegistry, FinishedJobRegistry, StartedJobRegistry

from civicp3.delivery.models import Forecast
from civicp3.delivery.services import forecast_request
from civicp3.operations.lost_tasks import LOST_MESSAGE

from .processes import (
    Visitor,
    app_server,
    project_with_plan,
    real_password,
    redis_server,
    rq_worker,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="scale-out needs a database several processes share: PostgreSQL",
    ),
    pytest.mark.skipif(
        shutil.which("redis-server") is None,
        reason="no redis-server on this machine (scripts/ensure-test-services installs it)",
    ),
]

FORECASTS = 6
WORKERS = {"rq-worker-1", "rq-worker-2"}


def test_forecasts_on_the_redis_queue_are_read_on_the_other_server_and_run_once(org):
    project = project_with_plan(org.a)
    real_password(org.people_a["pmo"])
    visitor = Visitor()
    with redis_server() as redis_url:
        rq = {"TASKS_BACKEND": "rq", "REDIS_URL": redis_url}
        with app_server(**rq) as one, app_server(**rq) as two:
            visitor.sign_in(one, "pmo")
            started: dict[int, str] = {}
            for n in range(FORECASTS):
                here, there = (one, two) if n % 2 == 0 else (two, one)
                path = visitor.start_forecast(here, project, seed=2000 + n)
                started[int(path.rstrip("/").rpartition("/")[2])] = f"{there}{path}"

            # Nothing runs them until a worker takes them from Redis.
            redis = Redis.from_url(redis_url)
            assert redis.llen("rq:queue:default") == FORECASTS
            for url in started.values():
                assert "Waiting to start" in visitor.get(url).html

            with rq_worker("rq-worker-1", redis_url), rq_worker("rq-worker-2", redis_url):
                for url in started.values():
                    assert "Finish date percentiles" in visitor.wait_for_finish(url)

            # RQ's records: one finished job per forecast, each executed once, none failed
            # or left running, and the work shared by the two workers.
            finished = FinishedJobRegistry("default", connection=redis).get_job_ids()
            jobs = [Job.fetch(job_id, connection=redis) for job_id in finished]
            assert sorted(job.args[0] for job in jobs) == sorted(started)
            assert all(job.func_name.endswith(".run_forecast") for job in jobs)
            runs = [result.worker_name for job in jobs for result in job.results()]
            assert len(runs) == FORECASTS
            assert set(runs) <= WORKERS
            assert FailedJobRegistry("default", connection=redis).count == 0
            assert StartedJobRegistry("default", connection=redis).count == 0
            assert redis.llen("rq:queue:default") == 0

    forecasts = Forecast.objects.filter(pk__in=started)
    assert {f.status for f in forecasts} == {Forecast.Status.DONE}
    assert all(f.result and f.progress == 100 for f in forecasts)


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not after {timeout:.0f} s")
        time.sleep(0.02)


def work_horse(worker: subprocess.Popen[bytes]) -> int:
    """The process an RQ worker forked to run its current job."""
    children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split()
    assert len(children) == 1, f"worker {worker.pid} has children {children}"
    return int(children[0])


def test_a_forecast_whose_rq_work_horse_is_killed_is_shown_failed_not_running(org, settings):
    project = project_with_plan(org.a)
    with redis_server() as redis_url:
        # This process queues the forecast in Redis, as an app server with TASKS_BACKEND=rq does.
        settings.TASKS_BACKEND, settings.REDIS_URL = "rq", redis_url
        settings.RQ_QUEUES = {"default": {"URL": redis_url}}
        settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
        # Two million iterations: seconds of work, long enough to kill it in the middle.
        forecast = forecast_request(project=project, iterations=2_000_000, seed=7)
        redis = Redis.from_url(redis_url)
        failed = FailedJobRegistry("default", connection=redis)
        with rq_worker("rq-doomed", redis_url) as worker:
            wait_for(lambda: status(forecast) == Forecast.Status.RUNNING, "running")
            os.kill(work_horse(worker), signal.SIGKILL)
            wait_for(lambda: failed.count == 1, "RQ records the job failed")
        # What RQ leaves behind on its own: the job failed in Redis, the forecast RUNNING.
        assert status(forecast) == Forecast.Status.RUNNING

        out = io.StringIO()
        call_command("fail_lost_tasks", stdout=out)
        assert "1 lost RQ job(s) recorded" in out.getvalue()

    forecast.refresh_from_db()
    assert forecast.status == Forecast.Status.FAILED
    response = org.client_for("pmo").get(f"/projects/{project.number}/forecast/{forecast.pk}/")
    html = response.content.decode()
    assert "The forecast could not run" in html
    assert LOST_MESSAGE in html


def status(forecast: Forecast) -> str:
    return Forecast.objects.values_list("status", flat=True).get(pk=forecast.pk)
