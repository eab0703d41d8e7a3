"""Earned value and earned schedule (civicp3.engine.evm)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicp3.engine.evm import earned_schedule, earned_value, time_phased_earned_value

PENNY = Decimal("0.01")
THOUSANDTH = Decimal("0.001")


def money(value: Decimal | None) -> Decimal:
    assert value is not None
    return value.quantize(PENNY)


def ratio(value: Decimal | None) -> Decimal:
    assert value is not None
    return value.quantize(THOUSANDTH)


def test_it_matches_the_fence_exam_example() -> None:
    """The "fence" example in shared/reference/README.md: BAC 4000, PV 3000, EV 2500, AC 2800."""
    r = earned_value(bac=4000, pv=3000, ev=2500, ac=2800)

    assert r.cv == Decimal(-300)
    assert r.sv == Decimal(-500)
    assert ratio(r.cpi) == Decimal("0.893")
    assert ratio(r.spi) == Decimal("0.833")
    assert r.eac == Decimal(4480)
    assert r.etc == Decimal(1680)
    assert r.vac == Decimal(-480)
    assert r.notes == ()


def test_it_gives_the_other_forecasts_for_the_fence() -> None:
    r = earned_value(bac=4000, pv=3000, ev=2500, ac=2800)

    assert r.eac_atypical == Decimal(4300)  # 2800 + (4000 - 2500)
    # 2800 + 1500 / (0.892857 * 0.833333) = 2800 + 2016
    assert r.eac_cpi_spi == Decimal(4816)
    assert r.tcpi_bac == Decimal("1.25")  # 1500 / 1200
    # TCPI against EAC = BAC/CPI is the CPI itself
    assert ratio(r.tcpi_eac) == ratio(r.cpi)


def test_it_matches_ms_project_bcws_bcwp_acwp() -> None:
    """officeimo_Project2024Advanced_progress.xml: BCWS 1725.00, BCWP 875.00, ACWP 875.00.

    The task's baseline cost (BAC) is also 1725.00 (172500 in the file, costs x100).
    """
    r = earned_value(bac="1725.00", pv="1725.00", ev="875.00", ac="875.00")

    assert r.sv == Decimal("-850.00")
    assert r.cv == Decimal("0.00")
    assert r.cpi == Decimal(1)
    assert ratio(r.spi) == Decimal("0.507")
    assert r.eac == Decimal("1725.00")
    assert r.etc == Decimal("850.00")
    assert r.vac == Decimal("0.00")
    assert r.tcpi_bac == Decimal(1)


def test_it_reports_time_variance_where_money_variance_has_gone_to_zero() -> None:
    """MPUG, "Earned Schedule Management (ESM)" (mpug.com/articles/earned-schedule-management-esm).

    Ten modules at US$100,000 each planned over 10 months; the project took 12 months and cost
    US$1.3M. Classic EVM shows SV = 0 and SPI = 1.0 at the end; earned schedule shows the two
    months' slip: ES = 10, AT = 12, SV(t) = -2, SPI(t) = 10/12 = 0.833, IEAC(t) = 12 months.
    """
    curve = [100_000 * m for m in range(1, 11)]

    r = earned_value(bac=1_000_000, ev=1_000_000, ac=1_300_000, pv_curve=curve, at=12)

    assert r.sv == 0
    assert r.spi == 1
    assert r.es == 10
    assert r.at == 12
    assert r.sv_t == -2
    assert ratio(r.spi_t) == Decimal("0.833")
    assert money(r.ieac_t) == Decimal(12)
    assert money(r.eac) == Decimal(1_300_000)


def test_it_interpolates_earned_schedule_within_a_period() -> None:
    """Lipke, "Schedule is Different" (The Measurable News, 2003): ES = C + I, where C counts the
    whole periods whose cumulative PV has been earned and I = (EV - PV_C) / (PV_C+1 - PV_C).

    Here the plan's cumulative PV by month is 100, 250, 450, 700, 1000, 1200; at the end of
    month 5 (AT = 5), EV = 550: May's PV (450) is earned, June's (700) is not, so
    ES = 3 + (550 - 450) / (700 - 450) = 3.4 months, SV(t) = -1.6, SPI(t) = 0.68,
    IEAC(t) = 6 / 0.68 = 8.8235 months.
    """
    s = earned_schedule(pv_curve=[100, 250, 450, 700, 1000, 1200], ev=550, at=5)

    assert s.es == Decimal("3.4")
    assert s.sv_t == Decimal("-1.6")
    assert s.spi_t == Decimal("0.68")
    assert s.ieac_t is not None
    assert s.ieac_t.quantize(Decimal("0.0001")) == Decimal("8.8235")
    assert s.planned_duration == 6


def test_it_reads_pv_off_the_curve_at_the_status_period() -> None:
    r = earned_value(bac=1200, ev=550, ac=600, pv_curve=[100, 250, 450, 700, 1000, 1200], at=5)

    assert r.pv == 1000
    assert r.sv == -450


def test_it_interpolates_pv_for_a_part_period() -> None:
    r = earned_value(bac=1200, ev=550, ac=600, pv_curve=[100, 250, 450, 700], at="2.5")

    assert r.pv == Decimal(350)


def test_it_does_not_count_trailing_empty_periods_in_the_planned_duration() -> None:
    s = earned_schedule(pv_curve=[500, 1000, 1000, 1000], ev=1000, at=3)

    assert s.planned_duration == 2
    assert s.es == 2


def test_it_handles_nothing_earned() -> None:
    r = earned_value(bac=1000, ev=0, ac=200, pv_curve=[250, 500, 750, 1000], at=2)

    assert r.cpi == 0
    assert r.spi == 0
    assert r.eac is None
    assert r.etc is None
    assert r.vac is None
    assert r.eac_cpi_spi is None
    assert r.eac_atypical == 1200
    assert r.tcpi_bac == Decimal("1.25")
    assert r.tcpi_eac is None
    assert r.es == 0
    assert r.spi_t == 0
    assert r.ieac_t is None
    assert any(n.startswith("EAC (BAC/CPI) undefined") for n in r.notes)
    assert any(n.startswith("IEAC(t) undefined") for n in r.notes)


def test_it_handles_no_actual_cost() -> None:
    r = earned_value(bac=1000, pv=100, ev=100, ac=0)

    assert r.cpi is None
    assert r.eac is None
    assert r.eac_cpi_spi is None
    assert r.tcpi_bac == Decimal("0.9")
    assert "CPI undefined: nothing has been spent (AC = 0)" in r.notes


def test_it_handles_nothing_planned_yet() -> None:
    r = earned_value(bac=1000, pv=0, ev=50, ac=40)

    assert r.spi is None
    assert r.sv == 50
    assert r.eac == 800
    assert r.eac_cpi_spi is None
    assert "SPI undefined: nothing was planned by the status date (PV = 0)" in r.notes


def test_it_handles_finished_work() -> None:
    r = earned_value(bac=1000, pv=1000, ev=1000, ac=1100, pv_curve=[500, 1000], at=3)

    assert r.cv == -100
    assert r.eac == 1100
    assert r.etc == 0
    assert r.tcpi_bac is None
    assert r.tcpi_eac is None
    assert r.es == 2
    assert r.spi_t is not None
    assert ratio(r.spi_t) == Decimal("0.667")
    assert any("the work is finished" in n for n in r.notes)


def test_it_handles_a_spent_budget_with_work_remaining() -> None:
    r = earned_value(bac=1000, pv=1000, ev=800, ac=1000)

    assert r.tcpi_bac is None
    assert r.tcpi_eac == Decimal("0.8")  # 200 / (1250 - 1000)
    assert any(n.startswith("TCPI (BAC) undefined: the budget is spent") for n in r.notes)


def test_it_handles_no_time_elapsed() -> None:
    r = earned_value(bac=1000, ev=0, ac=0, pv_curve=[500, 1000], at=0)

    assert r.pv == 0
    assert r.spi_t is None
    assert r.ieac_t is None
    assert "SPI(t) undefined: no time has elapsed (AT = 0)" in r.notes


def test_it_gives_the_documented_keys() -> None:
    plain = earned_value(bac=4000, pv=3000, ev=2500, ac=2800).to_dict()
    timed = earned_value(bac=4000, ev=2500, ac=2800, pv_curve=[1000, 3000, 4000], at=2).to_dict()

    base = {"sv", "cv", "spi", "cpi", "eac", "eac_atypical", "eac_cpi_spi", "etc", "vac"}
    base |= {"tcpi_bac", "tcpi_eac", "notes"}
    assert set(plain) == base
    assert set(timed) == base | {"es", "at", "sv_t", "spi_t", "ieac_t"}
    assert timed["es"] == Decimal("1.75")


def test_it_refuses_negative_money() -> None:
    with pytest.raises(ValueError, match="ac must not be negative"):
        earned_value(bac=1000, pv=100, ev=100, ac=-1)


def test_it_refuses_floats() -> None:
    with pytest.raises(TypeError, match="bac must be a Decimal"):
        earned_value(bac=1000.0, pv=100, ev=100, ac=1)  # type: ignore[arg-type]


def test_it_refuses_a_curve_that_goes_down() -> None:
    with pytest.raises(ValueError, match="non-decreasing"):
        earned_schedule(pv_curve=[100, 300, 200], ev=50, at=1)


def test_it_requires_pv_or_a_curve() -> None:
    with pytest.raises(ValueError, match="give pv"):
        earned_value(bac=1000, ev=100, ac=100)
    with pytest.raises(ValueError, match=r"at .* is required"):
        earned_value(bac=1000, ev=100, ac=100, pv_curve=[500, 1000])


def test_it_works_out_every_period_of_a_time_phased_plan() -> None:
    result = time_phased_earned_value(
        planned_per_period=["100.00", "200.00", "300.00", "400.00"],
        actual_cost_per_period=["120.00", "180.00"],
        earned_per_period=["100.00", "150.00"],
    )

    assert result.bac == Decimal("1000.00")
    assert result.pv_cumulative == tuple(Decimal(v) for v in (100, 300, 600, 1000))
    assert result.ev_cumulative == (Decimal(100), Decimal(250))
    assert result.ac_cumulative == (Decimal(120), Decimal(300))
    first, second = result.statuses
    assert first.es == 1
    assert first.cv == -20
    assert second.pv == 300
    assert second.sv == -50
    assert second.es == Decimal("1.75")  # 1 + (250 - 100) / (300 - 100)
    assert second.spi_t == Decimal("0.875")
    assert result.latest is second


def test_it_gives_no_latest_status_before_any_actuals() -> None:
    result = time_phased_earned_value(
        planned_per_period=[100, 200], actual_cost_per_period=[], earned_per_period=[]
    )

    assert result.latest is None
    assert result.bac == 300


def test_it_refuses_actuals_and_earned_of_different_lengths() -> None:
    with pytest.raises(ValueError, match="same periods"):
        time_phased_earned_value(
            planned_per_period=[100, 200], actual_cost_per_period=[10], earned_per_period=[]
        )


@given(
    increments=st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=24),
    share=st.fractions(min_value=0, max_value=1),
)
def test_earned_schedule_is_where_the_pv_curve_reaches_ev(
    increments: list[int], share: Fraction
) -> None:
    curve: list[int] = []
    total = 0
    for inc in increments:
        total += inc
        curve.append(total)
    ev = Decimal(int(total * share))

    s = earned_schedule(pv_curve=curve, ev=ev, at=len(curve))

    assert 0 <= s.es <= s.planned_duration
    if ev < total:
        whole = int(s.es)
        before = Decimal(curve[whole - 1]) if whole else Decimal(0)
        pv_at_es = before + (curve[whole] - before) * (s.es - whole)
        assert abs(pv_at_es - ev) < Decimal("1e-15")
    else:
        assert s.es == s.planned_duration
