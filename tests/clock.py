"""The tests' clock: every test runs at one fixed instant, never at the real date.

The instant comes from `CIVICP3_TEST_NOW` (an ISO 8601 date-time with its offset), so the suite
can be run at any moment of any year; `make test` runs the SQLite pass and the PostgreSQL pass at
two different instants far apart (see the Makefile), which catches a test that only passes on
some dates. Unset, it is `DEFAULT_NOW`.

The clock is frozen with time-machine from the start of the session (so fixtures of any scope,
migrations and the live server's thread see it) and set back to the instant at the start of each
test; it ticks, so timeouts and "older than" checks still see time pass. Processes the tests start
(app servers, task workers, commands) are on the same clock: `tests/clock_site/sitecustomize.py`
moves them to the parent's current instant when they start.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine

DEFAULT_NOW = "2027-01-04T09:30:00+00:00"  # a Monday, the first working day of the year
ENV = "CIVICP3_TEST_NOW"
# What a child process reads: the instant and the real time at which the parent's clock stood there.
CHILD_ENV = "CIVICP3_TEST_CLOCK"
CLOCK_SITE = Path(__file__).resolve().parent / "clock_site"


def configured_instant() -> datetime:
    """The instant every test starts at, from `CIVICP3_TEST_NOW`; it must carry its UTC offset."""
    raw = os.environ.get(ENV) or DEFAULT_NOW
    try:
        instant = datetime.fromisoformat(raw)
    except ValueError:
        raise pytest.UsageError(f"{ENV}={raw!r} is not an ISO 8601 date-time") from None
    if instant.tzinfo is None:
        raise pytest.UsageError(f"{ENV}={raw!r} needs its UTC offset, e.g. {DEFAULT_NOW}")
    return instant


INSTANT = configured_instant()


def now() -> datetime:
    """The tests' clock now: `INSTANT` and the seconds the test has run (or where it moved it)."""
    from django.utils import timezone

    return timezone.now()


def today() -> date:
    """The tests' clock's date in the council's time zone (Europe/London)."""
    from django.utils import timezone

    return timezone.localdate(now())


_SESSION_TRAVELLER = pytest.StashKey[time_machine.travel]()


def next_month() -> date:
    """The first day of the month after `today()`: a period the demo holds nothing for yet."""
    return (today().replace(day=1) + timedelta(days=31)).replace(day=1)


def _share_with_children(traveller_started_at: float) -> None:
    os.environ[CHILD_ENV] = f"{INSTANT.isoformat()}@{traveller_started_at!r}"


def pytest_configure(config: pytest.Config) -> None:
    # Before any fixture, migration or thread runs: nothing in the session sees the real date.
    traveller = time_machine.travel(INSTANT, tick=True)
    traveller.start()
    config.stash[_SESSION_TRAVELLER] = traveller
    _share_with_children(time_machine.escape_hatch.time.time())
    paths = [str(CLOCK_SITE), *filter(None, [os.environ.get("PYTHONPATH")])]
    os.environ["PYTHONPATH"] = os.pathsep.join(paths)


def pytest_unconfigure(config: pytest.Config) -> None:
    traveller = config.stash.get(_SESSION_TRAVELLER, None)
    if traveller is not None:
        traveller.stop()


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[time_machine.Coordinates]:
    """Every test starts at `INSTANT`, whatever ran before it."""
    with time_machine.travel(INSTANT, tick=True) as traveller:
        _share_with_children(time_machine.escape_hatch.time.time())
        yield traveller
