"""Background tasks whose worker died part-way: found, marked failed, and shown — never lost.

django-tasks-db marks a task RUNNING when a worker claims it and only the worker itself ever
moves it on. A worker killed part-way (out of memory, SIGKILL, a host restarted) leaves the
row RUNNING for ever and nothing retries it (django-tasks issue #46, still open in 0.12). So
`civicp3 fail_lost_tasks`, run every few minutes beside the workers, marks every task still
RUNNING longer than any task takes (TASKS_LOST_AFTER_SECONDS, 30 minutes by default) as failed
with `WorkerLost`, and lets the app that queued it record the failure on its own record.

On the Redis queue (TASKS_BACKEND=rq) RQ itself decides that a job lost its worker: a killed
work horse, or a job abandoned by a dead worker, lands in RQ's failed-job registry, but no one
tells the app. `fail_lost_rq_jobs` (run by the same command) finds those jobs there and lets
the app record the failure the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

LOST_MESSAGE = "The worker stopped before it finished; start it again."


class WorkerLost(Exception):
    """The worker running a task stopped without finishing it."""


# task path -> what its app does when one of its tasks is lost (given the task's arguments).
LostHandler = Callable[..., None]
_handlers: dict[str, LostHandler] = {}


def on_lost(task_path: str) -> Callable[[LostHandler], LostHandler]:
    """Register what to do with an app's record when a task of `task_path` is lost."""

    def register(handler: LostHandler) -> LostHandler:
        _handlers[task_path] = handler
        return handler

    return register


def lost_after() -> timedelta:
    return timedelta(seconds=settings.TASKS_LOST_AFTER_SECONDS)


def _record_lost(task_path: str, args: list[Any], kwargs: dict[str, Any]) -> None:
    # The task's own module registers its handler (with @on_lost) when it is imported.
    import_module(task_path.rpartition(".")[0])
    handler = _handlers.get(task_path)
    if handler is not None:
        handler(*args, **kwargs)


@transaction.atomic
def fail_lost_tasks(
    *, older_than: timedelta | None = None, now: datetime | None = None
) -> list[DBTaskResult[Any, Any]]:
    """Mark tasks RUNNING since before `now - older_than` failed; returns them."""
    cutoff = (now or timezone.now()) - (lost_after() if older_than is None else older_than)
    lost = list(
        DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status=TaskResultStatus.RUNNING, started_at__lte=cutoff
        )
    )
    for result in lost:
        result.set_failed(WorkerLost(LOST_MESSAGE))
        _record_lost(result.task_path, result.args_kwargs["args"], result.args_kwargs["kwargs"])
    return lost


# How RQ 3.0 words a job whose work horse died, and a job abandoned by a dead worker.
RQ_LOST_SIGNS = ("Work-horse terminated unexpectedly", "AbandonedJobError")


def fail_lost_rq_jobs() -> list[str]:
    """Record on its app's record every RQ job that failed because its worker died; returns
    their ids. Safe to repeat: the apps' handlers change only records still waiting or running.
    """
    from redis import Redis
    from rq.job import Job
    from rq.registry import FailedJobRegistry

    redis = Redis.from_url(settings.REDIS_URL)
    lost = []
    for queue in settings.RQ_QUEUES:
        for job_id in FailedJobRegistry(queue, connection=redis).get_job_ids():
            job = Job.fetch(job_id, connection=redis)
            result = job.latest_result()
            if result is None or not any(s in (result.exc_string or "") for s in RQ_LOST_SIGNS):
                continue
            with transaction.atomic():
                _record_lost(job.func_name, list(job.args), dict(job.kwargs))
            lost.append(job_id)
    return lost
