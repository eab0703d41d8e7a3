"""Background tasks whose worker died part-way: found, marked failed, and shown — never lost.

django-tasks-db marks a task RUNNING when a worker claims it and only the worker itself ever
moves it on. A worker killed part-way (out of memory, SIGKILL, a host restarted) leaves the
row RUNNING for ever and nothing retries it (django-tasks issue #46, still open in 0.12). So
`civicp3 fail_lost_tasks`, run every few minutes beside the workers, marks every task still
RUNNING longer than any task takes (TASKS_LOST_AFTER_SECONDS, 30 minutes by default) as failed
with `WorkerLost`, and lets the app that queued it record the failure on its own record.
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
        # The task's own module registers its handler (with @on_lost) when it is imported.
        import_module(result.task_path.rpartition(".")[0])
        handler = _handlers.get(result.task_path)
        if handler is not None:
            handler(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
    return lost
