"""Running a stored forecast through the Monte Carlo engine and keeping what the pages show."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from civicp3.delivery.models import Forecast
from civicp3.engine.montecarlo import simulate
from civicp3.engine.planfile import plan_from_dict

PERCENTILES = ("P10", "P50", "P80", "P90")


def run(forecast: Forecast) -> dict[str, Any]:
    """Simulate the forecast's stored plan and seed: the same inputs give the same result."""
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
    )

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
            "P50": str(result.cost_p50),
            "P80": str(result.cost_p80),
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
