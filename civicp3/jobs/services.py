"""Start background work and run it, recording its progress and how it ended.

`start(...)` records a Job and hands it to the task queue; the worker (or the request itself,
with TASKS_IMMEDIATE=1) calls `run`, which calls the job's runner:

    def runner(*, council, user, progress, **arguments) -> Outcome

`progress(done, total, message="")` records how far it has got. A runner that cannot finish
raises `JobFailed` with the reason in plain words (and, for an import, each bad row); any other
exception is logged and the person is given a reference to quote. A job is never lost silently.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone
from django.utils.module_loading import import_string

from civicp3.jobs.models import Job
from civicp3.operations.lost_tasks import LOST_MESSAGE, lost_after
from civicp3.organisation.models import Council

logger = logging.getLogger(__name__)

Status = Job.Status
# The moves a job's status may make; anything else is refused (a job runs once).
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.QUEUED: frozenset({Status.RUNNING, Status.FAILED}),
    Status.RUNNING: frozenset({Status.DONE, Status.FAILED}),
    Status.DONE: frozenset(),
    Status.FAILED: frozenset(),
}
# Who may see a job and its result: people of its council whose role allows the work itself
# (see civicp3/organisation/roles.py).
KIND_ACTIONS: dict[str, str] = {
    Job.Kind.WORK_LIST_IMPORT: "improvements.import",
    Job.Kind.ONBOARDING_IMPORT: "settings.change",
    Job.Kind.DOCUMENT: "plans.view",
}
UNEXPECTED = (
    "Something went wrong while this was running, so it did not finish. "
    "Try again; if it happens again, tell your council's administrator and quote reference {ref}."
)
# Result files are always downloaded, never shown in the browser as a page.
SAFE_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
}


class Progress(Protocol):
    def __call__(self, done: int, total: int, message: str = "") -> None: ...


class JobFailed(Exception):
    """The work could not be done, for a reason the person can act on (said in plain words)."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


class JobError(ValueError):
    """A job was asked to do something its status does not allow."""


@dataclass(frozen=True)
class Outcome:
    """What a finished job gives back: a message, and a page to go to or a file to download."""

    message: str
    url: str = ""
    url_label: str = ""
    file_name: str = ""
    file_data: bytes = field(default=b"", repr=False)


Runner = Callable[..., Outcome]


def start(
    council: Council,
    user: AbstractBaseUser,
    kind: str,
    label: str,
    runner_path: str,
    *,
    unit: str = "rows",
    **kwargs: Any,
) -> Job:
    """Record a job and queue it. `kwargs` (JSON values) are passed to the runner."""
    from civicp3.jobs.tasks import run_job

    if kind not in KIND_ACTIONS:
        raise JobError(f"There is no kind of work called {kind!r}")
    if not callable(import_string(runner_path)):  # a wrong path fails here, not in the worker
        raise JobError(f"{runner_path} is not a runner")
    job = Job.objects.create(
        council=council,
        started_by=user,
        kind=kind,
        label=label[:200],
        runner=runner_path,
        arguments=kwargs,
        unit=unit,
    )
    try:
        run_job.enqueue(job.pk)
    except Exception:  # the queue is unreachable: say so on the job's page, never lose it
        logger.exception("Job %s could not be queued", job.pk)
        fail(job.pk, UNEXPECTED.format(ref=job.pk))
    job.refresh_from_db()
    return job


def _move(job_id: int, to: str, **fields: Any) -> bool:
    """Move the job to `to` if its status allows; False when it does not (already moved on)."""
    allowed_from = [status for status, targets in TRANSITIONS.items() if to in targets]
    return bool(Job.objects.filter(pk=job_id, status__in=allowed_from).update(status=to, **fields))


