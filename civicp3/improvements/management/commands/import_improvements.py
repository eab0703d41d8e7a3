"""`civicp3 import_improvements FILE --council SLUG`: load a work list in the seed's layout.

All or nothing: if any row is bad, every problem is printed (row, column, reason) on stderr,
nothing is written and the command exits with status 2 (as it does for an unknown council or
a missing file).
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from civicp3.improvements.services import ImportRejected, improvements_import
from civicp3.organisation.models import Council


class Command(BaseCommand):
    help = "Import improvement requests from a CSV or XLSX work list in the seed's layout."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The CSV or XLSX file.")
        parser.add_argument("--council", required=True, help="The council's slug, e.g. maldon.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            council = Council.objects.get(slug=options["council"])
        except Council.DoesNotExist:
            raise CommandError(
                f"There is no council with the slug {options['council']!r}", returncode=2
            ) from None
        if not path.is_file():
            raise CommandError(f"There is no file at {path}", returncode=2)
        try:
            created = improvements_import(council=council, rows_or_file=path, actor=None)
        except ImportRejected as rejected:
            self.stderr.write(f"{rejected.message} from {path.name}:")
            for error in rejected.errors:
                self.stderr.write(f"  {error}")
            raise SystemExit(2) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {len(created)} improvement requests into {council.name}"
                + (f" ({created[0].reference} to {created[-1].reference})" if created else "")
            )
        )
