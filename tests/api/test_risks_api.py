"""Risks through the API: the registers with scores and levels, one risk, adding a project risk."""

from datetime import date

import pytest

from civicp3.toolkit.models import Risk, RiskLevel
from civicp3.toolkit.services import risk_save

pytestmark = pytest.mark.django_db

RISK = {
    "title": "Supplier goes out of business",
    "cause": "Because the market is thin",
    "likelihood": 4,
    "impact": 5,
    "target_likelihood": 2,
    "target_impact": 3,
    "review_date": "2026-06-30",
}


def add(council, title, likelihood, impact, register=RiskLevel.CORPORATE, project=None):
    fields = {
        "title": title,
        "likelihood": likelihood,
        "impact": impact,
        "target_likelihood": 1,
        "target_impact": 1,
        "review_date": date(2026, 6, 30),
    }
    return risk_save(council=council, fields=fields, actor=None, register=register, project=project)


def test_the_list_shows_scores_and_levels_highest_first(org, project_for, api_for):
    add(org.a, "Budget cut", 2, 2)
    add(org.a, "Cyber attack", 5, 5)
    add(org.b, "Beta's own risk", 5, 5)
    body = api_for("sponsor", scope="read").get("/api/risks/").json()
    assert body["count"] == 2
    top = body["items"][0]
    assert (top["title"], top["score"], top["register"]) == ("Cyber attack", 25, "corporate")
    assert (top["level"], top["target_score"], top["target_level"]) == ("Very high", 1, "Low")
    assert top["may_escalate"] is False  # already on the corporate register
    assert "Beta's own risk" not in str(body)


def test_the_list_filters_by_register_and_project(org, project_for, api_for):
    project = project_for()
    add(org.a, "Corporate one", 3, 3)
    add(org.a, "Project one", 3, 3, register=RiskLevel.PROJECT, project=project)
    api = api_for("pmo")
    corporate = api.get("/api/risks/", register="corporate").json()
    assert [r["title"] for r in corporate["items"]] == ["Corporate one"]
    mine = api.get("/api/risks/", project=project.number).json()
    assert [(r["title"], r["project"]) for r in mine["items"]] == [
        ("Project one", project.reference)
    ]


def test_reading_one_risk(org, api_for):
    risk = add(org.a, "Cyber attack", 5, 4)
    body = api_for("auditor", scope="read").get(f"/api/risks/{risk.number}").json()
    assert body["reference"] == risk.reference
    assert (body["likelihood"], body["impact"], body["score"]) == (5, 4, 20)


def test_a_project_manager_adds_a_risk_to_a_project(project_for, api_for):
    project = project_for()
    response = api_for("project_manager").post(f"/api/projects/{project.number}/risks", RISK)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["reference"], body["register"], body["project"]) == (
        "RSK-0001",
        "project",
        project.reference,
    )
    assert body["score"] == 20
    assert Risk.objects.get().history.count() == 1


def test_another_councils_risks_and_projects_are_404s(org, project_for, api_for):
    theirs = add(org.b, "Beta's own risk", 5, 5)
    their_project = project_for("b")
    api = api_for("pmo")
    assert api.get(f"/api/risks/{theirs.number}").status_code == 404
    assert api.get("/api/risks/", project=their_project.number).status_code == 404
    response = api.post(f"/api/projects/{their_project.number}/risks", RISK)
    assert response.status_code == 404
    assert Risk.objects.filter(council=org.a).count() == 0


def test_roles_and_read_only_tokens_are_refused(project_for, api_for):
    project = project_for()
    url = f"/api/projects/{project.number}/risks"
    assert api_for("staff").get("/api/risks/").status_code == 403
    assert api_for("improvement_team").post(url, RISK).status_code == 403
    assert api_for("pmo", scope="read").post(url, RISK).status_code == 403
    assert Risk.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"likelihood": 6}, "likelihood"),
        ({"title": ""}, "title"),
        ({"review_date": "next week"}, "review_date"),
    ],
)
def test_bad_input_names_the_field(project_for, api_for, change, field):
    project = project_for()
    response = api_for("pmo").post(f"/api/projects/{project.number}/risks", RISK | change)
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json()["errors"]]
    assert Risk.objects.count() == 0


def test_a_bad_filter_names_the_query_field(api_for):
    response = api_for("pmo").get("/api/risks/", register="personal")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "query.register"
