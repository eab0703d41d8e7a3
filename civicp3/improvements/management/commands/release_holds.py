"""`civicp3 release_holds`: run daily. Requests put on hold until a date that has come go back
to feasibility analysis, and each council's improvement team is e-mailed the list."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from civicp3.improvements.services import improvement_holds_release
from civicp3.organisation.models import Council


class Command(BaseCommand):
    help = "Bring back improvement requests whose 'on hold until' date has come (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        for council in Council.objects.order_by("name"):
            for improvement in improvement_holds_release(council=council, today=today):
                self.stdout.write(f"{council.slug}: {improvement.reference} is back from hold")
