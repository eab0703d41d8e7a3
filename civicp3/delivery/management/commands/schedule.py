"""`civicp3 schedule`: the engine's command (`civicp3.engine.cli`) as a Django management command.

`civicp3 schedule` itself runs it without Django; this keeps `call_command("schedule", …)` working.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from civicp3.engine.cli import COMMANDS, CliError

COMMAND = COMMANDS["schedule"]


class Command(BaseCommand):
    help = COMMAND.help

    def add_arguments(self, parser: CommandParser) -> None:
        COMMAND.arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            COMMAND.run(options, self.stdout)  # type: ignore[arg-type]
        except CliError as error:
            raise CommandError(str(error), returncode=error.returncode) from error
