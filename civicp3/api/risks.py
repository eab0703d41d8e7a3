"""/api/risks and /api/projects/{number}/risks: the service, corporate and project risk
registers, each risk scored on the council's own matrix."""

import warnings
from datetime import date, datetime
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from civicp3.api.auth import api_action
from civicp3.api.pagination import Converted, Pages
from civicp3.api.schemas import Input
from civicp3.organisation.roles import can
from civicp3.organisation.scoping import current_council, current_roles, get_scoped_or_404, scoped
from civicp3.portfolio.selectors import project_for
from civicp3.toolkit import selectors, services
from civicp3.toolkit.models import Risk, RiskLevel
from civicp3.toolkit.selectors import RiskRow

router = Router(tags=["Risks"])

# A field called `register` hides ABCMeta.register on the schema class, which nothing calls.
warnings.filterwarnings("ignore", 'Field name "register" in "RiskOut"', UserWarning)

Score = Field(ge=1, le=5)


class RiskOut(Schema):
    reference: str = Field(alias="risk.reference")
    number: int = Field(alias="risk.number")
    register: str = Field(alias="risk.register", description="project, service or corporate")
    project: str | None = Field(None, alias="risk.project.reference")
    service_area: str | None = Field(None, alias="risk.service_area.name")
    title: str = Field(alias="risk.title")
    cause: str = Field(alias="risk.cause")
    event: str = Field(alias="risk.event")
    effect: str = Field(alias="risk.effect")
    owner: str = Field(alias="risk.owner")
    status: str = Field(alias="risk.status")
    likelihood: int = Field(alias="current.likelihood")
    impact: int = Field(alias="current.impact")
    score: int = Field(alias="current.score")
    level: str = Field(alias="current.level", description="The band on the council's matrix")
    target_score: int = Field(alias="target.score")
    target_level: str = Field(alias="target.level")
    review_date: date = Field(alias="risk.review_date")
    review_overdue: bool
    may_escalate: bool = Field(description="Scores at least the council's escalation score")
    created: datetime = Field(alias="risk.created")


class RiskFilters(Input):
    register_: Literal[tuple(RiskLevel.values)] | None = Field(  # type: ignore[valid-type]
        None, alias="register", description="project, service or corporate"
    )
    project: int | None = Field(None, ge=1, description="Only this project's risks (its number)")
    include_closed: bool = False


class RiskIn(Input):
    title: str = Field(min_length=1, max_length=300)
    cause: str = Field("", max_length=10_000, description="Because of…")
    event: str = Field("", max_length=10_000, description="…this may happen…")
    effect: str = Field("", max_length=10_000, description="…which would lead to…")
    owner: str = Field("", max_length=200)
    likelihood: int = Score
    impact: int = Score
    target_likelihood: int = Score
    target_impact: int = Score
    review_date: date = Field(description="The next review date")


def _assessed(request: HttpRequest, risks: list[Risk]) -> list[RiskRow]:
    return selectors.risk_rows(current_council(request), risks)


@router.get(
    "/risks/",
    response=list[RiskOut],
    summary="List risks",
    description=(
        "Open risks on every register, highest score first, each with its level on the "
        "council's matrix. Filter by `register` or by `project` number."
    ),
)
@paginate(Pages)
@api_action("risks.view")
def risk_list(request: HttpRequest, filters: Query[RiskFilters]) -> Converted[Risk, RiskRow]:
    project = project_for(request, filters.project) if filters.project else None
    risks = selectors.risks_for(
        current_council(request),
        register=filters.register_,
        project=project,
        include_closed=filters.include_closed,
    )
    return Converted(risks, lambda page: _assessed(request, page))


@router.get("/risks/{number}", response=RiskOut, summary="Read one risk (RSK-0001 is 1)")
@api_action("risks.view")
def risk_read(request: HttpRequest, number: int) -> RiskRow:
    risk = get_scoped_or_404(
        request, scoped(request, Risk).select_related("project", "service_area"), number=number
    )
    if risk.project is not None and not can(current_roles(request), "projects.view"):
        raise PermissionDenied("Your role does not allow this.")
    (row,) = _assessed(request, [risk])
    return row


@router.post(
    "/projects/{number}/risks",
    response={201: RiskOut},
    summary="Add a risk to a project",
    description=(
        "Likelihood and impact are 1 to 5 on the council's matrix; the score is their product."
    ),
)
@api_action("projects.edit", write=True)
def project_risk_add(request: HttpRequest, number: int, payload: RiskIn) -> Status[RiskRow]:
    project = project_for(request, number)
    risk = services.risk_save(
        council=current_council(request),
        project=project,
        fields=payload.dict(),
        actor=request.user,
    )
    (row,) = _assessed(request, [risk])
    return Status(201, row)
