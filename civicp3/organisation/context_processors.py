from django.http import HttpRequest
from django.urls import reverse

from civicp3.organisation.roles import can

# The service navigation: (label, url name, action, the path prefix that marks it active).
NAVIGATION = (
    ("Home", "home", "council.view", None),
    ("Waiting list", "improvement-waiting-list", "improvements.view", "/improvements/"),
    ("Projects", "project-register", "projects.view", "/projects/"),
    ("Boards", "project-boards", "projects.view", "/projects/boards/"),
    ("Risks", "toolkit-service-risks", "risks.view", "/risks/"),
    ("Decisions", "toolkit-decisions-log", "projects.view", "/decisions/"),
    ("Reports", "performance-reports", "projects.view", "/performance/"),
    ("Search", "search", "council.view", "/search/"),
    ("Council settings", "settings", "settings.view", "/settings/"),
)


def council(request: HttpRequest) -> dict[str, object]:
    context = getattr(request, "council_context", None)
    if context is None:
        return {}
    navigation = []
    if context.council is not None:
        # The most specific match is the current section (Boards, not Projects, on a board).
        current = max(
            (prefix for *_, prefix in NAVIGATION if prefix and request.path.startswith(prefix)),
            key=len,
            default=None,
        )
        for label, url_name, action, prefix in NAVIGATION:
            if not can(context.roles, action):
                continue
            url = reverse(url_name)
            active = prefix == current if prefix else request.path == url
            navigation.append({"label": label, "url": url, "active": active})
    return {
        "navigation": navigation,
        "current_council": context.council,
        "my_councils": context.councils,
        "my_roles": context.roles,
        "can_change_settings": can(context.roles, "settings.change"),
        "can_view_history": can(context.roles, "settings.history"),
    }
