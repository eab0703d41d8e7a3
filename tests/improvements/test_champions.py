"""Green belt champions: the monthly workshop log and training coverage by service area."""

from datetime import date

import pytest

from civicp3.improvements.models import ImprovementRequest, Workshop
from civicp3.improvements.selectors import service_areas_without_champion
from civicp3.improvements.services import training_cohort_add, training_delegate_add
from civicp3.organisation.models import Directorate, ServiceArea
from tests.improvements.conftest import make_request

pytestmark = pytest.mark.django_db


def test_the_workshop_log_records_attendance_projects_and_lessons(org):
    make_request(org.a, pathway="GBC", process_impacted="Export certificates")
    client = org.client_for("green_belt_champion")
    improvement = ImprovementRequest.objects.get()
    response = client.post(
        "/improvements/workshops/",
        {
            "held_on": "2024-03-05",
            "attendance": "Alex\nSam",
            "improvements": [improvement.pk],
            "lessons_learnt": "Map the process first",
        },
    )
    assert response.status_code == 302
    workshop = Workshop.objects.get()
    assert list(workshop.improvements.all()) == [improvement]
    page = client.get("/improvements/workshops/").content.decode()
    assert "Map the process first" in page
    assert "Workshop on 5 March 2024" in page


def test_coverage_lists_service_areas_with_no_trained_green_belt_champion(org):
    waste = ServiceArea.objects.get(council=org.a)
    legal = ServiceArea.objects.create(
        council=org.a, directorate=Directorate.objects.get(council=org.a), name="Legal"
    )
    green = training_cohort_add(
        council=org.a,
        belt="green",
        name="Green belt 2024",
        starts_on=date(2024, 1, 8),
        ends_on=date(2024, 5, 31),
    )
    white = training_cohort_add(
        council=org.a,
        belt="white",
        name="White belt 2023",
        starts_on=date(2023, 6, 1),
        ends_on=None,
    )
    training_delegate_add(cohort=green, name="Alex", service_area=waste, completed=True)
    training_delegate_add(cohort=white, name="Sam", service_area=legal, completed=True)
    assert list(service_areas_without_champion(org.a)) == [legal]
    page = org.client_for("auditor").get("/improvements/training/").content.decode()
    assert "Legal" in page
    assert "Green belt 2024" in page


def test_only_the_team_adds_training_records(org):
    data = {"belt": "yellow", "name": "Yellow belt", "starts_on": "2024-09-01"}
    assert org.client_for("auditor").post("/improvements/training/", data).status_code == 403
    assert (
        org.client_for("improvement_team").post("/improvements/training/", data).status_code == 302
    )
