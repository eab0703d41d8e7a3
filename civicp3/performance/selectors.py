"""Reads for benefits, the scorecard and the reports: each query gathers what it needs at once."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth

from civicp3.improvements.models import ImprovementRequest
from civicp3.organisation.models import Council
from civicp3.performance.models import (
    Benefit,
    BenefitPeriod,
    ChannelCost,
    Kpi,
    KpiActual,
    Perspective,
    Valuation,
)
from civicp3.portfolio.lifecycle import ORDER, Stage
from civicp3.portfolio.models import (
    BusinessCase,
    Decision,
    KeyCriterionCheck,
    PreProjectAppraisal,
    Project,
    ProjectBrief,
)
from civicp3.reports.document import number

PENNY = Decimal("0.01")


def benefits_for(council: Council, *, cashable: str = "", valuation: str = "") -> QuerySet[Benefit]:
    benefits = (
        Benefit.objects.for_council(council)
        .select_related("project", "improvement", "wage_rate")
        .prefetch_related("periods")
    )
    if cashable in ("yes", "no"):
        benefits = benefits.filter(cashable=cashable == "yes")
    if valuation:
        benefits = benefits.filter(valuation=valuation)
    return benefits


def channel_costs(council: Council) -> dict[str, ChannelCost]:
    """The council's cost per contact in each channel (made with the council)."""
    return {record.channel: record for record in ChannelCost.objects.filter(council=council)}


class UnitValues:
    """What one unit of a benefit is worth in pounds, at the council's current rates."""

    def __init__(self, council: Council) -> None:
        self.on_cost = council.on_cost_percent
        self.channel = {
            code: record.cost_per_contact for code, record in channel_costs(council).items()
        }

    def of(self, benefit: Benefit) -> Decimal:
        if benefit.valuation == Valuation.HOURS and benefit.wage_rate is not None:
            return benefit.wage_rate.hourly_cost * (1 + self.on_cost / 100)
        if benefit.valuation == Valuation.CHANNEL_SHIFT:
            return self.channel.get(benefit.from_channel, Decimal(0)) - self.channel.get(
                benefit.to_channel, Decimal(0)
            )
        return Decimal(1)


@dataclass
class BenefitRow:
    benefit: Benefit
    unit_value: Decimal
    planned_quantity: Decimal
    realised_quantity: Decimal

    @property
    def planned_value(self) -> Decimal:
        return (self.planned_quantity * self.unit_value).quantize(PENNY)

    @property
    def realised_value(self) -> Decimal:
        return (self.realised_quantity * self.unit_value).quantize(PENNY)


def benefit_rows(council: Council, benefits: QuerySet[Benefit]) -> list[BenefitRow]:
    """Each benefit with its planned and realised totals, in its unit and in pounds."""
    values = UnitValues(council)
    rows = []
    for benefit in benefits:
        periods = list(benefit.periods.all())
        rows.append(
            BenefitRow(
                benefit=benefit,
                unit_value=values.of(benefit),
                planned_quantity=sum((p.planned for p in periods), Decimal(0)),
                realised_quantity=sum((p.realised or Decimal(0) for p in periods), Decimal(0)),
            )
        )
    return rows


@dataclass
class RealisationPoint:
    """A month's planned and realised value (£): exact, and rounded to the penny for a table."""

    period: date
    planned_exact: Decimal
    realised_exact: Decimal

    @property
    def planned(self) -> Decimal:
        return self.planned_exact.quantize(PENNY)

    @property
    def realised(self) -> Decimal:
        return self.realised_exact.quantize(PENNY)


