"""Project plans (tasks, links, baselines) and the forecasts run on them.

Changes go through `civicp3.delivery.services`; every plan is turned into the scheduling
engine's form by `civicp3.delivery.planning.engine_plan`, the one converter.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from civicp3.organisation.models import CouncilOwned
from civicp3.portfolio.models import Project

__all__ = [
    "Baseline",
    "BaselineTask",
    "CostBasis",
    "Distribution",
    "Forecast",
    "Holidays",
    "LinkType",
    "Plan",
    "PlanLink",
    "PlanRisk",
    "PlanTask",
    "days_value",
]

DAYS = {"max_digits": 8, "decimal_places": 2}
MONEY = {"max_digits": 14, "decimal_places": 2}


def days_value(value: Decimal) -> int | float:
    """Working days as a plain number: 5 rather than 5.00, 2.5 as 2.5."""
    return int(value) if value == value.to_integral_value() else float(value)


class Holidays(models.TextChoices):
    ENGLAND_AND_WALES = "england-and-wales", "England and Wales bank holidays"
    SCOTLAND = "scotland", "Scotland bank holidays"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland bank holidays"
    NONE = "", "No bank holidays"


class Distribution(models.TextChoices):
    TRIANGULAR = "triangular", "Triangular"
    PERT = "pert", "PERT (beta)"
    UNIFORM = "uniform", "Uniform"
    FIXED = "fixed", "Fixed"


class CostBasis(models.TextChoices):
    FIXED = "fixed", "Fixed: the same however long the task takes"
    TIME = "time", "Time-dependent: follows the duration, at a rate per working day"


class LinkType(models.TextChoices):
    FS = "FS", "Finish to start"
    SS = "SS", "Start to start"
    FF = "FF", "Finish to finish"
    SF = "SF", "Start to finish"


class Plan(CouncilOwned):
    """A project's plan: its start date and working calendar."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="plan")
    start = models.DateField("plan start date")
    hours_per_day = models.DecimalField(
        "working hours per day",
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal(24))],
    )
    holidays = models.CharField(
        "bank holidays", max_length=20, choices=Holidays.choices, blank=True
    )
    closures = models.JSONField(
        "extra closure days",
        default=list,
        blank=True,
        help_text="Days the council is closed besides bank holidays, as YYYY-MM-DD dates.",
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Plan for {self.project}"


class PlanTask(CouncilOwned):
    """A task, milestone (0 days) or summary task (one with sub-tasks) of a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    code = models.CharField("task ID", max_length=40)
    name = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)
    duration = models.DecimalField(
        "duration (working days)", validators=[MinValueValidator(0)], **DAYS
    )
    estimate_min = models.DecimalField("optimistic (working days)", null=True, blank=True, **DAYS)
    estimate_likely = models.DecimalField(
        "most likely (working days)", null=True, blank=True, **DAYS
    )
    estimate_max = models.DecimalField("pessimistic (working days)", null=True, blank=True, **DAYS)
    distribution = models.CharField(max_length=10, choices=Distribution.choices, blank=True)
    cost = models.DecimalField("cost (£)", null=True, blank=True, **MONEY)
    cost_basis = models.CharField(
        "how the cost behaves in a forecast",
        max_length=5,
        choices=CostBasis.choices,
        default=CostBasis.FIXED,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="summary task",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    start_no_earlier_than = models.DateField(null=True, blank=True)
    finish_no_later_than = models.DateField(null=True, blank=True)
    percent_complete = models.PositiveSmallIntegerField(
        "% complete", default=0, validators=[MaxValueValidator(100)]
    )
    actual_start = models.DateField(null=True, blank=True)
    actual_finish = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="plantask_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"

    @property
    def has_estimate(self) -> bool:
        return self.distribution != "" and self.estimate_likely is not None

    @property
    def cost_per_day(self) -> Decimal | None:
        """The rate of a time-dependent cost: the cost over the planned duration (£ a day)."""
        if self.cost_basis != CostBasis.TIME or not self.cost or not self.duration:
            return None
        return (self.cost / self.duration).quantize(Decimal("0.01"))


class PlanLink(CouncilOwned):
    """A dependency: `successor` follows `predecessor` by `type`, `lag` working days later."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="links")
    predecessor = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="+")
    successor = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="+")
    type = models.CharField(max_length=2, choices=LinkType.choices, default=LinkType.FS)
    lag = models.DecimalField("lag (working days)", default=Decimal(0), **DAYS)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="planlink_unique_pair"
            )
        ]

    def __str__(self) -> str:
        lag = f" {days_value(self.lag):+g}d" if self.lag else ""
        return f"{self.predecessor.code} → {self.successor.code} ({self.type}{lag})"


class PlanRisk(CouncilOwned):
    """A risk event for forecasting: if it happens, the tasks it hits take longer and the
    project costs more. Each forecast draws whether it happens, with its probability."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="risks")
    title = models.CharField(max_length=200)
    probability = models.DecimalField(
        "probability (%)",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    delay_days = models.DecimalField(
        "delay to each task it hits (working days)",
        default=Decimal(0),
        validators=[MinValueValidator(0)],
        **DAYS,
    )
    cost = models.DecimalField(
        "extra cost (£)", default=Decimal(0), validators=[MinValueValidator(0)], **MONEY
    )
    tasks = models.ManyToManyField(PlanTask, related_name="risks", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class Baseline(CouncilOwned):
    """The plan's dates and costs as they were when the baseline was set."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="baselines")
    name = models.CharField(max_length=100)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.name


class BaselineTask(CouncilOwned):
    baseline = models.ForeignKey(Baseline, on_delete=models.CASCADE, related_name="tasks")
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    start = models.DateField()
    finish = models.DateField()
    duration = models.DecimalField(**DAYS)
    cost = models.DecimalField(null=True, blank=True, **MONEY)

    class Meta:
        ordering = ["id"]


class Forecast(CouncilOwned):
    """A Monte Carlo forecast of a project's plan, with its seed and inputs to reproduce it."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="forecasts")
    iterations = models.PositiveIntegerField()
    seed = models.BigIntegerField()
    by_date = models.DateField("finish by", null=True, blank=True)
    budget = models.DecimalField(null=True, blank=True, **MONEY)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField("iterations done (%)", default=0)
    inputs = models.JSONField(default=dict)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"Forecast {self.pk} of {self.project}"
