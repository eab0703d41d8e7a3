"""The home page's view of the council's work: counts that link to each list, by role."""

from dataclasses import dataclass

from civicp3.improvements.models import ImprovementRequest
from civicp3.organisation.models import Council, ServiceArea
from civicp3.organisation.roles import can
from civicp3.portfolio.models import Project
from civicp3.toolkit.models import Risk, RiskStatus


@dataclass(frozen=True)
class Glance:
    label: str
    count: int
    url_name: str


ROWS = (
    (
        "Improvement requests",
        ImprovementRequest,
        {},
        "improvement-waiting-list",
        "improvements.view",
    ),
    ("Projects, programmes and portfolios", Project, {}, "project-register", "projects.view"),
    ("Open risks", Risk, {"status": RiskStatus.OPEN}, "toolkit-service-risks", "risks.view"),
    ("Service areas", ServiceArea, {}, "settings", "settings.view"),
)


def at_a_glance(council: Council, roles: frozenset[str]) -> list[Glance]:
    return [
        Glance(label, model.objects.for_council(council).filter(**where).count(), url_name)  # type: ignore[attr-defined]
        for label, model, where, url_name, action in ROWS
        if can(roles, action)
    ]
