"""M4: a plan whose task cost follows its duration (`cost_basis` "time", as the demo's plans
have) downloaded through the API as a 500: the response schema did not know the field."""

import copy

import pytest

from civicp3.delivery.models import CostBasis, PlanTask
from tests.api.conftest import PLAN

pytestmark = pytest.mark.django_db


def time_costed_plan() -> dict:
    plan = copy.deepcopy(PLAN)
    plan["tasks"][0]["cost_basis"] = "time"
    return plan


def test_a_plan_with_a_time_dependent_cost_downloads(project_for, api_for):
    project = project_for(plan=time_costed_plan())
    response = api_for("sponsor", scope="read").get(f"/api/projects/{project.number}/plan")
    assert response.status_code == 200, response.content
    assert [t["cost_basis"] for t in response.json()["tasks"]] == ["time", "fixed"]


def test_the_downloaded_plan_uploads_again_keeping_the_cost_basis(project_for, api_for):
    project = project_for(plan=time_costed_plan())
    body = api_for("sponsor", scope="read").get(f"/api/projects/{project.number}/plan").json()
    response = api_for("project_manager").post(f"/api/projects/{project.number}/plan", body)
    assert response.status_code == 200, response.content
    assert PlanTask.objects.get(plan__project=project, code="A").cost_basis == CostBasis.TIME


def test_an_unknown_cost_basis_is_refused_naming_the_field(project_for, api_for):
    project = project_for(plan=PLAN)
    plan = copy.deepcopy(PLAN)
    plan["tasks"][0]["cost_basis"] = "hourly"
    response = api_for("pmo").post(f"/api/projects/{project.number}/plan", plan)
    assert response.status_code == 422
    assert "tasks.0.cost_basis" in [error["field"] for error in response.json()["errors"]]
