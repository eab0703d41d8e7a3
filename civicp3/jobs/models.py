"""Long work (imports, document renders) run in the background, with its progress and result."""

from django.conf import settings
from django.db import models

from civicp3.organisation.models import CouncilOwned


class Job(CouncilOwned):
    """One piece of background work a person started: how far it has got and how it ended."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "In progress"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    class Kind(models.TextChoices):
        WORK_LIST_IMPORT = "work-list-import", "Work list import"
        ONBOARDING_IMPORT = "onboarding-import", "Setting up your council: import"
        DOCUMENT = "document", "Document"

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    label = models.CharField(max_length=200)
    runner = models.CharField(max_length=200)
    arguments = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    unit = models.CharField(max_length=20, default="rows")
    message = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)
    problems = models.JSONField(default=list, blank=True)
    result_file = models.FileField(upload_to="jobs/%Y/%m/", blank=True, max_length=300)
    result_name = models.CharField(max_length=200, blank=True)
    result_url = models.CharField(max_length=500, blank=True)
    result_label = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["council", "started_by", "-created"])]

    def __str__(self) -> str:
        return f"{self.label} (reference {self.pk})"

    @property
    def active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0

    @property
    def progress_text(self) -> str:
        if not self.total:
            return "Not started yet" if self.status == self.Status.QUEUED else "Starting"
        return f"{self.done} of {self.total} {self.unit}"
