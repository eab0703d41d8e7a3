from collections.abc import Iterator

import pytest

from civicp3.identity.models import IdentityProvider
from civicp3.identity.services import identity_provider_save
from civicp3.organisation.models import Council
from tests.identity.providers import CraftedProvider, RealProvider

CLIENT_SECRET = "a-client-secret-long-enough-for-oidc-provider"
# The people at the loopback provider, by the login name typed into its sign-in form.
ACCOUNTS = {
    "alice": {"email": "alice@alpha.example", "email_verified": True, "name": "Alice Able"},
    "newton": {"email": "newton@alpha.example", "email_verified": True, "name": "Newton New"},
    "mallory": {"email": "mallory@elsewhere.example", "email_verified": True, "name": "Mal"},
}


def configure(council: Council, issuer: str, client_id: str, **fields: object) -> IdentityProvider:
    return identity_provider_save(
        council=council,
        fields={"issuer": issuer, "client_id": client_id, **fields},
        client_secret=CLIENT_SECRET,
    )


@pytest.fixture
def real_provider(live_server) -> Iterator[RealProvider]:  # type: ignore[no-untyped-def]
    callback = f"{live_server.url}/sign-in/sso/callback/"
    clients = [
        {"client_id": cid, "client_secret": CLIENT_SECRET, "redirect_uris": [callback]}
        for cid in ("civicp3-alpha", "civicp3-beta")
    ]
    provider = RealProvider(clients=clients, accounts=ACCOUNTS)
    yield provider
    provider.stop()


@pytest.fixture
def sso(org, real_provider: RealProvider) -> dict[str, IdentityProvider]:  # type: ignore[no-untyped-def]
    """Alpha and Beta each sign in with their own client at the loopback provider."""
    org.people_a["pmo"].email = "alice@alpha.example"
    org.people_a["pmo"].save()
    return {
        "a": configure(
            org.a, real_provider.issuer, "civicp3-alpha", allowed_domains="alpha.example"
        ),
        "b": configure(org.b, real_provider.issuer, "civicp3-beta", allowed_domains="beta.example"),
    }


@pytest.fixture
def crafted(org) -> Iterator[CraftedProvider]:  # type: ignore[no-untyped-def]
    org.people_a["pmo"].email = "alice@alpha.example"
    org.people_a["pmo"].save()
    provider = CraftedProvider(client_id="civicp3-alpha", email="alice@alpha.example")
    configure(org.a, provider.issuer, "civicp3-alpha", allowed_domains="alpha.example")
    yield provider
    provider.stop()
