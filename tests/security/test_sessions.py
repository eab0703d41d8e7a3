"""Item 6 (L14): no idle session timeout, no self-service password change, and pages and
exports that a browser or proxy could keep. Each is now in place."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client

from civicp3.api.services import token_issue
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def signed_in(org, role: str = "pmo") -> Client:
    """Signed in through the sign-in page, as a person does."""
    client = Client()
    response = client.post("/sign-in/", {"username": role, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize("path", ["/", "/projects/", "/projects/export/csv/", "/settings/"])
def test_signed_in_pages_and_exports_are_not_stored(org, path):
    response = signed_in(org).get(path)
    assert response.status_code == 200, path
    assert "no-store" in response["Cache-Control"]


def test_an_export_fetched_with_a_token_is_not_stored(org):
    _token, raw = token_issue(council=org.a, user=org.people_a["pmo"], name="Power BI")
    response = Client().get("/projects/export/csv/", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_api_is_not_stored(org):
    _token, raw = token_issue(council=org.a, user=org.people_a["pmo"], name="Script")
    response = Client().get("/api/projects/", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "sessionid" not in response.cookies  # a token call starts no session


def test_public_pages_may_be_cached_as_usual(org, client):
    response = client.get("/improvements/raise/alpha/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_an_idle_session_is_signed_out_after_the_timeout(org, frozen_clock, settings):
    client = signed_in(org)
    assert client.get("/").status_code == 200
    frozen_clock.shift(timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_a_person_at_work_stays_signed_in(org, frozen_clock, settings):
    client = signed_in(org)
    for _ in range(3):  # three times most of the timeout, with a request in between
        frozen_clock.shift(timedelta(seconds=settings.SESSION_COOKIE_AGE * 0.8))
        assert client.get("/").status_code == 200


def test_the_timeout_is_the_idle_minutes_setting():
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE == 60 * 60  # SESSION_IDLE_MINUTES defaults to 60


def test_a_person_changes_their_own_password(org):
    client = signed_in(org)
    page = client.get("/settings/")
    assert 'href="/settings/password/"' in page.text
    response = client.post(
        "/settings/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-long-passphrase-42",
            "new_password2": "a-new-long-passphrase-42",
        },
    )
    assert response.status_code == 302
    assert "Password changed" in client.get(response["Location"]).text
    assert client.get("/").status_code == 200  # still signed in here
    assert User.objects.get(username="pmo").check_password("a-new-long-passphrase-42")


def test_a_wrong_current_password_is_named(org):
    client = signed_in(org)
    response = client.post(
        "/settings/password/",
        {"old_password": "wrong", "new_password1": "x-long-one-9", "new_password2": "x-long-one-9"},
    )
    assert response.status_code == 200
    assert "Enter your current password correctly" in response.text
    assert 'href="#id_old_password"' in response.text
    assert User.objects.get(username="pmo").check_password(PASSWORD)


def test_changing_it_signs_out_the_persons_other_sessions(org):
    other = signed_in(org)
    signed_in(org).post(
        "/settings/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-long-passphrase-42",
            "new_password2": "a-new-long-passphrase-42",
        },
    )
    assert other.get("/").status_code == 302
