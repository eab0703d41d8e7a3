"""Highlight reports through the API: a project's list, and submitting one."""

import pytest

from civicp3.portfolio.lifecycle import Stage
from civicp3.portfolio.models import HighlightReport, Project

pytestmark = pytest.mark.django_db

REPORT = {
    "period": "2026-03-17",
    "overall": "amber",
    "schedule": "green",
    "cost": "amber",
    "scope": "green",
    "quality": "green",
    "benefits": "amber",
    "risk": "red",
    "progress": "Supplier chosen",
    "next_steps": "Sign the contract",
}


def active(project: Project) -> Project:
    Project.objects.filter(pk=project.pk).update(stage=Stage.ACTIVE)
    project.refresh_from_db()
    return project


def test_a_project_manager_submits_a_report_and_it_is_listed(project_for, api_for):
    project = active(project_for())
    api = api_for("project_manager")
    response = api.post(f"/api/projects/{project.number}/highlights", REPORT)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["period"] == "2026-03-01"
    assert body["risk"] == "red"
    assert (body["quality"], body["benefits"]) == ("green", "amber")
    assert body["submitted_by"] == "project_manager"
    listed = api_for("sponsor", scope="read").get(f"/api/projects/{project.number}/highlights")
    assert listed.json()["count"] == 1
    assert listed.json()["items"][0]["progress"] == "Supplier chosen"


def test_a_second_report_for_the_same_month_is_refused(project_for, api_for):
    project = active(project_for())
    api = api_for("pmo")
    api.post(f"/api/projects/{project.number}/highlights", REPORT)
    again = api.post(
        f"/api/projects/{project.number}/highlights", REPORT | {"period": "2026-03-30"}
    )
    assert again.status_code == 422
    assert "already has a highlight report for March 2026" in again.json()["detail"]
    assert HighlightReport.objects.count() == 1


def test_a_project_that_is_not_active_is_a_conflict(project_for, api_for):
    project = project_for()
    response = api_for("pmo").post(f"/api/projects/{project.number}/highlights", REPORT)
    assert response.status_code == 409
    assert "Highlight reports are for active projects" in response.json()["detail"]


def test_another_councils_project_is_a_404(project_for, api_for):
    theirs = active(project_for("b"))
    api = api_for("pmo")
    assert api.get(f"/api/projects/{theirs.number}/highlights").status_code == 404
    assert api.post(f"/api/projects/{theirs.number}/highlights", REPORT).status_code == 404
    assert HighlightReport.objects.count() == 0


def test_roles_and_read_only_tokens_are_refused(project_for, api_for):
    project = active(project_for())
    url = f"/api/projects/{project.number}/highlights"
    assert api_for("staff").get(url).status_code == 403
    assert api_for("sponsor").post(url, REPORT).status_code == 403
    read_only = api_for("project_manager", scope="read").post(url, REPORT)
    assert read_only.status_code == 403
    assert "read-only" in read_only.json()["detail"]
    assert HighlightReport.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"overall": "purple"}, "overall"),
        ({"progress": ""}, "progress"),
        ({"period": "soon"}, "period"),
    ],
)
def test_bad_input_names_the_field(project_for, api_for, change, field):
    project = active(project_for())
    response = api_for("pmo").post(f"/api/projects/{project.number}/highlights", REPORT | change)
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json()["errors"]]
    assert HighlightReport.objects.count() == 0
