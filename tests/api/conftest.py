import pytest
from django.test import Client

from civicp3.api.services import token_issue


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
