"""A new council's progress through onboarding, and files waiting for the person to confirm."""

from django.conf import settings
from django.db import models

from civicp3.organisation.models import CouncilOwned


class StepProgress(CouncilOwned):
    """A step the council has started; `completed` once its administrator says it is done."""

    step = models.CharField(max_length=40)
    completed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council", "step"], name="onboarding_step_unique")
        ]

    def __str__(self) -> str:
        return f"{self.step}: {'completed' if self.completed else 'in progress'}"


class PendingUpload(CouncilOwned):
    """An uploaded file that passed its checks and is shown as a preview until it is imported
    or cancelled. One per step: a new upload replaces the last."""

    step = models.CharField(max_length=40)
    name = models.CharField(max_length=255, blank=True)
    data = models.BinaryField()
    project = models.ForeignKey(
        "portfolio.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now=True)
    # The background job importing the file, once the person has confirmed it.
    job = models.ForeignKey(
        "jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council", "step"], name="onboarding_upload_unique")
        ]

    def __str__(self) -> str:
        return self.name or self.step
