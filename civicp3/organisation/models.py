"""Councils (the tenants), their structure, their people and their roles.

Every council-owned record inherits `CouncilOwned`, whose manager is the ONE place that scopes
queries to a council: `Model.objects.for_council(council)`. Views reach records through
`civicp3.organisation.scoping`, never by an unscoped `objects.get`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from civicp3.organisation.roles import Role


class Council(models.Model):
    class Kind(models.TextChoices):
        DISTRICT = "district", "District council"
        BOROUGH = "borough", "Borough council"
        COUNTY = "county", "County council"
        UNITARY = "unitary", "Unitary authority"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    working_day_hours = models.DecimalField(
        "hours in a working day",
        max_digits=4,
        decimal_places=2,
        default=Decimal("7.50"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("24"))],
    )
    working_day_rounding = models.CharField(
        "rounding of working days",
        max_length=10,
        choices=[
            ("down", "Down to whole days worked"),
            ("nearest", "To the nearest whole day"),
        ],
        default="down",
        help_text="How hours saved become working days: 7,040 hours of 7.5 is 938 days down.",
    )
    on_cost_percent = models.DecimalField(
        "on-cost percentage",
        max_digits=5,
        decimal_places=2,
        default=Decimal("30.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("200"))],
        help_text="Employer National Insurance and pension on top of pay, as a percentage.",
    )
    corporate_plan_title = models.CharField(max_length=200, blank=True)
    corporate_plan_start_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    corporate_plan_end_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    corporate_plan_end_year__gte=models.F("corporate_plan_start_year")
                )
                | models.Q(corporate_plan_start_year__isnull=True)
                | models.Q(corporate_plan_end_year__isnull=True),
                name="council_plan_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def corporate_plan_period(self) -> str:
        if self.corporate_plan_start_year and self.corporate_plan_end_year:
            return f"{self.corporate_plan_start_year} to {self.corporate_plan_end_year}"
        return ""


class CouncilQuerySet(models.QuerySet):
    def for_council(self, council: Council) -> "CouncilQuerySet":
        return self.filter(council=council)


class CouncilOwned(models.Model):
    """A record that belongs to exactly one council."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")

    objects = CouncilQuerySet.as_manager()

    class Meta:
        abstract = True


class Directorate(CouncilOwned):
    """A directorate or assistant-director (AD) area."""

    name = models.CharField(max_length=200)
    assistant_director = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="directorate_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class ServiceArea(CouncilOwned):
    directorate = models.ForeignKey(Directorate, on_delete=models.PROTECT, related_name="areas")
    name = models.CharField(max_length=200)
    monthly_capacity_hours = models.DecimalField(
        "monthly capacity (hours)",
        max_digits=8,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Hours a month this service can give to project and improvement work.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="service_area_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class CorporatePriority(CouncilOwned):
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "corporate priorities"
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="priority_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Board(CouncilOwned):
    class Kind(models.TextChoices):
        CLT_GOVERNANCE = "clt_governance", "CLT governance board"
        ELT_PROJECT = "elt_project", "ELT project board"
        OTHER = "other", "Other board"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    meets = models.CharField(max_length=200, blank=True, help_text="For example, monthly.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="board_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class BoardMember(CouncilOwned):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    position = models.CharField(max_length=200, blank=True, help_text="For example, chair.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["board__name", "user__last_name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["board", "user"], name="board_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.username} ({self.board})"


class WageRate(CouncilOwned):
    """An hourly cost for a pay grade, before on-costs."""

    grade = models.CharField(max_length=100)
    hourly_cost = models.DecimalField(
        "hourly cost (£)",
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["grade"]
        constraints = [
            models.UniqueConstraint(fields=["council", "grade"], name="wage_rate_unique_grade")
        ]

    def __str__(self) -> str:
        return f"{self.grade}: £{self.hourly_cost}/hour"


class Membership(CouncilOwned):
    """A person's role in a council. A person may hold several roles in several councils."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["user__username", "role"]
        constraints = [
            models.UniqueConstraint(fields=["council", "user", "role"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user.username}: {self.get_role_display()} at {self.council}"
