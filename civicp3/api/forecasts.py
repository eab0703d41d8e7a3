"""/api/projects/{number}/forecasts: Monte Carlo forecasts of a project's plan, run in the
background by the delivery app's task: start one (202), poll it, and read its result."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema, Status

from civicp3.api.auth import api_action
from civicp3.api.schemas import Input
from civicp3.delivery import selectors, services
from civicp3.delivery.models import Forecast
from civicp3.engine.montecarlo import MAX_ITERATIONS
from civicp3.portfolio.selectors import project_for

router = Router(tags=["Forecasts"])


class ForecastIn(Input):
    iterations: int = Field(10_000, ge=100, le=MAX_ITERATIONS)
    seed: int | None = Field(None, ge=0, le=2**62, description="An earlier seed reproduces it")
    by_date: date | None = Field(None, description="The chance of finishing by this day")
    budget: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)


class Percentile(Schema):
    name: str
    days: float = Field(description="Working days from the plan start")
    date: date


class CurvePoint(Schema):
    days: float
    date: date
    p: float


class TaskRisk(Schema):
    id: str
    name: str
    criticality: float = Field(description="Share of runs in which the task was critical")
    sensitivity: float | None


class Histogram(Schema):
    edges: list[float]
    counts: list[int]


class ForecastResult(Schema):
    iterations: int
    seed: int
    mean_days: float
    percentiles: list[Percentile]
    cost: dict[str, str | None]
    p_by: float | None = Field(description="Chance of finishing by `by_date`")
    p_budget: float | None = Field(description="Chance of finishing within `budget`")
    histogram: Histogram
    s_curve: list[CurvePoint]
    tasks: list[TaskRisk]


class ForecastOut(Schema):
    id: int
    project: str = Field(alias="project.reference")
    status: Forecast.Status
    iterations: int
    seed: int
    by_date: date | None
    budget: Decimal | None
    created: datetime
    finished: datetime | None
    error: str = Field(description="Why a failed forecast failed")
    poll: str = Field(description="Where to read this forecast's status and result")
    result: ForecastResult | None = Field(None, description="Once the status is done")

    @staticmethod
    def resolve_poll(forecast: Forecast) -> str:
        return reverse(
            "api:forecast_read", kwargs={"number": forecast.project.number, "pk": forecast.pk}
        )

    @staticmethod
    def resolve_result(forecast: Forecast) -> dict[str, Any] | None:
        return forecast.result if forecast.status == Forecast.Status.DONE else None


@router.post(
    "/projects/{number}/forecasts",
    response={202: ForecastOut},
    summary="Start a forecast of a project's plan",
    description=(
        "Queues a Monte Carlo forecast and answers 202 at once with its id and `poll`, where "
        "its status (queued, running, done, failed) and result can be read."
    ),
)
@api_action("projects.edit", write=True)
def forecast_start(request: HttpRequest, number: int, payload: ForecastIn) -> Status[Forecast]:
    project = project_for(request, number)
    forecast = services.forecast_request(project=project, actor=request.user, **payload.dict())
    return Status(202, forecast)


@router.get(
    "/projects/{number}/forecasts/{pk}",
    response=ForecastOut,
    url_name="forecast_read",
    summary="Poll a forecast and read its result",
    description="`result` (percentiles, chances, criticality) is there once `status` is done.",
)
@api_action("projects.view")
def forecast_read(request: HttpRequest, number: int, pk: int) -> Forecast:
    return selectors.forecast_for(project_for(request, number), pk)
