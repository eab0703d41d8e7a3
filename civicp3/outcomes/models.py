"""Outcome frameworks as data: a council loads a framework's outcomes and their national
metrics (source and frequency) from a file, records each metric's published values with their
source and date, and maps its own KPIs to outcomes as in-year measures."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from civicp3.organisation.models import CouncilOwned


class MetricKind(models.TextChoices):
    OUTCOME = "outcome", "Outcome metric"
    OUTPUT = "output", "Output metric"


class MetricFrequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"
    BIENNIAL = "biennial", "Every two years"


class OutcomeFramework(CouncilOwned):
    name = models.CharField(max_length=200)
    loaded_from = models.CharField("file loaded", max_length=255, blank=True)
    # How long past a metric's or KPI's next expected figure before its data counts as stale.
    grace_days = models.PositiveSmallIntegerField("days of grace before data is stale", default=90)
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="outcome_framework_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("outcomes-framework", args=[self.pk])


class Outcome(CouncilOwned):
    framework = models.ForeignKey(
        OutcomeFramework, on_delete=models.CASCADE, related_name="outcomes"
    )
    order = models.PositiveSmallIntegerField()
    title = models.CharField("outcome", max_length=300)
    kpis = models.ManyToManyField(
        "performance.Kpi", related_name="outcomes", blank=True, verbose_name="in-year measures"
    )
    history = HistoricalRecords(m2m_fields=[kpis])

    class Meta:
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "order"], name="outcome_order_unique")
        ]

    def __str__(self) -> str:
        return self.title


class OutcomeMetric(CouncilOwned):
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="metrics")
    order = models.PositiveSmallIntegerField()
    name = models.CharField("metric", max_length=300)
    kind = models.CharField("metric type", max_length=10, choices=MetricKind.choices)
    source = models.CharField(max_length=300)
    frequency = models.CharField(max_length=10, choices=MetricFrequency.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["outcome__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "order"], name="outcome_metric_order")
        ]

    def __str__(self) -> str:
        return self.name


class MetricValue(CouncilOwned):
    """A published value of a national metric: for a period, from a source, published on a
    date."""

    metric = models.ForeignKey(OutcomeMetric, on_delete=models.CASCADE, related_name="values")
    period = models.CharField(max_length=50, help_text="For example 2024/25 or Q2 2025/26")
    value = models.DecimalField(max_digits=16, decimal_places=4)
    source = models.CharField(max_length=300)
    published_on = models.DateField("date published")
    history = HistoricalRecords()

    class Meta:
        ordering = ["metric", "published_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["metric", "period"], name="metric_value_period")
        ]

    def __str__(self) -> str:
        return f"{self.metric}: {self.value} ({self.period})"
