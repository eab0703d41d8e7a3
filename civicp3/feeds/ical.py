"""One calendar feed as iCalendar (RFC 5545) text, with the `icalendar` library."""

from collections.abc import Iterable
from datetime import datetime, timedelta

import icalendar

from civicp3.feeds.events import Event


def calendar_of(events: Iterable[Event], *, name: str, site_url: str, now: datetime) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Civic P3//Calendar feed//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    # Outlook and others poll a subscribed calendar about this often.
    calendar.add("refresh-interval", timedelta(hours=4), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT4H")
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", event.uid)
        entry.add("dtstamp", now)
        entry.add("dtstart", event.day)
        entry.add("dtend", event.day + timedelta(days=1))
        entry.add("summary", event.summary)
        entry.add("url", site_url + event.path)
        entry.add("transp", "TRANSPARENT")  # a reminder, not time taken out of the day
        calendar.add_component(entry)
    return calendar.to_ical()
