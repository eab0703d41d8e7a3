"""Issuing and revoking a person's calendar feed."""

import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from civicp3.api.services import digest_of
from civicp3.feeds.models import CalendarFeed
from civicp3.organisation.models import Council

SECRET_BYTES = 32


@transaction.atomic
def calendar_feed_issue(*, council: Council, user: AbstractBaseUser) -> tuple[CalendarFeed, str]:
    """A new feed secret for `user` in `council`; any earlier one stops working."""
    calendar_feed_revoke(council=council, user=user)
    raw = secrets.token_urlsafe(SECRET_BYTES)
    feed = CalendarFeed.objects.create(council=council, user=user, digest=digest_of(raw))
    return feed, raw


@transaction.atomic
def calendar_feed_revoke(*, council: Council, user: AbstractBaseUser) -> int:
    """Stop `user`'s feed in `council` working; returns how many feeds were revoked (0 or 1)."""
    return CalendarFeed.objects.filter(council=council, user=user, revoked__isnull=True).update(
        revoked=timezone.now()
    )
