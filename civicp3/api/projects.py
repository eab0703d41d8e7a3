"""/api/projects: the P3 register."""

from datetime import date, datetime
from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from civicp3.api.auth import api_action
from civicp3.api.pagination import Pages
from civicp3.api.schemas import Input
from civicp3.portfolio import selectors, services
from civicp3.portfolio.models import HighlightReport, Kind, Project

router = Router(tags=["Projects"])


class ProjectOut(Schema):
    reference: str
    number: int
    title: str
    kind: str
    part_of: int | None = Field(None, alias="parent.number")
    committed_finish: date | None


class ProjectFilters(Input):
    kind: Kind | None = None


@router.get("/", response=list[ProjectOut], summary="List the register")
@paginate(Pages)
@api_action("projects.view")
def project_list(request: HttpRequest, filters: Query[ProjectFilters]) -> QuerySet[Project]:
    projects = selectors.register_for(request)
    if filters.kind:
        projects = projects.filter(kind=filters.kind)
    return projects


@router.get("/{number}", response=ProjectOut, summary="Read one project, programme or portfolio")
@api_action("projects.view")
def project_read(request: HttpRequest, number: int) -> Project:
    return selectors.project_for(request, number)


# Highlight reports ----------------------------------------------------------------------

RagAnswer = Literal["red", "amber", "green"]


class HighlightOut(Schema):
    project: str = Field(alias="project.reference")
    period: date
    overall: str
    schedule: str
    cost: str
    scope: str
    quality: str = Field(description="Empty on reports made before quality was asked")
    benefits: str = Field(description="Empty on reports made before benefits were asked")
    risk: str
    progress: str
    next_steps: str
    issues: str
    decisions_needed: str
    submitted: datetime
    submitted_by: str | None = Field(None, alias="submitted_by.username")


class HighlightIn(Input):
    period: date = Field(description="Any day in the month the report covers")
    overall: RagAnswer
    schedule: RagAnswer
    cost: RagAnswer
    scope: RagAnswer
    quality: RagAnswer
    benefits: RagAnswer
    risk: RagAnswer
    progress: str = Field(min_length=1, max_length=10_000)
    next_steps: str = Field(min_length=1, max_length=10_000)
    issues: str = Field("", max_length=10_000)
    decisions_needed: str = Field("", max_length=10_000)


@router.get(
    "/{number}/highlights",
    response=list[HighlightOut],
    summary="List a project's highlight reports",
    description="Newest month first.",
)
@paginate(Pages)
@api_action("projects.view")
def highlight_list(request: HttpRequest, number: int) -> QuerySet[HighlightReport]:
    project = selectors.project_for(request, number)
    return project.highlights.filter(council=project.council).select_related(
        "project", "submitted_by"
    )


@router.post(
    "/{number}/highlights",
    response={201: HighlightOut},
    summary="Submit a highlight report",
    description=(
        "For an active project, one a month. 422 when the project is not active or already "
        "has a report for that month."
    ),
)
@api_action("projects.edit", write=True)
def highlight_submit(
    request: HttpRequest, number: int, payload: HighlightIn
) -> Status[HighlightReport]:
    project = selectors.project_for(request, number)
    fields = payload.dict(exclude={"period"})
    report = services.highlight_submit(
        project=project, period=payload.period, actor=request.user, **fields
    )
    return Status(201, report)
