"""/api/improvements: raise, list, read and move improvement requests."""

from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import ValidationError
from ninja.pagination import paginate

from civicp3.api.auth import api_action
from civicp3.api.pagination import Pages
from civicp3.api.schemas import Input
from civicp3.improvements import selectors, services
from civicp3.improvements.lifecycle import Status as Lifecycle
from civicp3.improvements.models import ImprovementRequest, Pathway
from civicp3.organisation.models import ServiceArea
from civicp3.organisation.scoping import current_council, get_scoped_or_404, scoped

router = Router(tags=["Improvements"])

FormRequiredAnswer = Literal["yes", "no", "not_sure", ""]


class ImprovementOut(Schema):
    reference: str
    number: int
    status: str
    process_impacted: str
    problem_statement: str
    what_we_require: str
    form_required: str
    pathway: str
    score: Decimal | None
    ad_area: str | None = Field(None, alias="directorate.name")
    service_area: str
    created: datetime

    @staticmethod
    def resolve_service_area(improvement: ImprovementRequest) -> str:
        return improvement.service_area_shown


class ImprovementIn(Input):
    process_impacted: str = Field(min_length=1, max_length=300)
    problem_statement: str = Field(min_length=1, max_length=10_000)
    what_we_require: str = Field("", max_length=10_000)
    form_required: FormRequiredAnswer = ""
    service_area_id: int | None = None
    contact_name: str = Field("", max_length=200)
    contact_email: str = Field("", max_length=254)
    contact_phone: str = Field("", max_length=40)


class TransitionIn(Input):
    to: Literal[tuple(Lifecycle.values)]  # type: ignore[valid-type]
    reason: str = Field("", max_length=2000)


class ImprovementFilters(Input):
    status: Literal[tuple(Lifecycle.values)] | None = None  # type: ignore[valid-type]
    pathway: Literal[tuple(Pathway.values)] | None = None  # type: ignore[valid-type]


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError([{"loc": ("body", "payload", field), "msg": message}])


@router.get("/", response=list[ImprovementOut], summary="List improvement requests")
@paginate(Pages)
@api_action("improvements.view")
def improvement_list(
    request: HttpRequest, filters: Query[ImprovementFilters]
) -> QuerySet[ImprovementRequest]:
    requests = scoped(request, ImprovementRequest).select_related("directorate", "service_area")
    if filters.status:
        requests = requests.filter(status=filters.status)
    if filters.pathway:
        requests = requests.filter(pathway=filters.pathway)
    return requests.order_by("number")


@router.get("/{number}", response=ImprovementOut, summary="Read one improvement request")
@api_action("improvements.view")
def improvement_read(request: HttpRequest, number: int) -> ImprovementRequest:
    return get_scoped_or_404(request, selectors.improvement_for(current_council(request), number))


@router.post("/", response={201: ImprovementOut}, summary="Raise an improvement request (as staff)")
@api_action("improvements.raise", write=True)
def improvement_raise(request: HttpRequest, payload: ImprovementIn) -> Status[ImprovementRequest]:
    if payload.contact_email:
        try:
            validate_email(payload.contact_email)
        except DjangoValidationError as error:
            message = "Enter an e-mail address like name@example.com"
            raise _invalid("contact_email", message) from error
    service_area = None
    if payload.service_area_id is not None:
        service_area = scoped(request, ServiceArea).filter(pk=payload.service_area_id).first()
        if service_area is None:
            raise _invalid("service_area_id", "There is no such service area in your council")
    data = payload.dict(exclude={"service_area_id"})
    improvement = services.improvement_raise(
        council=current_council(request),
        service_area=service_area,
        raised_by=request.user,
        **data,
    )
    return Status(201, improvement)


@router.post(
    "/{number}/transition",
    response=ImprovementOut,
    summary="Move a request on in its lifecycle",
    description="409 when the lifecycle does not allow the move from the current status.",
)
@api_action("improvements.transition", write=True)
def improvement_transition(
    request: HttpRequest, number: int, payload: TransitionIn
) -> ImprovementRequest:
    improvement = get_scoped_or_404(
        request, selectors.improvement_for(current_council(request), number)
    )
    return services.improvement_transition(
        improvement=improvement, to=payload.to, actor=request.user, reason=payload.reason
    )
