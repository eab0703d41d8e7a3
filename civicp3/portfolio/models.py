"""The P3 register: portfolios contain programmes, which contain projects.

One model holds all three, told apart by `kind`, because the PMO classifies the work only at
concept stage (seed section 3: "Project, programme and portfolio definitions") and the same
record then carries on. State changes go through `civicp3.portfolio.services`.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from civicp3.organisation.models import (
    Board,
    CorporatePriority,
    CouncilOwned,
    Directorate,
    ServiceArea,
)
from civicp3.portfolio.lifecycle import MOVES, Stage

MAX_TIME_IMPACT_DAYS = 2600  # ten years of working days

__all__ = [
    "AuditSampleRecord",
    "BenefitHandover",
    "BusinessCase",
    "ChangeRequest",
    "Closure",
    "Decision",
    "HealthCheck",
    "HighlightReport",
    "KeyCriterion",
    "KeyCriterionCheck",
    "Kind",
    "Lesson",
    "PortfolioSettings",
    "PreProjectAppraisal",
    "PriorityCriterion",
    "PriorityScore",
    "Project",
    "ProjectBrief",
    "Rag",
    "ResourceDemand",
    "TierBand",
]


class Kind(models.TextChoices):
    PROJECT = "project", "Project"
    PROGRAMME = "programme", "Programme"
    PORTFOLIO = "portfolio", "Portfolio"


class Project(CouncilOwned):
    """A project, programme or portfolio on the council's P3 register (reference PRJ-0001)."""

    number = models.PositiveIntegerField(editable=False)
    title = models.CharField(max_length=200)
    kind = models.CharField(
        "classification", max_length=10, choices=Kind.choices, default=Kind.PROJECT
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="part of",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The programme or portfolio this belongs to.",
    )
    summary = models.TextField(blank=True)
    directorate = models.ForeignKey(
        Directorate,
        verbose_name="AD area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    service_area = models.ForeignKey(
        ServiceArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="project manager",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sponsor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    committed_finish = models.DateField(
        "committed finish date",
        null=True,
        blank=True,
        help_text="The date promised to the board; forecasts are measured against it.",
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.CONCEPT)
    classification_rationale = models.TextField(
        blank=True, help_text="Why it is a project, a programme or a portfolio."
    )
    initiator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="initiator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    threshold_notes = models.TextField(
        "PMO recommendations or reasons",
        blank=True,
        help_text="PMO's recommendations to the board, or its reasons for returning it.",
    )
    score = models.DecimalField(
        "prioritisation score", max_digits=9, decimal_places=2, null=True, blank=True
    )
    tier = models.CharField(max_length=50, blank=True)
    earliest_start = models.DateField(
        "earliest start month", null=True, blank=True, help_text="Leave blank if it can start now."
    )
    latest_start = models.DateField(
        "latest start month", null=True, blank=True, help_text="Leave blank if it has no deadline."
    )
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="project_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def reference(self) -> str:
        return f"PRJ-{self.number:04d}"

    def get_absolute_url(self) -> str:
        return reverse("project-detail", kwargs={"number": self.number})


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class PortfolioSettings(CouncilOwned):
    """The PMO's numbers a council sets: key criteria threshold, tolerances, report cadence."""

    key_criteria_threshold = models.PositiveSmallIntegerField(
        "key criteria threshold",
        default=3,
        help_text="How many key criteria a project must meet to go to the CLT governance board.",
    )
    manager_cost_tolerance = models.DecimalField(
        "project manager's cost tolerance (£)", max_digits=12, decimal_places=2, default=5000
    )
    manager_time_tolerance_days = models.PositiveIntegerField(
        "project manager's time tolerance (days)", default=10
    )
    sponsor_cost_tolerance = models.DecimalField(
        "sponsor's cost tolerance (£)", max_digits=12, decimal_places=2, default=25000
    )
    sponsor_time_tolerance_days = models.PositiveIntegerField(
        "sponsor's time tolerance (days)", default=30
    )
    highlight_due_days = models.PositiveSmallIntegerField(
        "days a highlight report may be late",
        default=35,
        help_text="An active project with no highlight report for this long is flagged to PMO.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "portfolio settings"
        constraints = [models.UniqueConstraint(fields=["council"], name="portfolio_settings_one")]


class KeyCriterion(CouncilOwned):
    """One of PMO's key criteria a project is checked against before the board."""

    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class PriorityCriterion(CouncilOwned):
    """A weighted criterion of the prioritisation matrix, tied to a corporate priority."""

    name = models.CharField(max_length=200)
    corporate_priority = models.ForeignKey(
        CorporatePriority, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    weight = models.DecimalField(max_digits=6, decimal_places=2, default=1)
    max_score = models.PositiveSmallIntegerField("highest score", default=5)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class TierBand(CouncilOwned):
    """Gold, Silver or Bronze: the lowest total score that earns the tier."""

    name = models.CharField(max_length=50)
    min_score = models.DecimalField("lowest score", max_digits=9, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-min_score"]

    def __str__(self) -> str:
        return self.name


class PriorityScore(CouncilOwned):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="priority_scores")
    criterion = models.ForeignKey(PriorityCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "criterion"], name="priority_score_once")
        ]


