"""Building insight (seed 001, section 1 VI): what customers say about a service, and the
councillors appointed as Member Improvement Champions, their meetings and what they hear."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from civicp3.improvements.models import ImprovementRequest
from civicp3.organisation.models import CouncilOwned, ServiceArea


class EngagementSettings(CouncilOwned):
    """The council's own rules for feedback and champions (one record per council)."""

    raise_at_or_below = models.PositiveSmallIntegerField(
        "raise an improvement request for ratings at or below (stars)",
        default=2,
        validators=[MaxValueValidator(5)],
        help_text="A rating of this many stars or fewer becomes an improvement request for the "
        "improvement team to triage. 0 turns this off.",
    )
    annual_council_month = models.PositiveSmallIntegerField(
        "month of the annual council meeting",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="Member champions are appointed each year after it (the statutory annual "
        "council is usually in May).",
    )
    term_reminder_days = models.PositiveSmallIntegerField(
        "days before a champion's term ends to remind the team",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council"], name="engagement_settings_one_per_council")
        ]

    def __str__(self) -> str:
        return f"Feedback and champion settings for {self.council}"


class ServiceFeedback(CouncilOwned):
    """One "rate this service" answer: 1 to 5 stars and a comment, not tied to a request."""

    class Channel(models.TextChoices):
        PUBLIC = "public", "Public form"
        STAFF = "staff", "Staff form"

    service_area = models.ForeignKey(
        ServiceArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    service_area_text = models.CharField("service (as described)", max_length=200, blank=True)
    stars = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The request the council's low-rating rule raised from it, if any.
    improvement = models.ForeignKey(
        ImprovementRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.stars} star feedback on {self.service_name}"

    @property
    def service_name(self) -> str:
        return self.service_area.name if self.service_area_id else self.service_area_text  # type: ignore[union-attr]


class ChampionAppointment(CouncilOwned):
    """A councillor appointed as a Member Improvement Champion by a committee, for a term."""

    councillor = models.CharField(max_length=200)
    committee = models.CharField("appointing committee", max_length=200)
    appointed_on = models.DateField("date of the committee's decision")
    term_start = models.DateField()
    term_end = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-term_start", "councillor", "pk"]

    def __str__(self) -> str:
        return f"{self.councillor} ({self.committee}, {self.term_start:%Y} to {self.term_end:%Y})"


class ChampionMeeting(CouncilOwned):
    """A meeting of the team and the member champions (first in September, then quarterly)."""

    held_on = models.DateField("date")
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Champions' meeting on {self.held_on:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("engagement-meeting", args=[self.pk])


class MeetingAction(CouncilOwned):
    meeting = models.ForeignKey(ChampionMeeting, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField("action", max_length=500)
    owner = models.CharField(max_length=200)
    due_on = models.DateField("due date")
    done = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["done", "due_on", "pk"]

    def __str__(self) -> str:
        return self.text


class InsightNote(CouncilOwned):
    """What a member champion heard from customers: the voice of the customer, which can
    become an improvement request."""

    appointment = models.ForeignKey(
        ChampionAppointment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="insight_notes",
        verbose_name="champion",
    )
    service_area = models.ForeignKey(
        ServiceArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    heard_on = models.DateField("date heard")
    summary = models.CharField("what customers said", max_length=300)
    detail = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    improvement = models.ForeignKey(
        ImprovementRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-heard_on", "-pk"]

    def __str__(self) -> str:
        return self.summary
