"""Background work (Django Tasks, database backend; `civicp3 db_worker` runs it)."""

from django.utils import timezone
from django_tasks import task

from civicp3.delivery import forecasting
from civicp3.delivery.models import Forecast


@task()
def run_forecast(forecast_id: int) -> str:
    forecast = Forecast.objects.get(pk=forecast_id)
    Forecast.objects.filter(pk=forecast_id).update(status=Forecast.Status.RUNNING)
    try:
        result = forecasting.run(forecast, progress=forecasting.progress_saver(forecast_id))
    except Exception as error:  # recorded on the forecast and shown on its page
        Forecast.objects.filter(pk=forecast_id).update(
            status=Forecast.Status.FAILED, error=str(error), finished=timezone.now()
        )
        return "failed"
    Forecast.objects.filter(pk=forecast_id).update(
        status=Forecast.Status.DONE, result=result, progress=100, finished=timezone.now()
    )
    return "done"
