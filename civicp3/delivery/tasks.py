"""Background work (Django Tasks, database backend; `civicp3 db_worker` runs it)."""

import logging

from django.utils import timezone
from django_tasks import task

from civicp3.delivery import forecasting
from civicp3.delivery.models import Forecast
from civicp3.delivery.services import DeliveryError, friendly_error
from civicp3.engine.planfile import PlanError
from civicp3.operations.lost_tasks import LOST_MESSAGE, on_lost

logger = logging.getLogger(__name__)


def _fail(forecast_id: int, error: str) -> None:
    Forecast.objects.filter(
        pk=forecast_id, status__in=[Forecast.Status.QUEUED, Forecast.Status.RUNNING]
    ).update(status=Forecast.Status.FAILED, error=error, finished=timezone.now())


def _in_plain_words(forecast_id: int, error: Exception) -> str:
    if isinstance(error, PlanError):
        return friendly_error(error)
    if isinstance(error, DeliveryError | ValueError):
        return str(error)
    logger.exception("Forecast %s failed", forecast_id)
    return (
        "Something went wrong while running this forecast. Start it again; if it fails again, "
        f"tell your system administrator and quote forecast {forecast_id}."
    )


@task()
def run_forecast(forecast_id: int) -> str:
    Forecast.objects.filter(pk=forecast_id).update(status=Forecast.Status.RUNNING)
    forecast = Forecast.objects.get(pk=forecast_id)
    try:
        result = forecasting.run(forecast, progress=forecasting.progress_saver(forecast_id))
    except Exception as error:  # recorded on the forecast and shown on its page
        _fail(forecast_id, _in_plain_words(forecast_id, error))
        return "failed"
    Forecast.objects.filter(pk=forecast_id).update(
        status=Forecast.Status.DONE, result=result, progress=100, finished=timezone.now()
    )
    return "done"


@on_lost("civicp3.delivery.tasks.run_forecast")
def forecast_lost(forecast_id: int) -> None:
    """The worker died part-way (see civicp3.operations.lost_tasks): the page says so."""
    _fail(forecast_id, LOST_MESSAGE)
