"""The endpoints and keys of a council's provider, read from its discovery document."""

from dataclasses import dataclass

import requests

from civicp3.identity.errors import PROVIDER_DOWN, SignInRefused

TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class ProviderEndpoints:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


def endpoints_of(issuer: str) -> ProviderEndpoints:
    """Fetch `issuer`'s /.well-known/openid-configuration; refuse if it is down or not its own."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
        document = response.json()
        endpoints = ProviderEndpoints(
            issuer=document["issuer"],
            authorization_endpoint=document["authorization_endpoint"],
            token_endpoint=document["token_endpoint"],
            jwks_uri=document["jwks_uri"],
        )
    except (requests.RequestException, ValueError, KeyError, TypeError) as exc:
        raise SignInRefused(PROVIDER_DOWN, status=503) from exc
    if endpoints.issuer.rstrip("/") != issuer.rstrip("/"):
        # A discovery document must name its own issuer (OpenID Connect Discovery 4.3).
        raise SignInRefused(PROVIDER_DOWN, status=503)
    return endpoints
