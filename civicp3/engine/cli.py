"""`civicp3 schedule | forecast | evm`: the engine's commands, without Django.

``civicp3/manage.py`` sends these three straight here before Django loads (they need no
database), so a run on a small plan costs little more than Python's own start-up; the Django
management commands of the same names call the same functions. Each ``run_*`` writes its
output to ``out`` and raises :class:`CliError` (exit status 2) naming the file, JSON path,
element or task at fault. Modules are imported where a command needs them, to start fast.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from civicp3.engine.calendars import WorkingCalendar
    from civicp3.engine.cpm import Schedule
    from civicp3.engine.montecarlo import RiskEvent, TaskCost
    from civicp3.engine.network import Network

__all__ = [
    "COMMANDS",
    "CliError",
    "PlanInput",
    "main",
    "read_plan_file",
    "run_evm",
    "run_forecast",
    "run_schedule",
]

COLUMNS = ("id", "name", "start", "finish", "late_start", "late_finish", "total_float", "critical")


class CliError(Exception):
    """A command cannot run: the message says why; ``returncode`` is the exit status."""

    def __init__(self, message: str, returncode: int = 2) -> None:
        self.returncode = returncode
        super().__init__(message)


@dataclass(frozen=True)
class PlanInput:
    network: Network
    calendar: WorkingCalendar
    start: date | datetime
    risks: tuple[RiskEvent, ...] = ()  # a JSON plan's risk events (MSPDI has none)
    costs: dict[str, TaskCost] = field(default_factory=dict)  # time-dependent task costs


def read_plan_file(path: Path) -> PlanInput:
    """A `.json` plan (docs/plan-format.md) or an MS Project XML (MSPDI) file.

    Raises :class:`CliError` naming the file and the element, JSON path or task at fault.
    """
    from civicp3.engine.network import NetworkError
    from civicp3.engine.planfile import PlanError

    suffix = path.suffix.lower()
    try:
        if suffix == ".xml":
            from civicp3.engine.mspdi import MspdiError, read_mspdi, to_network

            try:
                imported = to_network(read_mspdi(path))
            except MspdiError as error:
                raise CliError(f"{path}: {error}") from error
            return PlanInput(imported.network, imported.calendar, imported.start)
        if suffix != ".json":
            raise CliError(f"{path}: a plan must be a .json plan or an MS Project .xml file")
        from civicp3.engine.planfile import load_plan

        plan = load_plan(path.read_bytes())
    except (PlanError, NetworkError, OSError) as error:
        raise CliError(f"{path}: {error}") from error
    return PlanInput(plan.network, plan.calendar, plan.start, plan.risks, plan.task_costs())


def schedule_file(path: Path) -> Schedule:
    from civicp3.engine.cpm import schedule
    from civicp3.engine.network import NetworkError

    plan = read_plan_file(path)
    try:
        return schedule(plan.network, plan.calendar, plan.start)
    except NetworkError as error:
        raise CliError(f"{path}: {error}") from error


# -- schedule --------------------------------------------------------------------------------
def schedule_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", type=Path, help="a .json plan or an MSPDI .xml file")
    parser.add_argument("--format", choices=["json", "table"], default="json")


def run_schedule(options: Mapping[str, Any], out: TextIO) -> None:
    from civicp3.engine.planfile import dump_schedule

    result = dump_schedule(schedule_file(Path(options["plan"])))
    if options["format"] == "json":
        # a task a line, each by the C encoder (indent= would take the slow pure-Python one)
        head = {k: v for k, v in result.items() if k != "tasks"}
        tasks = ",\n  ".join(json.dumps(t) for t in result["tasks"])
        out.write(json.dumps(head)[:-1] + f', "tasks": [\n  {tasks}\n]}}\n')
        return
    rows = [[str(task[c]) for c in COLUMNS] for task in result["tasks"]]
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(COLUMNS)]
    out.write("  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True)) + "\n")
    for row in rows:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) + "\n")
    out.write(f"Start {result['start']}, finish {result['finish']}\n")


# -- forecast --------------------------------------------------------------------------------
def forecast_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", help="a .json plan or an MSPDI .xml file")
    parser.add_argument("--iterations", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=None, help="for a reproducible result")
    parser.add_argument("--by", type=date.fromisoformat, help="a target finish date")
    parser.add_argument("--format", choices=["json"], default="json")


def run_forecast(options: Mapping[str, Any], out: TextIO) -> None:
    from civicp3.engine.montecarlo import simulate
    from civicp3.engine.network import NetworkError

    if options["iterations"] < 1:
        raise CliError("--iterations must be at least 1")
    plan = read_plan_file(Path(options["plan"]))
    calendar = plan.calendar
    origin = calendar.start_position(plan.start)
    target = None
    if options["by"] is not None:
        target = calendar.finish_position(options["by"]) - origin
    try:
        result = simulate(
            plan.network,
            iterations=options["iterations"],
            seed=options["seed"],
            finish_target=target,
            risks=plan.risks,
            costs=plan.costs,
        )
    except (NetworkError, ValueError) as error:
        raise CliError(f"{options['plan']}: {error}") from error

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
    out.write(json.dumps(output, indent=2, default=as_json) + "\n")


# -- evm -------------------------------------------------------------------------------------
def money(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None


def read_pv_curve(path: Path) -> list[Decimal]:
    """Cumulative PV by period from a CSV with columns period,cumulative_pv (periods 1, 2, …)."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise CliError(f"{path}: {error}") from error
    if not rows or {"period", "cumulative_pv"} - set(rows[0]):
        raise CliError(f"{path}: needs the columns period,cumulative_pv")
    curve = []
    for number, row in enumerate(rows, start=2):
        try:
            if int(row["period"]) != number - 1:
                raise ValueError("periods must run 1, 2, 3 … in order")
            curve.append(money(row["cumulative_pv"]))
        except ValueError as error:
            raise CliError(f"{path}: row {number}: {error}") from error
    return curve


