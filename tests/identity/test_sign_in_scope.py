"""How a person signed in decides which councils they reach; passwords switched off."""

import pytest
from django.test import Client
from django.urls import reverse

from civicp3.identity.selectors import SSO_COUNCIL_SESSION_KEY
from tests.conftest import PASSWORD
from tests.identity.conftest import configure

pytestmark = pytest.mark.django_db


def sso_client(user, council) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user, backend="civicp3.identity.backends.CouncilOIDCBackend")
    session = client.session
    session[SSO_COUNCIL_SESSION_KEY] = council.pk
    session.save()
    return client


def test_a_sign_in_through_council_bs_provider_reaches_only_council_b(org) -> None:
    admin = org.people_a["council_admin"]
    admin.memberships.create(council=org.b, role="staff")
    client = sso_client(admin, org.b)
    body = client.get("/").content.decode()
    assert "Beta Borough Council" in body
    # A's settings are an administrator's, but this session holds only B's staff role.
    assert client.get(reverse("council-edit")).status_code == 403
    switched = client.post(reverse("council-switch"), {"council": org.a.pk}, follow=True)
    assert "Alpha District Council" not in switched.content.decode().split("<main")[1]


def test_a_council_can_switch_passwords_off(org, client) -> None:
    configure(org.a, "https://login.example/t/v2.0", "c", local_passwords_allowed=False)
    response = client.post(reverse("login"), {"username": "pmo", "password": PASSWORD})
    assert response.status_code == 200
    assert "Your council does not use Civic P3 passwords: use “Sign in with Microsoft”" in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_passwords_off_in_one_council_leave_the_others_open(org, client) -> None:
    configure(org.a, "https://login.example/t/v2.0", "c", local_passwords_allowed=False)
    pmo = org.people_a["pmo"]
    pmo.memberships.create(council=org.b, role="pmo")
    response = client.post(reverse("login"), {"username": "pmo", "password": PASSWORD}, follow=True)
    body = response.content.decode()
    assert "Beta Borough Council" in body
    assert client.get(reverse("council-edit")).status_code == 403


def test_the_sign_in_page_offers_each_councils_provider(org, client) -> None:
    configure(org.a, "https://login.example/t/v2.0", "c", name="Alpha Entra")
    configure(org.b, "https://login.example/u/v2.0", "d", enabled=False)
    body = client.get(reverse("login") + "?next=/projects/%3Fa%3D1%26b%3D2").content.decode()
    assert "Sign in with Alpha Entra" in body
    assert "/sign-in/sso/alpha/?next=/projects/%3Fa%3D1%26b%3D2" in body
    assert "/sign-in/sso/beta/" not in body


def test_a_council_without_a_provider_has_no_sign_in_button(org, client) -> None:
    assert client.get("/sign-in/sso/alpha/").status_code == 404


def test_a_callback_without_a_started_sign_in_is_refused(org, client) -> None:
    response = client.get("/sign-in/sso/callback/?code=abc&state=forged")
    assert response.status_code == 403
    assert "had already been used or had expired" in response.content.decode()
