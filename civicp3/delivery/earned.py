"""Earned value by month: PV from the baseline, EV from percent complete, AC from the budget.

PV spreads each baselined task's cost evenly over its baselined working days. EV at the end of
a month is each task's baselined cost times its percent complete as it stood then (from the
task's history). AC is the project's monthly actual costs from the budget
(`civicp3.toolkit.selectors.monthly_actual_costs`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from civicp3.delivery.models import Baseline, Plan, PlanTask
from civicp3.delivery.planning import plan_calendar
from civicp3.engine.evm import EarnedValueResult, time_phased_earned_value
from civicp3.toolkit.selectors import monthly_actual_costs

ZERO = Decimal(0)


def month_start(d: date) -> date:
    return d.replace(day=1)


def next_month(d: date) -> date:
    return date(d.year + d.month // 12, d.month % 12 + 1, 1)


@dataclass
class EarnedValueView:
    baseline: Baseline | None
    months: list[date] = field(default_factory=list)
    pv: list[Decimal] = field(default_factory=list)
    ev: list[Decimal | None] = field(default_factory=list)
    ac: list[Decimal | None] = field(default_factory=list)
    statuses: list[EarnedValueResult] = field(default_factory=list)
    bac: Decimal = ZERO
    actuals_available: bool = True
    problem: str = ""

    @property
    def latest(self) -> EarnedValueResult | None:
        return self.statuses[-1] if self.statuses else None


def earned_value_view(plan: Plan, today: date | None = None) -> EarnedValueView:
    today = today or timezone.localdate()
    baseline = plan.baselines.first()
    if baseline is None:
        return EarnedValueView(None, problem="Set a baseline on the plan to measure earned value")
    base = list(baseline.tasks.all())
    cost = {b.code: b.cost or ZERO for b in base}
    bac = sum(cost.values(), ZERO)
    if bac == 0:
        return EarnedValueView(baseline, problem="The baseline has no task costs to earn")
    cal = plan_calendar(plan)
    first = month_start(min(b.start for b in base))
    last = month_start(max(max(b.finish for b in base), today))
    months = [first]
    while months[-1] < last:
        months.append(next_month(months[-1]))
    index = {m: i for i, m in enumerate(months)}
    planned = [ZERO] * len(months)
    for b in base:
        if not cost[b.code]:
            continue
        days = [d for d in _days(b.start, b.finish) if cal.is_working_day(d)] or [b.start]
        share = cost[b.code] / len(days)
        for d in days:
            planned[index[month_start(d)]] += share
    reported = [m for m in months if m <= month_start(today)]
    ev_cum = _earned(plan, cost, reported)
    actual = monthly_actual_costs(plan.project)
    ac_per = [Decimal(actual.get(m, ZERO)) for m in reported]
    ev_per = [ev_cum[0], *(b - a for a, b in itertools.pairwise(ev_cum))] if ev_cum else []
    result = time_phased_earned_value(
        planned_per_period=planned,
        actual_cost_per_period=ac_per,
        earned_per_period=ev_per,
        bac=bac,
    )
    n = len(reported)
    return EarnedValueView(
        baseline,
        months,
        list(result.pv_cumulative),
        list(result.ev_cumulative) + [None] * (len(months) - n),
        list(result.ac_cumulative) + [None] * (len(months) - n),
        list(result.statuses),
        bac,
        actuals_available=bool(actual),
    )


def _days(a: date, b: date) -> list[date]:
    return [a + timedelta(days=k) for k in range((b - a).days + 1)]


def _earned(plan: Plan, cost: dict[str, Decimal], months: list[date]) -> list[Decimal]:
    """Cumulative EV at the end of each month, from each task's percent complete then."""
    history = (
        PlanTask.history.filter(plan_id=plan.pk)  # type: ignore[attr-defined]
        .order_by("history_date", "history_id")
        .values_list("id", "code", "percent_complete", "history_type", "history_date")
    )
    events = list(history)
    state: dict[int, tuple[str, int]] = {}
    out: list[Decimal] = []
    k = 0
    tz = timezone.get_current_timezone()
    for m in months:
        end = datetime.combine(next_month(m), time.min, tzinfo=tz)
        while k < len(events) and events[k][4] < end:
            pk, code, pct, kind, _ = events[k]
            if kind == "-":
                state.pop(pk, None)
            else:
                state[pk] = (code, pct)
            k += 1
        out.append(sum((cost.get(code, ZERO) * pct / 100 for code, pct in state.values()), ZERO))
    return out
