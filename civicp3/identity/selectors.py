"""Reads for single sign-on: the buttons on the sign-in page, and which councils a sign-in opens."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from civicp3.identity.models import IdentityProvider, SignInIdentity
from civicp3.organisation.models import Council, Membership

# The council whose provider signed this session in; absent for a password sign-in.
SSO_COUNCIL_SESSION_KEY = "civicp3_sso_council_id"


def sign_in_providers() -> QuerySet[IdentityProvider]:
    return (
        IdentityProvider.objects.filter(enabled=True)
        .select_related("council")
        .order_by("council__name")
    )


def _password_closed_councils() -> QuerySet[IdentityProvider]:
    return IdentityProvider.objects.filter(local_passwords_allowed=False).values("council_id")


def sign_in_scope(request: HttpRequest) -> Q:
    """The memberships this session's way of signing in opens, as a filter on Membership.

    A council's provider opens that council only, so council B's provider never reaches a
    person's roles in council A. A password opens the councils that still allow passwords.
    """
    council_id = request.session.get(SSO_COUNCIL_SESSION_KEY)
    if council_id is not None:
        return Q(council_id=council_id)
    return ~Q(council_id__in=_password_closed_councils())


def password_refusal(user: AbstractBaseUser) -> str | None:
    """Why `user` may not sign in with a password, or None if they may."""
    memberships = Membership.objects.filter(user=user)
    if (
        not memberships.exists()
        or memberships.exclude(council_id__in=_password_closed_councils()).exists()
    ):
        return None
    provider = IdentityProvider.objects.filter(
        council_id__in=memberships.values("council_id")
    ).first()
    name = provider.name if provider else "your council's sign-in service"
    return f"Your council does not use Civic P3 passwords: use “Sign in with {name}”"


def waiting_for_roles(council: Council) -> QuerySet[SignInIdentity]:
    """People who signed in with the council's provider and hold no role in it yet."""
    return (
        SignInIdentity.objects.for_council(council)  # type: ignore[attr-defined]
        .exclude(user__memberships__council=council)
        .select_related("user")
    )
