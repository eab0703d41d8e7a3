"""The tabs on a project's pages, registered by the apps that own them.

Each app adds its own tabs in its `AppConfig.ready()` (plan, forecast, risks, budget…), so the
project's header lists every part of the project a person's role lets them see, in one order,
without this app importing the others.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from civicp3.organisation.roles import ACTION_ROLES, can


@dataclass(frozen=True)
class ProjectTab:
    label: str
    url_name: str  # takes the project's `number` as its only argument
    action: str  # from the role table
    order: int
    # Other url names that highlight this tab (for example the pages under it).
    also_active: tuple[str, ...] = ()


_TABS: dict[str, ProjectTab] = {}


def register(tab: ProjectTab) -> None:
    if tab.action not in ACTION_ROLES:
        raise ValueError(f"Tab {tab.label!r} uses {tab.action!r}, which the role table lacks")
    _TABS[tab.url_name] = tab


def tabs_for(request: HttpRequest, number: int) -> list[dict[str, object]]:
    """The tabs this person may open on project `number`, the current one marked active."""
    roles = request.council_context.roles  # type: ignore[attr-defined]
    current = getattr(request.resolver_match, "url_name", None)
    return [
        {
            "label": tab.label,
            "url": reverse(tab.url_name, kwargs={"number": number}),
            "active": current == tab.url_name or current in tab.also_active,
        }
        for tab in sorted(_TABS.values(), key=lambda tab: tab.order)
        if can(roles, tab.action)
    ]
