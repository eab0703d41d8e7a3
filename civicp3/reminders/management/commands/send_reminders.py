"""`civicp3 send_reminders`: the daily digest of what each person must do (run it from cron).

Safe on several servers at once: each reminder is recorded once and sent once.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from civicp3.reminders.services import send_reminders


class Command(BaseCommand):
    help = "Find overdue updates, reviews, sign-offs and decisions, and e-mail each person once."

    def handle(self, *args: Any, **options: Any) -> None:
        run = send_reminders(timezone.localdate())
        self.stdout.write(
            f"Found {run.found} things due ({run.new} new); sent {run.sent_reminders} "
            f"reminders in {run.digests} digests"
        )
