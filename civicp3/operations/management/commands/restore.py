"""`civicp3 restore FILE.zip`: load a backup into an empty, migrated database."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from civicp3.operations.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `civicp3 backup` into an empty, migrated database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the backup zip")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            manifest = restore(file)
        except BackupError as error:
            raise CommandError(str(error), returncode=2) from error
        total = sum(manifest["records"].values())
        self.stdout.write(
            f"Restored {total} records and {len(manifest['media'])} files from {file}"
        )