class ProjectBrief(CouncilOwned):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="brief")
    background = models.TextField(blank=True)
    objectives = models.TextField(blank=True)
    scope = models.TextField(blank=True)
    deliverables = models.TextField(blank=True)
    history = HistoricalRecords()

    FIELDS = ("background", "objectives", "scope", "deliverables")

    def missing(self) -> list[str]:
        return [name for name in self.FIELDS if not getattr(self, name).strip()]


class BusinessCase(CouncilOwned):
    """The HM Treasury Five Case Model, one text per case."""

    SECTIONS: tuple[tuple[str, str, str], ...] = (
        ("strategic", "Strategic case", "The case for change and fit with corporate priorities."),
        ("economic", "Economic case", "The options considered and the one that gives best value."),
        ("commercial", "Commercial case", "How it will be procured and the deal is viable."),
        ("financial", "Financial case", "What it costs and that it is affordable."),
        ("management", "Management case", "How it will be delivered: governance, plan, risks."),
    )
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="business_case")
    strategic = models.TextField(blank=True)
    economic = models.TextField(blank=True)
    economic_recommended_option = models.TextField(
        "recommended option (from the options appraisal)", blank=True
    )
    commercial = models.TextField(blank=True)
    financial = models.TextField(blank=True)
    management = models.TextField(blank=True)
    history = HistoricalRecords()

    def sections(self) -> list[dict[str, object]]:
        return [
            {
                "code": code,
                "title": title,
                "hint": hint,
                "text": getattr(self, code),
                "complete": bool(getattr(self, code).strip()),
            }
            for code, title, hint in self.SECTIONS
        ]

    def complete_count(self) -> int:
        return sum(1 for code, _, _ in self.SECTIONS if getattr(self, code).strip())


class PreProjectAppraisal(CouncilOwned):
    """The meeting PMO facilitates for key stakeholders to friendly-challenge the project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="appraisals")
    meeting_date = models.DateField()
    invited_stakeholders = models.TextField(help_text="One person or team a line.")
    challenges = models.TextField("challenges raised and the responses")
    pmo_recommendation = models.TextField("PMO's recommendation")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-meeting_date", "-pk"]


class KeyCriterionCheck(CouncilOwned):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="criteria_checks")
    criterion = models.ForeignKey(KeyCriterion, on_delete=models.PROTECT, related_name="+")
    met = models.BooleanField(default=False)
    checked = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "criterion"], name="key_criterion_once")
        ]


class Decision(CouncilOwned):
    """The decisions log: each board decision with the meeting and date."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="decisions")
    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    meeting_date = models.DateField()
    decision = models.CharField(
        max_length=40,
        choices=[
            *((code, move.label) for code, move in MOVES.items()),
            ("change_approved", "Approve a change request beyond tolerance"),
            ("change_declined", "Decline a change request beyond tolerance"),
        ],
    )
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-meeting_date", "-pk"]


class HighlightReport(CouncilOwned):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="highlights")
    period = models.DateField("month", help_text="Any day in the month the report covers.")
    overall = models.CharField(max_length=5, choices=Rag.choices)
    schedule = models.CharField(max_length=5, choices=Rag.choices)
    cost = models.CharField(max_length=5, choices=Rag.choices)
    scope = models.CharField(max_length=5, choices=Rag.choices)
    # Quality and benefits came later: reports from before then hold "" (not reported).
    quality = models.CharField(max_length=5, choices=Rag.choices, blank=True, default="")
    benefits = models.CharField(max_length=5, choices=Rag.choices, blank=True, default="")
    risk = models.CharField(max_length=5, choices=Rag.choices)
    progress = models.TextField("progress this month")
    next_steps = models.TextField()
    issues = models.TextField(blank=True)
    decisions_needed = models.TextField(blank=True)
    submitted = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "period"], name="highlight_once_a_month")
        ]


