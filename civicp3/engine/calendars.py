"""Working calendars: which days are worked, how long a working day is, bank holidays.

A :class:`WorkingCalendar` numbers its working days 0, 1, 2, ... from ``first`` (the *working-day
index*) and precomputes numpy arrays so that date <-> index is O(1).

Positions. The scheduling engine places events on a continuous axis of working days: position
``p`` is ``p`` working days after the start of working day 0. Position ``k`` (a whole number) is
both the start of working day ``k`` and the end of working day ``k - 1``: non-working time between
them has no length. So a task of ``d`` working days starting at ``s`` ends at ``s + d``, and,
as MS Project shows it, *finishes on* working day ``s + d - 1``; an FS successor with lag 0
starts at ``s + d``, the next working day; a milestone (``d == 0``) finishes on its start day.

Hours per day (default 7.5) are a float, used to turn hour-level lags into fractions of a day
and positions into clock times (``day_periods``, default one block from 09:00). Bank holidays
come from the ``holidays`` package: ``"england-and-wales"`` (the default, also the holidays of
Wales), ``"scotland"``, ``"northern-ireland"`` or ``None``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta

import holidays as holidays_pkg
import numpy as np
from numpy.typing import NDArray

__all__ = ["HOLIDAY_REGIONS", "CalendarError", "WorkingCalendar"]

HOLIDAY_REGIONS: dict[str, str] = {
    "england-and-wales": "ENG",
    "scotland": "SCT",
    "northern-ireland": "NIR",
}

DEFAULT_FIRST = date(2000, 1, 1)
DEFAULT_LAST = date(2079, 12, 31)


class CalendarError(ValueError):
    """Bad calendar settings, or a date outside the calendar's precomputed range."""


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


