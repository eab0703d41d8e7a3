"""The tests' clock (tests/clock.py): no test, thread or process the tests start reads the real
date, so the suite passes on any day of any year."""

import re
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import time_machine
from django.utils import timezone

from tests.clock import INSTANT, today

TESTS = Path(__file__).resolve().parent
# Ticking from the instant, a test has run for at most this long when it reads the clock.
SLACK = timedelta(minutes=5)


def near_the_instant(moment: datetime) -> bool:
    return INSTANT <= moment < INSTANT + SLACK


def test_a_test_runs_at_the_configured_instant():
    assert near_the_instant(timezone.now())
    assert near_the_instant(datetime.now(UTC))
    assert today() == timezone.localdate(INSTANT)


def test_each_test_starts_at_the_instant_again(frozen_clock):
    frozen_clock.shift(timedelta(days=400))
    assert today() == timezone.localdate(INSTANT) + timedelta(days=400)
    frozen_clock.move_to(INSTANT)
    assert near_the_instant(timezone.now())


def test_a_thread_sees_the_instant():
    seen: list[datetime] = []
    thread = threading.Thread(target=lambda: seen.append(timezone.now()))
    thread.start()
    thread.join()
    assert near_the_instant(seen[0])


def test_a_process_the_tests_start_sees_the_instant():
    code = "import datetime; print(datetime.datetime.now(datetime.UTC).isoformat())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert near_the_instant(datetime.fromisoformat(out.stdout.strip()))


def test_a_test_that_moves_the_clock_returns_to_the_frozen_one():
    """Every read above is of the clock `tests.clock` froze with time-machine; a test may move
    it further with its own `time_machine.travel`, and leaving that puts the frozen one back."""
    later = INSTANT + timedelta(days=400)
    with time_machine.travel(later, tick=False):
        assert timezone.now() == later
        assert today() == timezone.localdate(later)
    assert near_the_instant(timezone.now())


def test_no_test_reaches_past_the_frozen_clock():
    """Only the clock itself may read the real time (time-machine's escape hatch)."""
    allowed = {TESTS / "clock.py", Path(__file__)}
    escaping = [
        str(path.relative_to(TESTS))
        for path in TESTS.rglob("*.py")
        if path not in allowed and "escape_hatch" in path.read_text(encoding="utf-8")
    ]
    assert escaping == []


def test_tests_read_the_date_from_the_tests_clock():
    """A test takes today's date from `tests.clock` (`today()`, `now()`), so a reader sees at
    once which clock a date comes from, and a grep finds every date a test depends on."""
    direct = re.compile(r"(date\.today|datetime\.now|timezone\.(now|localdate))\(\)")
    allowed = {TESTS / "clock.py", Path(__file__)}
    reading = [
        str(path.relative_to(TESTS))
        for path in TESTS.rglob("*.py")
        if path not in allowed and direct.search(path.read_text(encoding="utf-8"))
    ]
    assert reading == []
