"""The Productivity Plan (and any later return built the same way) and committee reports.

A `ReturnTemplate` holds a return's themes as data: title, prompt and the evidence blocks
(keys of `civicp3.productivity.evidence.EVIDENCE`) each theme shows. A `Plan` is one council's
return against a template: foreword, a narrative per theme, commitments, and a workflow from
draft to published, with every version kept as a text snapshot.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from civicp3.organisation.models import CouncilOwned
from civicp3.reports.document import DRAFT


class ReturnTemplate(CouncilOwned):
    name = models.CharField(max_length=200)
    requested_by = models.CharField(max_length=200, blank=True)
    introduction = models.TextField(blank=True)
    deadline = models.DateField(null=True, blank=True)
    min_pages = models.PositiveSmallIntegerField("fewest pages expected", default=3)
    max_pages = models.PositiveSmallIntegerField("most pages expected", default=4)
    built_in = models.BooleanField(default=False)
    # A return that goes to someone (the Productivity Plan to the department) is recorded as
    # submitted before it is published; a self-assessment goes from endorsement to publication.
    submitted = models.BooleanField("submitted before it is published", default=True)
    # The ratings a characteristic may be given, best first (empty: the return has none).
    ratings = models.JSONField(default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="return_template_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Theme(CouncilOwned):
    template = models.ForeignKey(ReturnTemplate, on_delete=models.CASCADE, related_name="themes")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    prompt = models.TextField(blank=True)
    evidence = models.JSONField(default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "order"], name="theme_order_unique")
        ]

    def __str__(self) -> str:
        return self.title


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "Leadership team review"
    ENDORSED = "endorsed", "Endorsed by members"
    SUBMITTED = "submitted", "Submitted"
    PUBLISHED = "published", "Published"


# How a plan's status prints on the document itself.
PLAN_STANDING = {
    PlanStatus.DRAFT: DRAFT,
    PlanStatus.REVIEW: DRAFT,
    PlanStatus.ENDORSED: "Endorsed",
    PlanStatus.SUBMITTED: "Submitted",
    PlanStatus.PUBLISHED: "Published",
}


class Plan(CouncilOwned):
    template = models.ForeignKey(ReturnTemplate, on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(max_length=200)
    foreword = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    committee = models.CharField("committee", max_length=200, blank=True)
    endorsed_on = models.DateField("date of the meeting", null=True, blank=True)
    amendments = models.TextField("amendments the committee made", blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("productivity-plan", args=[self.pk])


class SharedSection(CouncilOwned):
    """A section written once by its owner council (the county-wide "barriers" response) and
    shown read-only in the plans of each council it is shared with."""

    title = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    shared_with = models.ManyToManyField(
        "organisation.Council", related_name="+", blank=True, verbose_name="councils using it"
    )
    history = HistoricalRecords(m2m_fields=[shared_with])

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.council.name})"


class Narrative(CouncilOwned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="narratives")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True)
    shared = models.ForeignKey(
        SharedSection, on_delete=models.PROTECT, null=True, blank=True, related_name="uses"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "theme"], name="narrative_once_per_theme")
        ]


class Commitment(CouncilOwned):
    class Status(models.TextChoices):
        OPEN = "open", "In progress"
        DONE = "done", "Done"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="commitments")
    text = models.CharField("commitment", max_length=500)
    owner = models.CharField(max_length=200)
    due = models.DateField("due date")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.text


class PlanVersion(CouncilOwned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    label = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=PlanStatus.choices)
    text = models.TextField()
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique")
        ]

    def __str__(self) -> str:
        return f"Version {self.number}: {self.label}"


class Framework(CouncilOwned):
    """A strategy or framework the council adopts (the PMO and Improvement Framework): a
    record with its own review date, that a committee report can ask members to adopt and
    attach as an appendix."""

    title = models.CharField(max_length=300)
    version = models.CharField(max_length=50, help_text="For example 2024 - 2027")
    authors = models.TextField(blank=True)
    accountable_officer = models.CharField(max_length=300, blank=True)
    applies_to = models.CharField("the strategy applies to", max_length=300, blank=True)
    approving_committee = models.CharField("committee that approves it", max_length=200)
    approved_on = models.DateField("date approved", null=True, blank=True)
    next_review = models.DateField("next review due")
    body = models.TextField("text", help_text="Markdown")
    history = HistoricalRecords()

    class Meta:
        ordering = ["title", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "title", "version"], name="framework_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.version}"


# The fields a person fills in for a framework, in order.
FRAMEWORK_FIELDS = tuple(
    field.name
    for field in Framework._meta.local_fields
    if field.editable and field.name not in ("id", "council")
)


def default_officer_titles() -> list[str]:
    return ["Chief executive", "S151 officer", "Monitoring officer"]


class CommitteeTemplate(CouncilOwned):
    """A council's committee report template: its header fields and numbered sections, in
    order, as data the council edits (presets from Maldon, Derbyshire Dales, Oadby & Wigston)."""

    name = models.CharField(max_length=200)
    # What the template calls the three statutory officers, in order: head of paid service,
    # chief finance (S151) officer, monitoring officer.
    officer_titles = models.JSONField(default=default_officer_titles)

    class Numbering(models.TextChoices):
        NUMBERS = "numbers", "Appendix 1, Appendix 2 …"
        LETTERS = "letters", "Appendix A, Appendix B …"
        ROMAN = "roman", "Appendix i, Appendix ii …"

    appendix_numbering = models.CharField(
        "how appendices are numbered",
        max_length=10,
        choices=Numbering.choices,
        default=Numbering.NUMBERS,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="committee_template_unique")
        ]

    def __str__(self) -> str:
        return self.name


class CommitteeSection(CouncilOwned):
    class Part(models.TextChoices):
        FIELD = "field", "Labelled field"
        BODY = "body", "Numbered section (paragraphs 1.1, 1.2 …)"
        IMPLICATION = "implication", "Item under a numbered 'Implications' section"

    template = models.ForeignKey(
        CommitteeTemplate, on_delete=models.CASCADE, related_name="sections"
    )
    order = models.PositiveSmallIntegerField()
    field = models.CharField("what it shows", max_length=40)
    heading = models.CharField(max_length=300)
    part = models.CharField(max_length=20, choices=Part.choices, default=Part.BODY)
    required = models.BooleanField("must be completed before issuing", default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "order"], name="committee_section_order")
        ]

    def __str__(self) -> str:
        return self.heading


class CommitteeReport(CouncilOwned):
    """A report to committee in the council's template, sections in the template's order."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ISSUED = "issued", "Issued"

    number = models.PositiveIntegerField(editable=False)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    issued_on = models.DateField(null=True, blank=True, editable=False)
    title = models.CharField(max_length=300)
    committee = models.CharField(max_length=200)
    meeting_date = models.DateField("date of the meeting")
    author = models.CharField("report of", max_length=200)
    contact = models.CharField("author contact", max_length=300, blank=True)
    template = models.ForeignKey(
        CommitteeTemplate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name="report template",
    )
    open_or_exempt = models.CharField("open or exempt report", max_length=100, blank=True)
    wards_affected = models.CharField(max_length=300, blank=True)
    purpose = models.TextField("purpose of the report")
    summary = models.TextField("report summary", blank=True)
    background = models.TextField(blank=True)
    recommendations = models.TextField()
    strategic_objectives = models.TextField(blank=True)
    other_committee = models.TextField("consideration by council or other committee", blank=True)
    council_approval = models.TextField("council approval required", blank=True)
    exempt = models.TextField("exempt from press or public", blank=True)
    key_issues = models.TextField("summary of key issues", blank=True)
    options = models.TextField("options considered", blank=True)
    consultation = models.TextField(blank=True)
    timetable = models.TextField("timetable", blank=True)
    conclusion = models.TextField(blank=True)
    priorities_impact = models.TextField("impact on corporate priorities", blank=True)
    impact_customers = models.TextField("impact on customers", blank=True)
    impact_equalities = models.TextField("impact on equalities", blank=True)
    impact_risk = models.TextField("impact on risk (including fraud implications)", blank=True)
    impact_financial = models.TextField("impact on resources (financial)", blank=True)
    impact_human = models.TextField("impact on resources (human)", blank=True)
    impact_legal = models.TextField("legal implications", blank=True)
    impact_climate = models.TextField("impact on climate change", blank=True)
    impact_procurement = models.TextField("procurement implications", blank=True)
    impact_policy = models.TextField("policy implications", blank=True)
    impact_human_rights = models.TextField("human rights", blank=True)
    impact_health_safety = models.TextField("health and safety", blank=True)
    corporate_risks = models.TextField(
        "corporate risk management", blank=True, help_text="For example CR1, CR3, CR4"
    )
    background_papers = models.TextField(blank=True)
    enquiries_to = models.CharField(max_length=300, blank=True)
    chief_executive = models.CharField("chief executive", max_length=200, blank=True)
    chief_executive_on = models.DateField("chief executive approved on", null=True, blank=True)
    chief_executive_comment = models.TextField("chief executive's comments", blank=True)
    s151_officer = models.CharField("S151 officer", max_length=200, blank=True)
    s151_officer_on = models.DateField("S151 officer approved on", null=True, blank=True)
    s151_officer_comment = models.TextField("S151 officer's comments", blank=True)
    monitoring_officer = models.CharField("monitoring officer", max_length=200, blank=True)
    monitoring_officer_on = models.DateField(
        "monitoring officer approved on", null=True, blank=True
    )
    monitoring_officer_comment = models.TextField("monitoring officer's comments", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-meeting_date", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="committee_report_number")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("committee-report", args=[self.number])


class CommitteeAppendix(CouncilOwned):
    """One appendix of a committee report, in the order the report numbers them."""

    class Kind(models.TextChoices):
        FRAMEWORK = "framework", "A strategy or framework, for adoption"
        PLAN = "plan", "A plan or self-assessment"
        UPDATE = "update", "A plan's six-monthly update"
        REPORT = "report", "A PMO report"

    report = models.ForeignKey(CommitteeReport, on_delete=models.CASCADE, related_name="appendices")
    order = models.PositiveSmallIntegerField()
    kind = models.CharField("what is attached", max_length=20, choices=Kind.choices)
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    pmo_report = models.CharField("PMO report", max_length=50, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "order"], name="committee_appendix_order")
        ]

    def __str__(self) -> str:
        return str(self.plan or self.framework or self.pmo_report)