class WorkingCalendar:
    """Working days between ``first`` and ``last`` (inclusive), with O(1) conversions.

    ``weekdays`` are working weekdays (Monday = 0; default Monday to Friday). ``closures`` are
    extra non-working dates (e.g. a Christmas shutdown); ``working_days`` are dates worked even
    though they would not be (e.g. a Saturday exception). ``hours_per_day`` is a float in hours.
    ``day_periods`` are the working clock times of a day, e.g. ``((08:00, 12:00), (13:00,
    17:00))``; they must add up to ``hours_per_day``.
    """

    def __init__(
        self,
        *,
        hours_per_day: float = 7.5,
        weekdays: Iterable[int] = (0, 1, 2, 3, 4),
        holidays: str | None = "england-and-wales",
        closures: Iterable[date] = (),
        working_days: Iterable[date] = (),
        day_periods: Sequence[tuple[time, time]] | None = None,
        first: date = DEFAULT_FIRST,
        last: date = DEFAULT_LAST,
        name: str = "Standard",
    ) -> None:
        if not (0 < hours_per_day <= 24):
            raise CalendarError("hours_per_day must be more than 0 and at most 24")
        if last < first:
            raise CalendarError("calendar range is empty")
        if holidays is not None and holidays not in HOLIDAY_REGIONS:
            raise CalendarError(
                f"unknown holidays {holidays!r}: use one of {', '.join(HOLIDAY_REGIONS)} or none"
            )
        self.name = name
        self.hours_per_day = float(hours_per_day)
        self.weekdays = frozenset(int(w) for w in weekdays)
        if not self.weekdays or not self.weekdays <= set(range(7)):
            raise CalendarError("weekdays must be a non-empty set of 0 (Monday) .. 6 (Sunday)")
        self.holiday_region = holidays
        self.closures = frozenset(closures)
        self.extra_working_days = frozenset(working_days)
        self.first = first
        self.last = last
        if day_periods is None:
            start = 9 * 60
            end = start + round(self.hours_per_day * 60)
            day_periods = ((time(start // 60, start % 60), time(end // 60 % 24, end % 60)),)
        self.day_periods: tuple[tuple[time, time], ...] = tuple(day_periods)
        spans = [(_minutes(a), _minutes(b) or 24 * 60) for a, b in self.day_periods]
        if any(b <= a for a, b in spans) or any(
            spans[i][1] > spans[i + 1][0] for i in range(len(spans) - 1)
        ):
            raise CalendarError("day_periods must be ordered, non-overlapping clock ranges")
        if abs(sum(b - a for a, b in spans) - self.hours_per_day * 60) > 1e-6:
            raise CalendarError("day_periods must add up to hours_per_day")
        self._spans = spans

        n_days = (last - first).days + 1
        self._first_ord = first.toordinal()
        dows = (np.arange(n_days) + first.weekday()) % 7
        mask = np.isin(dows, np.fromiter(self.weekdays, dtype=np.int64))
        off: list[date] = []
        if holidays is not None:
            years = range(first.year, last.year + 1)
            off.extend(
                holidays_pkg.country_holidays("GB", subdiv=HOLIDAY_REGIONS[holidays], years=years)
            )
        off.extend(self.closures)
        for d in off:
            k = d.toordinal() - self._first_ord
            if 0 <= k < n_days:
                mask[k] = False
        for d in self.extra_working_days:
            k = d.toordinal() - self._first_ord
            if 0 <= k < n_days:
                mask[k] = True
        self._is_working: NDArray[np.bool_] = mask
        # _before[k]: working days strictly before calendar day k (length n_days + 1).
        self._before: NDArray[np.int64] = np.concatenate(([0], np.cumsum(mask, dtype=np.int64)))
        self._ordinals: NDArray[np.int64] = np.flatnonzero(mask).astype(np.int64) + self._first_ord
        if self._ordinals.size == 0:
            raise CalendarError("the calendar has no working days")

    # -- identity -------------------------------------------------------------------------
    def __repr__(self) -> str:
        return (
            f"WorkingCalendar(name={self.name!r}, hours_per_day={self.hours_per_day}, "
            f"holidays={self.holiday_region!r}, closures={len(self.closures)})"
        )

    def _key(self) -> tuple[object, ...]:
        return (
            self.hours_per_day,
            self.weekdays,
            self.holiday_region,
            self.closures,
            self.extra_working_days,
            self.day_periods,
            self.first,
            self.last,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WorkingCalendar) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    @property
    def n_working_days(self) -> int:
        return int(self._ordinals.size)

    @property
    def working_ordinals(self) -> NDArray[np.int64]:
        """``date.toordinal()`` of every working day, by working-day index (read-only view)."""
        view = self._ordinals.view()
        view.flags.writeable = False
        return view

    # -- days -----------------------------------------------------------------------------
    def _k(self, d: date) -> int:
        k = d.toordinal() - self._first_ord
        if not 0 <= k < self._is_working.size:
            raise CalendarError(
                f"{d.isoformat()} is outside the calendar ({self.first}..{self.last})"
            )
        return k

    def is_working_day(self, d: date) -> bool:
        return bool(self._is_working[self._k(d)])

    def index_on_or_after(self, d: date) -> int:
        """Working-day index of ``d``, or of the next working day if ``d`` is not worked."""
        i = int(self._before[self._k(d)])
        if i >= self._ordinals.size:
            raise CalendarError(f"no working day on or after {d} in the calendar")
        return i

    def index_on_or_before(self, d: date) -> int:
        """Working-day index of ``d``, or of the previous working day if ``d`` is not worked."""
        i = int(self._before[self._k(d) + 1]) - 1
        if i < 0:
            raise CalendarError(f"no working day on or before {d} in the calendar")
        return i

    def date_of(self, index: int) -> date:
        """The date of working day ``index``."""
        if not 0 <= index < self._ordinals.size:
            raise CalendarError(f"working day {index} is outside the calendar")
        return date.fromordinal(int(self._ordinals[index]))

    def dates_of(self, indices: NDArray[np.int64]) -> NDArray[np.int64]:
        """Vectorised :meth:`date_of`, returning ``date.toordinal()`` values."""
        if indices.size and (indices.min() < 0 or indices.max() >= self._ordinals.size):
            raise CalendarError("a working-day index is outside the calendar")
        return self._ordinals[indices]

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        return self.date_of(self.index_on_or_after(d + timedelta(days=1)))

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        return self.date_of(self.index_on_or_before(d - timedelta(days=1)))

    def add_working_days(self, d: date, n: int) -> date:
        """``n`` working days after ``d`` (before it if ``n < 0``).

        From a non-working day, counting starts at the next working day when ``n >= 0`` and at
        the previous one when ``n < 0``; ``add_working_days(d, 0)`` rolls forward to a working day.
        """
        if n >= 0:
            return self.date_of(self.index_on_or_after(d) + n)
        return self.date_of(self.index_on_or_before(d) + n + (0 if self.is_working_day(d) else 1))

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in the half-open range ``[a, b)``; negative when ``b < a``."""
        return int(self._before[self._k(b)] - self._before[self._k(a)])

    def working_days_in(self, a: date, b: date) -> int:
        """Working days from ``a`` to ``b`` inclusive (0 when ``b < a``)."""
        return max(0, int(self._before[self._k(b) + 1] - self._before[self._k(a)]))

    # -- positions (working days as floats) ------------------------------------------------
    def start_position(self, when: date | datetime) -> float:
        """Position of an instant: a date means the start of that (or the next working) day."""
        if isinstance(when, datetime):
            k = self._k(when.date())
            base = float(self._before[k])
            if not self._is_working[k]:
                return base
            return base + self._worked_before(when.time()) / (self.hours_per_day * 60)
        return float(self.index_on_or_after(when))

    def finish_position(self, when: date | datetime) -> float:
        """Position of a finish: a date means the end of that (or the previous working) day."""
        if isinstance(when, datetime):
            return self.start_position(when)
        return float(self.index_on_or_before(when) + 1)

    def _worked_before(self, t: time) -> float:
        m = t.hour * 60 + t.minute + t.second / 60
        return float(sum(max(0.0, min(m, b) - a) for a, b in self._spans))

    def start_date(self, position: float) -> date:
        """The day a task starting at ``position`` is shown to start on."""
        return self.date_of(math.floor(position + 1e-9))

    def finish_date(self, position: float, *, milestone: bool = False) -> date:
        """The day a task ending at ``position`` is shown to finish on (the day before when the
        position is a day boundary); a milestone finishes on its start day."""
        if milestone:
            return self.start_date(position)
        return self.date_of(math.ceil(position - 1e-9) - 1)

    def start_datetime(self, position: float) -> datetime:
        """Clock time of a start: at a break, the start of the next working period."""
        day = math.floor(position + 1e-9)
        return self._clock(day, (position - day) * self.hours_per_day * 60, at_end=False)

    def finish_datetime(self, position: float) -> datetime:
        """Clock time of a finish: at a break, the end of the previous working period."""
        day = math.ceil(position - 1e-9) - 1
        return self._clock(day, (position - day) * self.hours_per_day * 60, at_end=True)

    def _clock(self, day: int, minutes: float, *, at_end: bool) -> datetime:
        d = self.date_of(day)
        minutes = round(minutes, 6)
        left = minutes
        for a, b in self._spans:
            span = b - a
            if left < span or (at_end and left <= span):
                m = round(a + left)
                return datetime.combine(d, time()) + timedelta(minutes=m)
            left -= span
        a, b = self._spans[-1]
        return datetime.combine(d, time()) + timedelta(minutes=b)
