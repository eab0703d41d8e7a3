"""The background task that runs a Job (Django Tasks, database backend; `civicp3 db_worker`)."""

from django_tasks import task

from civicp3.jobs import services


@task()
def run_job(job_id: int) -> str:
    return services.run(job_id)
