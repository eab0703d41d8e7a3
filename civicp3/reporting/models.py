"""Who made, renewed or removed a council's reporting role, and when (the role itself lives
in PostgreSQL; this is the council's record of it)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from civicp3.organisation.models import CouncilOwned

__all__ = ["ReportingAccess"]


class ReportingAccess(CouncilOwned):
    role_name = models.CharField(max_length=63)
    active = models.BooleanField(default=True)
    password_set_at = models.DateTimeField()
    password_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council"], name="one_reporting_access_per_council")
        ]

    def __str__(self) -> str:
        return self.role_name
