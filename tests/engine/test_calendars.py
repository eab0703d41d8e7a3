"""Working calendars: weekends, England and Wales bank holidays, closures, day arithmetic."""

from datetime import date, datetime, time

import pytest

from civicp3.engine.calendars import CalendarError, WorkingCalendar

CAL = WorkingCalendar()  # Mon-Fri, 7.5 h, England and Wales bank holidays


def test_it_skips_weekends():
    assert CAL.add_working_days(date(2025, 1, 10), 1) == date(2025, 1, 13)  # Fri -> Mon
    assert CAL.is_working_day(date(2025, 1, 11)) is False


def test_it_skips_england_and_wales_bank_holidays():
    # Good Friday 18 April and Easter Monday 21 April 2025
    assert CAL.next_working_day(date(2025, 4, 17)) == date(2025, 4, 22)
    assert CAL.previous_working_day(date(2025, 4, 22)) == date(2025, 4, 17)
    # Boxing Day 2026 is a Saturday, so Monday 28 December is the substitute day
    assert CAL.is_working_day(date(2026, 12, 28)) is False


def test_it_uses_scottish_holidays_when_asked():
    scotland = WorkingCalendar(holidays="scotland")
    assert scotland.is_working_day(date(2025, 1, 2)) is False  # 2 January
    assert CAL.is_working_day(date(2025, 1, 2)) is True


def test_it_applies_a_christmas_shutdown():
    cal = WorkingCalendar(closures=[date(2025, 12, 29), date(2025, 12, 30), date(2025, 12, 31)])
    assert cal.next_working_day(date(2025, 12, 24)) == date(2026, 1, 2)
    assert CAL.next_working_day(date(2025, 12, 24)) == date(2025, 12, 29)


def test_it_counts_working_days_both_ways():
    assert CAL.working_days_between(date(2025, 1, 6), date(2025, 1, 13)) == 5
    assert CAL.working_days_between(date(2025, 1, 13), date(2025, 1, 6)) == -5
    assert CAL.working_days_in(date(2025, 4, 14), date(2025, 4, 25)) == 8  # Easter fortnight


def test_it_adds_negative_working_days():
    assert CAL.add_working_days(date(2025, 1, 13), -1) == date(2025, 1, 10)
    assert CAL.add_working_days(date(2025, 1, 12), -1) == date(2025, 1, 10)  # from a Sunday


def test_it_rolls_a_weekend_to_the_next_working_day_when_adding_zero():
    assert CAL.add_working_days(date(2025, 1, 11), 0) == date(2025, 1, 13)


def test_it_converts_dates_to_indices_and_back():
    i = CAL.index_on_or_after(date(2025, 1, 6))
    assert CAL.date_of(i) == date(2025, 1, 6)
    assert CAL.date_of(i + 5) == date(2025, 1, 13)
    assert CAL.index_on_or_before(date(2025, 1, 12)) == i + 4


def test_positions_follow_the_ms_project_date_convention():
    s = CAL.start_position(date(2025, 1, 6))
    assert CAL.finish_date(s + 5) == date(2025, 1, 10)  # 5 days from Monday finish Friday
    assert CAL.start_date(s + 5) == date(2025, 1, 13)  # the next task starts Monday
    assert CAL.finish_date(s, milestone=True) == date(2025, 1, 6)


def test_it_turns_clock_times_into_fractions_of_a_day():
    cal = WorkingCalendar(
        hours_per_day=8, holidays=None, day_periods=((time(8), time(12)), (time(13), time(17)))
    )
    monday = cal.start_position(date(2026, 10, 5))
    assert cal.start_position(datetime(2026, 10, 5, 10)) == monday + 0.25
    assert cal.start_position(datetime(2026, 10, 5, 12, 30)) == monday + 0.5  # lunch
    assert cal.start_datetime(monday + 0.5) == datetime(2026, 10, 5, 13)
    assert cal.finish_datetime(monday + 0.5) == datetime(2026, 10, 5, 12)
    assert cal.finish_datetime(monday + 1) == datetime(2026, 10, 5, 17)


def test_it_refuses_dates_outside_its_range():
    with pytest.raises(CalendarError, match="outside the calendar"):
        CAL.index_on_or_after(date(1990, 1, 1))


def test_it_refuses_an_unknown_holiday_region():
    with pytest.raises(CalendarError, match="unknown holidays"):
        WorkingCalendar(holidays="wales-only")


def test_it_refuses_day_periods_that_do_not_match_hours_per_day():
    with pytest.raises(CalendarError, match="add up"):
        WorkingCalendar(hours_per_day=7.5, day_periods=((time(9), time(17)),))
