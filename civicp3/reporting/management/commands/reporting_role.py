from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from civicp3.organisation.models import Council
from civicp3.reporting.services import ReportingError, reporting_role_create, reporting_role_drop


class Command(BaseCommand):
    help = (
        "Create (or give a new password to) a council's read-only PostgreSQL role for Power BI "
        "and Excel, or --drop it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", required=True, help="the council's slug")
        parser.add_argument("--drop", action="store_true", help="remove the role instead")

    def handle(self, *args: Any, **options: Any) -> None:
        council = Council.objects.filter(slug=options["council"]).first()
        if council is None:
            raise CommandError(f"No council has the slug {options['council']!r}")
        try:
            if options["drop"]:
                role = reporting_role_drop(council=council)
                self.stdout.write(f"Dropped {role}: it can no longer connect.")
                return
            role, password = reporting_role_create(council=council, actor=None)
        except ReportingError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Role: {role}\nPassword: {password}\n(shown once; keep it safe)")
