"""Improvement requests: what someone raised, where it sits on the waiting list, its lifecycle.

State changes go through `civicp3.improvements.services`; reads through `selectors`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords

from civicp3.improvements.lifecycle import Status
from civicp3.organisation.models import CouncilOwned, Directorate, ServiceArea

__all__ = [
    "Benefits",
    "ChangeRequest",
    "DecisionNode",
    "Evidence",
    "FeasibilityAssessment",
    "FeasibilityQuestion",
    "FormRequired",
    "GoLiveSignOff",
    "ImprovementRequest",
    "ImprovementSettings",
    "IntakeAttempt",
    "Pathway",
    "PathwayDecision",
    "Phase",
    "PhaseCompletionReturn",
    "Rating",
    "Score",
    "ScoringOption",
    "ScoringQuestion",
    "Status",
    "Tag",
    "TrainingCohort",
    "TrainingDelegate",
    "Workshop",
]


class Pathway(models.TextChoices):
    """The seed's three delivery pathways; the value is the code used in the work lists."""

    PIP = "PIP", "Fully managed (PIP)"
    QW = "QW", "Supported quick win (QW)"
    GBC = "GBC", "Self-serve by a green belt champion (GBC)"


class Phase(models.TextChoices):
    """DMAIC, in order; blank before delivery starts, DONE once the control return is filed."""

    DEFINE = "define", "Define"
    MEASURE = "measure", "Measure"
    ANALYSE = "analyse", "Analyse"
    IMPROVE = "improve", "Improve"
    CONTROL = "control", "Control"
    DONE = "done", "All phases complete"


DMAIC: tuple[Phase, ...] = (
    Phase.DEFINE,
    Phase.MEASURE,
    Phase.ANALYSE,
    Phase.IMPROVE,
    Phase.CONTROL,
)


