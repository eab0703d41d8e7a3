"""People issue and revoke their own API tokens under council settings."""

import re

import pytest
from django.urls import reverse

from civicp3.api.models import ApiToken

pytestmark = pytest.mark.django_db


def issue(client, name="Reports script", scope="write"):
    return client.post(reverse("api-tokens"), {"name": name, "scope": scope})


def test_a_token_is_shown_once_and_then_works(org):
    client = org.client_for("improvement_team")
    body = issue(client).content.decode()
    raw = re.search(r'id="issued-token">(cp3_[^<]+)<', body).group(1)
    assert "Copy it now: it will not be shown again" in body
    assert raw not in client.get(reverse("api-tokens")).content.decode()
    assert client.get("/api/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    token = ApiToken.objects.get()
    assert (token.user, token.council, token.scope) == (
        org.people_a["improvement_team"],
        org.a,
        "write",
    )
    assert raw not in (token.digest, token.prefix)


def test_a_token_needs_a_name(org):
    response = issue(org.client_for("staff"), name="")
    assert "Enter name" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_stops_the_token(org):
    client = org.client_for("pmo")
    raw = re.search(r'id="issued-token">(cp3_[^<]+)<', issue(client).content.decode()).group(1)
    token = ApiToken.objects.get()
    response = client.post(reverse("api-token-revoke", args=[token.pk]), follow=True)
    assert "Token “Reports script” revoked: it no longer works" in response.content.decode()
    assert client.get("/api/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_nobody_revokes_or_sees_someone_elses_token(org):
    issue(org.client_for("pmo"))
    token = ApiToken.objects.get()
    other = org.client_for("council_admin")
    assert "Reports script" not in other.get(reverse("api-tokens")).content.decode()
    assert other.post(reverse("api-token-revoke", args=[token.pk])).status_code == 404
    assert (
        org.client_for("pmo", "b").post(reverse("api-token-revoke", args=[token.pk])).status_code
        == 404
    )
    token.refresh_from_db()
    assert token.revoked is None
