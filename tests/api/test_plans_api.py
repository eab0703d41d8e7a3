"""Plans through the API: download and upload as the JSON plan format or MS Project XML."""

import copy

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from civicp3.delivery.models import Plan, PlanTask

from .conftest import PLAN

pytestmark = pytest.mark.django_db


def upload_xml(api, number: int, body: bytes):
    return api.client.post(
        f"/api/projects/{number}/plan/mspdi",
        {"file": SimpleUploadedFile("plan.xml", body, "application/xml")},
        headers=api.headers,
    )


def tasks(project, field: str = "code") -> list[str]:
    return list(PlanTask.objects.filter(plan__project=project).values_list(field, flat=True))


def test_the_json_plan_round_trips(project_for, api_for):
    project = project_for(plan=PLAN)
    body = api_for("sponsor", scope="read").get(f"/api/projects/{project.number}/plan").json()
    assert body["start"] == "2026-01-05"
    assert [t["id"] for t in body["tasks"]] == ["A", "B"]
    assert body["tasks"][1]["estimate"]["max"] == 8
    assert body["links"] == [{"from": "A", "to": "B", "type": "FS", "lag": 0}]


def test_uploading_json_replaces_the_plan_and_makes_one_if_needed(project_for, api_for):
    project = project_for()
    plan = copy.deepcopy(PLAN)
    plan["tasks"].append({"id": "C", "name": "Go live", "duration": 0})
    plan["links"].append({"from": "B", "to": "C"})
    response = api_for("project_manager").post(f"/api/projects/{project.number}/plan", plan)
    assert response.status_code == 200, response.content
    assert response.json() == {"project": project.reference, "tasks": 3, "links": 2}
    assert tasks(project) == ["A", "B", "C"]
    assert Plan.objects.get(project=project).holidays == "england-and-wales"


def test_a_plan_the_engine_refuses_changes_nothing_and_names_the_task(project_for, api_for):
    project = project_for(plan=PLAN)
    plan = copy.deepcopy(PLAN)
    plan["links"].append({"from": "B", "to": "A"})
    plan["tasks"][0]["name"] = "Renamed"
    response = api_for("pmo").post(f"/api/projects/{project.number}/plan", plan)
    assert response.status_code == 422
    assert "loop" in response.json()["detail"]
    assert PlanTask.objects.get(plan__project=project, code="A").name == "Design"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda p: p["tasks"][0].update(duration=-1), "tasks.0.duration"),
        (lambda p: p["tasks"][0].update(id="has space"), "tasks.0.id"),
        (lambda p: p["tasks"][0].update(colour="red"), "tasks.0.colour"),
        (lambda p: p.update(start="soon"), "start"),
        # Microsoft Project XML cannot hold a control character, so the download would fail.
        (lambda p: p["tasks"][0].update(name="De\x01sign"), "tasks.0.name"),
    ],
)
def test_bad_json_names_the_field(project_for, api_for, change, field):
    project = project_for(plan=PLAN)
    plan = copy.deepcopy(PLAN)
    change(plan)
    response = api_for("pmo").post(f"/api/projects/{project.number}/plan", plan)
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json()["errors"]]
    assert tasks(project) == ["A", "B"]


def test_a_link_to_an_unknown_task_names_it(project_for, api_for):
    project = project_for(plan=PLAN)
    plan = copy.deepcopy(PLAN)
    plan["links"].append({"from": "B", "to": "Z"})
    response = api_for("pmo").post(f"/api/projects/{project.number}/plan", plan)
    assert response.status_code == 422
    problem = response.json()
    assert problem["errors"][0]["field"].startswith("links")
    assert "Z" in problem["detail"]


def test_ms_project_xml_downloads_and_uploads(project_for, api_for):
    source = project_for(plan=PLAN)
    download = api_for("sponsor").get(f"/api/projects/{source.number}/plan/mspdi")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/xml"
    assert b"<Project" in download.content
    target = project_for()
    response = upload_xml(api_for("project_manager"), target.number, download.content)
    assert response.status_code == 200, response.content
    assert response.json()["tasks"] == 2
    assert tasks(target, "name") == ["A Design", "B Build"]  # MS Project keeps the ID in the name


def test_a_file_that_is_not_xml_changes_nothing_and_names_the_file(project_for, api_for):
    project = project_for(plan=PLAN)
    response = upload_xml(api_for("pmo"), project.number, b"ID,Name\n1,Design\n")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "file"
    assert "not XML" in response.json()["detail"]
    assert tasks(project) == ["A", "B"]


def test_another_councils_plan_is_a_404(project_for, api_for):
    theirs = project_for("b", plan=PLAN)
    api = api_for("pmo")
    assert api.get(f"/api/projects/{theirs.number}/plan").status_code == 404
    assert api.get(f"/api/projects/{theirs.number}/plan/mspdi").status_code == 404
    assert api.post(f"/api/projects/{theirs.number}/plan", PLAN).status_code == 404


def test_a_project_without_a_plan_is_a_404_to_download(project_for, api_for):
    project = project_for()
    assert api_for("pmo").get(f"/api/projects/{project.number}/plan").status_code == 404


def test_roles_and_read_only_tokens_are_refused(project_for, api_for):
    project = project_for(plan=PLAN)
    url = f"/api/projects/{project.number}/plan"
    assert api_for("staff").get(url).status_code == 403
    assert api_for("sponsor").post(url, PLAN).status_code == 403
    assert api_for("pmo", scope="read").post(url, PLAN).status_code == 403
    xml = api_for("pmo").get(f"{url}/mspdi").content
    assert upload_xml(api_for("pmo", scope="read"), project.number, xml).status_code == 403


def test_a_plan_that_runs_off_the_calendar_is_refused(project_for, api_for):
    project = project_for(plan=PLAN)
    plan = copy.deepcopy(PLAN) | {"start": "2078-11-20"}
    response = api_for("pmo").post(f"/api/projects/{project.number}/plan", plan)
    assert response.status_code == 422
    assert "The plan must run between 8 January 2000 and" in response.json()["detail"]
    assert tasks(project) == ["A", "B"]


def test_an_ms_project_task_with_an_overlong_name_changes_nothing(project_for, api_for):
    project = project_for(plan=PLAN)
    xml = api_for("pmo").get(f"/api/projects/{project.number}/plan/mspdi").content
    long_name = "Design " + "x" * 300
    response = upload_xml(
        api_for("pmo"), project.number, xml.replace(b"A Design", long_name.encode())
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "file"
    assert "longer than 200 characters" in response.json()["detail"]
    assert tasks(project, "name") == ["Design", "Build"]
