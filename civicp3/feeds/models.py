"""A person's calendar feed in one council: a secret URL Outlook subscribes to, revocable.

Only a SHA-256 digest of the secret is stored; the URL is shown once, when issued.
"""

from django.conf import settings
from django.db import models

from civicp3.organisation.models import CouncilOwned

__all__ = ["CalendarFeed"]


class CalendarFeed(CouncilOwned):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    revoked = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"Calendar feed of {self.user} in {self.council}"
