"""The `civicp3` console script: Django's manage.py for this project.

`civicp3 schedule`, `forecast` and `evm` need no database, so they go straight to the engine's
command line (``civicp3.engine.cli``) before Django is imported; anything else is Django's.
"""

import os
import sys

ENGINE_COMMANDS = ("schedule", "forecast", "evm")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in ENGINE_COMMANDS:
        from civicp3.engine.cli import main as engine_main

        sys.exit(engine_main(sys.argv[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicp3.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
