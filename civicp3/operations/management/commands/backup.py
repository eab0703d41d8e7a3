"""`civicp3 backup FILE.zip`: every record and upload, to restore with `civicp3 restore`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from civicp3.operations.backup import backup


class Command(BaseCommand):
    help = "Write every record (with history) and every uploaded file to a zip."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the zip to write")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        manifest = backup(file)
        total = sum(manifest["records"].values())
        self.stdout.write(f"Backed up {total} records and {len(manifest['media'])} files to {file}")
