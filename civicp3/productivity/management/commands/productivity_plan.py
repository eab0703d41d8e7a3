"""`civicp3 productivity_plan --council SLUG --format pdf|docx|html --out PATH [--plan ID]`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from civicp3.productivity import selectors
from civicp3.productivity.best_value import BEST_VALUE
from civicp3.productivity.documents import plan_document
from civicp3.productivity.management.commands import _output


class Command(BaseCommand):
    help = "Write a council's Productivity Plan (the latest, or --plan ID) as PDF, DOCX or HTML."

    def add_arguments(self, parser: CommandParser) -> None:
        _output.add_arguments(parser)
        parser.add_argument("--plan", type=int, help="The plan's number (default: the latest)")

    def handle(self, *args: Any, **options: Any) -> None:
        plans = selectors.plans_for(_output.council(options["council"]))
        # By default the latest Productivity Plan, not a later return such as a self-assessment.
        latest = plans.exclude(template__name=BEST_VALUE).first()
        plan = plans.filter(pk=options["plan"]).first() if options["plan"] else latest
        if plan is None:
            raise CommandError("The council has no such Productivity Plan")
        record = selectors.published_snapshot(plan)
        if record is not None:  # the published plan is its file of record, byte for byte
            Path(options["out"]).write_bytes(record.read(options["format"]))
            self.stdout.write(f"Wrote the published {record.title} to {options['out']}")
            return
        self.stdout.write(_output.write(plan_document(plan), options["format"], options["out"]))