def as_json(value: object) -> object:
    return float(value) if isinstance(value, Decimal) else str(value)


def evm_arguments(parser: argparse.ArgumentParser) -> None:
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


def run_evm(options: Mapping[str, Any], out: TextIO) -> None:
    from civicp3.engine.evm import earned_value

    curve = read_pv_curve(options["pv_curve"]) if options["pv_curve"] else None
    if curve is None and options["pv"] is None:
        raise CliError("give --pv, or --pv-curve with --at")
    if curve is not None and options["at"] is None:
        raise CliError("--pv-curve needs --at (the periods elapsed)")
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
        raise CliError(str(error)) from error
    out.write(json.dumps(result.to_dict(), indent=2, default=as_json) + "\n")


@dataclass(frozen=True)
class Command:
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[Mapping[str, Any], TextIO], None]


COMMANDS: dict[str, Command] = {
    "schedule": Command(
        "Schedule a plan (.json plan format or MS Project .xml) and print its critical path.",
        schedule_arguments,
        run_schedule,
    ),
    "forecast": Command(
        "Simulate a plan's finish date and cost from its three-point estimates, risk events "
        "and time-dependent costs.",
        forecast_arguments,
        run_forecast,
    ),
    "evm": Command(
        "Earned value indices and forecasts; earned schedule when a PV curve is given.",
        evm_arguments,
        run_evm,
    ),
}


def main(argv: Sequence[str]) -> int:
    """Run ``argv[0]`` (one of :data:`COMMANDS`) with the rest as its arguments; the exit
    status (2 and ``CommandError: …`` on stderr for a bad plan or argument, as Django's)."""
    name, rest = argv[0], list(argv[1:])
    command = COMMANDS[name]
    parser = argparse.ArgumentParser(prog=f"civicp3 {name}", description=command.help)
    command.arguments(parser)
    options = vars(parser.parse_args(rest))
    try:
        command.run(options, sys.stdout)
    except CliError as error:
        sys.stderr.write(f"CommandError: {error}\n")
        return error.returncode
    return 0
