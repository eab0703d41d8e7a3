"""Background jobs record their progress, end in a result or a plain-words error, are never
lost, and are seen only inside their council by the roles that do that work."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from civicp3.improvements.models import ImprovementRequest
from civicp3.jobs import services
from civicp3.jobs.models import Job
from civicp3.operations.lost_tasks import fail_lost_tasks
from civicp3.organisation.management.commands.load_demo import WORKLIST
from tests import clock
from tests.improvements.conftest import give_seed_structure

pytestmark = pytest.mark.django_db
HERE = "tests.jobs.test_jobs"
SEEN: list[tuple[str, int, int, str]] = []


def halfway_then_done(*, council, user, progress, total: int):  # type: ignore[no-untyped-def]
    """A runner that reports progress and notes what the job page would show at that point."""
    progress(total // 2, total, "Halfway")
    job = Job.objects.get(status=Job.Status.RUNNING)
    SEEN.append((job.status, job.done, job.total, job.message))
    return services.Outcome("All rows done", url="/improvements/", url_label="See them")


def breaks(*, council, user, progress):  # type: ignore[no-untyped-def]
    progress(1, 5)
    raise RuntimeError("database exploded: internal detail")


def refuses(*, council, user, progress):  # type: ignore[no-untyped-def]
    raise services.JobFailed("The plan has been deleted", ["Row 2, Name: Enter a name"])


def _start(org, runner: str, role: str = "improvement_team", **kwargs) -> Job:  # type: ignore[no-untyped-def]
    return services.start(
        org.a,
        org.people_a[role],
        Job.Kind.WORK_LIST_IMPORT,
        "Import of worklist.csv",
        f"{HERE}.{runner}",
        **kwargs,
    )


def test_progress_is_recorded_while_it_runs_and_a_finished_job_links_to_its_result(org) -> None:
    SEEN.clear()
    job = _start(org, "halfway_then_done", total=400)
    assert SEEN == [("running", 200, 400, "Halfway")]
    assert (job.status, job.done, job.total, job.percent) == ("done", 400, 400, 100)
    page = org.client_for("improvement_team").get(f"/jobs/{job.pk}/").content.decode()
    assert "400 of 400 rows" in page
    assert "All rows done" in page
    assert '<a class="govuk-notification-banner__link" href="/improvements/">See them</a>' in page
    assert "data-job-refresh" not in page  # a finished job's page stops refreshing


def test_a_refusal_shows_its_own_words_and_each_problem(org) -> None:
    job = _start(org, "refuses")
    assert job.status == Job.Status.FAILED
    assert job.finished is not None
    page = org.client_for("improvement_team").get(f"/jobs/{job.pk}/").content.decode()
    assert "This did not finish" in page
    assert "The plan has been deleted" in page
    assert "Row 2, Name: Enter a name" in page


def test_an_unexpected_failure_is_logged_and_the_person_gets_a_reference(org, caplog) -> None:
    with caplog.at_level(logging.ERROR, logger="civicp3.jobs.services"):
        job = _start(org, "breaks")
    assert job.status == Job.Status.FAILED
    assert f"quote reference {job.pk}" in job.error
    assert "exploded" not in job.error  # no internals shown to the person
    assert any("exploded" in (r.exc_text or "") for r in caplog.records)


def test_a_job_runs_once(org) -> None:
    SEEN.clear()
    job = _start(org, "halfway_then_done", total=4)
    assert services.run(job.pk) == Job.Status.DONE
    assert len(SEEN) == 1


def test_a_queued_job_can_be_left_and_come_back_to(org, queued_tasks) -> None:
    SEEN.clear()
    job = _start(org, "halfway_then_done", total=10)
    assert job.status == Job.Status.QUEUED
    client = org.client_for("improvement_team")
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Waiting to start" in page
    assert 'data-job-refresh="2"' in page
    assert f'<a class="govuk-link" href="/jobs/{job.pk}/">Refresh</a>' in page
    assert "js/jobs/progress.js" in page
    assert "Import of worklist.csv" in client.get("/jobs/").content.decode()
    services.run(job.pk)  # what `civicp3 db_worker` does
    assert "10 of 10 rows" in client.get(f"/jobs/{job.pk}/").content.decode()


def test_another_councils_job_is_not_found_and_roles_are_checked(org) -> None:
    job = _start(org, "halfway_then_done", total=2)
    assert (
        org.client_for("improvement_team", council="b").get(f"/jobs/{job.pk}/").status_code == 404
    )
    assert org.client_for("staff").get(f"/jobs/{job.pk}/").status_code == 403
    assert org.client_for("improvement_team").get(f"/jobs/{job.pk}/").status_code == 200
    assert "Import of worklist.csv" not in org.client_for("pmo").get("/jobs/").content.decode()


def test_your_recent_work_explains_itself_when_empty(org) -> None:
    page = org.client_for("staff").get("/jobs/").content.decode()
    assert "You have not started any background work in this council yet." in page


def test_recent_work_is_paginated(org) -> None:
    for _ in range(26):
        _start(org, "halfway_then_done", total=1)
    client = org.client_for("improvement_team")
    assert client.get("/jobs/").content.decode().count('href="/jobs/') >= 25
    assert "Import of worklist.csv" in client.get("/jobs/?page=2").content.decode()


def test_the_work_list_import_runs_as_a_job_and_stays_all_or_nothing(org) -> None:
    give_seed_structure(org.a)
    client = org.client_for("improvement_team")
    client.post(
        "/improvements/import/",
        {"file": SimpleUploadedFile("worklist.csv", WORKLIST.read_bytes()), "step": "preview"},
    )
    response = client.post("/improvements/import/", {"step": "confirm"})
    job = Job.objects.get()
    assert response.url == f"/jobs/{job.pk}/"
    page = client.get(response.url).content.decode()
    assert "26 improvement requests imported" in page
    assert "26 of 26 rows" in page
    assert "Go to the improvement waiting list" in page
    assert ImprovementRequest.objects.filter(council=org.a).count() == 26
    assert not default_storage.listdir("improvements/imports")[1]  # the upload is deleted


def test_a_work_list_that_went_bad_imports_nothing_and_names_the_row(org) -> None:
    give_seed_structure(org.a)
    lines = WORKLIST.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",PIP", ",XYZ", 1)
    path = default_storage.save("improvements/imports/bad.upload", ContentFile("\n".join(lines)))
    job = services.start(
        org.a,
        org.people_a["improvement_team"],
        Job.Kind.WORK_LIST_IMPORT,
        "Import of bad.csv",
        "civicp3.jobs.runners.work_list_import",
        path=path,
        source_name="bad.csv",
    )
    assert job.status == Job.Status.FAILED
    assert job.error == "Nothing was imported: the file has 1 problem"
    assert job.problems == ['Row 4, Pathway: Unknown pathway "XYZ": use PIP, QW or GBC']
    assert not ImprovementRequest.objects.exists()


def test_a_plan_pdf_is_prepared_as_a_job_and_downloaded_never_shown_as_a_page(org, plan_a) -> None:
    client = org.client_for("pmo")
    response = client.post(f"/productivity-plan/{plan_a.pk}/prepare/pdf/")
    job = Job.objects.get()
    assert response.url == f"/jobs/{job.pk}/"
    page = client.get(response.url).content.decode()
    assert "Alpha Productivity Plan is ready as a PDF file" in page
    assert f"productivity-plan-alpha-{plan_a.pk}.pdf" in page
    download = client.get(f"/jobs/{job.pk}/result/")
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert (
        org.client_for("staff").post(f"/productivity-plan/{plan_a.pk}/prepare/pdf/").status_code
        == 403
    )
    other = org.client_for("pmo", council="b")
    assert other.get(f"/jobs/{job.pk}/result/").status_code == 404
    assert other.post(f"/productivity-plan/{plan_a.pk}/prepare/pdf/").status_code == 404


def test_a_job_whose_worker_died_is_failed_by_the_lost_task_sweep(
    org, settings, queued_tasks
) -> None:
    job = _start(org, "halfway_then_done", total=4)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, done=2)
    # What a worker killed part-way leaves behind: its task RUNNING since long ago.
    long_ago = clock.now() - timedelta(seconds=settings.TASKS_LOST_AFTER_SECONDS + 60)
    DBTaskResult.objects.filter(args_kwargs__args=[job.pk]).update(
        status=TaskResultStatus.RUNNING, started_at=long_ago
    )
    assert len(fail_lost_tasks()) == 1
    page = org.client_for("improvement_team").get(f"/jobs/{job.pk}/").content.decode()
    assert "This did not finish" in page
    assert "The worker stopped before it finished; start it again." in page


def test_a_job_whose_worker_died_shows_failed_once_the_sweeps_time_has_passed(
    org, settings, queued_tasks
) -> None:
    """Issue 25, L6: no page says "in progress" for work whose worker died, sweep or not."""
    job = _start(org, "halfway_then_done", total=4)
    started = clock.now()
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, done=2, started=started)
    client = org.client_for("improvement_team")
    limit = timedelta(seconds=settings.TASKS_LOST_AFTER_SECONDS)
    with time_machine.travel(started + limit - timedelta(minutes=1), tick=False):
        page = client.get(f"/jobs/{job.pk}/").content.decode()
        assert "In progress" in page
        assert "This did not finish" not in page
    with time_machine.travel(started + limit + timedelta(minutes=1), tick=False):
        page = client.get(f"/jobs/{job.pk}/").content.decode()
        recent = client.get("/jobs/").content.decode()
    assert "This did not finish" in page
    assert "The worker stopped before it finished; start it again." in page
    assert "In progress" not in page
    assert "data-job-refresh" not in page  # nor does it keep polling
    assert "Failed" in recent
    assert "In progress" not in recent
    # The sweep, when it runs, fails the queue's record and leaves the job as it is.
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
