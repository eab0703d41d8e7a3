"""Item 5: a name with a right-to-left override ("Sam\u202eevil" shows as "Samlive") was kept
and shown as typed, so one person, project, task or risk could pass for another. Names are
now refused with a message naming the field; other text keeps the characters."""

import copy

import pytest
from django.contrib.auth.models import User

from civicp3.delivery.models import PlanTask
from civicp3.portfolio.models import Project
from civicp3.toolkit.models import Risk
from tests.api.conftest import PLAN

pytestmark = pytest.mark.django_db

MESSAGE = "Remove the text-direction character"


@pytest.mark.parametrize("control", ["\u202a", "\u202e", "\u2066", "\u2069"])
def test_a_persons_name_with_a_direction_override_is_refused(org, control):
    response = org.client_for("council_admin").post(
        "/settings/people/add/",
        {
            "username": "mallory",
            "first_name": "Sam",
            "last_name": f"Smith{control}evil",
            "email": "m@example.com",
            "roles": ["staff"],
        },
    )
    assert response.status_code == 200
    assert f"{MESSAGE} (\\u{ord(control):04x}): names may not contain it" in response.text
    assert 'href="#id_last_name"' in response.text
    assert not User.objects.filter(username="mallory").exists()


def test_a_project_title_with_a_direction_override_is_refused(org):
    response = org.client_for("pmo").post(
        "/projects/new/", {"title": "Bins\u202etsoc", "kind": "project"}
    )
    assert MESSAGE in response.text
    assert not Project.objects.exists()


def test_a_risk_title_with_a_direction_override_is_refused(org):
    response = org.client_for("pmo").post("/risks/corporate/new/", {"title": "Fire\u202e"})
    assert response.status_code == 200
    assert MESSAGE in response.text
    assert not Risk.objects.exists()


def test_a_task_name_with_a_direction_override_is_refused(org, project_for):
    project = project_for(plan=PLAN)
    response = org.client_for("project_manager").post(
        f"/projects/{project.number}/plan/tasks/new/",
        {"code": "C", "name": "Go\u2066live", "duration": "1"},
    )
    assert MESSAGE in response.text
    assert not PlanTask.objects.filter(code="C").exists()


def test_the_api_refuses_a_task_name_with_a_direction_override(project_for, api_for):
    project = project_for(plan=PLAN)
    plan = copy.deepcopy(PLAN)
    plan["tasks"][0]["name"] = "Design\u202d"
    response = api_for("pmo").post(f"/api/projects/{project.number}/plan", plan)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["tasks.0.name"]
    assert PlanTask.objects.get(plan__project=project, code="A").name == "Design"


def test_text_that_is_not_a_name_may_still_carry_them(org):
    from civicp3.improvements.models import ImprovementRequest
    from tests.improvements.test_intake import answers

    arabic = "\u0645\u062b\u0627\u0644"
    data = answers(problem_statement=f"Arabic text \u202b{arabic}\u202c in a complaint")
    assert org.client_for("staff").post("/improvements/raise/alpha/", data).status_code == 302
    assert "\u202b" in ImprovementRequest.objects.get().problem_statement
