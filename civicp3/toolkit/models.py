"""The PMO's tools and templates (seed section 3): budgets, risks and RAID, decisions,
requirements and traceability, options and stakeholders.

Every record belongs to one council and keeps its history. State changes go through
`civicp3.toolkit.services`; reads with joins through `civicp3.toolkit.selectors`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from civicp3.organisation.models import CouncilOwned
from civicp3.portfolio.models import Project

MONEY = {"max_digits": 14, "decimal_places": 2}


class BudgetKind(models.TextChoices):
    CAPITAL = "capital", "Capital"
    REVENUE = "revenue", "Revenue"


class BudgetLine(CouncilOwned):
    """One capital or revenue line of a project's budget, with its approved amount (£)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    kind = models.CharField("type", max_length=10, choices=BudgetKind.choices)
    name = models.CharField("budget line", max_length=200)
    approved = models.DecimalField(
        "approved budget (£)", **MONEY, validators=[MinValueValidator(Decimal("0"))]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "kind", "name"], name="budget_line_unique_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


class BudgetMonth(CouncilOwned):
    """A budget line's forecast and actual spend (£) in one month (`month` is the 1st)."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="months")
    month = models.DateField()
    forecast = models.DecimalField(
        "forecast (£)", **MONEY, default=Decimal("0"), validators=[MinValueValidator(Decimal("0"))]
    )
    actual = models.DecimalField(
        "actual (£)",
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Leave blank until the month's spend is known.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["line", "month"]
        constraints = [
            models.UniqueConstraint(fields=["line", "month"], name="budget_month_unique"),
            models.CheckConstraint(
                condition=models.Q(month__day=1), name="budget_month_first_of_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line} {self.month:%B %Y}"

    @property
    def variance(self) -> Decimal | None:
        """Forecast minus actual: positive is an underspend."""
        return None if self.actual is None else self.forecast - self.actual


# Risks and RAID ------------------------------------------------------------------------

# The seed's scoring table (section 9); the seed gives no level bands, so these defaults are
# ours and each council changes them on its risk matrix page.
DEFAULT_LIKELIHOOD_LABELS = ["Unlikely", "Less likely", "Likely", "Very likely", "Definite"]
DEFAULT_IMPACT_LABELS = ["Negligible", "Minor", "Moderate", "Significant", "Major"]
DEFAULT_BANDS = [
    {"name": "Low", "min_score": 1, "max_score": 4, "colour": "green"},
    {"name": "Medium", "min_score": 5, "max_score": 9, "colour": "yellow"},
    {"name": "High", "min_score": 10, "max_score": 14, "colour": "orange"},
    {"name": "Very high", "min_score": 15, "max_score": 25, "colour": "red"},
]
DEFAULT_ESCALATION_SCORE = 15


def default_likelihood_labels() -> list[str]:
    return list(DEFAULT_LIKELIHOOD_LABELS)


def default_impact_labels() -> list[str]:
    return list(DEFAULT_IMPACT_LABELS)


def default_bands() -> list[dict[str, object]]:
    return [dict(band) for band in DEFAULT_BANDS]


class RiskMatrixSettings(CouncilOwned):
    """A council's 5 x 5 likelihood x impact matrix (labels and level bands) and the score at
    which a project or service risk may be escalated to the corporate risk register."""

    likelihood_labels = models.JSONField(default=default_likelihood_labels)
    impact_labels = models.JSONField(default=default_impact_labels)
    bands = models.JSONField("level bands", default=default_bands)
    escalation_score = models.PositiveSmallIntegerField(
        "escalate at score",
        default=DEFAULT_ESCALATION_SCORE,
        validators=[MinValueValidator(1)],
        help_text="A project or service risk scoring this or more can go to the corporate "
        "risk register.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "risk matrix settings"
        constraints = [
            models.UniqueConstraint(fields=["council"], name="risk_matrix_one_per_council")
        ]

    def __str__(self) -> str:
        return f"Risk matrix for {self.council}"


class RiskLevel(models.TextChoices):
    PROJECT = "project", "Project"
    SERVICE = "service", "Service"
    CORPORATE = "corporate", "Corporate"


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class Risk(CouncilOwned):
    """A risk on the project, service or corporate register (reference RSK-0001)."""

    number = models.PositiveIntegerField(editable=False)
    register = models.CharField(max_length=10, choices=RiskLevel.choices)
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="risks"
    )
    service_area = models.ForeignKey(
        "organisation.ServiceArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField("risk", max_length=300)
    cause = models.TextField(blank=True, help_text="Because of…")
    event = models.TextField(blank=True, help_text="…this may happen…")
    effect = models.TextField(blank=True, help_text="…which would lead to…")
    owner = models.CharField("risk owner", max_length=200, blank=True)
    likelihood = models.PositiveSmallIntegerField(choices=SCORE_CHOICES)
    impact = models.PositiveSmallIntegerField(choices=SCORE_CHOICES)
    score = models.PositiveSmallIntegerField(editable=False)
    target_likelihood = models.PositiveSmallIntegerField(choices=SCORE_CHOICES)
    target_impact = models.PositiveSmallIntegerField(choices=SCORE_CHOICES)
    review_date = models.DateField("next review date")
    status = models.CharField(max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    escalated_from = models.CharField(
        max_length=10, choices=RiskLevel.choices, blank=True, editable=False
    )
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    escalated_at = models.DateTimeField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-score", "number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="risk_unique_number")
        ]
        # Open risks and those overdue for review are counted on every home page.
        indexes = [models.Index(fields=["council", "status", "review_date"])]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def reference(self) -> str:
        return f"RSK-{self.number:04d}"

    @property
    def target_score(self) -> int:
        return self.target_likelihood * self.target_impact


class RiskAction(CouncilOwned):
    """A mitigating action on a risk, with its owner and date."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="actions")
    action = models.TextField("mitigating action")
    owner = models.CharField("action owner", max_length=200, blank=True)
    due = models.DateField("due date", null=True, blank=True)
    done = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["done", "due", "pk"]

    def __str__(self) -> str:
        return self.action[:60]


