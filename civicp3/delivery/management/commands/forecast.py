"""`civicp3 forecast PLAN`: Monte Carlo finish dates, durations and costs for a plan."""

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from civicp3.delivery.management.commands.evm import as_json
from civicp3.delivery.planfiles import PLAN_ERRORS, read_plan_file
from civicp3.engine.montecarlo import simulate


class Command(BaseCommand):
    help = (
        "Simulate a plan's finish date and cost from its three-point estimates, risk events "
        "and time-dependent costs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan", help="a .json plan or an MSPDI .xml file")
        parser.add_argument("--iterations", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=None, help="for a reproducible result")
        parser.add_argument("--by", type=date.fromisoformat, help="a target finish date")
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["iterations"] < 1:
            raise CommandError("--iterations must be at least 1", returncode=2)
        try:
            plan = read_plan_file(Path(options["plan"]))
            calendar = plan.calendar
            origin = calendar.start_position(plan.start)
            target = None
            if options["by"] is not None:
                target = calendar.finish_position(options["by"]) - origin
            result = simulate(
                plan.network,
                iterations=options["iterations"],
                seed=options["seed"],
                finish_target=target,
                risks=plan.risks,
                costs=plan.costs,
            )
        except PLAN_ERRORS as error:
            raise CommandError(f"{options['plan']}: {error}", returncode=2) from error

        def finish_on(days: float) -> str:
            return calendar.finish_date(origin + days).isoformat()

        percentiles = {
            "P10": result.finish_p10,
            "P50": result.finish_p50,
            "P80": result.finish_p80,
            "P90": result.finish_p90,
        }
        output = {
            "iterations": result.iterations,
            "seed": result.seed,
            "finish": {name: finish_on(days) for name, days in percentiles.items()},
            "duration_days": {"mean": result.finish_mean, **percentiles},
            "cost": {"mean": result.cost_mean, "P50": result.cost_p50, "P80": result.cost_p80},
            "probability_by": result.p_finish_by_target,
            "criticality": dict(result.criticality),
            "sensitivity": dict(result.sensitivity),
        }
        self.stdout.write(json.dumps(output, indent=2, default=as_json))
