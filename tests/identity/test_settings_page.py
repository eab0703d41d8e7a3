"""The council administrator's single sign-on page and the people waiting for a role."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from civicp3.identity.models import IdentityProvider, SignInIdentity
from tests import clock
from tests.identity.conftest import configure

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Microsoft",
    "issuer": "https://login.microsoftonline.com/tenant/v2.0",
    "client_id": "app-id",
    "client_secret": "s3cret-value",
    "client_secret_env": "",
    "allowed_domains": "alpha.gov.uk",
    "enabled": "on",
    "local_passwords_allowed": "on",
}


def signed_in_without_roles(council) -> SignInIdentity:  # type: ignore[no-untyped-def]
    newton = User.objects.create_user("newton@alpha.gov.uk", email="newton@alpha.gov.uk")
    return SignInIdentity.objects.create(
        council=council,
        user=newton,
        issuer="i",
        subject="s",
        email=newton.email,
        last_sign_in=clock.now(),
    )


def test_it_saves_the_provider_with_the_secret_encrypted(org) -> None:
    client = org.client_for("council_admin")
    page = client.get(reverse("sso-settings")).content.decode()
    assert "http://testserver/sign-in/sso/callback/" in page
    response = client.post(reverse("sso-settings"), FORM)
    assert response.status_code == 302
    provider = IdentityProvider.objects.get(council=org.a)
    assert provider.client_secret == "s3cret-value"
    assert "s3cret" not in provider.client_secret_encrypted
    assert "s3cret" not in client.get(reverse("sso-settings")).content.decode()


def test_it_keeps_the_stored_secret_when_left_blank(org) -> None:
    client = org.client_for("council_admin")
    client.post(reverse("sso-settings"), FORM)
    client.post(reverse("sso-settings"), {**FORM, "client_secret": "", "client_id": "app-2"})
    provider = IdentityProvider.objects.get(council=org.a)
    assert (provider.client_id, provider.client_secret) == ("app-2", "s3cret-value")


def test_it_asks_for_a_secret(org) -> None:
    response = org.client_for("council_admin").post(
        reverse("sso-settings"), {**FORM, "client_secret": ""}
    )
    assert "Enter the client secret, or the environment variable that holds it" in (
        response.content.decode()
    )
    assert not IdentityProvider.objects.exists()


def test_only_the_council_administrator_may_change_it(org) -> None:
    assert org.client_for("pmo").get(reverse("sso-settings")).status_code == 403
    assert org.client_for("pmo").post(reverse("sso-settings"), FORM).status_code == 403
    assert not IdentityProvider.objects.exists()


def test_the_administrator_gives_roles_to_someone_waiting(org) -> None:
    configure(org.a, "https://login.example/t/v2.0", "c")
    identity = signed_in_without_roles(org.a)
    newton = identity.user
    client = org.client_for("council_admin")
    assert "newton@alpha.gov.uk" in client.get(reverse("sso-settings")).content.decode()
    url = reverse("sso-grant-roles", args=[identity.pk])
    response = client.post(
        url, {"first_name": "Newton", "last_name": "New", "email": newton.email, "roles": ["pmo"]}
    )
    assert response.status_code == 302
    assert list(newton.memberships.values_list("council", "role")) == [(org.a.pk, "pmo")]
    assert client.get(url).status_code == 404  # no longer waiting


def test_council_b_cannot_see_council_as_waiting_people(org) -> None:
    identity = signed_in_without_roles(org.a)
    client = org.client_for("council_admin", council="b")
    assert client.get(reverse("sso-grant-roles", args=[identity.pk])).status_code == 404
    assert "newton@alpha.gov.uk" not in client.get(reverse("sso-settings")).content.decode()
