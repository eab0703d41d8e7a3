"""`civicp3 fail_lost_tasks`: mark background tasks whose worker died part-way as failed."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from civicp3.operations.lost_tasks import fail_lost_rq_jobs, fail_lost_tasks, lost_after


class Command(BaseCommand):
    help = (
        "Mark background tasks still running after TASKS_LOST_AFTER_SECONDS (a worker died "
        "part-way) as failed, with the reason shown on their pages. Run it every few minutes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=int,
            default=None,
            metavar="SECONDS",
            help=f"running for longer than this (default {lost_after().total_seconds():.0f})",
        )

    def handle(self, *args: Any, older_than: int | None, **options: Any) -> None:
        after = None if older_than is None else timedelta(seconds=older_than)
        lost = fail_lost_tasks(older_than=after)
        for result in lost:
            self.stdout.write(f"Failed {result.task_name} {result.id}: its worker stopped")
        self.stdout.write(f"{len(lost)} lost task(s) marked failed")
        if settings.TASKS_BACKEND == "rq":
            # RQ has already marked these failed; their records learn of it here.
            jobs = fail_lost_rq_jobs()
            for job_id in jobs:
                self.stdout.write(f"Recorded RQ job {job_id} as failed: its worker stopped")
            self.stdout.write(f"{len(jobs)} lost RQ job(s) recorded")
