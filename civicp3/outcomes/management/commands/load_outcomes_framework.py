"""`civicp3 load_outcomes_framework FILE --name NAME (--council SLUG | --all-councils)`: load
an outcomes framework for one council, or for every council of the installation (each gets its
own copy, to map its own KPIs and record values).

All or nothing: if any cell is bad, or any council already has a framework of that name, every
problem is printed on stderr, nothing is written for any council and the command exits with
status 2 (as it does for an unknown council or a missing or unreadable file).
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from civicp3.lib.tabular import UnreadableFile, read_table
from civicp3.organisation.models import Council
from civicp3.organisation.services import ImportRefused
from civicp3.outcomes.services import framework_import


class Command(BaseCommand):
    help = "Load an outcomes framework (CSV or XLSX) for one council or for every council."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The CSV or XLSX file.")
        parser.add_argument("--name", required=True, help="The framework's name.")
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--council", help="The council's slug, e.g. maldon.")
        which.add_argument("--all-councils", action="store_true", help="Every council.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        councils = list(Council.objects.order_by("name"))
        if options["council"]:
            councils = [c for c in councils if c.slug == options["council"]]
            if not councils:
                raise CommandError(
                    f"There is no council with the slug {options['council']!r}", returncode=2
                )
        if not path.is_file():
            raise CommandError(f"There is no file at {path}", returncode=2)
        try:
            rows = read_table(path)
        except (UnreadableFile, UnicodeDecodeError) as error:
            raise CommandError(f"{path.name}: {error}", returncode=2) from None
        problems: list[str] = []
        try:
            with transaction.atomic():
                for council in councils:
                    try:
                        framework_import(
                            council=council, name=options["name"], rows=rows, filename=path.name
                        )
                    except ImportRefused as refused:
                        problems.extend(f"{council.name}: {error}" for error in refused.errors)
                if problems:
                    raise ImportRefused(problems)
        except ImportRefused as refused:
            self.stderr.write(f"{refused} from {path.name}:")
            for error in refused.errors:
                self.stderr.write(f"  {error}")
            raise SystemExit(2) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {options['name']} for {len(councils)} "
                f"council{'s' if len(councils) != 1 else ''}"
            )
        )
