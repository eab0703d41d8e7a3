"""The API as another system uses it: tokens, scoping, roles, scopes and problem details."""

import pytest

from civicp3.api.services import token_issue, token_revoke
from civicp3.improvements.lifecycle import Status
from civicp3.improvements.models import ImprovementRequest
from civicp3.improvements.services import improvement_raise
from civicp3.organisation.models import ServiceArea

pytestmark = pytest.mark.django_db


def raise_for(council, title="Missed bin reports", **extra):
    return improvement_raise(
        council=council, process_impacted=title, problem_statement="Phoned in", **extra
    )


def test_a_call_without_a_token_gets_a_401_problem(client):
    response = client.get("/api/improvements/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == "Bearer"
    assert "Authorization: Bearer" in response.json()["detail"]


def test_a_wrong_token_is_refused(client):
    response = client.get("/api/me", headers={"Authorization": "Bearer cp3_not-a-token"})
    assert response.status_code == 401


def test_me_says_who_and_where_the_token_acts(org, api_for):
    body = api_for("improvement_team", scope="read").get("/api/me").json()
    assert body == {
        "username": "improvement_team",
        "council": "Alpha District Council",
        "council_slug": "alpha",
        "roles": ["improvement_team"],
        "scope": "read",
    }


def test_the_list_is_paginated_and_shows_only_the_tokens_council(org, api_for):
    for n in range(55):
        raise_for(org.a, title=f"Process {n}")
    raise_for(org.b, title="Beta's own process")
    api = api_for("improvement_team")
    first = api.get("/api/improvements/").json()
    assert first["count"] == 55
    assert len(first["items"]) == 50
    assert first["items"][0]["reference"] == "IMP-0001"
    second = api.get("/api/improvements/", page=2).json()
    assert [item["process_impacted"] for item in second["items"]] == [
        f"Process {n}" for n in range(50, 55)
    ]
    assert "Beta's own process" not in str(first) + str(second)


def test_another_councils_record_is_a_404(org, api_for):
    theirs = raise_for(org.b)
    response = api_for("improvement_team").get(f"/api/improvements/{theirs.number + 1}")
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no such record in your council"


def test_a_role_without_the_action_gets_a_403(org, api_for):
    response = api_for("staff").get("/api/improvements/")
    assert response.status_code == 403
    assert response.json()["detail"] == "Your role does not allow this."


def test_raising_through_the_api_gives_the_next_reference(org, api_for):
    raise_for(org.a)
    area = ServiceArea.objects.get(council=org.a)
    response = api_for("staff").post(
        "/api/improvements/",
        {
            "process_impacted": "Garden waste renewals",
            "problem_statement": "Renewals are re-keyed from e-mails",
            "form_required": "yes",
            "service_area_id": area.pk,
            "contact_email": "officer@alpha.example.gov.uk",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["reference"] == "IMP-0002"
    assert body["status"] == "submitted"
    assert body["service_area"] == area.name


def test_a_read_only_token_cannot_write(org, api_for):
    response = api_for("staff", scope="read").post(
        "/api/improvements/", {"process_impacted": "X", "problem_statement": "Y"}
    )
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"problem_statement": "Y"}, "process_impacted"),
        ({"process_impacted": "", "problem_statement": "Y"}, "process_impacted"),
        (
            {"process_impacted": "X", "problem_statement": "Y", "form_required": "maybe"},
            "form_required",
        ),
        (
            {"process_impacted": "X", "problem_statement": "Y", "contact_email": "nope"},
            "contact_email",
        ),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_writes_nothing(org, api_for, body, field):
    response = api_for("staff").post("/api/improvements/", body)
    assert response.status_code == 422
    problem = response.json()
    assert problem["status"] == 422
    assert field in [error["field"] for error in problem["errors"]]
    assert field in problem["detail"]
    assert ImprovementRequest.objects.count() == 0


def test_another_councils_service_area_is_refused(org, api_for):
    theirs = ServiceArea.objects.get(council=org.b)
    response = api_for("staff").post(
        "/api/improvements/",
        {"process_impacted": "X", "problem_statement": "Y", "service_area_id": theirs.pk},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "service_area_id"


def test_an_illegal_move_is_a_409_and_a_legal_one_moves(org, api_for):
    improvement = raise_for(org.a)
    api = api_for("improvement_team")
    refused = api.post(f"/api/improvements/{improvement.number}/transition", {"to": Status.LIVE})
    assert refused.status_code == 409
    assert refused.json()["title"] == "Conflict"
    moved = api.post(f"/api/improvements/{improvement.number}/transition", {"to": Status.TRIAGED})
    assert moved.status_code == 200
    assert moved.json()["status"] == "triaged"


def test_a_move_that_needs_a_reason_names_the_field(org, api_for):
    improvement = raise_for(org.a)
    response = api_for("improvement_team").post(
        f"/api/improvements/{improvement.number}/transition", {"to": Status.REJECTED}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "reason", "message": f"Enter why {improvement.reference} should be rejected"}
    ]


def test_a_revoked_token_and_a_departed_person_stop_working(org, client):
    person = org.people_a["pmo"]
    token, raw = token_issue(council=org.a, user=person, name="Reports")
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.get("/api/me", headers=headers).status_code == 200
    person.memberships.all().delete()
    assert client.get("/api/me", headers=headers).status_code == 401
    person.memberships.create(council=org.a, role="pmo")
    token_revoke(token=token, actor=person)
    assert client.get("/api/me", headers=headers).status_code == 401


def test_the_schema_and_docs_are_published(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/improvements/{number}/transition" in schema["paths"]
    assert client.get("/api/docs").status_code == 200


def test_a_page_past_any_real_list_is_a_422_not_a_crash(org, api_for):
    response = api_for("improvement_team").get("/api/improvements/", page=10**12)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "query.page"


@pytest.mark.parametrize(("text", "shown"), [("Bins\x00", "\\u0000"), ("Bins\x0b", "\\u000b")])
def test_a_control_character_is_a_422_naming_the_field(org, api_for, text, shown):
    response = api_for("staff").post(
        "/api/improvements/", {"process_impacted": text, "problem_statement": "Y"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "process_impacted"
    assert shown in response.json()["errors"][0]["message"]
    assert not ImprovementRequest.objects.exists()
