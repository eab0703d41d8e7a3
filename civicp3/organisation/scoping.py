"""The one place views get the current council and reach council-owned records.

`@council_view("action")` signs the person in, finds their current council and checks the
action against the role table; `scoped(request, Model)` is the council's queryset of that model
and `get_scoped_or_404` fetches one record of it, so a record of another council is a 404.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from civicp3.organisation.models import Council, CouncilOwned
from civicp3.organisation.roles import can

M = TypeVar("M", bound=CouncilOwned)
View = Callable[..., HttpResponse]


# The largest id a database key holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def id_from(value: str | None) -> int | None:
    """A record id from an address's query (`?board=3`), or None for anything that cannot be
    one: not plain ASCII digits ("²" is a digit to Python), zero, or beyond a database key."""
    if not value or not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def current_council(request: HttpRequest) -> Council:
    council = request.council_context.council  # type: ignore[attr-defined]
    if council is None:
        raise PermissionDenied("You do not have a role in any council yet.")
    return council


def current_roles(request: HttpRequest) -> frozenset[str]:
    return request.council_context.roles  # type: ignore[attr-defined,no-any-return]


def council_view(action: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            current_council(request)
            if not can(current_roles(request), action):
                raise PermissionDenied("Your role does not allow this.")
            return view(request, *args, **kwargs)

        wrapped.council_action = action  # type: ignore[attr-defined]
        return wrapped

    return decorator


def public_view(reason: str) -> Callable[[View], View]:
    """Mark a view as open to anyone, signed in or not (a public form), and say why.

    The permission-matrix test accepts a view only if it is guarded by `council_view` or
    marked here, so a view can never be public by accident.
    """

    def decorator(view: View) -> View:
        view.public_reason = reason  # type: ignore[attr-defined]
        return view

    return decorator


def scoped(request: HttpRequest, model: type[M]) -> QuerySet[M]:
    return model.objects.for_council(current_council(request))  # type: ignore[attr-defined,no-any-return]


def get_scoped_or_404(request: HttpRequest, model: type[M] | QuerySet[M], **lookup: Any) -> M:
    queryset = model if isinstance(model, QuerySet) else scoped(request, model)
    council = current_council(request)
    return get_object_or_404(queryset.filter(council=council), **lookup)
