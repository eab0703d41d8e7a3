"""Earned value and earned schedule.

Money (BAC, PV, EV, AC and everything derived in money) is ``Decimal`` in pounds, exact to the
penny as given; indices (SPI, CPI, TCPI, SPI(t)) are unitless ``Decimal`` ratios; earned-schedule
figures (ES, AT, SV(t), IEAC(t)) are in *periods* of the planned-value curve (weeks or months, as
the baseline was time-phased).

An index that cannot be computed (for example CPI when nothing has been spent) is ``None`` and a
sentence saying why is added to ``notes``: no function here raises ``ZeroDivisionError``.
Negative money is refused with ``ValueError``.

Formulas follow the PMI Practice Standard for Earned Value Management and Lipke's earned schedule:

* SV = EV - PV, CV = EV - AC, SPI = EV / PV, CPI = EV / AC
* EAC = BAC / CPI; EAC (atypical) = AC + (BAC - EV); EAC (CPI*SPI) = AC + (BAC - EV) / (CPI*SPI)
* ETC = EAC - AC, VAC = BAC - EAC (both from EAC = BAC / CPI)
* TCPI (BAC) = (BAC - EV) / (BAC - AC); TCPI (EAC) = (BAC - EV) / (EAC - AC)
* ES = C + (EV - PV_C) / (PV_{C+1} - PV_C), where C is the last whole period whose cumulative PV
  has been earned; SV(t) = ES - AT; SPI(t) = ES / AT; IEAC(t) = PD / SPI(t)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

__all__ = [
    "EarnedSchedule",
    "EarnedValueResult",
    "TimePhasedResult",
    "earned_schedule",
    "earned_value",
    "time_phased_earned_value",
]

Amount = Decimal | int | str
"""Money or periods as given by a caller: ``Decimal``, ``int`` or a decimal string. No floats."""

_ZERO = Decimal(0)


def _dec(value: Amount, name: str, *, allow_negative: bool = False) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise TypeError(f"{name} must be a Decimal, int or decimal string, not {type(value)!r}")
    result = Decimal(value)
    if not result.is_finite():
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if not allow_negative and result < 0:
        raise ValueError(f"{name} must not be negative, got {value!r}")
    return result


@dataclass(frozen=True)
class EarnedValueResult:
    """Earned value measures at one status date.

    Money in pounds (``Decimal``); indices unitless; ``es``, ``at``, ``sv_t``, ``ieac_t`` and
    ``planned_duration`` in periods of the planned-value curve (``None`` when no curve was given).
    """

    bac: Decimal
    pv: Decimal
    ev: Decimal
    ac: Decimal
    sv: Decimal
    cv: Decimal
    spi: Decimal | None
    cpi: Decimal | None
    eac: Decimal | None
    eac_atypical: Decimal
    eac_cpi_spi: Decimal | None
    etc: Decimal | None
    vac: Decimal | None
    tcpi_bac: Decimal | None
    tcpi_eac: Decimal | None
    notes: tuple[str, ...] = ()
    has_schedule: bool = False
    es: Decimal | None = None
    at: Decimal | None = None
    sv_t: Decimal | None = None
    spi_t: Decimal | None = None
    ieac_t: Decimal | None = None
    planned_duration: Decimal | None = None

    def to_dict(self) -> dict[str, Decimal | list[str] | None]:
        """The measures by name; earned-schedule keys only when a PV curve was given."""
        out: dict[str, Decimal | list[str] | None] = {
            "sv": self.sv,
            "cv": self.cv,
            "spi": self.spi,
            "cpi": self.cpi,
            "eac": self.eac,
            "eac_atypical": self.eac_atypical,
            "eac_cpi_spi": self.eac_cpi_spi,
            "etc": self.etc,
            "vac": self.vac,
            "tcpi_bac": self.tcpi_bac,
            "tcpi_eac": self.tcpi_eac,
            "notes": list(self.notes),
        }
        if self.has_schedule:
            out.update(es=self.es, at=self.at, sv_t=self.sv_t, spi_t=self.spi_t, ieac_t=self.ieac_t)
        return out


@dataclass(frozen=True)
class EarnedSchedule:
    """Earned schedule measures, all in periods (SPI(t) unitless); see :func:`earned_schedule`."""

    es: Decimal
    at: Decimal
    sv_t: Decimal
    spi_t: Decimal | None
    ieac_t: Decimal | None
    planned_duration: Decimal
    notes: tuple[str, ...]


def _curve(pv_curve: Sequence[Amount]) -> list[Decimal]:
    curve = [_dec(v, f"pv_curve[{i}]") for i, v in enumerate(pv_curve)]
    if not curve:
        raise ValueError("pv_curve must hold at least one period")
    for i in range(1, len(curve)):
        if curve[i] < curve[i - 1]:
            raise ValueError(
                f"pv_curve must be cumulative (non-decreasing): period {i + 1} "
                f"({curve[i]}) is below period {i} ({curve[i - 1]})"
            )
    return curve


def _pv_at(curve: list[Decimal], at: Decimal) -> Decimal:
    """Cumulative PV at ``at`` periods, interpolating linearly inside a period."""
    if at <= 0:
        return _ZERO
    n = len(curve)
    if at >= n:
        return curve[-1]
    whole = int(at)
    before = curve[whole - 1] if whole > 0 else _ZERO
    return before + (curve[whole] - before) * (at - whole)


def earned_schedule(*, pv_curve: Sequence[Amount], ev: Amount, at: Amount) -> EarnedSchedule:
    """Earned schedule from a cumulative PV curve.

    ``pv_curve[k]`` is the cumulative planned value (pounds) at the *end* of period ``k + 1``;
    ``ev`` is cumulative earned value (pounds); ``at`` is actual time elapsed (periods).
    Returns ES, SV(t), SPI(t), IEAC(t) and the planned duration, all in periods.
    """
    curve = _curve(pv_curve)
    ev_d = _dec(ev, "ev")
    at_d = _dec(at, "at")
    notes: list[str] = []
    final = curve[-1]
    # Planned duration: the first period whose cumulative PV reaches the final value (trailing
    # periods with no planned value do not lengthen the plan).
    planned_duration = Decimal(next(i + 1 for i, v in enumerate(curve) if v == final))
    if ev_d >= final:
        es = planned_duration
    else:
        # C: whole periods whose cumulative PV has been earned (curve is non-decreasing).
        c = sum(1 for v in curve if v <= ev_d)
        before = curve[c - 1] if c > 0 else _ZERO
        es = Decimal(c) + (ev_d - before) / (curve[c] - before)
    sv_t = es - at_d
    spi_t: Decimal | None
    ieac_t: Decimal | None
    if at_d == 0:
        spi_t = None
        notes.append("SPI(t) undefined: no time has elapsed (AT = 0)")
    else:
        spi_t = es / at_d
    if spi_t is None:
        ieac_t = None
        notes.append("IEAC(t) undefined: SPI(t) could not be computed")
    elif spi_t == 0:
        ieac_t = None
        notes.append("IEAC(t) undefined: nothing has been earned yet (ES = 0, SPI(t) = 0)")
    else:
        ieac_t = planned_duration / spi_t
    return EarnedSchedule(es, at_d, sv_t, spi_t, ieac_t, planned_duration, tuple(notes))


def earned_value(
    *,
    bac: Amount,
    ev: Amount,
    ac: Amount,
    pv: Amount | None = None,
    pv_curve: Sequence[Amount] | None = None,
    at: Amount | None = None,
) -> EarnedValueResult:
    """Earned value (and, with a PV curve, earned schedule) at one status date.

    All money is cumulative to the status date, in pounds. Give ``pv`` directly, or give
    ``pv_curve`` (cumulative PV at the end of each period) with ``at`` (periods elapsed), in
    which case PV is read off the curve at ``at`` (interpolated inside a period). Giving the
    curve also adds ES, AT, SV(t), SPI(t) and IEAC(t), in periods.
    """
    bac_d = _dec(bac, "bac")
    ev_d = _dec(ev, "ev")
    ac_d = _dec(ac, "ac")
    curve = _curve(pv_curve) if pv_curve is not None else None
    if curve is not None and at is None:
        raise ValueError("at (periods elapsed) is required with pv_curve")
    if pv is not None:
        pv_d = _dec(pv, "pv")
    elif curve is not None and at is not None:
        pv_d = _pv_at(curve, _dec(at, "at"))
    else:
        raise ValueError("give pv, or pv_curve with at")

    notes: list[str] = []
    sv = ev_d - pv_d
    cv = ev_d - ac_d

    spi: Decimal | None = None
    if pv_d == 0:
        notes.append("SPI undefined: nothing was planned by the status date (PV = 0)")
    else:
        spi = ev_d / pv_d

    cpi: Decimal | None = None
    if ac_d == 0:
        notes.append("CPI undefined: nothing has been spent (AC = 0)")
    else:
        cpi = ev_d / ac_d

    eac: Decimal | None = None
    if cpi is None:
        notes.append("EAC (BAC/CPI) undefined: CPI could not be computed")
    elif cpi == 0:
        notes.append("EAC (BAC/CPI) undefined: nothing has been earned yet (EV = 0, CPI = 0)")
    else:
        eac = bac_d * ac_d / ev_d  # = BAC / CPI, with one rounding instead of two

    eac_atypical = ac_d + (bac_d - ev_d)

    eac_cpi_spi: Decimal | None = None
    if cpi is None or spi is None:
        notes.append("EAC (CPI*SPI) undefined: CPI or SPI could not be computed")
    elif cpi * spi == 0:
        notes.append("EAC (CPI*SPI) undefined: nothing has been earned yet (CPI*SPI = 0)")
    else:
        # = AC + (BAC - EV) / (CPI * SPI), with one rounding instead of three
        eac_cpi_spi = ac_d + (bac_d - ev_d) * ac_d * pv_d / (ev_d * ev_d)

    etc = eac - ac_d if eac is not None else None
    vac = bac_d - eac if eac is not None else None

    remaining_work = bac_d - ev_d
    tcpi_bac: Decimal | None = None
    tcpi_eac: Decimal | None = None
    if remaining_work <= 0:
        notes.append("TCPI undefined: the work is finished (EV ≥ BAC), nothing remains to perform")
    else:
        remaining_budget = bac_d - ac_d
        if remaining_budget <= 0:
            notes.append("TCPI (BAC) undefined: the budget is spent (AC ≥ BAC)")
        else:
            tcpi_bac = remaining_work / remaining_budget
        if etc is None:
            notes.append("TCPI (EAC) undefined: EAC could not be computed")
        elif etc <= 0:
            notes.append("TCPI (EAC) undefined: no cost remains to complete (EAC ≤ AC)")
        else:
            tcpi_eac = remaining_work / etc

    if curve is None or at is None:
        return EarnedValueResult(
            bac_d, pv_d, ev_d, ac_d, sv, cv, spi, cpi, eac, eac_atypical, eac_cpi_spi, etc, vac,
            tcpi_bac, tcpi_eac, tuple(notes),
        )  # fmt: skip
    sched = earned_schedule(pv_curve=curve, ev=ev_d, at=at)
    return EarnedValueResult(
        bac_d, pv_d, ev_d, ac_d, sv, cv, spi, cpi, eac, eac_atypical, eac_cpi_spi, etc, vac,
        tcpi_bac, tcpi_eac, tuple(notes) + sched.notes, True, sched.es, sched.at, sched.sv_t,
        sched.spi_t, sched.ieac_t, sched.planned_duration,
    )  # fmt: skip


@dataclass(frozen=True)
class TimePhasedResult:
    """Cumulative curves (pounds, one entry per period) and the measures at each status period.

    ``statuses[k]`` is the result at the end of period ``k + 1`` (AT = k + 1 periods).
    """

    bac: Decimal
    pv_cumulative: tuple[Decimal, ...]
    ev_cumulative: tuple[Decimal, ...]
    ac_cumulative: tuple[Decimal, ...]
    statuses: tuple[EarnedValueResult, ...] = field(default_factory=tuple)

    @property
    def latest(self) -> EarnedValueResult | None:
        """The measures at the last reported period, or ``None`` when nothing is reported."""
        return self.statuses[-1] if self.statuses else None


def _cumulate(values: Sequence[Amount], name: str) -> tuple[Decimal, ...]:
    total = _ZERO
    out: list[Decimal] = []
    for i, v in enumerate(values):
        total += _dec(v, f"{name}[{i}]", allow_negative=True)
        out.append(total)
    return tuple(out)


def time_phased_earned_value(
    *,
    planned_per_period: Sequence[Amount],
    actual_cost_per_period: Sequence[Amount],
    earned_per_period: Sequence[Amount],
    bac: Amount | None = None,
) -> TimePhasedResult:
    """Earned value and earned schedule at the end of every reported period.

    ``planned_per_period`` is the baselined plan's planned cost in each period (pounds); the
    actual cost and earned value lists hold each reported period's own amounts (pounds, not
    cumulative; a correction may make one period negative, but never a cumulative total). BAC
    defaults to the sum of the planned cost.
    """
    if len(actual_cost_per_period) != len(earned_per_period):
        raise ValueError(
            "actual_cost_per_period and earned_per_period must cover the same periods "
            f"({len(actual_cost_per_period)} != {len(earned_per_period)})"
        )
    pv_cum = _cumulate(planned_per_period, "planned_per_period")
    if not pv_cum:
        raise ValueError("planned_per_period must hold at least one period")
    ev_cum = _cumulate(earned_per_period, "earned_per_period")
    ac_cum = _cumulate(actual_cost_per_period, "actual_cost_per_period")
    bac_d = _dec(bac, "bac") if bac is not None else pv_cum[-1]
    statuses = tuple(
        earned_value(bac=bac_d, ev=ev_cum[k], ac=ac_cum[k], pv_curve=pv_cum, at=k + 1)
        for k in range(len(ev_cum))
    )
    return TimePhasedResult(bac_d, pv_cum, ev_cum, ac_cum, statuses)
