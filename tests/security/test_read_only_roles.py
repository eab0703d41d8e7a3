"""M6: the auditor reads everything and changes nothing; councillors read. They could add
projects, raise requests, issue write tokens and POST to the API (201)."""

import pytest
from django.test import Client

from civicp3.api.models import ApiToken
from civicp3.api.services import TokenError, token_issue
from civicp3.improvements.models import ImprovementRequest
from civicp3.improvements.services import ImprovementError, improvement_raise
from civicp3.organisation.models import ServiceArea
from civicp3.portfolio.models import Project
from civicp3.portfolio.services import ProjectError, project_create
from tests.improvements.test_intake import answers

pytestmark = pytest.mark.django_db

READERS = ["auditor", "councillor"]
REQUEST = {"process_impacted": "Bins", "problem_statement": "Keyed twice"}


@pytest.mark.parametrize("role", READERS)
def test_a_reader_cannot_add_to_the_register(org, role):
    client = org.client_for(role)
    assert client.get("/projects/").status_code == 200
    assert "Add to the register" not in client.get("/projects/").text
    assert (
        client.post("/projects/new/", {"title": "Audit idea", "kind": "project"}).status_code == 403
    )
    with pytest.raises(ProjectError):
        project_create(council=org.a, title="By the service", actor=org.people_a[role])
    assert not Project.objects.exists()


@pytest.mark.parametrize("role", READERS)
def test_a_reader_cannot_raise_a_request_as_staff(org, role):
    client = org.client_for(role)
    assert "Raise an improvement request" not in client.get("/").text
    assert client.post("/improvements/raise/", REQUEST).status_code == 403
    with pytest.raises(ImprovementError):
        improvement_raise(council=org.a, raised_by=org.people_a[role], **REQUEST)
    assert not ImprovementRequest.objects.exists()


@pytest.mark.parametrize("role", READERS)
def test_a_reader_is_offered_and_given_only_read_only_tokens(org, role):
    client = org.client_for(role)
    page = client.get("/settings/api-tokens/")
    assert 'value="write"' not in page.text
    refused = client.post("/settings/api-tokens/", {"name": "Sneaky", "scope": "write"})
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.text
    with pytest.raises(TokenError, match="read-only token"):
        token_issue(council=org.a, user=org.people_a[role], name="Sneaky", scope="write")
    assert not ApiToken.objects.filter(scope="write").exists()
    client.post("/settings/api-tokens/", {"name": "Reports", "scope": "read"})
    assert ApiToken.objects.get().scope == "read"


def test_a_write_token_from_an_earlier_role_cannot_write_once_they_audit(org):
    person = org.people_a["improvement_team"]
    _token, raw = token_issue(council=org.a, user=person, name="Old", scope="write")
    person.memberships.update(role="auditor")
    response = Client().post(
        "/api/improvements/",
        REQUEST,
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 403
    assert not ImprovementRequest.objects.exists()


def test_members_who_change_records_still_may(org):
    staff = org.client_for("staff")
    area = ServiceArea.objects.get(council=org.a)
    data = answers(service_area=area.pk)
    data.pop("service_area_text")
    response = staff.post("/improvements/raise/", data)
    assert response.status_code == 302
    assert ImprovementRequest.objects.get().raised_by == org.people_a["staff"]
    assert (
        org.client_for("sponsor")
        .post("/projects/new/", {"title": "Idea", "kind": "project"})
        .status_code
        == 302
    )
    token, _raw = token_issue(council=org.a, user=org.people_a["pmo"], name="Forms", scope="write")
    assert token.can_write
