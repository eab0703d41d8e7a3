"""Benefits, their valuation settings, KPIs and their actuals for the balanced scorecard.

State changes go through `civicp3.performance.services`; reads through `selectors`.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from civicp3.improvements.models import ImprovementRequest
from civicp3.organisation.models import CouncilOwned, WageRate
from civicp3.performance.rag import Polarity as PolarityCode
from civicp3.portfolio.models import Project

__all__ = [
    "Benefit",
    "BenefitPeriod",
    "Channel",
    "ChannelCost",
    "Frequency",
    "Kpi",
    "KpiActual",
    "OpeningBalance",
    "Perspective",
    "Polarity",
    "Valuation",
]


class Channel(models.TextChoices):
    FACE_TO_FACE = "face_to_face", "Face to face"
    TELEPHONE = "telephone", "Telephone"
    ONLINE = "online", "Online"


class ChannelCost(CouncilOwned):
    """What one customer contact costs the council in a channel, and where the figure comes from."""

    channel = models.CharField(max_length=20, choices=Channel.choices)
    cost_per_contact = models.DecimalField(
        "cost per contact (£)",
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    source = models.CharField(max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-cost_per_contact", "channel"]
        constraints = [
            models.UniqueConstraint(fields=["council", "channel"], name="channel_cost_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: £{self.cost_per_contact}"


class Valuation(models.TextChoices):
    MONEY = "money", "Money (£)"
    HOURS = "hours", "Officer hours saved"
    CHANNEL_SHIFT = "channel_shift", "Contacts moved between channels"


class Benefit(CouncilOwned):
    """A benefit a project or an improvement is expected to deliver (reference BEN-0001)."""

    number = models.PositiveIntegerField(editable=False)
    title = models.CharField("benefit", max_length=200)
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    improvement = models.ForeignKey(
        ImprovementRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    measure = models.CharField(max_length=200, help_text="How the benefit is measured.")
    baseline = models.CharField(max_length=200, help_text="Where it starts.")
    target = models.CharField(max_length=200, help_text="Where it should get to, and by when.")
    owner = models.CharField("benefit owner", max_length=200)
    cashable = models.BooleanField(default=False)
    valuation = models.CharField(
        "valued as", max_length=20, choices=Valuation.choices, default=Valuation.MONEY
    )
    wage_rate = models.ForeignKey(
        WageRate,
        verbose_name="wage grade",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    from_channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    to_channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="benefit_unique_number"),
            models.CheckConstraint(
                condition=models.Q(project__isnull=True, improvement__isnull=False)
                | models.Q(project__isnull=False, improvement__isnull=True),
                name="benefit_of_project_or_improvement",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def reference(self) -> str:
        return f"BEN-{self.number:04d}"

    @property
    def linked_to(self) -> str:
        if self.project_id:
            return str(self.project)
        return f"{self.improvement.reference}: {self.improvement.process_impacted}"  # type: ignore[union-attr]

    @property
    def unit(self) -> str:
        return {"money": "£", "hours": "hours", "channel_shift": "contacts"}[self.valuation]

    def get_absolute_url(self) -> str:
        return reverse("performance-benefit", kwargs={"number": self.number})


class BenefitPeriod(CouncilOwned):
    """The planned and realised quantity of a benefit in one month, in the benefit's unit."""

    benefit = models.ForeignKey(Benefit, on_delete=models.CASCADE, related_name="periods")
    period = models.DateField("month", help_text="The first day of the month.")
    planned = models.DecimalField(
        max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    realised = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["period"]
        constraints = [
            models.UniqueConstraint(fields=["benefit", "period"], name="benefit_period_once")
        ]


class Perspective(models.TextChoices):
    CUSTOMER = "customer", "Customer"
    FINANCIAL = "financial", "Financial"
    INTERNAL = "internal", "Internal process"
    LEARNING = "learning", "Learning and growth"


class Polarity(models.TextChoices):
    HIGHER = PolarityCode.HIGHER.value, "Higher is better"
    LOWER = PolarityCode.LOWER.value, "Lower is better"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"


class Kpi(CouncilOwned):
    """A key performance indicator fed into the balanced scorecard."""

    name = models.CharField(max_length=200)
    perspective = models.CharField(max_length=20, choices=Perspective.choices)
    owner = models.CharField(max_length=200)
    unit = models.CharField(max_length=30, blank=True, help_text="For example, %, days or £.")
    target = models.DecimalField(max_digits=14, decimal_places=2)
    tolerance = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="How far the actual may miss the target and still be amber.",
    )
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.HIGHER)
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    measure = models.CharField(
        "computed from",
        max_length=40,
        blank=True,
        help_text="A measure the app computes from its records; blank if the owner reports it.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["perspective", "name"]
        verbose_name = "KPI"
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="kpi_unique_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("performance-kpi", kwargs={"pk": self.pk})


class KpiActual(CouncilOwned):
    """A KPI's actual for one period, with the owner's commentary and actions."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="actuals")
    period = models.DateField(help_text="The first day of the month the figure is for.")
    value = models.DecimalField("actual", max_digits=14, decimal_places=2)
    status = models.CharField(max_length=5, editable=False)
    commentary = models.TextField("owner's commentary", blank=True)
    actions = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period"]
        constraints = [models.UniqueConstraint(fields=["kpi", "period"], name="kpi_actual_once")]


class OpeningBalance(CouncilOwned):
    """A measure's total from before the council used the app: every cumulative figure starts
    from it and shows both parts."""

    measure = models.CharField(max_length=40)
    value = models.DecimalField(max_digits=14, decimal_places=2)
    period = models.CharField(max_length=100, help_text="For example, 2021 to 2024.")
    source = models.CharField(
        max_length=300, help_text="For example, the framework reported to committee."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure"]
        constraints = [
            models.UniqueConstraint(fields=["council", "measure"], name="opening_balance_once")
        ]