class ChangeRequest(CouncilOwned):
    class Route(models.TextChoices):
        MANAGER = "manager", "Within the project manager's tolerance"
        SPONSOR = "sponsor", "Within the sponsor's tolerance"
        BOARD = "board", "Beyond tolerance: to the CLT governance board"

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting decision"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="change_requests")
    number = models.PositiveIntegerField(editable=False)
    title = models.CharField(max_length=200)
    scope_impact = models.TextField(blank=True)
    # Earlier (negative) or later, by up to ten years of working days: beyond that a date
    # moved by it leaves the calendar.
    time_impact_days = models.IntegerField(
        "time impact (working days later)",
        default=0,
        validators=[
            MinValueValidator(
                -MAX_TIME_IMPACT_DAYS, "Time impact must be at least -2600 working days"
            ),
            MaxValueValidator(
                MAX_TIME_IMPACT_DAYS, "Time impact must be at most 2600 working days"
            ),
        ],
    )
    cost_impact = models.DecimalField("cost impact (£)", max_digits=12, decimal_places=2, default=0)
    benefit_impact = models.TextField(blank=True)
    route = models.CharField(max_length=10, choices=Route.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decision_notes = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided = models.DateField(null=True, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="change_request_number")
        ]

    @property
    def reference(self) -> str:
        return f"CR-{self.number:03d}"


class Closure(CouncilOwned):
    CHECKLIST: tuple[tuple[str, str], ...] = (
        ("handover_support", "Support arrangements agreed with the service"),
        ("handover_documents", "Documentation and procedures handed over"),
        ("handover_training", "Staff trained in the new way of working"),
        ("handover_risks", "Open risks and issues handed to the service"),
    )
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="closure")
    report = models.TextField("closure report")
    handover_support = models.BooleanField(default=False)
    handover_documents = models.BooleanField(default=False)
    handover_training = models.BooleanField(default=False)
    handover_risks = models.BooleanField(default=False)
    history = HistoricalRecords()

    def checklist(self) -> list[tuple[str, bool]]:
        return [(label, getattr(self, code)) for code, label in self.CHECKLIST]


class Lesson(CouncilOwned):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="lessons")
    text = models.TextField("lesson learned")
    recorded = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded", "-pk"]


class BenefitHandover(CouncilOwned):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="benefits")
    benefit = models.TextField()
    bau_owner = models.CharField("business-as-usual owner", max_length=200)
    review_date = models.DateField("first review date")
    history = HistoricalRecords()

    class Meta:
        ordering = ["review_date", "pk"]


class ResourceDemand(CouncilOwned):
    """Hours a project needs from a service area in one month."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="demands")
    service_area = models.ForeignKey(ServiceArea, on_delete=models.PROTECT, related_name="+")
    month = models.DateField(help_text="The first day of the month.")
    hours = models.DecimalField(max_digits=8, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["month", "service_area__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "service_area", "month"], name="demand_once_a_month"
            )
        ]


class HealthCheck(CouncilOwned):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="health_checks")
    date = models.DateField()
    support_needs = models.TextField("support the project needs", blank=True)
    # Each answer starts unanswered: the person checking says yes or no to every one.
    viable = models.BooleanField("the project is still viable", null=True)
    governance_in_place = models.BooleanField("governance processes are in place", null=True)
    process_followed = models.BooleanField("PMO governance processes are followed", null=True)

    @property
    def failed(self) -> bool:
        return not (self.viable and self.governance_in_place and self.process_followed)

    actions = models.TextField("actions agreed", blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]


class AuditSampleRecord(CouncilOwned):
    """A random, stratified selection of projects for the internal auditor, seed recorded."""

    size = models.PositiveSmallIntegerField()
    seed = models.CharField(max_length=60)
    selected = models.JSONField(default=list)
    allocation = models.JSONField(default=dict)
    drawn = models.DateTimeField(auto_now_add=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-drawn", "-pk"]
