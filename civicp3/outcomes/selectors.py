"""Reads for outcome frameworks: each outcome with its national metrics (latest and previous
published values) and its in-year KPIs (latest and previous actuals), in a fixed number of
queries; and what is stale."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch, QuerySet

from civicp3.organisation.models import Council
from civicp3.outcomes.models import (
    MetricFrequency,
    MetricValue,
    Outcome,
    OutcomeFramework,
    OutcomeMetric,
)
from civicp3.performance import measures
from civicp3.performance.models import Frequency, Kpi, KpiActual
from civicp3.performance.rag import change

# How often a figure is expected (a fact of the frequency, not council configuration; the
# council sets the days of grace on the framework).
EVERY = {
    MetricFrequency.MONTHLY: timedelta(days=31),
    MetricFrequency.QUARTERLY: timedelta(days=92),
    MetricFrequency.ANNUAL: timedelta(days=366),
    MetricFrequency.BIENNIAL: timedelta(days=731),
    Frequency.MONTHLY: timedelta(days=31),
    Frequency.QUARTERLY: timedelta(days=92),
    Frequency.ANNUAL: timedelta(days=366),
}
CHANGE_WORDS = {
    "improved": "↑ Improved",
    "worse": "↓ Worse",
    "same": "→ Same",
    "not compared": "Not compared",
}


def frameworks_for(council: Council) -> QuerySet[OutcomeFramework]:
    return OutcomeFramework.objects.for_council(council)


@dataclass
class MetricLine:
    metric: OutcomeMetric
    latest: MetricValue | None
    previous: MetricValue | None
    stale: bool

    @property
    def trend(self) -> str:
        if self.latest is None or self.previous is None:
            return "Not compared"
        if self.latest.value == self.previous.value:
            return "→ Same"
        return "↑ Up" if self.latest.value > self.previous.value else "↓ Down"


@dataclass
class KpiLine:
    kpi: Kpi
    latest: KpiActual | None
    previous: KpiActual | None
    stale: bool

    @property
    def trend(self) -> str:
        if self.latest is None or self.previous is None:
            return "Not compared"
        return CHANGE_WORDS[change(self.latest.status, self.previous.status).value]


@dataclass
class OutcomeLines:
    outcome: Outcome
    metrics: list[MetricLine] = field(default_factory=list)
    kpis: list[KpiLine] = field(default_factory=list)


def _due(frequency: str, last: date, grace: int, today: date) -> bool:
    """True when the next figure after `last` was due more than `grace` days ago."""
    return last + EVERY[frequency] + timedelta(days=grace) < today


def scorecard(framework: OutcomeFramework, today: date) -> list[OutcomeLines]:
    """Each outcome with its metrics' and KPIs' latest and previous figures, and whether each
    is stale (never published or reported counts as stale)."""
    grace = framework.grace_days
    outcomes = framework.outcomes.prefetch_related(
        Prefetch(
            "metrics",
            queryset=OutcomeMetric.objects.prefetch_related(
                Prefetch("values", queryset=MetricValue.objects.order_by("-published_on", "-pk"))
            ),
        ),
        Prefetch("kpis", queryset=Kpi.objects.order_by("name")),
    )
    # The balanced scorecard's lines: a computed KPI's actual is read from its measure today.
    lines_by_kpi = {
        line.kpi.pk: line
        for block in measures.scorecard(framework.council, today)
        for line in block.lines
    }
    found = []
    for outcome in outcomes:
        lines = OutcomeLines(outcome)
        for metric in outcome.metrics.all():
            values = list(metric.values.all())
            latest = values[0] if values else None
            stale = latest is None or _due(metric.frequency, latest.published_on, grace, today)
            lines.metrics.append(
                MetricLine(metric, latest, values[1] if len(values) > 1 else None, stale)
            )
        for kpi in outcome.kpis.all():
            line = lines_by_kpi[kpi.pk]
            latest_actual = line.latest
            # A month's actual is reported after the month: count from the month's end.
            stale = latest_actual is None or _due(
                kpi.frequency, latest_actual.period + EVERY[Frequency.MONTHLY], grace, today
            )
            lines.kpis.append(KpiLine(line.kpi, latest_actual, line.previous, stale))
        found.append(lines)
    return found
