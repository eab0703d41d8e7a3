"""/api/projects/{number}/plan: a project's plan in and out, as the JSON plan format
(docs/plan-format.md) or Microsoft Project XML (MSPDI). Uploads replace the whole plan, all or
nothing, through the delivery app's importers and `plan_replace`."""

from datetime import date, timedelta
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, File, Router, Schema
from ninja.files import UploadedFile
from pydantic import ConfigDict

from civicp3.api import services as api_services
from civicp3.api.auth import api_action
from civicp3.api.schemas import Input
from civicp3.delivery import exchange, selectors
from civicp3.delivery.models import CostBasis, Distribution, Holidays, LinkType, Plan, PlanTask
from civicp3.delivery.planning import PlanError, plan_dict
from civicp3.delivery.services import (
    MAX_LAG_DAYS,
    TASK_CODE,
    TASK_CODE_RULE,
    ImportedPlan,
    friendly_error,
)
from civicp3.engine.calendars import DEFAULT_FIRST, DEFAULT_LAST, CalendarError
from civicp3.engine.planfile import plan_from_dict, schedule_plan
from civicp3.portfolio.models import Project
from civicp3.portfolio.selectors import project_for

router = Router(tags=["Plans"])

MAX_DAYS = 100_000  # working days: far beyond any council plan, inside the database's field
MAX_UPLOAD = 20 * 1024 * 1024
NAME_LENGTH = PlanTask._meta.get_field("name").max_length
# The MS Project download writes the closed days from a week before the start to 400 days
# after the finish, so a plan must sit that far inside the engine's calendar.
EARLIEST_START = DEFAULT_FIRST + timedelta(days=7)
LATEST_FINISH = DEFAULT_LAST - timedelta(days=400)
MSPDI_RESPONSE = {
    200: {
        "description": "The plan as Microsoft Project XML",
        "content": {"application/xml": {"schema": {"type": "string"}}},
    }
}


class Strict(Input):
    model_config = ConfigDict(extra="forbid")


class CalendarDoc(Strict):
    hours_per_day: float = Field(7.5, ge=0.5, le=24)
    holidays: Literal[tuple(v for v in Holidays.values if v)] | None = (  # type: ignore[valid-type]
        Holidays.ENGLAND_AND_WALES.value
    )
    closures: list[date] = Field([], max_length=3660)


class EstimateDoc(Strict):
    min: float = Field(ge=0, le=MAX_DAYS)
    likely: float = Field(ge=0, le=MAX_DAYS)
    max: float = Field(ge=0, le=MAX_DAYS)
    distribution: Literal[tuple(Distribution.values)]  # type: ignore[valid-type]


class TaskDoc(Strict):
    id: str = Field(pattern=TASK_CODE.pattern, description="Letters, numbers, dots and dashes")
    name: str = Field("", max_length=NAME_LENGTH)
    duration: float | None = Field(None, ge=0, le=MAX_DAYS, description="Working days")
    estimate: EstimateDoc | None = None
    cost: str | None = Field(None, pattern=r"^\d{1,12}(\.\d{1,2})?$", description="Pounds")
    cost_basis: Literal[tuple(CostBasis.values)] = Field(  # type: ignore[valid-type]
        CostBasis.FIXED.value, description='"time": the cost follows the duration'
    )
    parent: str | None = None
    start_no_earlier_than: date | None = None
    finish_no_later_than: date | None = None


class LinkDoc(Strict):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: str = Field(alias="from")
    to: str
    type: Literal[tuple(LinkType.values)] = "FS"  # type: ignore[valid-type]
    lag: float = Field(0, ge=-float(MAX_LAG_DAYS), le=float(MAX_LAG_DAYS))


class PlanDoc(Strict):
    name: str = ""
    start: date = Field(ge=EARLIEST_START, le=LATEST_FINISH)
    calendar: CalendarDoc = Field(default_factory=CalendarDoc)
    tasks: list[TaskDoc] = Field(max_length=5000)
    links: list[LinkDoc] = Field([], max_length=20000)


class Replaced(Schema):
    project: str
    tasks: int
    links: int