def snapshot_path(snapshot: "Snapshot", filename: str) -> str:
    return f"snapshots/{snapshot.council.slug}/{filename}"


class Snapshot(CouncilOwned):
    """A document of record as it was endorsed, submitted, published or issued: the page, PDF
    and Word file exactly as members and the public read them (in storage, each with its
    SHA-256) and the figures behind them. Written once and never rendered again."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, null=True, blank=True, related_name="snapshots"
    )
    committee_report = models.ForeignKey(
        CommitteeReport, on_delete=models.CASCADE, null=True, blank=True, related_name="snapshots"
    )
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=20)  # as printed: Endorsed, Submitted, Published, Issued
    title = models.CharField(max_length=300)
    as_at = models.DateField("figures as at")
    figures = models.JSONField(default=dict)
    text = models.TextField()
    pages = models.PositiveSmallIntegerField()
    html = models.FileField(upload_to=snapshot_path)
    html_sha256 = models.CharField(max_length=64)
    pdf = models.FileField(upload_to=snapshot_path)
    pdf_sha256 = models.CharField(max_length=64)
    docx = models.FileField(upload_to=snapshot_path)
    docx_sha256 = models.CharField(max_length=64)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    FORMATS = ("html", "pdf", "docx")

    class Meta:
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(plan__isnull=False, committee_report__isnull=True)
                | models.Q(plan__isnull=True, committee_report__isnull=False),
                name="snapshot_of_one_document",
            ),
            models.UniqueConstraint(fields=["plan", "number"], name="snapshot_plan_number"),
            models.UniqueConstraint(
                fields=["committee_report", "number"], name="snapshot_report_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}: {self.status}, figures as at {self.as_at:%-d %B %Y}"

    def read(self, fmt: str) -> bytes:
        """The stored file, as it was written."""
        with getattr(self, fmt).open("rb") as handle:
            data: bytes = handle.read()
        return data

    def page_html(self) -> str:
        """The document's part of the stored page (its body), for the public page."""
        html = self.read("html").decode()
        return html[html.index("<body>") + len("<body>") : html.rindex("</body>")]


# The fields a person fills in, in the template's order.
COMMITTEE_REPORT_FIELDS = tuple(
    field.name
    for field in CommitteeReport._meta.local_fields
    if field.editable and field.name not in ("id", "council", "number")
)


# --- Best Value self-assessment (issue 24): characteristics per theme, and a rating and
# narrative per characteristic in each self-assessment (a `Plan` on the template). ---


class Characteristic(CouncilOwned):
    """One characteristic a theme is assessed against, as data the council edits or loads
    from its own list; `sample` marks the illustrative list Civic P3 ships (not the guidance's
    words), so a council knows to replace it."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="characteristics")
    order = models.PositiveSmallIntegerField()
    text = models.CharField("characteristic", max_length=500)
    sample = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["theme__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "order"], name="characteristic_order_unique")
        ]

    def __str__(self) -> str:
        return self.text


class Assessment(CouncilOwned):
    """A self-assessment's rating of one characteristic, with the narrative behind it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assessments")
    characteristic = models.ForeignKey(
        Characteristic, on_delete=models.CASCADE, related_name="assessments"
    )
    rating = models.CharField(max_length=100, blank=True)
    narrative = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "characteristic"], name="assessment_once_per_characteristic"
            )
        ]
