"""Every change single sign-on makes: a council's provider settings and the people it signs in."""

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from civicp3.identity.errors import SignInRefused
from civicp3.identity.models import IdentityProvider, SignInIdentity
from civicp3.organisation.models import Council


@transaction.atomic
def identity_provider_save(
    *, council: Council, fields: Mapping[str, Any], client_secret: str = ""
) -> IdentityProvider:
    """Create or change the council's provider. A blank `client_secret` keeps the stored one."""
    provider = IdentityProvider.objects.filter(council=council).first() or IdentityProvider(
        council=council
    )
    for name, value in fields.items():
        setattr(provider, name, value)
    if client_secret:
        provider.set_client_secret(client_secret)
    provider.full_clean()
    provider.save()
    return provider


def _new_username(email: str) -> str:
    base = email.lower()[:140]
    username, n = base, 1
    while User.objects.filter(username__iexact=username).exists():
        n += 1
        username = f"{base}-{n}"
    return username


@transaction.atomic
def identity_sign_in(*, provider: IdentityProvider, claims: Mapping[str, Any]) -> User:
    """The person a verified ID token from `provider` signs in, linking or creating them.

    A returning person is found by the token's issuer and subject. The first time, the token's
    verified e-mail is matched to someone the council has added; failing that, someone from one
    of the council's allowed domains gets a new account with no roles. Anyone else is refused.
    """
    council = provider.council
    issuer, subject = str(claims["iss"]), str(claims["sub"])
    now = timezone.now()
    identity = (
        SignInIdentity.objects.select_related("user")
        .filter(council=council, issuer=issuer, subject=subject)
        .first()
    )
    if identity is not None:
        identity.last_sign_in = now
        identity.save(update_fields=["last_sign_in"])
        return _active(identity.user)

    email = str(claims.get("email") or "").strip()
    if "@" not in email:
        raise SignInRefused(
            f"{provider.name} did not tell Civic P3 your e-mail address, so it cannot tell who "
            "you are. Ask your council's IT service desk to include the email claim."
        )
    if claims.get("email_verified") is False:
        raise SignInRefused(
            f"{provider.name} has not verified your e-mail address ({email}), so Civic P3 "
            "cannot sign you in with it."
        )
    invited = list(
        User.objects.filter(email__iexact=email, memberships__council=council).distinct()
    )
    if len(invited) > 1:
        raise SignInRefused(
            f"More than one person at {council} has the e-mail address {email}. Ask your "
            "council's Civic P3 administrator to correct it."
        )
    if invited:
        user = invited[0]
    else:
        domain = email.rsplit("@", 1)[1].lower()
        if domain not in provider.domains:
            raise SignInRefused(
                f"{email} is not an address {council} signs in to Civic P3 with. If you work "
                "for the council, ask its Civic P3 administrator to add you."
            )
        if User.objects.filter(email__iexact=email).exists():
            raise SignInRefused(
                f"An account with the e-mail address {email} already exists in another "
                f"council. Ask {council}'s Civic P3 administrator to add you."
            )
        names = str(claims.get("name") or "").split(" ", 1)
        user = User(
            username=_new_username(email),
            email=email,
            first_name=names[0][:150],
            last_name=(names[1] if len(names) > 1 else "")[:150],
        )
        user.set_unusable_password()
        user.save()
    SignInIdentity.objects.create(
        council=council, user=user, issuer=issuer, subject=subject, email=email, last_sign_in=now
    )
    return _active(user)


def _active(user: User) -> User:
    if not user.is_active:
        raise SignInRefused("This account is inactive: ask your council's administrator")
    return user
