"""Bearer-token authentication and the role-table check for every API operation.

A valid token makes the request look like a signed-in person's in the token's council (the
same `council_context` the web pages use), so the API reaches records through the same scoping
layer and the same role table as the pages do.
"""

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from civicp3.api.models import ApiToken
from civicp3.api.services import digest_of
from civicp3.organisation.models import Membership
from civicp3.organisation.roles import can
from civicp3.organisation.scoping import current_roles
from civicp3.organisation.selectors import CouncilContext

# Recording every use would write on every read; once a minute is enough to show activity.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        record = (
            ApiToken.objects.select_related("council", "user")
            .filter(digest=digest_of(token), revoked__isnull=True, user__is_active=True)
            .first()
        )
        if record is None:
            return None
        roles = frozenset(
            Membership.objects.filter(user=record.user, council=record.council).values_list(
                "role", flat=True
            )
        )
        if not roles:
            return None  # the person has left the council: the token dies with the role
        now = timezone.now()
        if record.last_used is None or now - record.last_used > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=record.pk).update(last_used=now)
        request.user = record.user
        request.council_context = CouncilContext(  # type: ignore[attr-defined]
            council=record.council, roles=roles, councils=(record.council,)
        )
        return record


def api_action(action: str, *, write: bool = False) -> Callable[[Callable[..., Any]], Any]:
    """Guard an operation with an action from the role table (and the write scope if `write`).

    Sets `council_action` on the operation, as `council_view` does on pages, so the
    permission-matrix test covers the API too.
    """

    def decorator(operation: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(operation)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            token: ApiToken = request.auth  # type: ignore[attr-defined]
            if write and not token.can_write:
                raise PermissionDenied("This token is read-only: issue a read and write token")
            if write and not can(current_roles(request), "api.write"):
                raise PermissionDenied("Your role only reads records.")
            if not can(current_roles(request), action):
                raise PermissionDenied("Your role does not allow this.")
            return operation(request, *args, **kwargs)

        wrapped.council_action = action  # type: ignore[attr-defined]
        wrapped.api_write = write  # type: ignore[attr-defined]
        return wrapped

    return decorator
