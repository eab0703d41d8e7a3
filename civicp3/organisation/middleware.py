from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
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
