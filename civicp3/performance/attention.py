"""What needs my attention: the home page panel for each role (see `_attention.html`).

Each item is a count of things waiting for the person's role, with a link to act on them;
an item shows only if the role table lets the person take that action and the count is not 0.
"""

from dataclasses import dataclass
from datetime import date

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from civicp3.improvements.lifecycle import Status as ImprovementStatus
from civicp3.improvements.models import ImprovementRequest, Phase
from civicp3.organisation.models import Council
from civicp3.organisation.roles import can
from civicp3.organisation.scoping import current_council, current_roles
from civicp3.performance import selectors
from civicp3.performance.models import BenefitPeriod, Kpi
from civicp3.portfolio import selectors as portfolio
from civicp3.portfolio.lifecycle import Stage
from civicp3.portfolio.models import ChangeRequest, Project
from civicp3.toolkit.models import Risk, RiskStatus


@dataclass(frozen=True)
class AttentionItem:
    label: str  # "3 overdue highlight reports"
    url: str
    urgent: bool = False


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def attention_for(request: HttpRequest, today: date | None = None) -> list[AttentionItem]:
    """The things waiting for this person's roles in their current council, most urgent first."""
    return attention(current_council(request), current_roles(request), today)


def attention(
    council: Council, roles: frozenset[str], today: date | None = None
) -> list[AttentionItem]:
    """The things waiting for someone with `roles` in `council`, most urgent first."""
    today = today or timezone.localdate()
    last_month = (today.replace(day=1) - date.resolution).replace(day=1)
    items: list[AttentionItem] = []

    def add(count: int, one: str, many: str, url: str, urgent: bool = False) -> None:
        if count:
            items.append(AttentionItem(_plural(count, one, many), url, urgent))

    if can(roles, "projects.view"):
        red = sum(block.red for block in selectors.scorecard(council))
        add(
            red,
            "KPI is red",
            "KPIs are red",
            reverse("performance-report", args=["exceptions"]),
            True,
        )
    if can(roles, "projects.govern"):
        overdue = len(portfolio.overdue_highlights(council, today))
        add(
            overdue,
            "overdue highlight report",
            "overdue highlight reports",
            reverse("performance-report", args=["governance"]),
            True,
        )
    if can(roles, "projects.edit"):
        reported = Kpi.objects.for_council(council).filter(measure="")  # computed ones need none
        missing = reported.exclude(actuals__period=last_month).count()
        add(
            missing,
            f"KPI without an actual for {last_month:%B %Y}",
            f"KPIs without an actual for {last_month:%B %Y}",
            reverse("performance-scorecard"),
        )
        unrealised = (
            BenefitPeriod.objects.for_council(council)
            .filter(period__lt=today.replace(day=1), realised__isnull=True)
            .count()
        )
        add(
            unrealised,
            "past month of benefits without a realised figure",
            "past months of benefits without a realised figure",
            reverse("performance-benefits"),
        )
    if can(roles, "risks.edit"):
        overdue_reviews = (
            Risk.objects.for_council(council)
            .filter(status=RiskStatus.OPEN, review_date__lt=today)
            .count()
        )
        add(
            overdue_reviews,
            "risk overdue for review",
            "risks overdue for review",
            reverse("toolkit-service-risks"),
            True,
        )
    if can(roles, "projects.decide"):
        waiting = Project.objects.for_council(council).filter(stage=Stage.BOARD).count()
        add(
            waiting,
            "project awaits the board's decision",
            "projects await the board's decision",
            reverse("project-boards"),
        )
        changes = ChangeRequest.objects.for_council(council).filter(
            status=ChangeRequest.Status.PENDING, route=ChangeRequest.Route.BOARD
        )
        add(
            changes.count(),
            "change request for the board",
            "change requests for the board",
            reverse("project-boards"),
        )
    if can(roles, "projects.sponsor"):
        changes = ChangeRequest.objects.for_council(council).filter(
            status=ChangeRequest.Status.PENDING, route=ChangeRequest.Route.SPONSOR
        )
        add(
            changes.count(),
            "change request within your tolerance",
            "change requests within your tolerance",
            reverse("project-register"),
        )
    if can(roles, "improvements.sign_off"):
        ready = ImprovementRequest.objects.for_council(council).filter(
            status=ImprovementStatus.IN_DELIVERY, phase=Phase.DONE
        )
        add(
            ready.count(),
            "improvement ready for go-live sign-off",
            "improvements ready for go-live sign-off",
            reverse("improvement-waiting-list"),
        )
    if can(roles, "improvements.score"):
        new = ImprovementRequest.objects.for_council(council).filter(
            status=ImprovementStatus.SUBMITTED
        )
        add(
            new.count(),
            "new request to triage",
            "new requests to triage",
            reverse("improvement-dashboard"),
        )
    return sorted(items, key=lambda item: not item.urgent)
