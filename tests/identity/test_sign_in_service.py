"""Who a verified ID token signs in: the matching rules of `identity_sign_in`."""

import pytest
from django.contrib.auth.models import User

from civicp3.identity.errors import SignInRefused
from civicp3.identity.models import SignInIdentity
from civicp3.identity.services import identity_sign_in
from tests.identity.conftest import configure

pytestmark = pytest.mark.django_db

ISSUER = "https://login.example/tenant/v2.0"


@pytest.fixture
def provider(org):  # type: ignore[no-untyped-def]
    org.people_a["pmo"].email = "Alice@Alpha.example"
    org.people_a["pmo"].save()
    return configure(org.a, ISSUER, "civicp3-alpha", allowed_domains="alpha.example\n@ALPHA.gov")


def claims(email: str, sub: str = "s1", **extra: object) -> dict[str, object]:
    return {"iss": ISSUER, "sub": sub, "email": email, "email_verified": True, **extra}


def test_it_matches_an_invited_person_by_email(org, provider) -> None:
    user = identity_sign_in(provider=provider, claims=claims("alice@alpha.example"))
    assert user == org.people_a["pmo"]
    assert SignInIdentity.objects.get().council == org.a


def test_it_finds_a_returning_person_by_subject_even_if_their_email_changed(org, provider) -> None:
    identity_sign_in(provider=provider, claims=claims("alice@alpha.example"))
    again = identity_sign_in(provider=provider, claims=claims("alice.able@alpha.example"))
    assert again == org.people_a["pmo"]
    assert SignInIdentity.objects.count() == 1


def test_it_creates_an_account_with_no_roles_for_an_allowed_domain(org, provider) -> None:
    user = identity_sign_in(
        provider=provider, claims=claims("newton@alpha.gov", name="Newton New Person")
    )
    assert (user.first_name, user.last_name) == ("Newton", "New Person")
    assert not user.memberships.exists()
    assert not user.has_usable_password()


def test_it_refuses_an_unknown_domain(org, provider) -> None:
    with pytest.raises(SignInRefused, match="is not an address Alpha District Council"):
        identity_sign_in(provider=provider, claims=claims("eve@elsewhere.example"))
    assert not User.objects.filter(email="eve@elsewhere.example").exists()


def test_it_refuses_an_unverified_email(org, provider) -> None:
    with pytest.raises(SignInRefused, match="has not verified your e-mail address"):
        identity_sign_in(
            provider=provider, claims=claims("alice@alpha.example", email_verified=False)
        )


def test_it_refuses_a_token_without_an_email(org, provider) -> None:
    with pytest.raises(SignInRefused, match="did not tell Civic P3 your e-mail address"):
        identity_sign_in(provider=provider, claims={"iss": ISSUER, "sub": "s9"})


def test_it_will_not_take_over_another_councils_person(org, provider) -> None:
    """Council A's allowed domain must not let A's provider sign in someone only in B."""
    beta = org.people_b["pmo"]
    beta.email = "bob@alpha.example"
    beta.save()
    with pytest.raises(SignInRefused, match="already exists in another council"):
        identity_sign_in(provider=provider, claims=claims("bob@alpha.example"))
    assert not SignInIdentity.objects.exists()


def test_it_refuses_an_inactive_person(org, provider) -> None:
    org.people_a["pmo"].is_active = False
    org.people_a["pmo"].save()
    with pytest.raises(SignInRefused, match="inactive"):
        identity_sign_in(provider=provider, claims=claims("alice@alpha.example"))


def test_the_client_secret_is_stored_encrypted(provider) -> None:
    assert provider.client_secret == "a-client-secret-long-enough-for-oidc-provider"
    assert "a-client-secret" not in provider.client_secret_encrypted


def test_the_client_secret_can_come_from_the_environment(org, provider, monkeypatch) -> None:
    monkeypatch.setenv("ALPHA_OIDC_SECRET", "from-the-environment")
    provider.client_secret_env = "ALPHA_OIDC_SECRET"
    assert provider.client_secret == "from-the-environment"
