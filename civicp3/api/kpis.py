"""/api/kpis: the balanced scorecard's KPIs, their actuals, and recording an actual."""

from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from civicp3.api.auth import api_action
from civicp3.api.pagination import Pages
from civicp3.api.schemas import Input
from civicp3.organisation.scoping import current_council, get_scoped_or_404
from civicp3.performance import selectors, services
from civicp3.performance.models import Kpi, KpiActual

router = Router(tags=["KPIs"])


class KpiOut(Schema):
    id: int
    name: str
    perspective: str
    owner: str
    unit: str
    target: Decimal
    tolerance: Decimal = Field(description="How far the actual may miss and still be amber")
    polarity: str
    frequency: str


class KpiListed(KpiOut):
    reported: int = Field(description="Periods with an actual")
    exceptions: int = Field(description="Periods that were red or amber")


class ActualOut(Schema):
    period: date
    value: Decimal
    status: str = Field(description="red, amber or green against the target and tolerance")
    commentary: str
    actions: str


class KpiRead(KpiOut):
    actuals: list[ActualOut]


class ActualIn(Input):
    period: date = Field(description="Any day in the month the figure is for")
    value: Decimal = Field(max_digits=14, decimal_places=2)
    commentary: str = Field("", max_length=10_000, description="Needed when red or amber")
    actions: str = Field("", max_length=10_000)


@router.get("/", response=list[KpiListed], summary="List the KPIs")
@paginate(Pages)
@api_action("projects.view")
def kpi_list(request: HttpRequest) -> QuerySet[Kpi]:
    return selectors.kpis_for(current_council(request))


@router.get("/{pk}", response=KpiRead, summary="Read a KPI with its actuals, oldest first")
@api_action("projects.view")
def kpi_read(request: HttpRequest, pk: int) -> KpiRead:
    kpi: Kpi = get_scoped_or_404(request, Kpi, pk=pk)
    actuals = [ActualOut.from_orm(actual) for actual in selectors.kpi_actuals(kpi)]
    return KpiRead(**KpiOut.from_orm(kpi).dict(), actuals=actuals)


@router.post(
    "/{pk}/actuals",
    response={201: ActualOut},
    summary="Record a KPI's actual for a month",
    description=(
        "The status comes from the KPI's target, tolerance and polarity; a red or amber "
        "actual needs the owner's commentary. The same month again replaces it."
    ),
)
@api_action("projects.edit", write=True)
def kpi_actual_record(request: HttpRequest, pk: int, payload: ActualIn) -> Status[KpiActual]:
    kpi: Kpi = get_scoped_or_404(request, Kpi, pk=pk)
    return Status(201, services.kpi_actual_record(kpi=kpi, **payload.dict()))
