"""Reads for benefits, the scorecard and the reports: each query gathers what it needs at once."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet

from civicp3.organisation.models import Council
from civicp3.performance.defaults import ensure_channel_costs
from civicp3.performance.models import (
    Benefit,
    BenefitPeriod,
    Kpi,
    KpiActual,
    Perspective,
    Valuation,
)

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


class UnitValues:
    """What one unit of a benefit is worth in pounds, at the council's current rates."""

    def __init__(self, council: Council) -> None:
        self.on_cost = council.on_cost_percent
        self.channel = {
            code: record.cost_per_contact for code, record in ensure_channel_costs(council).items()
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
    period: date
    planned: Decimal
    realised: Decimal


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
    return [
        RealisationPoint(month, planned[month].quantize(PENNY), realised[month].quantize(PENNY))
        for month in sorted(planned)
    ]


@dataclass
class KpiLine:
    kpi: Kpi
    latest: KpiActual | None
    previous: KpiActual | None

    @property
    def status(self) -> str:
        return self.latest.status if self.latest else ""

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
