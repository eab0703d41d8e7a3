"""`civicp3 committee_report --council SLUG --format pdf|docx|html --out PATH [--number N]`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from civicp3.productivity import selectors
from civicp3.productivity.documents import committee_document
from civicp3.productivity.management.commands import _output


class Command(BaseCommand):
    help = "Write a committee report (the latest, or --number N), with its appendices."

    def add_arguments(self, parser: CommandParser) -> None:
        _output.add_arguments(parser)
        parser.add_argument("--number", type=int, help="The report's number (default: latest)")

    def handle(self, *args: Any, **options: Any) -> None:
        council = _output.council(options["council"])
        reports = selectors.committee_reports_for(council)
        report = (
            reports.filter(number=options["number"]).first()
            if options["number"]
            else reports.first()
        )
        if report is None:
            raise CommandError("The council has no such committee report")
        document = committee_document(report, council, timezone.localdate())
        self.stdout.write(_output.write(document, options["format"], options["out"]))
