"""Dates a council's records can hold: 1 January 2000 to 31 December 2079.

The bounds are the working-day calendar's (`civicp3.engine.calendars`), which every plan,
reminder and report date is counted on; a date outside them ("0001-01-01", "9999-12-31") is a
typing slip or an attack, and would fail later in a schedule or a download.
"""

from collections.abc import Callable
from datetime import date, datetime

from django.core.exceptions import ValidationError

from civicp3.engine.calendars import DEFAULT_FIRST, DEFAULT_LAST

EARLIEST = DEFAULT_FIRST
LATEST = DEFAULT_LAST


def date_out_of_range(value: object) -> str | None:
    """A message if `value` is a date outside the bounds, or None."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date) and not EARLIEST <= value <= LATEST:
        return f"must be between {EARLIEST:%-d %B %Y} and {LATEST:%-d %B %Y}"
    return None


def refuse_out_of_range_dates(label: str) -> Callable[[object], None]:
    """A Django field validator whose message names the field (`label`, capitalised)."""

    def validate(value: object) -> None:
        if problem := date_out_of_range(value):
            raise ValidationError(f"{label[:1].upper()}{label[1:]} {problem}", code="date_range")

    return validate
