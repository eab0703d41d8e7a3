"""Reading a plan from a file, whichever format it is in, for the CLI (and later the API)."""

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from lxml import etree

from civicp3.engine.calendars import WorkingCalendar
from civicp3.engine.cpm import Schedule, schedule
from civicp3.engine.montecarlo import RiskEvent, TaskCost
from civicp3.engine.mspdi import MspdiError, read_mspdi, to_network
from civicp3.engine.network import Network, NetworkError
from civicp3.engine.planfile import PlanError, load_plan

PLAN_ERRORS = (PlanError, MspdiError, NetworkError, etree.XMLSyntaxError, OSError)


@dataclass(frozen=True)
class PlanInput:
    network: Network
    calendar: WorkingCalendar
    start: date | datetime
    risks: tuple[RiskEvent, ...] = ()  # a JSON plan's risk events (MSPDI has none)
    costs: dict[str, TaskCost] = field(default_factory=dict)  # time-dependent task costs


def read_plan_file(path: Path) -> PlanInput:
    """A `.json` plan (docs/plan-format.md) or an MS Project XML (MSPDI) file.

    Raises one of PLAN_ERRORS, each naming the element, JSON path or task at fault.
    """
    suffix = path.suffix.lower()
    if suffix == ".xml":
        imported = to_network(read_mspdi(path))
        return PlanInput(imported.network, imported.calendar, imported.start)
    if suffix != ".json":
        raise PlanError("", f"{path.name}: a plan must be a .json plan or an MS Project .xml file")
    plan = load_plan(path.read_bytes())
    return PlanInput(plan.network, plan.calendar, plan.start, plan.risks, plan.task_costs())


def schedule_file(path: Path) -> Schedule:
    plan = read_plan_file(path)
    return schedule(plan.network, plan.calendar, plan.start)
