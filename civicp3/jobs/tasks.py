"""The background task that runs a Job (Django Tasks, database backend; `civicp3 db_worker`)."""

from django_tasks import task

from civicp3.jobs import services
from civicp3.operations.lost_tasks import LOST_MESSAGE, on_lost


@task()
def run_job(job_id: int) -> str:
    return services.run(job_id)


@on_lost("civicp3.jobs.tasks.run_job")
def job_lost(job_id: int) -> None:
    """The worker died part-way (see civicp3.operations.lost_tasks): the job page says so."""
    services.fail(job_id, LOST_MESSAGE)
