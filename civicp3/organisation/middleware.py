from collections.abc import Callable

from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject

from civicp3.identity.selectors import sign_in_scope
from civicp3.organisation.selectors import CouncilContext, council_context_for

SESSION_KEY = "civicp3_council_id"


class CurrentCouncilMiddleware:
    """Puts the signed-in person's current council and roles on `request.council_context`.

    The current council is the one chosen with the header's switcher (kept in the session),
    or the first council the person has a role in, among those their way of signing in opens
    (a council's single sign-on opens that council only). Resolved lazily: a page that does not ask
    costs no query.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        def resolve() -> CouncilContext:
            user = request.user
            if not user.is_authenticated:
                return CouncilContext(council=None, roles=frozenset(), councils=())
            return council_context_for(
                user, request.session.get(SESSION_KEY), sign_in_scope(request)
            )

        request.council_context = SimpleLazyObject(resolve)  # type: ignore[attr-defined]
        return self.get_response(request)


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every response to a signed-in person or an API token
    (pages, exports, documents, the API), so no browser, proxy or shared computer keeps a copy
    of a council's records. Checked after the view, when a token has set the person."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if _signed_in(request) or "Authorization" in request.headers:
            patch_cache_control(response, no_store=True, private=True)
        return response


# The minute a signed-in session was last used; touching it renews the session's expiry.
SEEN_KEY = "civicp3_seen_minute"


class IdleSessionMiddleware:
    """Signs a person out after `SESSION_COOKIE_AGE` seconds without a request (the
    `SESSION_IDLE_MINUTES` setting): each request renews the session's expiry, writing the
    session at most once a minute rather than on every request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a session someone signed in with: an API call must not start one.
        if session is not None and AUTH_SESSION_KEY in session:
            minute = int(timezone.now().timestamp() // 60)
            if session.get(SEEN_KEY) != minute:
                session[SEEN_KEY] = minute
        return response