def realisation(council: Council, benefit: Benefit | None = None) -> list[RealisationPoint]:
    """Planned against realised value (£) per month, for one benefit or the whole register."""
    values = UnitValues(council)
    periods = BenefitPeriod.objects.for_council(council).select_related("benefit__wage_rate")
    if benefit is not None:
        periods = periods.filter(benefit=benefit)
    planned: dict[date, Decimal] = defaultdict(Decimal)
    realised: dict[date, Decimal] = defaultdict(Decimal)
    for record in periods:
        unit = values.of(record.benefit)
        planned[record.period] += record.planned * unit
        realised[record.period] += (record.realised or Decimal(0)) * unit
    return [RealisationPoint(month, planned[month], realised[month]) for month in sorted(planned)]


@dataclass
class KpiLine:
    kpi: Kpi
    latest: KpiActual | None
    previous: KpiActual | None
    # A computed KPI's measure value (civicp3.performance.measures.MeasureValue), bound by
    # `measures.scorecard`; None for a reported KPI.
    measure: Any = None

    @property
    def status(self) -> str:
        return self.latest.status if self.latest else ""

    @property
    def shown(self) -> str:
        """The latest actual as every document shows it: a computed KPI as its measure."""
        if self.measure is not None:
            return str(self.measure.shown)
        if self.latest is None:
            return "Not reported"
        unit = self.kpi.unit.strip()
        value = number(self.latest.value)
        return f"{value}{unit}" if unit in ("", "%") else f"{value} {unit}"

    @property
    def history(self) -> list[KpiActual]:
        """The last twelve actuals, oldest first (from the prefetched actuals)."""
        return list(self.kpi.actuals.all())[:12][::-1]


@dataclass
class PerspectiveBlock:
    code: str
    title: str
    lines: list[KpiLine] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for line in self.lines if line.status == status)

    @property
    def red(self) -> int:
        return self.count("red")

    @property
    def amber(self) -> int:
        return self.count("amber")

    @property
    def green(self) -> int:
        return self.count("green")

    @property
    def not_reported(self) -> int:
        return self.count("")

    @property
    def exceptions(self) -> list[KpiLine]:
        order = {"red": 0, "amber": 1}
        return sorted(
            (line for line in self.lines if line.status in order),
            key=lambda line: (order[line.status], line.kpi.name),
        )


def scorecard(council: Council) -> list[PerspectiveBlock]:
    """The balanced scorecard: each perspective's KPIs with their latest and previous actual."""
    kpis = Kpi.objects.for_council(council).prefetch_related(
        Prefetch("actuals", queryset=KpiActual.objects.order_by("-period"))
    )
    blocks = {code: PerspectiveBlock(code, str(label)) for code, label in Perspective.choices}
    for kpi in kpis:
        actuals = list(kpi.actuals.all())
        blocks[kpi.perspective].lines.append(
            KpiLine(
                kpi,
                actuals[0] if actuals else None,
                actuals[1] if len(actuals) > 1 else None,
            )
        )
    return list(blocks.values())


def kpi_actuals(kpi: Kpi) -> list[KpiActual]:
    return list(kpi.actuals.order_by("period"))


def kpis_for(council: Council) -> QuerySet[Kpi]:
    return Kpi.objects.for_council(council).annotate(
        reported=Count("actuals"), exceptions=Count("actuals", filter=~Q(actuals__status="green"))
    )


# --- PMO governance: compliance with the gates and demand trends ---------------------------


@dataclass(frozen=True)
class Gate:
    """A gate of the PMO process and the document a project must have to pass it."""

    name: str
    stage: Stage  # the stage the gate closes: a project beyond it has passed the gate
    evidence: str


GATES: tuple[Gate, ...] = (
    Gate("Project brief", Stage.BRIEF, "a complete project brief"),
    Gate("Business case", Stage.BUSINESS_CASE, "all five cases of the business case"),
    Gate("Pre-project appraisal", Stage.APPRAISAL, "a pre-project appraisal meeting recorded"),
    Gate("Key criteria threshold", Stage.THRESHOLD, "the key criteria checked by PMO"),
    Gate("CLT governance board", Stage.BOARD, "the board's decision in the decisions log"),
)


