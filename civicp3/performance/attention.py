"""What needs my attention: the home page panel for each role (see `_attention.html`).

Each item is a count of things waiting for the person, with a link to the page that acts on
them (the record itself when there is one); an item shows only if the role table lets the
person take that action and the count is not 0. "Urgent" marks only what they can act on.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from civicp3.engagement.attention import champion_reminders
from civicp3.improvements.lifecycle import Status as ImprovementStatus
from civicp3.improvements.models import ChangeDecision, ImprovementRequest, Phase
from civicp3.organisation.models import Council
from civicp3.organisation.roles import can
from civicp3.organisation.scoping import current_council, current_roles
from civicp3.performance import selectors
from civicp3.performance.models import BenefitPeriod, Kpi
from civicp3.portfolio import selectors as portfolio
from civicp3.portfolio.lifecycle import Stage
from civicp3.portfolio.models import ChangeRequest, Project
from civicp3.productivity.selectors import deadlines
from civicp3.toolkit.models import Risk, RiskStatus


@dataclass(frozen=True)
class AttentionItem:
    label: str  # "3 overdue highlight reports"
    url: str
    urgent: bool = False


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def attention_for(request: HttpRequest, today: date | None = None) -> list[AttentionItem]:
    """The things waiting for this person in their current council, most urgent first."""
    return attention(current_council(request), current_roles(request), today, user=request.user)


def _one_or_list(records: QuerySet[Any], listing: str) -> str:
    """The record's own page when there is one, else the list where they all are."""
    first = records.first() if records.count() == 1 else None
    return first.get_absolute_url() if first is not None else listing


def attention(
    council: Council,
    roles: frozenset[str],
    today: date | None = None,
    *,
    user: AbstractBaseUser | AnonymousUser | None = None,
) -> list[AttentionItem]:
    """The things waiting for someone with `roles` in `council` (and, given `user`, what is
    assigned to that person), most urgent first."""
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
            can(roles, "projects.edit"),
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
        cases = Project.objects.for_council(council).filter(stage=Stage.APPRAISAL)
        add(
            cases.count(),
            "business case waits for its pre-project appraisal",
            "business cases wait for their pre-project appraisal",
            _one_or_list(cases, reverse("project-register") + "?stage=appraisal"),
        )
    if can(roles, "projects.govern") or can(roles, "projects.decide"):
        flagged = portfolio.red_flagged(council)
        add(
            flagged.count(),
            "red flag raised (a red highlight report or a failed health check)",
            "red flags raised (red highlight reports or failed health checks)",
            _one_or_list(flagged, reverse("project-boards")),
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
            _one_or_list(
                Project.objects.for_council(council).filter(stage=Stage.BOARD),
                reverse("project-boards"),
            ),
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
            _one_or_list(
                Project.objects.for_council(council).filter(change_requests__in=changes).distinct(),
                reverse("project-register"),
            ),
            True,
        )
    requests = ImprovementRequest.objects.for_council(council)
    if can(roles, "improvements.decide_change"):
        waiting = requests.filter(change_requests__decision=ChangeDecision.PENDING).distinct()
        add(
            waiting.count(),
            "improvement change request waits for your decision",
            "improvement change requests wait for your decision",
            _one_or_list(waiting, reverse("improvement-queue")),
            True,
        )
    if can(roles, "improvements.sign_off") and user is not None and user.pk is not None:
        asked = requests.filter(
            status=ImprovementStatus.IN_DELIVERY,
            sign_offs__owner_id=user.pk,
            sign_offs__withdrawn=False,
            sign_offs__confirmed_at__isnull=True,
        ).distinct()
        first = asked.first() if asked.count() == 1 else None
        add(
            asked.count(),
            "go-live sign-off waits for you, the process owner",
            "go-live sign-offs wait for you, the process owner",
            reverse("improvement-sign-off-confirm", kwargs={"number": f"{first.number:04d}"})
            if first is not None
            else reverse("improvement-dashboard"),
            True,
        )
    if can(roles, "improvements.deliver") and user is not None and user.pk is not None:
        mine = requests.filter(champion_id=user.pk, status=ImprovementStatus.IN_DELIVERY)
        due = mine.exclude(phase=Phase.DONE)
        add(
            due.count(),
            "phase-completion return due on your self-serve work",
            "phase-completion returns due on your self-serve work",
            _one_or_list(due, reverse("improvement-self-serve")),
            True,
        )
        assigned = requests.filter(champion_id=user.pk, status=ImprovementStatus.WAITING_LIST)
        add(
            assigned.count(),
            "self-serve improvement assigned to you",
            "self-serve improvements assigned to you",
            _one_or_list(assigned, reverse("improvement-self-serve")),
        )
    if can(roles, "improvements.score"):
        new = requests.filter(status=ImprovementStatus.SUBMITTED)
        add(
            new.count(),
            "new request to triage",
            "new requests to triage",
            reverse("improvement-queue") + "?status=new",
        )
        ready = requests.filter(status=ImprovementStatus.IN_DELIVERY, phase=Phase.DONE).exclude(
            sign_offs__withdrawn=False, sign_offs__confirmed_at__isnull=True
        )
        add(
            ready.count(),
            "improvement ready to ask its process owner for sign-off",
            "improvements ready to ask their process owners for sign-off",
            _one_or_list(ready, reverse("improvement-queue") + "?status=in_delivery"),
        )
    if can(roles, "plans.edit"):
        for deadline in deadlines(council, today):
            items.append(AttentionItem(deadline.text(today), deadline.url, deadline.passed(today)))
    for count, one, many, url, urgent in champion_reminders(council, roles, today):
        add(count, one, many, url, urgent)
    return sorted(items, key=lambda item: not item.urgent)
