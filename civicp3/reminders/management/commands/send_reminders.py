"""`civicp3 send_reminders`: the daily digest of what each person must do (run it from cron).

Safe on several servers at once: each reminder is recorded once and sent once.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from civicp3.reminders.services import reminders_run


def plural(count: int, word: str) -> str:
    return word if count == 1 else f"{word}s"


class Command(BaseCommand):
    help = "Find overdue updates, reviews, sign-offs and decisions, and e-mail each person once."

    def handle(self, *args: Any, **options: Any) -> None:
        run = reminders_run(timezone.localdate())
        self.stdout.write(
            f"Found {run.found} {plural(run.found, 'thing')} due ({run.new} new); sent "
            f"{run.sent_reminders} {plural(run.sent_reminders, 'reminder')} in {run.digests} "
            f"{plural(run.digests, 'digest')}"
        )
