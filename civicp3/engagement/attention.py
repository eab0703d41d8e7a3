"""What the champions' records put on the home page's attention panel (and the daily digest)."""

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from civicp3.engagement import selectors
from civicp3.engagement.services import engagement_settings
from civicp3.organisation.models import Council
from civicp3.organisation.roles import can


def champion_reminders(
    council: Council, roles: frozenset[str], today: date
) -> Iterator[tuple[int, str, str, str, bool]]:
    """(count, one, many, url, urgent) for each reminder the person's roles may act on."""
    if not can(roles, "champions.manage"):
        return
    rules = engagement_settings(council)
    url = reverse("engagement-champions")
    ending = selectors.terms_ending(council, today, rules.term_reminder_days)
    yield (
        ending.count(),
        f"member champion's term ends within {rules.term_reminder_days} days",
        f"member champions' terms end within {rules.term_reminder_days} days",
        url,
        False,
    )
    since = selectors.awaiting_appointment(council, today, rules.annual_council_month)
    if since is not None:
        yield (
            1,
            f"set of member champions to appoint since the annual council ({since:%B %Y})",
            "",
            url,
            True,
        )
    overdue = selectors.actions_overdue(council, today)
    yield (
        overdue.count(),
        "champions' meeting action is overdue",
        "champions' meeting actions are overdue",
        url,
        True,
    )
