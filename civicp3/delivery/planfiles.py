"""Reading a plan from a file, whichever format it is in, for the CLI (and later the API)."""

from pathlib import Path

from lxml import etree

from civicp3.engine.cpm import Schedule, schedule
from civicp3.engine.mspdi import MspdiError, read_mspdi, to_network
from civicp3.engine.network import NetworkError
from civicp3.engine.planfile import PlanError, load_plan, schedule_plan

PLAN_ERRORS = (PlanError, MspdiError, NetworkError, etree.XMLSyntaxError, OSError)


def schedule_file(path: Path) -> Schedule:
    """Schedule a `.json` plan (docs/plan-format.md) or an MS Project XML (MSPDI) file.

    Raises one of PLAN_ERRORS, each naming the element, JSON path or task at fault.
    """
    if path.suffix.lower() == ".xml":
        imported = to_network(read_mspdi(path))
        return schedule(imported.network, imported.calendar, imported.start)
    if path.suffix.lower() != ".json":
        raise PlanError("", f"{path.name}: a plan must be a .json plan or an MS Project .xml file")
    return schedule_plan(load_plan(path.read_bytes()))
