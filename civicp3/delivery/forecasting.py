"""Running a stored forecast through the Monte Carlo engine and keeping what the pages show."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np

from civicp3.delivery.models import Forecast
from civicp3.engine.montecarlo import RiskEvent, TaskCost, simulate
from civicp3.engine.planfile import plan_from_dict

PERCENTILES = ("P10", "P50", "P80", "P90")
Progress = Callable[[int, int], None]


def risk_events(inputs: dict[str, Any]) -> list[RiskEvent]:
    """The stored risk events in the engine's form (none in forecasts made before risks)."""
    return [
        RiskEvent(
            key=r["title"],
            probability=float(r["probability"]),
            tasks=tuple(r["tasks"]),
            delay_days=float(r["delay_days"]),
            cost=Decimal(r["cost"]),
        )
        for r in inputs.get("risks", [])
    ]


def task_costs(inputs: dict[str, Any]) -> dict[str, TaskCost]:
    """Time-dependent costs: the stored rate a working day, in place of the fixed cost."""
    return {
        code: TaskCost(per_day=Decimal(rate)) for code, rate in inputs.get("time_costs", {}).items()
    }


def progress_saver(forecast_id: int) -> Progress:
    """A progress callback that records the percent of iterations done on the forecast, each
    time it goes up a whole percent, for its page to show."""
    shown = -1

    def save(done: int, total: int) -> None:
        nonlocal shown
        percent = done * 100 // total
        if percent > shown:
            shown = percent
            Forecast.objects.filter(pk=forecast_id).update(progress=percent)

    return save


def run(forecast: Forecast, progress: Progress | None = None) -> dict[str, Any]:
    """Simulate the forecast's stored plan, risks, costs and seed: the same inputs give the
    same result. ``progress`` is told the iterations done after each chunk."""
    plan = plan_from_dict(forecast.inputs["plan"])
    cal = plan.calendar
    origin = cal.start_position(plan.start)
    target = None
    if forecast.by_date is not None:
        target = cal.finish_position(forecast.by_date) - origin
    result = simulate(
        plan.network,
        iterations=forecast.iterations,
        seed=forecast.seed,
        finish_target=target,
        budget=forecast.budget,
        risks=risk_events(forecast.inputs),
        costs=task_costs(forecast.inputs),
        progress=progress,
    )
    cost_p = np.percentile(result.cost, [10, 50, 80, 90])

    def on(days: float) -> str:
        return cal.finish_date(origin + days).isoformat()

    days = dict(
        zip(
            PERCENTILES,
            (result.finish_p10, result.finish_p50, result.finish_p80, result.finish_p90),
            strict=True,
        )
    )
    names = {t.id: t.name for t in plan.network.tasks}
    return {
        "iterations": result.iterations,
        "seed": result.seed,
        "mean_days": result.finish_mean,
        "percentiles": [{"name": k, "days": v, "date": on(v)} for k, v in days.items()],
        "cost": {
            "mean": str(result.cost_mean),
            "P10": f"{cost_p[0]:.2f}",
            "P50": str(result.cost_p50),
            "P80": str(result.cost_p80),
            "P90": f"{cost_p[3]:.2f}",
        },
        "p_by": result.p_finish_by_target,
        "p_budget": result.p_within_budget,
        "histogram": {
            "edges": list(result.histogram_edges),
            "counts": list(result.histogram_counts),
        },
        "s_curve": [
            {"days": v, "date": on(v), "p": p}
            for v, p in zip(result.s_curve_values, result.s_curve_probability, strict=True)
        ],
        "tasks": [
            {
                "id": tid,
                "name": names.get(tid, tid),
                "criticality": crit,
                "sensitivity": result.sensitivity.get(tid),
            }
            for tid, crit in result.criticality.items()
        ],
    }


def probability_by(result: dict[str, Any], when: date) -> float:
    """The forecast's chance of finishing on or before `when`, read off its S-curve."""
    chance = 0.0
    for point in result["s_curve"]:
        if date.fromisoformat(point["date"]) <= when:
            chance = max(chance, float(point["p"]))
    return chance


def money(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)
