"""Issuing and revoking API tokens."""

import hashlib
import secrets
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from civicp3.api.models import ApiToken, Scope
from civicp3.delivery import services as delivery
from civicp3.delivery.models import Plan
from civicp3.delivery.services import ImportedPlan
from civicp3.lib.errors import DomainError
from civicp3.organisation.models import Council
from civicp3.organisation.roles import can
from civicp3.organisation.selectors import roles_in
from civicp3.portfolio.models import Project

TOKEN_BYTES = 32


class TokenError(DomainError):
    """A token change that cannot be made; the message is shown to the person."""


def digest_of(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_issue(
    *, council: Council, user: AbstractBaseUser, name: str, scope: str = Scope.READ
) -> tuple[ApiToken, str]:
    """A new token for `user` in `council`; returns the record and the token (shown once)."""
    roles = roles_in(council, user)
    if not roles:
        raise TokenError(f"You have no role in {council}")
    if scope not in Scope.values:
        raise TokenError("Select what the token may do")
    if scope != Scope.READ and not can(roles, "api.write"):
        raise TokenError("Your role only reads records: issue a read-only token")
    raw = f"cp3_{secrets.token_urlsafe(TOKEN_BYTES)}"
    token = ApiToken(
        council=council,
        user=user,
        name=name.strip(),
        scope=scope,
        prefix=raw[4:12],
        digest=digest_of(raw),
    )
    token._history_user = user  # type: ignore[attr-defined]
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, actor: AbstractBaseUser) -> ApiToken:
    if token.revoked is not None:
        raise TokenError(f"{token} was already revoked")
    token.revoked = timezone.now()
    token._history_user = actor  # type: ignore[attr-defined]
    token.save(update_fields=["revoked"])
    return token


class PlanRefused(DomainError):
    """An uploaded plan that cannot be taken; `field` names where it is at fault."""


@transaction.atomic
def plan_upload(
    *, project: Project, imported: ImportedPlan, actor: AbstractBaseUser | None
) -> Plan:
    """Replace a project's plan with an uploaded one (making the plan first if it has none),
    all or nothing."""
    plan = Plan.objects.select_for_update().filter(project=project).first()
    if plan is None:
        start = date.fromisoformat(imported.data["start"])
        plan = delivery.plan_create(project=project, start=start, actor=actor)
    return delivery.plan_replace(plan=plan, imported=imported, actor=actor)
