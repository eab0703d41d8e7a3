import re

from django.http import HttpRequest
from django.urls import reverse

from civicp3.organisation.roles import can

# The service navigation: (label, url name, action, the path prefix that marks it active).
NAVIGATION = (
    ("Home", "home", "council.view", None),
    ("Waiting list", "improvement-waiting-list", "improvements.view", "/improvements/"),
    ("Projects", "project-register", "projects.view", "/projects/"),
    ("Boards", "project-boards", "projects.view", "/projects/boards/"),
    ("Champions", "engagement-champions", "champions.view", "/engagement/"),
    ("Risks", "toolkit-service-risks", "risks.view", "/risks/"),
    ("Decisions", "toolkit-decisions-log", "projects.view", "/decisions/"),
    ("Reports", "performance-reports", "projects.view", "/performance/"),
    ("Productivity Plan", "productivity-plans", "plans.view", "/productivity-plan/"),
    ("Search", "search", "council.view", "/search/"),
    ("Council settings", "settings", "settings.view", "/settings/"),
)


PMO_PAGES = (
    ("Register", "project-register", "projects.view"),
    ("By stage", "project-by-stage", "projects.view"),
    ("Waiting list", "project-waiting-list", "projects.view"),
    ("Capacity", "project-capacity", "projects.view"),
    ("What fits", "project-what-fits", "projects.view"),
    ("Programme forecasts", "delivery-programmes", "projects.view"),
    ("Lessons learned", "project-lessons", "projects.view"),
    ("Audit sampling", "project-audit", "projects.govern"),
    ("Criteria and tiers", "project-configuration", "projects.view"),
)
# The pages of each section, shown under the service navigation: (path prefix, name, pages).
SECTIONS = (
    (
        "/improvements/",
        "Improvement",
        (
            ("Waiting list", "improvement-waiting-list", "improvements.view"),
            ("Raise an improvement", "improvement-raise", "improvements.raise"),
            ("Rate a service", "engagement-feedback-give", "feedback.give"),
            ("Success headlines", "improvement-dashboard", "improvements.view"),
            ("Self-serve work", "improvement-self-serve", "improvements.deliver"),
            ("Workshops", "improvement-workshops", "improvements.deliver"),
            ("Training", "improvement-training", "improvements.view"),
            ("Import a work list", "improvement-import", "improvements.import"),
            ("Matrix and settings", "improvement-matrix", "improvements.configure"),
        ),
    ),
    (
        "/engagement/",
        "Feedback and champions",
        (
            ("Member champions", "engagement-champions", "champions.view"),
            ("Service feedback", "engagement-feedback", "feedback.view"),
            ("Rate a service", "engagement-feedback-give", "feedback.give"),
            ("Rules", "engagement-settings", "engagement.configure"),
        ),
    ),
    ("/projects/", "PMO", PMO_PAGES),
    ("/programmes/", "PMO", PMO_PAGES),
    (
        "/risks/",
        "Risk",
        (
            ("Service risks", "toolkit-service-risks", "risks.view"),
            ("Corporate risks", "toolkit-corporate-risks", "risks.view"),
            ("Risk matrix", "toolkit-risk-matrix", "risks.view"),
        ),
    ),
    (
        "/performance/",
        "Performance",
        (
            ("Reports", "performance-reports", "projects.view"),
            ("Balanced scorecard", "performance-scorecard", "projects.view"),
            ("Benefits", "performance-benefits", "projects.view"),
            ("Channel costs", "performance-channel-costs", "projects.view"),
        ),
    ),
)
# A project's own pages have its tabs instead.
PROJECT_PAGE = re.compile(r"^/projects/[0-9]+/")


def section_navigation(
    request: HttpRequest, roles: frozenset[str]
) -> tuple[str, list[dict[str, object]]]:
    if PROJECT_PAGE.match(request.path):
        return "", []
    for prefix, name, pages in SECTIONS:
        if request.path.startswith(prefix):
            links = []
            for label, url_name, action in pages:
                if can(roles, action):
                    url = reverse(url_name)
                    links.append({"label": label, "url": url, "active": request.path == url})
            return f"{name} pages", links
    return "", []


def council(request: HttpRequest) -> dict[str, object]:
    context = getattr(request, "council_context", None)
    if context is None:
        return {}
    navigation = []
    section_label, section_links = "", []
    if context.council is not None:
        section_label, section_links = section_navigation(request, context.roles)
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
        "section_label": section_label,
        "section_navigation": section_links,
        "current_council": context.council,
        "my_councils": context.councils,
        "my_roles": context.roles,
        "can_change_settings": can(context.roles, "settings.change"),
        "can_view_history": can(context.roles, "settings.history"),
    }
