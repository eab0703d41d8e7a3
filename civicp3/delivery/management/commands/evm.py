"""`civicp3 evm`: earned value (and earned schedule, given a PV curve) from the command line."""

import csv
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from civicp3.engine.evm import earned_value


def money(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None


def read_pv_curve(path: Path) -> list[Decimal]:
    """Cumulative PV by period from a CSV with columns period,cumulative_pv (periods 1, 2, …)."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    if not rows or {"period", "cumulative_pv"} - set(rows[0]):
        raise CommandError(f"{path}: needs the columns period,cumulative_pv", returncode=2)
    curve = []
    for number, row in enumerate(rows, start=2):
        try:
            if int(row["period"]) != number - 1:
                raise ValueError("periods must run 1, 2, 3 … in order")
            curve.append(money(row["cumulative_pv"]))
        except ValueError as error:
            raise CommandError(f"{path}: row {number}: {error}", returncode=2) from error
    return curve


def as_json(value: object) -> object:
    return float(value) if isinstance(value, Decimal) else str(value)


class Command(BaseCommand):
    help = "Earned value indices and forecasts; earned schedule when a PV curve is given."

    def add_arguments(self, parser: CommandParser) -> None:
        for name, text in (
            ("--bac", "budget at completion (£)"),
            ("--ev", "earned value to date (£)"),
            ("--ac", "actual cost to date (£)"),
        ):
            parser.add_argument(name, type=money, required=True, help=text)
        parser.add_argument("--pv", type=money, help="planned value to date (£)")
        parser.add_argument("--pv-curve", type=Path, help="CSV: period,cumulative_pv")
        parser.add_argument("--at", type=money, help="actual time, in periods (with --pv-curve)")
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        curve = read_pv_curve(options["pv_curve"]) if options["pv_curve"] else None
        if curve is None and options["pv"] is None:
            raise CommandError("give --pv, or --pv-curve with --at", returncode=2)
        if curve is not None and options["at"] is None:
            raise CommandError("--pv-curve needs --at (the periods elapsed)", returncode=2)
        try:
            result = earned_value(
                bac=options["bac"],
                ev=options["ev"],
                ac=options["ac"],
                pv=options["pv"],
                pv_curve=curve,
                at=options["at"],
            )
        except ValueError as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(json.dumps(result.to_dict(), indent=2, default=as_json))
