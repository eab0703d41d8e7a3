"""Evidence blocks for the Best Value self-assessment's themes, read live (read only) from the
measures registry and the other apps' records, so a theme shows the figures the scorecard and
the P3 reports show. Registered in `civicp3.productivity.evidence.EVIDENCE` by key."""

from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Avg, Count, Sum
from django.utils import timezone

from civicp3.delivery.earned import earned_value_view
from civicp3.delivery.models import Plan as DeliveryPlan
from civicp3.improvements.models import ImprovementRequest, Rating
from civicp3.organisation.models import Council, ServiceArea
from civicp3.performance import measures
from civicp3.portfolio.lifecycle import Stage
from civicp3.portfolio.models import AuditSampleRecord
from civicp3.portfolio.models import Decision as BoardDecision
from civicp3.reports.document import Block, Figures, Table, money, number
from civicp3.toolkit.models import BudgetLine, BudgetMonth, Stakeholder
from civicp3.toolkit.models import Decision as LoggedDecision

ZERO = Decimal(0)


def _year_ago(today: date) -> date:
    return today - timedelta(days=365)


def _measure_figures(council: Council, keys: tuple[str, ...]) -> list[tuple[str, str]]:
    return measures.figures(measures.values_of(council, keys, timezone.localdate()))


def governance(council: Council) -> list[Block]:
    """Gate compliance, highlight reports on time and health checks (the measures), with the
    board decisions, logged decisions and audit samples of the last 12 months."""
    since = _year_ago(timezone.localdate())
    keys = ("gate_compliance", "highlights_on_time", "health_checks_recorded")
    return [
        Figures(
            [
                *_measure_figures(council, keys),
                (
                    "board decisions in the last 12 months",
                    number(
                        BoardDecision.objects.for_council(council)
                        .filter(meeting_date__gt=since)
                        .count()
                    ),
                ),
                (
                    "decisions logged in the last 12 months",
                    number(
                        LoggedDecision.objects.for_council(council)
                        .filter(decided_on__gt=since)
                        .count()
                    ),
                ),
                (
                    "audit samples drawn in the last 12 months",
                    number(
                        AuditSampleRecord.objects.for_council(council)
                        .filter(drawn__date__gt=since)
                        .count()
                    ),
                ),
            ]
        )
    ]


def leadership(council: Council) -> list[Block]:
    """The register the leadership steers: projects on it and active (the measures)."""
    return [Figures(_measure_figures(council, ("projects_on_register", "projects_active")))]


def culture(council: Council) -> list[Block]:
    """Green belt champions (the measures) and the improvement requests staff raised."""
    since = _year_ago(timezone.localdate())
    raised = ImprovementRequest.objects.for_council(council).filter(created__date__gt=since)
    return [
        Figures(
            [
                *_measure_figures(council, ("champions_trained", "champions_active")),
                ("improvement requests raised in the last 12 months", number(raised.count())),
            ]
        )
    ]


def _index(value: Decimal | None) -> str:
    return "Not available" if value is None else f"{value:.2f}"


def use_of_resources(council: Council) -> list[Block]:
    """Capacity of the service areas, the approved, forecast and actual budgets of the active
    projects, and each one's earned value indices (CPI, SPI) where it has a baseline."""
    active = Stage.ACTIVE
    capacity = ServiceArea.objects.for_council(council).aggregate(
        hours=Sum("monthly_capacity_hours")
    )["hours"]
    lines = BudgetLine.objects.for_council(council).filter(project__stage=active)
    approved = lines.aggregate(total=Sum("approved"))["total"] or ZERO
    months = BudgetMonth.objects.for_council(council).filter(line__project__stage=active)
    spend = months.aggregate(forecast=Sum("forecast"), actual=Sum("actual"))
    rows = []
    plans = (
        DeliveryPlan.objects.for_council(council)
        .filter(project__stage=active)
        .select_related("project")
        .order_by("project__number")
    )
    for plan in plans:
        view = earned_value_view(plan)
        latest = view.latest
        rows.append(
            (
                f"{plan.project.reference}: {plan.project.title}",
                _index(latest.cpi if latest else None),
                _index(latest.spi if latest else None),
                view.problem or "Measured",
            )
        )
    return [
        Figures(
            [
                ("service area capacity a month (hours)", number(capacity or ZERO)),
                ("approved budgets of active projects", money(approved)),
                ("forecast spend of active projects", money(spend["forecast"] or ZERO)),
                ("actual spend of active projects", money(spend["actual"] or ZERO)),
            ]
        ),
        Table(
            "Earned value of active projects",
            ("Project", "Cost performance (CPI)", "Schedule performance (SPI)", "Note"),
            rows,
            numeric=frozenset({1, 2}),
            empty="No active project has a plan.",
        ),
    ]


def service_delivery(council: Council) -> list[Block]:
    """The balanced scorecard's KPIs by perspective and RAG status (computed ones from their
    measure), and customers' star ratings of improved processes in the last 12 months."""
    rows = []
    for block in measures.scorecard(council, timezone.localdate()):
        counts = Counter(line.status or "none" for line in block.lines)
        rows.append((block.title, counts["green"], counts["amber"], counts["red"], counts["none"]))
    since = _year_ago(timezone.localdate())
    ratings = Rating.objects.for_council(council).filter(created__date__gt=since)
    found = ratings.aggregate(average=Avg("stars"), count=Count("pk"))
    average = found["average"]
    return [
        Table(
            "KPIs by perspective and status",
            ("Perspective", "Green", "Amber", "Red", "Not reported"),
            rows,
            numeric=frozenset({1, 2, 3, 4}),
        ),
        Figures(
            [
                ("customer ratings in the last 12 months", number(found["count"])),
                (
                    "average rating (stars out of 5)",
                    "Not available" if average is None else f"{Decimal(average):.1f}",
                ),
            ]
        ),
    ]


def partnerships(council: Council) -> list[Block]:
    """Who the council's projects engage: the stakeholders on each active project's register."""
    rows = (
        Stakeholder.objects.for_council(council)
        .filter(project__stage=Stage.ACTIVE)
        .values("project__number", "project__title")
        .annotate(n=Count("pk"))
        .order_by("project__number")
    )
    return [
        Table(
            "Stakeholders engaged by active projects",
            ("Project", "Stakeholders on the register"),
            [
                (f"PRJ-{row['project__number']:04d}: {row['project__title']}", row["n"])
                for row in rows
            ],
            numeric=frozenset({1}),
            empty="No active project has a stakeholder register.",
        )
    ]


BEST_VALUE_EVIDENCE: tuple[tuple[str, str, Callable[[Council], list[Block]]], ...] = (
    ("bv_leadership", "Projects on the register", leadership),
    ("bv_governance", "Gate compliance, decisions and audits", governance),
    ("bv_culture", "Improvement champions and requests", culture),
    ("bv_use_of_resources", "Capacity, budgets and earned value", use_of_resources),
    ("bv_service_delivery", "KPIs and customer ratings", service_delivery),
    ("bv_partnerships", "Stakeholders engaged by projects", partnerships),
)