@dataclass
class GateCompliance:
    gate: Gate
    passed: list[Project] = field(default_factory=list)
    without: list[Project] = field(default_factory=list)  # passed without the evidence

    @property
    def compliant(self) -> int:
        return len(self.passed) - len(self.without)

    @property
    def percent(self) -> Decimal | None:
        if not self.passed:
            return None
        return (Decimal(100) * self.compliant / len(self.passed)).quantize(Decimal("1"))


def _furthest_stage(council: Council) -> dict[int, int]:
    """Each project's furthest stage in the lifecycle's order, from its history and now."""
    rank = {stage.value: index for index, stage in enumerate(ORDER)}
    furthest: dict[int, int] = defaultdict(int)
    reached = Project.history.filter(council=council).values_list("id", "stage").distinct()
    for pk, stage in [*reached, *Project.objects.for_council(council).values_list("pk", "stage")]:
        furthest[pk] = max(furthest[pk], rank.get(stage, 0))
    return furthest


def gate_compliance(council: Council) -> list[GateCompliance]:
    """For each gate, the projects that passed it and those that moved on without its document
    (from the register's history and the documents and decisions on record)."""
    rank = {stage: index for index, stage in enumerate(ORDER)}
    furthest = _furthest_stage(council)
    briefs = ProjectBrief.objects.for_council(council)
    cases = BusinessCase.objects.for_council(council)
    evidence: dict[Stage, set[int]] = {
        Stage.BRIEF: {b.project_id for b in briefs if not b.missing()},
        Stage.BUSINESS_CASE: {
            c.project_id for c in cases if c.complete_count() == len(BusinessCase.SECTIONS)
        },
        Stage.APPRAISAL: set(
            PreProjectAppraisal.objects.for_council(council).values_list("project_id", flat=True)
        ),
        Stage.THRESHOLD: set(
            KeyCriterionCheck.objects.for_council(council).values_list("project_id", flat=True)
        ),
        Stage.BOARD: set(
            Decision.objects.for_council(council).values_list("project_id", flat=True)
        ),
    }
    projects = Project.objects.for_council(council).order_by("number")
    results = [GateCompliance(gate) for gate in GATES]
    for project in projects:
        for result in results:
            if furthest.get(project.pk, 0) > rank[result.gate.stage]:
                result.passed.append(project)
                if project.pk not in evidence[result.gate.stage]:
                    result.without.append(project)
    return results


@dataclass(frozen=True)
class DemandMonth:
    month: date
    improvements: int
    projects: int
    delivered: int = 0  # improvements that went live in the month


def _months_back(today: date, count: int) -> list[date]:
    """The first days of the `count` months ending with today's, oldest first."""
    months = [today.replace(day=1)]
    while len(months) < count:
        months.insert(0, (months[0] - timedelta(days=1)).replace(day=1))
    return months


def _per_month(queryset: QuerySet[Any], since: date, on: str = "created") -> dict[date, int]:
    rows = (
        queryset.filter(**{f"{on}__date__gte": since})
        .annotate(month=TruncMonth(on))
        .values("month")
        .annotate(count=Count("pk"))
    )
    counts: dict[date, int] = defaultdict(int)
    for row in rows:
        month = row["month"]
        counts[month.date() if isinstance(month, datetime) else month] += row["count"]
    return counts


def demand_trend(council: Council, today: date, months: int = 12) -> list[DemandMonth]:
    """Improvement requests raised, improvements delivered (gone live) and projects added to
    the P3 register each month."""
    starts = _months_back(today, months)
    improvements = _per_month(ImprovementRequest.objects.for_council(council), starts[0])
    projects = _per_month(Project.objects.for_council(council), starts[0])
    delivered = _per_month(
        ImprovementRequest.objects.for_council(council), starts[0], on="went_live_at"
    )
    return [
        DemandMonth(m, improvements.get(m, 0), projects.get(m, 0), delivered.get(m, 0))
        for m in starts
    ]
