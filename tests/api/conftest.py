from datetime import date

import pytest
from django.test import Client

from civicp3.api.services import token_issue
from civicp3.delivery.services import ImportedPlan, plan_create, plan_replace
from civicp3.portfolio.services import project_create


class ApiClient:
    """A test client that sends one person's token, as another system would."""

    def __init__(self, raw: str) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {raw}"}

    def get(self, path: str, **params: object):
        return self.client.get(path, params, headers=self.headers)

    def post(self, path: str, body: object):
        return self.client.post(path, body, content_type="application/json", headers=self.headers)


@pytest.fixture
def api_for(org):
    def make(role: str, council: str = "a", scope: str = "write") -> ApiClient:
        people, place = (org.people_a, org.a) if council == "a" else (org.people_b, org.b)
        _token, raw = token_issue(council=place, user=people[role], name="Test", scope=scope)
        return ApiClient(raw)

    return make


# A small plan in the JSON plan format (docs/plan-format.md): A(5) -> B(3), Monday 5 Jan 2026.
PLAN = {
    "name": "Customer portal replacement",
    "start": "2026-01-05",
    "calendar": {"hours_per_day": 7.5, "holidays": "england-and-wales", "closures": []},
    "tasks": [
        {"id": "A", "name": "Design", "duration": 5, "cost": "1000.00", "parent": None},
        {
            "id": "B",
            "name": "Build",
            "duration": 3,
            "parent": None,
            "estimate": {"min": 2, "likely": 3, "max": 8, "distribution": "triangular"},
        },
    ],
    "links": [{"from": "A", "to": "B", "type": "FS", "lag": 0}],
}


@pytest.fixture
def project_for(org):
    """A project on the register of council "a" or "b", with its plan when `plan` is given."""

    def make(council: str = "a", plan: dict | None = None):
        place = org.a if council == "a" else org.b
        project = project_create(council=place, title=f"Customer portal for {place.slug}")
        if plan is not None:
            delivery = plan_create(project=project, start=date.fromisoformat(plan["start"]))
            plan_replace(plan=delivery, imported=ImportedPlan(plan))
        return project

    return make
