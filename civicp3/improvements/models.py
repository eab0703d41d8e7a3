"""Improvement requests: what someone raised, where it sits on the waiting list, its lifecycle.

State changes go through `civicp3.improvements.services`; reads through `selectors`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from civicp3.improvements.lifecycle import Status
from civicp3.organisation.models import CouncilOwned, Directorate, ServiceArea

__all__ = ["FormRequired", "ImprovementRequest", "Pathway", "Status"]


class Pathway(models.TextChoices):
    """The seed's three delivery pathways; the value is the code used in the work lists."""

    PIP = "PIP", "Fully managed (PIP)"
    QW = "QW", "Supported quick win (QW)"
    GBC = "GBC", "Self-serve by a green belt champion (GBC)"


class FormRequired(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_SURE = "not_sure", "Not sure"


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
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="improvement_unique_number")
        ]
        indexes = [models.Index(fields=["council", "status", "pathway"])]

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