class _ProgressWriter:
    """Records a job's progress where its page sees it at once.

    Work done inside one all-or-nothing transaction of its own (an import) would hide its
    progress writes until it commits, so on PostgreSQL those go through a second connection.
    (SQLite lets one connection write at a time: there the progress shows when the work ends.)
    """

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.aside: BaseDatabaseWrapper | None = None
        self.depth = len(connection.atomic_blocks)  # transactions the work did not open

    def __call__(self, done: int, total: int, message: str = "") -> None:
        total = max(total, 0)
        done = min(max(done, 0), total) if total else max(done, 0)
        fields: dict[str, Any] = {"done": done, "total": total}
        if message:
            fields["message"] = message[:300]
        inside_the_work = len(connection.atomic_blocks) > self.depth
        if inside_the_work and connection.vendor == "postgresql" and self._write_aside(fields):
            return
        Job.objects.filter(pk=self.job_id, status=Status.RUNNING).update(**fields)

    def _write_aside(self, fields: dict[str, Any]) -> bool:
        """False when the other connection cannot see the job (it is not committed yet)."""
        if self.aside is None:
            self.aside = connections.create_connection(DEFAULT_DB_ALIAS)
        quote = self.aside.ops.quote_name
        columns = ", ".join(f"{quote(name)} = %s" for name in fields)
        with self.aside.cursor() as cursor:
            cursor.execute(
                f"UPDATE {quote(Job._meta.db_table)} SET {columns} WHERE id = %s AND status = %s",
                [*fields.values(), self.job_id, Status.RUNNING],
            )
            return bool(cursor.rowcount)

    def close(self) -> None:
        if self.aside is not None:
            self.aside.close()


def run(job_id: int) -> str:
    """Run a queued job once: claim it, call its runner and record how it ended."""
    if not _move(job_id, Status.RUNNING, started=timezone.now()):
        return Job.objects.get(pk=job_id).status
    job = Job.objects.select_related("council", "started_by").get(pk=job_id)
    progress = _ProgressWriter(job.pk)
    try:
        runner: Runner = import_string(job.runner)
        outcome = runner(
            council=job.council, user=job.started_by, progress=progress, **job.arguments
        )
    except JobFailed as failure:
        fail(job.pk, failure.message, failure.problems)
        return Status.FAILED
    except Exception:
        logger.exception("Job %s (%s, %s) failed unexpectedly", job.pk, job.kind, job.runner)
        fail(job.pk, UNEXPECTED.format(ref=job.pk))
        return Status.FAILED
    finally:
        progress.close()
    try:
        _finish(job, outcome)
    except Exception:
        logger.exception("Job %s finished but its result could not be kept", job.pk)
        fail(job.pk, UNEXPECTED.format(ref=job.pk))
        return Status.FAILED
    return Status.DONE


def fail(job_id: int, message: str, problems: list[str] | None = None) -> None:
    _move(
        job_id,
        Status.FAILED,
        error=message,
        problems=problems or [],
        finished=timezone.now(),
    )


def fail_lost(council: Council) -> int:
    """Fail the council's jobs whose worker died; how many. Called before a page reads jobs.

    The lost-task sweep's rule (civicp3.operations.lost_tasks): work running longer than
    TASKS_LOST_AFTER_SECONDS has lost its worker. Applied here too, a job's page says so as
    soon as that time has passed, not "in progress" until the sweep next runs (the sweep still
    fails the queue's own record; failing a job twice changes nothing).
    """
    now = timezone.now()
    return Job.objects.filter(
        council=council, status=Status.RUNNING, started__lte=now - lost_after()
    ).update(status=Status.FAILED, error=LOST_MESSAGE, problems=[], finished=now)


def _finish(job: Job, outcome: Outcome) -> None:
    job.refresh_from_db()
    if outcome.file_data:
        job.result_file.save(outcome.file_name, ContentFile(outcome.file_data), save=False)
    _move(
        job.pk,
        Status.DONE,
        message=outcome.message[:300],
        done=job.total or job.done,
        result_file=job.result_file.name or "",
        result_name=outcome.file_name[:200],
        result_url=outcome.url[:500],
        result_label=outcome.url_label[:200],
        finished=timezone.now(),
    )


def content_type(job: Job) -> str:
    suffix = "." + job.result_name.rsplit(".", 1)[-1].lower() if "." in job.result_name else ""
    return SAFE_TYPES.get(suffix, "application/octet-stream")
