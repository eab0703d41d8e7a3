"""The P3 register: portfolios contain programmes, which contain projects.

One model holds all three, told apart by `kind`, because the PMO classifies the work only at
concept stage (seed section 3: "Project, programme and portfolio definitions") and the same
record then carries on. State changes go through `civicp3.portfolio.services`.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from civicp3.organisation.models import CouncilOwned, Directorate, ServiceArea

__all__ = ["Kind", "Project"]


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
