"""mozilla-django-oidc's code flow, with each council's own provider instead of one in settings.

The library keeps state, nonce and the PKCE verifier in the session and checks them, exchanges
the code and fetches the provider's keys; this subclass takes the endpoints and client from the
council's `IdentityProvider` and verifies the ID token in full: its RS256 signature against the
provider's published keys, its issuer, its audience (our client id) and its expiry.
"""

from typing import Any

import jwt
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from civicp3.identity.discovery import ProviderEndpoints
from civicp3.identity.errors import PROVIDER_DOWN, SignInRefused
from civicp3.identity.models import IdentityProvider
from civicp3.identity.services import identity_sign_in

# The library's settings, the same for every council (the per-council ones are attributes).
OIDC_SETTINGS: dict[str, Any] = {
    "OIDC_AUTHENTICATION_CALLBACK_URL": "sso-callback",
    "OIDC_RP_SCOPES": "openid email profile",
    "OIDC_USE_NONCE": True,
    "OIDC_USE_PKCE": True,
    "OIDC_ALLOW_UNSECURED_JWT": False,
    "OIDC_TIMEOUT": 10,
    "OIDC_STORE_ACCESS_TOKEN": False,
    "OIDC_STORE_ID_TOKEN": False,
}
SIGNING_ALGORITHM = "RS256"
CLOCK_LEEWAY_SECONDS = 60

# The attribute the callback view puts the council's provider and endpoints on the request by.
REQUEST_ATTRIBUTE = "civicp3_sso"


def oidc_setting(attr: str, *args: Any) -> Any:
    if attr in OIDC_SETTINGS:
        return OIDC_SETTINGS[attr]
    return import_from_settings(attr, *args)


class CouncilOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.UserModel = get_user_model()

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        sso: tuple[IdentityProvider, ProviderEndpoints] | None = getattr(
            request, REQUEST_ATTRIBUTE, None
        )
        if request is None or sso is None:
            return None  # a password sign-in: not ours
        self.provider, endpoints = sso
        self.issuer = endpoints.issuer
        self.OIDC_OP_TOKEN_ENDPOINT = endpoints.token_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = endpoints.jwks_uri
        self.OIDC_OP_USER_ENDPOINT = None
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        self.OIDC_RP_CLIENT_SECRET = self.provider.client_secret
        self.OIDC_RP_SIGN_ALGO = SIGNING_ALGORITHM
        self.OIDC_RP_IDP_SIGN_KEY = None
        try:
            user: User | None = super().authenticate(request, **kwargs)
        except requests.RequestException as exc:
            raise SignInRefused(PROVIDER_DOWN, status=503) from exc
        except (SuspiciousOperation, jwt.PyJWTError) as exc:
            raise SignInRefused(_UNCHECKED.format(name=self.provider.name)) from exc
        return user

    def _verify_jws(self, payload: str, key: Any) -> dict[str, Any]:
        if jwt.get_unverified_header(payload).get("alg") != SIGNING_ALGORITHM:
            raise SignInRefused(_UNCHECKED.format(name=self.provider.name))
        try:
            claims: dict[str, Any] = jwt.decode(
                payload,
                key,
                algorithms=[SIGNING_ALGORITHM],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=self.issuer,
                leeway=CLOCK_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise SignInRefused(
                f"The sign-in from {self.provider.name} had expired before it reached Civic P3. "
                "Sign in again."
            ) from exc
        except jwt.InvalidAudienceError as exc:
            raise SignInRefused(
                f"{self.provider.name} signed you in to a different application, not Civic P3 "
                f"for {self.provider.council}."
            ) from exc
        except jwt.PyJWTError as exc:
            raise SignInRefused(_UNCHECKED.format(name=self.provider.name)) from exc
        return claims

    def get_userinfo(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> dict[str, Any]:
        # The verified ID token's claims are who the person is; no second request needed.
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User:
        return identity_sign_in(provider=self.provider, claims=payload)


_UNCHECKED = (
    "Civic P3 could not confirm that the sign-in really came from {name} (its signature or "
    "details did not check out), so it has not signed you in. Try again; if it happens again, "
    "tell your council's IT service desk."
)
