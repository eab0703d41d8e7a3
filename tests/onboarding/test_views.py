"""The onboarding pages: who may use them, each council sees only its own, imports preview
before they write, and a refused file lists every problem."""

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from civicp3.delivery.models import Plan
from civicp3.improvements import worklist
from civicp3.improvements.models import ImprovementRequest
from civicp3.jobs.models import Job
from civicp3.onboarding.models import PendingUpload
from civicp3.organisation.models import ServiceArea
from civicp3.portfolio.models import Project
from tests import clock

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
PLAN = DATA / "officeimo_Project2024_relationships.xml"


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("file.csv", text.encode("utf-8"), content_type="text/csv")


def test_only_the_council_administrator_sets_up_the_council(org) -> None:
    assert org.client_for("pmo").get("/onboarding/").status_code == 403
    page = org.client_for("council_admin").get("/onboarding/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Set up your council" in text
    assert "Not yet started" in text
    assert "In progress" in text  # council a already has service areas and a board


def test_the_task_list_shows_each_steps_status(org) -> None:
    admin = org.client_for("council_admin")
    admin.post("/onboarding/priorities/complete/")
    text = admin.get("/onboarding/").content.decode()
    assert text.count("Completed") >= 1
    assert "You have completed 1 of 8 steps." in text


def test_a_work_list_is_previewed_then_imported_and_a_bad_one_names_each_row(org) -> None:
    admin = org.client_for("council_admin")
    area = ServiceArea.objects.get(council=org.a).name
    header = ",".join(worklist.HEADERS) + "\n"
    good = (
        header
        + "45,Bulky waste booking,,Council A Waste,Phone only,Online form,Yes,QW\n".replace(
            "Council A Waste", area
        )
    )
    response = admin.post("/onboarding/work-list/", {"file": _csv(good)})
    assert response.status_code == 302
    preview = admin.get("/onboarding/work-list/").content.decode()
    assert "1 improvement requests will be imported" in preview
    assert not ImprovementRequest.objects.filter(council=org.a).exists()
    admin.post("/onboarding/work-list/import/", {"action": "import"})
    assert ImprovementRequest.objects.get(council=org.a).process_impacted == "Bulky waste booking"

    bad = header + "lots,Parking,,Nowhere,Broken,,Maybe,XX\n"
    refused = admin.post("/onboarding/work-list/", {"file": _csv(bad)}).content.decode()
    assert "The file has 4 problems: nothing has been imported" in refused
    assert "Row 2, Score:" in refused
    assert "Row 2, Pathway:" in refused
    assert not PendingUpload.objects.exists()


def test_a_cancelled_import_writes_nothing(org) -> None:
    admin = org.client_for("council_admin")
    rows = "Directorate or AD area,Service area,Monthly capacity (hours)\nSue,Events,20\n"
    admin.post("/onboarding/service-areas/", {"file": _csv(rows)})
    admin.post("/onboarding/service-areas/import/", {"action": "cancel"})
    assert not PendingUpload.objects.exists()
    assert "Events" not in admin.get("/onboarding/service-areas/").content.decode()


def test_each_council_sees_only_its_own_records_and_pending_files(org) -> None:
    rows = "Directorate or AD area,Service area,Monthly capacity (hours)\nSue,Events,20\n"
    org.client_for("council_admin").post("/onboarding/service-areas/", {"file": _csv(rows)})
    other = org.client_for("council_admin", "b").get("/onboarding/service-areas/")
    text = other.content.decode()
    ours, theirs = (ServiceArea.objects.get(council=c).name for c in (org.a, org.b))
    assert ours not in text
    assert "Check before you import" not in text
    assert theirs in text


def test_a_plan_is_imported_into_a_new_project_and_not_into_another_councils(org) -> None:
    admin = org.client_for("council_admin")
    with PLAN.open("rb") as plan_file:
        admin.post("/onboarding/plans/", {"file": plan_file, "title": "Office move"})
    project = Project.objects.get(council=org.a, title="Office move")
    assert (
        "10 tasks from OfficeIMO relationships" in admin.get("/onboarding/plans/").content.decode()
    )
    admin.post("/onboarding/plans/import/", {"action": "import"})
    assert Plan.objects.get(project=project).tasks.count() == 10

    theirs = Project.objects.create(council=org.b, number=1, title="Theirs")
    with PLAN.open("rb") as plan_file:
        response = admin.post("/onboarding/plans/", {"file": plan_file, "project": theirs.pk})
    assert "Select a valid choice" in response.content.decode()
    assert not Plan.objects.filter(project=theirs).exists()


def test_a_file_that_is_not_a_plan_is_refused(org) -> None:
    admin = org.client_for("council_admin")
    response = admin.post("/onboarding/plans/", {"file": _csv("a,b\n1,2\n"), "title": "Nope"})
    assert "The file is not XML" in response.content.decode()
    assert not Project.objects.filter(title="Nope").exists()


def test_a_confirmed_import_runs_as_a_job_that_links_back_to_its_step(org) -> None:
    admin = org.client_for("council_admin")
    rows = "Directorate or AD area,Service area,Monthly capacity (hours)\nSue,Events,20\n"
    admin.post("/onboarding/service-areas/", {"file": _csv(rows)})
    response = admin.post("/onboarding/service-areas/import/", {"action": "import"})
    job = Job.objects.get(council=org.a)
    assert response.url == f"/jobs/{job.pk}/"
    page = admin.get(response.url).content.decode()
    assert "1 service areas imported" in page
    assert "1 of 1 rows" in page
    assert 'href="/onboarding/service-areas/">Back to the step:' in page
    assert not PendingUpload.objects.exists()
    assert "Events" in admin.get("/onboarding/service-areas/").content.decode()


def test_a_file_being_imported_cannot_be_imported_twice_or_replaced(org, queued_tasks) -> None:
    admin = org.client_for("council_admin")
    rows = "Directorate or AD area,Service area,Monthly capacity (hours)\nSue,Events,20\n"
    admin.post("/onboarding/service-areas/", {"file": _csv(rows)})
    first = admin.post("/onboarding/service-areas/import/", {"action": "import"})
    again = admin.post("/onboarding/service-areas/import/", {"action": "import"})
    assert first.url == again.url
    assert Job.objects.count() == 1
    step = admin.get("/onboarding/service-areas/").content.decode()
    assert "is being imported in the background" in step
    assert "Check before you import" not in step
    refused = admin.post("/onboarding/service-areas/", {"file": _csv(rows)}).content.decode()
    assert "Wait until the import already running has finished" in refused


def test_an_import_whose_worker_died_can_be_imported_again(org, queued_tasks, settings) -> None:
    """Issue 25, L6: once the sweep's time has passed the step no longer says "being imported"."""
    admin = org.client_for("council_admin")
    rows = "Directorate or AD area,Service area,Monthly capacity (hours)\nSue,Events,20\n"
    admin.post("/onboarding/service-areas/", {"file": _csv(rows)})
    admin.post("/onboarding/service-areas/import/", {"action": "import"})
    started = clock.now()
    Job.objects.update(status=Job.Status.RUNNING, started=started)  # its worker then died
    later = started + timedelta(seconds=settings.TASKS_LOST_AFTER_SECONDS + 60)
    with time_machine.travel(later, tick=False):
        step = admin.get("/onboarding/service-areas/").content.decode()
        again = admin.post("/onboarding/service-areas/import/", {"action": "import"})
    assert "is being imported in the background" not in step
    assert "Check before you import" in step
    assert Job.objects.count() == 2
    assert again.url == f"/jobs/{Job.objects.order_by('-id').first().pk}/"
