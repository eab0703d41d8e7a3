"""Demo data for the Maldon demo council: the sample outcomes framework (marked as a sample
throughout), each outcome with one of the council's KPIs as its in-year measure, and
published values for some of its national metrics (so the gap report has something to say)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from civicp3.lib.tabular import read_table
from civicp3.organisation.models import Council
from civicp3.outcomes import services
from civicp3.outcomes.models import OutcomeFramework
from civicp3.outcomes.views import SAMPLE
from civicp3.performance.models import Kpi

NAME = "Sample outcomes framework (demo)"


def load_demo(council: Council) -> None:
    if OutcomeFramework.objects.for_council(council).filter(name=NAME).exists():
        return
    framework = services.framework_import(
        council=council, name=NAME, rows=read_table(SAMPLE), filename=SAMPLE.name
    )
    kpis = list(Kpi.objects.for_council(council).order_by("name"))
    today = timezone.localdate()
    for index, outcome in enumerate(framework.outcomes.all()):
        if kpis:
            services.outcome_kpis_set(outcome=outcome, kpis=[kpis[index % len(kpis)]])
        metric = outcome.metrics.order_by("order").first()
        if metric is None:
            continue
        for period, value, days in (("2023/24", "100", 395), ("2024/25", "104", 30)):
            services.metric_value_record(
                metric=metric,
                period=period,
                value=Decimal(value) + index,
                source="SAMPLE: illustrative value, not a published statistic",
                published_on=today - timedelta(days=days),
                today=today,
            )