def _plan(request: HttpRequest, number: int) -> tuple[Project, Plan]:
    project = project_for(request, number)
    plan = selectors.plan_of(project)
    if plan is None:
        raise Http404("This project has no plan yet")
    return project, plan


def _check(data: dict[str, Any], field: str) -> None:
    """Refuse a plan the database or the engine cannot take, naming where."""
    for task in data["tasks"]:
        code, name = str(task["id"]), task.get("name") or ""
        if not TASK_CODE.match(code):
            raise api_services.PlanRefused(f"Task {code[:40]}: {TASK_CODE_RULE}", field=field)
        if len(name) > NAME_LENGTH:
            message = f"Task {code}: the name is longer than {NAME_LENGTH} characters"
            raise api_services.PlanRefused(message, field=field)
    try:
        schedule = schedule_plan(plan_from_dict(data))
    except PlanError as error:
        raise api_services.PlanRefused(friendly_error(error), field=error.path or field) from error
    except CalendarError as error:
        raise api_services.PlanRefused(str(error), field=field) from error
    if not (schedule.start >= EARLIEST_START and schedule.finish <= LATEST_FINISH):
        raise api_services.PlanRefused(
            f"The plan must run between {EARLIEST_START:%-d %B %Y} and {LATEST_FINISH:%-d %B %Y}",
            field=field,
        )


def _replace(request: HttpRequest, number: int, imported: ImportedPlan, field: str) -> Replaced:
    project = project_for(request, number)
    _check(imported.data, field)
    api_services.plan_upload(project=project, imported=imported, actor=request.user)
    data = imported.data
    return Replaced(
        project=project.reference, tasks=len(data["tasks"]), links=len(data.get("links", []))
    )


@router.get(
    "/projects/{number}/plan",
    response=PlanDoc,
    by_alias=True,  # a link's `from`
    summary="Download a project's plan (JSON plan format)",
    description="The format of docs/plan-format.md: calendar, tasks and links.",
)
@api_action("projects.view")
def plan_download(request: HttpRequest, number: int) -> dict[str, Any]:
    _project, plan = _plan(request, number)
    return plan_dict(plan)


@router.get(
    "/projects/{number}/plan/mspdi",
    summary="Download a project's plan as Microsoft Project XML (MSPDI)",
    description="With its schedule, progress and latest baseline.",
    openapi_extra={"responses": MSPDI_RESPONSE},
)
@api_action("projects.view")
def plan_download_mspdi(request: HttpRequest, number: int) -> HttpResponse:
    project, plan = _plan(request, number)
    view = selectors.plan_view(plan)
    body = exchange.write_plan_mspdi(plan, view.scheduled.rows, view.links, view.baseline)
    response = HttpResponse(body, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{project.reference}-plan.xml"'
    return response


@router.post(
    "/projects/{number}/plan",
    response=Replaced,
    summary="Upload a plan (JSON plan format)",
    description=(
        "Replaces every task and link of the plan, all or nothing; creates the plan if the "
        "project has none. 422 names the field, task or link at fault and changes nothing."
    ),
)
@api_action("projects.edit", write=True)
def plan_upload(request: HttpRequest, number: int, payload: PlanDoc) -> Replaced:
    data = payload.model_dump(mode="json", by_alias=True, exclude_unset=True)
    data["calendar"] = payload.calendar.model_dump(mode="json")  # with its defaults
    return _replace(request, number, ImportedPlan(data), "plan")


@router.post(
    "/projects/{number}/plan/mspdi",
    response=Replaced,
    summary="Upload a plan (Microsoft Project XML)",
    description=(
        "A multipart upload with the XML file in `file`. Replaces the plan with the file's "
        "tasks, links, progress and baseline, all or nothing; 422 names the element or task at "
        "fault and changes nothing."
    ),
)
@api_action("projects.edit", write=True)
def plan_upload_mspdi(request: HttpRequest, number: int, file: File[UploadedFile]) -> Replaced:
    if file.size is not None and file.size > MAX_UPLOAD:
        raise api_services.PlanRefused("The file is larger than 20 MB", field="file")
    try:
        imported = exchange.read_mspdi_upload(file.read())
    except exchange.ImportProblem as error:
        raise api_services.PlanRefused("; ".join(error.errors), field="file") from error
    return _replace(request, number, imported, "file")
