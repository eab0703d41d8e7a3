"""`civicp3 schedule PLAN`: the critical path of a JSON plan or an MS Project XML file."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from civicp3.delivery.planfiles import PLAN_ERRORS, schedule_file
from civicp3.engine.planfile import dump_schedule

COLUMNS = ("id", "name", "start", "finish", "late_start", "late_finish", "total_float", "critical")


class Command(BaseCommand):
    help = "Schedule a plan (.json plan format or MS Project .xml) and print its critical path."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan", type=Path, help="a .json plan or an MSPDI .xml file")
        parser.add_argument("--format", choices=["json", "table"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = dump_schedule(schedule_file(options["plan"]))
        except PLAN_ERRORS as error:
            raise CommandError(f"{options['plan']}: {error}", returncode=2) from error
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, indent=2))
            return
        rows = [[str(task[c]) for c in COLUMNS] for task in result["tasks"]]
        widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(COLUMNS)]
        self.stdout.write("  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True)))
        for row in rows:
            self.stdout.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))
        self.stdout.write(f"Start {result['start']}, finish {result['finish']}")
