"""The person's calendar feed page, and the feed itself (fetched by Outlook without a session)."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from civicp3.api.services import digest_of
from civicp3.feeds import services
from civicp3.feeds.events import events_for
from civicp3.feeds.ical import calendar_of
from civicp3.feeds.models import CalendarFeed
from civicp3.organisation.models import Membership
from civicp3.organisation.scoping import council_view, current_council, public_view


# Everyone in a council may follow their own dates; the feed holds only what their roles see.
@council_view("council.view")
def feed_settings(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    issued_url = ""
    if request.method == "POST" and request.POST.get("action") == "revoke":
        if services.calendar_feed_revoke(council=council, user=request.user):
            messages.success(request, "Calendar feed turned off: its address no longer works")
        return redirect("calendar-settings")
    if request.method == "POST":
        _, secret = services.calendar_feed_issue(council=council, user=request.user)
        issued_url = request.build_absolute_uri(reverse("calendar-feed", args=[secret]))
    feed = (
        CalendarFeed.objects.for_council(council)
        .filter(  # type: ignore[attr-defined]
            user=request.user, revoked__isnull=True
        )
        .first()
    )
    return render(request, "feeds/settings.html", {"feed": feed, "issued_url": issued_url})


@public_view("Calendar programs fetch the feed without signing in; its secret URL is the key.")
def feed(request: HttpRequest, secret: str) -> HttpResponse:
    record = (
        CalendarFeed.objects.select_related("council", "user")
        .filter(digest=digest_of(secret), revoked__isnull=True, user__is_active=True)
        .first()
    )
    if record is None:
        raise Http404("No such calendar feed")
    roles = frozenset(
        Membership.objects.filter(user=record.user, council=record.council).values_list(
            "role", flat=True
        )
    )
    if not roles:
        raise Http404("No such calendar feed")  # the person has left the council
    body = calendar_of(
        events_for(record.council, roles, timezone.localdate()),
        name=f"Civic P3: {record.council}",
        site_url=settings.SITE_URL,
        now=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
