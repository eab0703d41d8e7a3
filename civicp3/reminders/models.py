"""Reminders: something a person must do (an overdue update, a review, a sign-off, a decision).

A reminder is recorded once per person and thing (`key`), whoever finds it first, and sent in
one daily digest; `sent` is set in the same transaction that claims it, so two runs of
`civicp3 send_reminders` at once never send it twice.
"""

from django.conf import settings
from django.db import models

from civicp3.organisation.models import CouncilOwned

__all__ = ["Reminder"]


class Reminder(CouncilOwned):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=40)
    key = models.CharField(
        max_length=200, help_text="What it is about, e.g. highlight:PRJ-0004:2026-11"
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    due = models.DateField()
    created = models.DateTimeField(auto_now_add=True)
    sent = models.DateTimeField(null=True, blank=True)
    done = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="reminder_once_per_thing")
        ]

    def __str__(self) -> str:
        return self.text