class RaidKind(models.TextChoices):
    ASSUMPTION = "assumption", "Assumption"
    ISSUE = "issue", "Issue"
    DEPENDENCY = "dependency", "Dependency"


class RaidItem(CouncilOwned):
    """An assumption, issue or dependency on a project's RAID log (risks are `Risk`)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="raid_items")
    kind = models.CharField("type", max_length=12, choices=RaidKind.choices)
    description = models.TextField()
    owner = models.CharField(max_length=200, blank=True)
    due = models.DateField("review or due date", null=True, blank=True)
    status = models.CharField(max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "status", "due", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"


# Decisions -----------------------------------------------------------------------------


class Decision(CouncilOwned):
    """An entry in a project's or board's decisions log (reference DEC-0001)."""

    number = models.PositiveIntegerField(editable=False)
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="decision_log"
    )
    board = models.ForeignKey(
        "organisation.Board", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision = models.TextField()
    options_considered = models.TextField(blank=True)
    made_by = models.CharField(max_length=200, help_text="The person or board who decided.")
    decided_on = models.DateField("date of decision")
    risks = models.ManyToManyField(Risk, blank=True, related_name="decisions")
    other_links = models.TextField(
        "other linked records", blank=True, help_text="For example, a change request reference."
    )
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[risks])

    class Meta:
        ordering = ["-decided_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="decision_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.decision[:60]}"

    @property
    def reference(self) -> str:
        return f"DEC-{self.number:04d}"


# Requirements and traceability ---------------------------------------------------------


class MoSCoW(models.TextChoices):
    MUST = "must", "Must have"
    SHOULD = "should", "Should have"
    COULD = "could", "Could have"
    WONT = "wont", "Won't have this time"


class Requirement(CouncilOwned):
    """A project requirement, prioritised with MoSCoW."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="requirements")
    number = models.PositiveIntegerField(editable=False)
    description = models.TextField("requirement")
    priority = models.CharField("MoSCoW priority", max_length=6, choices=MoSCoW.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="requirement_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.description[:60]}"

    @property
    def reference(self) -> str:
        return f"REQ-{self.number:03d}"


class TraceKind(models.TextChoices):
    OBJECTIVE = "objective", "Objective"
    DELIVERABLE = "deliverable", "Deliverable"
    ACCEPTANCE_TEST = "acceptance_test", "Acceptance test"


class TraceLink(CouncilOwned):
    """A requirement traced to an objective, a deliverable or an acceptance test."""

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField("traces to", max_length=16, choices=TraceKind.choices)
    name = models.CharField(max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


# Options comparison --------------------------------------------------------------------


class OptionCriterion(CouncilOwned):
    """A weighted criterion the project's options are scored against."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="option_criteria")
    name = models.CharField("criterion", max_length=200)
    weight = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1)], help_text="How much this criterion counts, 1 to 100."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-weight", "name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="criterion_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Option(CouncilOwned):
    """One option for a project; one per project is the do-nothing baseline."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="options")
    name = models.CharField("option", max_length=200)
    description = models.TextField(blank=True)
    is_baseline = models.BooleanField("do-nothing baseline", default=False, editable=False)
    carried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    carried_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_baseline", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="option_unique_name"),
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(is_baseline=True),
                name="option_one_baseline",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OptionScore(CouncilOwned):
    """An option's score (0 to 10) against one criterion."""

    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(OptionCriterion, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "criterion"], name="option_score_unique")
        ]


# Stakeholders --------------------------------------------------------------------------


class Level(models.TextChoices):
    HIGH = "high", "High"
    LOW = "low", "Low"


class Stakeholder(CouncilOwned):
    """A person or group with a stake in the project, placed on the power/interest grid."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(max_length=200)
    role = models.CharField("role or organisation", max_length=200, blank=True)
    power = models.CharField(max_length=4, choices=Level.choices)
    interest = models.CharField(max_length=4, choices=Level.choices)
    engagement = models.TextField(
        "engagement plan", blank=True, help_text="How and when you will engage them."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def approach(self) -> str:
        """The grid's usual approach for this quadrant."""
        return {
            ("high", "high"): "Manage closely",
            ("high", "low"): "Keep satisfied",
            ("low", "high"): "Keep informed",
            ("low", "low"): "Monitor",
        }[(self.power, self.interest)]


# The seed names a "Stakeholder Checklist" without listing it; these starting items follow
# the framework's own steps (pre-project appraisal, CLT board, service capacity) and each
# council edits them.
DEFAULT_CHECKLIST = [
    "Sponsor agreed and named",
    "Key stakeholders identified and placed on the power/interest grid",
    "Key stakeholders invited to the pre-project appraisal meeting",
    "Affected service areas and AD areas consulted on capacity",
    "Member Champions and ward members briefed where affected",
    "Communications to staff and customers planned",
    "Engagement plan agreed with the sponsor",
]


class ChecklistItem(CouncilOwned):
    """An item on the council's stakeholder checklist."""

    text = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class ChecklistTick(CouncilOwned):
    """A checklist item done on one project, by whom and when."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="ticks")
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    done_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "item"], name="checklist_tick_unique")
        ]
