"""/api/projects: the P3 register."""

from datetime import date

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from civicp3.api.auth import api_action
from civicp3.api.pagination import Pages
from civicp3.portfolio import selectors
from civicp3.portfolio.models import Kind, Project

router = Router(tags=["Projects"])


class ProjectOut(Schema):
    reference: str
    number: int
    title: str
    kind: str
    part_of: int | None = Field(None, alias="parent.number")
    committed_finish: date | None


class ProjectFilters(Schema):
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
