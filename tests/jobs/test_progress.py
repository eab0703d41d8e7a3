"""An import's progress shows while it runs, though it writes in one all-or-nothing transaction."""

import threading

import pytest
from django.db import connection, connections, transaction

from civicp3.improvements.services import improvements_import
from civicp3.jobs import services
from civicp3.jobs.models import Job
from civicp3.organisation.management.commands.load_demo import WORKLIST
from tests.improvements.conftest import give_seed_structure

SEEN: list[tuple[int, int, str]] = []


def what_the_job_page_reads(job_id: int) -> None:
    """Another connection, as the job page in another request has."""
    try:
        job = Job.objects.get(pk=job_id)
        SEEN.append((job.done, job.total, job.message))
    finally:
        connections.close_all()


def halfway_inside_one_transaction(*, council, user, progress):  # type: ignore[no-untyped-def]
    with transaction.atomic():
        progress(5, 10, "5 of 10 rows imported")
        job = Job.objects.get(status=Job.Status.RUNNING)
        reader = threading.Thread(target=what_the_job_page_reads, args=[job.pk])
        reader.start()
        reader.join()
    return services.Outcome("Imported")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite lets one connection write at a time"
)
def test_progress_inside_a_transaction_is_seen_by_other_requests_at_once(org):
    SEEN.clear()
    job = services.start(
        org.a,
        org.people_a["improvement_team"],
        Job.Kind.WORK_LIST_IMPORT,
        "Import of worklist.csv",
        "tests.jobs.test_progress.halfway_inside_one_transaction",
    )
    assert job.status == Job.Status.DONE
    assert SEEN == [(5, 10, "5 of 10 rows imported")]


@pytest.mark.django_db
def test_an_import_reports_the_rows_it_has_written(org):
    give_seed_structure(org.a)
    reported: list[tuple[int, int]] = []
    improvements_import(
        council=org.a,
        rows_or_file=WORKLIST,
        actor=None,
        progress=lambda done, total: reported.append((done, total)),
    )
    assert reported == [(10, 26), (20, 26), (26, 26)]
