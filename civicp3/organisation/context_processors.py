from django.http import HttpRequest
from django.urls import reverse

from civicp3.organisation.roles import can


def council(request: HttpRequest) -> dict[str, object]:
    context = getattr(request, "council_context", None)
    if context is None:
        return {}
    navigation = []
    if context.council is not None:
        home, settings = reverse("home"), reverse("settings")
        navigation = [
            {"label": "Home", "url": home, "active": request.path == home},
        ]
        if can(context.roles, "improvements.view"):
            page = getattr(request.resolver_match, "url_name", None) or ""
            navigation.append(
                {
                    "label": "Waiting list",
                    "url": reverse("improvement-waiting-list"),
                    "active": page.startswith("improvement-"),
                }
            )
        if can(context.roles, "projects.view"):
            navigation.append(
                {
                    "label": "Projects",
                    "url": reverse("project-register"),
                    "active": request.path.startswith("/projects/"),
                }
            )
        search = reverse("search")
        navigation += [
            {"label": "Search", "url": search, "active": request.path == search},
            {
                "label": "Council settings",
                "url": settings,
                "active": request.path.startswith(settings),
            },
        ]
    return {
        "navigation": navigation,
        "current_council": context.council,
        "my_councils": context.councils,
        "my_roles": context.roles,
        "can_change_settings": can(context.roles, "settings.change"),
        "can_view_history": can(context.roles, "settings.history"),
    }