class FormRequired(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_SURE = "not_sure", "Not sure"


class Tag(CouncilOwned):
    """A label the council puts on improvements ("Covid-19 response", "Website"), counted as a
    headline measure. Names are unique in a council whatever their case."""

    name = models.CharField(max_length=60)
    slug = models.SlugField(max_length=60)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("council", Lower("name"), name="improvement_tag_unique_name"),
            models.UniqueConstraint(fields=["council", "slug"], name="improvement_tag_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class ImprovementRequest(CouncilOwned):
    number = models.PositiveIntegerField(editable=False)
    process_impacted = models.CharField(max_length=300)
    service_area_text = models.CharField(
        "service area (as written)",
        max_length=200,
        blank=True,
        help_text="The service area in the words of the person who raised it.",
    )
    service_area = models.ForeignKey(
        ServiceArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    directorate = models.ForeignKey(
        Directorate,
        verbose_name="AD area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    problem_statement = models.TextField("problem statement: what is the issue?")
    what_we_require = models.TextField(blank=True)
    form_required = models.CharField(
        "online form required", max_length=10, choices=FormRequired.choices, blank=True
    )
    pathway = models.CharField(max_length=3, choices=Pathway.choices, blank=True)
    score = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    phase = models.CharField("DMAIC phase", max_length=10, choices=Phase.choices, blank=True)
    champion = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="green belt champion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # When it was decided: it joined the waiting list (approved) or was rejected.
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    went_live_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(auto_now_add=True)
    # Where an imported request came from, so a person can trace it back to the spreadsheet.
    import_file = models.CharField(max_length=255, blank=True, editable=False)
    import_row = models.PositiveIntegerField(null=True, blank=True, editable=False)
    tags = models.ManyToManyField(Tag, blank=True, related_name="improvements")
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="improvement_unique_number")
        ]
        indexes = [
            models.Index(fields=["council", "status", "pathway"]),
            # The waiting list's order (selectors.waiting_list_for: pathways in PATHWAY_ORDER,
            # highest score first, then reference), so a page is read from the index, not
            # sorted from every request. The expression must stay the one the selector uses.
            models.Index(
                models.F("council"),
                models.Case(
                    *(
                        models.When(pathway=code, then=models.Value(rank))
                        for rank, code in enumerate(("PIP", "QW", "GBC"))
                    ),
                    default=models.Value(3),
                    output_field=models.IntegerField(),
                ),
                models.F("score").desc(),
                models.F("number"),
                name="improvement_waiting_order",
                condition=models.Q(score__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.process_impacted}"

    @property
    def reference(self) -> str:
        return f"IMP-{self.number:04d}"

    def get_absolute_url(self) -> str:
        return reverse("improvement-detail", kwargs={"number": f"{self.number:04d}"})

    @property
    def service_area_shown(self) -> str:
        return self.service_area_text or (self.service_area.name if self.service_area else "")


def _money(**kwargs: object) -> models.DecimalField:
    return models.DecimalField(
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        **kwargs,  # type: ignore[arg-type]
    )


class ImprovementSettings(CouncilOwned):
    """The council's own limits for the improvement service (one record per council)."""

    public_submissions_per_hour = models.PositiveSmallIntegerField(
        "public requests allowed from one address in an hour",
        default=5,
        validators=[MinValueValidator(1)],
    )
    max_upload_mb = models.PositiveSmallIntegerField(
        "largest evidence file (MB)", default=10, validators=[MinValueValidator(1)]
    )
    # Per submission, so one unsigned-in request cannot store a gigabyte in many files.
    max_evidence_files = models.PositiveSmallIntegerField(
        "most evidence files in one request",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    max_evidence_total_mb = models.PositiveSmallIntegerField(
        "most evidence in one request, all files together (MB)",
        default=25,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
    )
    # Goes up by one whenever a question or answer of the technical matrix changes, so every
    # score records the matrix it was made with.
    matrix_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council"], name="improvement_settings_one_per_council")
        ]

    def __str__(self) -> str:
        return f"Improvement settings for {self.council}"


class IntakeAttempt(CouncilOwned):
    """One public submission (or rating) from a client address: the rate limit counts these.

    Kept in the database so every app server sees the same count. The address is hashed.
    """

    client = models.CharField(max_length=64, db_index=True)
    kind = models.CharField(max_length=20, default="request")
    created = models.DateTimeField(auto_now_add=True, db_index=True)


class Evidence(CouncilOwned):
    improvement = models.ForeignKey(
        ImprovementRequest, on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(upload_to="improvements/evidence/%Y/%m/", max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return self.original_name


class ScoringQuestion(CouncilOwned):
    """A question of the council's technical matrix."""

    text = models.CharField("question", max_length=300)
    weight = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="The answer's points are multiplied by this.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class ScoringOption(CouncilOwned):
    question = models.ForeignKey(ScoringQuestion, on_delete=models.CASCADE, related_name="options")
    label = models.CharField("answer", max_length=200)
    points = models.DecimalField(max_digits=6, decimal_places=2)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.label} ({self.points:g})"


class Score(CouncilOwned):
    """One scoring of a request against the technical matrix. Never changed afterwards:
    re-scoring adds another. `breakdown` keeps each question, answer and points as they were."""

    improvement = models.ForeignKey(
        ImprovementRequest, on_delete=models.CASCADE, related_name="scores"
    )
    matrix_version = models.PositiveIntegerField()
    total = models.DecimalField(max_digits=7, decimal_places=2)
    breakdown = models.JSONField(default=list)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]


class DecisionNode(CouncilOwned):
    """A yes/no question of the pathway decision tree. Each answer leads to another question
    or to a pathway. The tree starts at the question with the lowest order."""

    text = models.CharField("question", max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    yes_next = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    yes_pathway = models.CharField(max_length=3, choices=Pathway.choices, blank=True)
    no_next = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    no_pathway = models.CharField(max_length=3, choices=Pathway.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class PathwayDecision(CouncilOwned):
    improvement = models.ForeignKey(
        ImprovementRequest, on_delete=models.CASCADE, related_name="pathway_decisions"
    )
    answers = models.JSONField(default=list)
    recommended = models.CharField(max_length=3, choices=Pathway.choices)
    chosen = models.CharField(max_length=3, choices=Pathway.choices)
    override_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]


class FeasibilityCategory(models.TextChoices):
    TECHNICAL = "technical", "Technical feasibility"
    COMPLIANCE = "compliance", "Compliance feasibility"
    ORGANISATIONAL = "organisational", "Organisational feasibility"
    CUSTOMER = "customer", "Customer feasibility"
    ECONOMIC = "economic", "Economic/financial feasibility"
    BARRIERS = "barriers", "Overcoming barriers"


class FeasibilityQuestion(CouncilOwned):
    category = models.CharField(max_length=20, choices=FeasibilityCategory.choices)
    text = models.CharField("feasibility question", max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class FeasibilityOutcome(models.TextChoices):
    FEASIBLE = "feasible", "Feasible"
    ON_HOLD = "on_hold", "On hold until a date"
    CLOSED = "closed", "Closed"


class FeasibilityAssessment(CouncilOwned):
    improvement = models.ForeignKey(
        ImprovementRequest, on_delete=models.CASCADE, related_name="feasibility_assessments"
    )
    answers = models.JSONField(default=list)
    outcome = models.CharField(max_length=10, choices=FeasibilityOutcome.choices)
    on_hold_until = models.DateField(null=True, blank=True)
    reason = models.TextField(blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created", "-pk"]


class PhaseCompletionReturn(CouncilOwned):
    """The seed's phase-completion return, filed at the end of each DMAIC phase."""

    improvement = models.ForeignKey(
        ImprovementRequest, on_delete=models.CASCADE, related_name="phase_returns"
    )
    phase = models.CharField(max_length=10, choices=Phase.choices)
    templates_used = models.TextField()
    documentation_complete = models.BooleanField()
    template_suggestions = models.TextField("suggested improvements to the templates", blank=True)
    communications_needed = models.TextField(blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created", "pk"]


class ChangeDecision(models.TextChoices):
    PENDING = "pending", "Waiting for the sponsor"
    AGREED = "agreed", "Agreed"
    DECLINED = "declined", "Declined"


class ChangeRequest(CouncilOwned):
    improvement = models.ForeignKey(
        ImprovementRequest, on_delete=models.CASCADE, related_name="change_requests"
    )
    change = models.TextField("what needs to change")
    reason = models.TextField("why it is needed")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    raised_on = models.DateField()
    decision = models.CharField(
        max_length=10, choices=ChangeDecision.choices, default=ChangeDecision.PENDING
    )
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["raised_on", "pk"]


class RetentionUnit(models.TextChoices):
    DAYS = "days", "Days"
    WEEKS = "weeks", "Weeks"
    MONTHS = "months", "Months"
    YEARS = "years", "Years"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class GoLiveSignOff(CouncilOwned):
    """The process owner's go-live sign-off: testing carried out, ready to go live.

    The delivery team requests it from a named owner; it counts once the owner has confirmed
    it in the app themselves (`confirmed_at`), with the case retention period.
    """

    improvement = models.ForeignKey(
        ImprovementRequest, on_delete=models.CASCADE, related_name="sign_offs"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="process owner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    process_owner = models.CharField(max_length=200)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_on = models.DateField(null=True, blank=True)
    testing_confirmed = models.BooleanField(default=False)
    retention_number = models.PositiveIntegerField(null=True, blank=True)
    retention_unit = models.CharField(max_length=20, choices=RetentionUnit.choices, blank=True)
    signed_on = models.DateField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Set when the work goes back into delivery: a new sign-off is then needed.
    withdrawn = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-pk"]

    @property
    def retention(self) -> str:
        if self.retention_unit == RetentionUnit.NOT_APPLICABLE:
            return "Not applicable"
        return f"{self.retention_number} {self.get_retention_unit_display().lower()}"


class Rating(CouncilOwned):
    """A customer's star rating of the process an improvement changes."""

    improvement = models.ForeignKey(
        ImprovementRequest, on_delete=models.CASCADE, related_name="ratings"
    )
    stars = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]


class Benefits(CouncilOwned):
    """What an improvement delivered, recorded at closure. Money in pounds, hours per year.

    The wage rate and on-cost are copied in, so a later pay award does not change the figures.
    """

    improvement = models.OneToOneField(
        ImprovementRequest, on_delete=models.CASCADE, related_name="benefits"
    )
    hours_saved_per_year = models.DecimalField(
        "officer hours saved a year",
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    wage_grade = models.CharField(max_length=100)
    hourly_cost = models.DecimalField(max_digits=8, decimal_places=2)
    on_cost_percent = models.DecimalField(max_digits=5, decimal_places=2)
    officer_time_value = _money(verbose_name="value of officer time saved a year (£)")
    one_off_costs = _money(verbose_name="one-off costs (£)")
    cashable_savings = _money(verbose_name="cashable savings a year (£)")
    online_form_delivered = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()


class Belt(models.TextChoices):
    WHITE = "white", "White belt"
    YELLOW = "yellow", "Yellow belt"
    GREEN = "green", "Green belt"


class TrainingCohort(CouncilOwned):
    belt = models.CharField(max_length=10, choices=Belt.choices)
    name = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_belt_display()})"


class TrainingDelegate(CouncilOwned):
    cohort = models.ForeignKey(TrainingCohort, on_delete=models.CASCADE, related_name="delegates")
    name = models.CharField(max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    service_area = models.ForeignKey(ServiceArea, on_delete=models.PROTECT, related_name="+")
    completed = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Workshop(CouncilOwned):
    """The monthly green belt champions' workshop."""

    held_on = models.DateField()
    attendance = models.TextField(help_text="Who came, one name a line.")
    improvements = models.ManyToManyField(
        ImprovementRequest, blank=True, related_name="workshops", verbose_name="projects discussed"
    )
    lessons_learnt = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]
