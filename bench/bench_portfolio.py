"""Bench "what fits": 500 waiting projects x 30 service areas x 24 months (target under 10 s).

Run: .venv/bin/python bench/bench_portfolio.py [--seed N] [--time-limit S] [--gap G]
Prints the model size, the solve time, HiGHS's status and optimality gap, and the options used.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from civicp3.engine.portfolio import WaitingProject, select_projects


def make_case(
    seed: int,
    n_projects: int = 500,
    n_areas: int = 30,
    n_months: int = 24,
    capacity_share: float = 0.4,
) -> tuple[list[str], dict[str, list[float]], dict[str, list[float]], list[WaitingProject]]:
    rng = np.random.Generator(np.random.PCG64(seed))
    months = [f"{2026 + m // 12}-{m % 12 + 1:02d}" for m in range(n_months)]
    areas = [f"Area {i:02d}" for i in range(n_areas)]
    projects = []
    total = np.zeros((n_areas, n_months))
    for i in range(n_projects):
        k = int(rng.integers(1, 5))
        length = int(rng.integers(2, 13))
        chosen = rng.choice(n_areas, size=k, replace=False)
        demand = {areas[a]: list(rng.integers(10, 150, size=length).astype(float)) for a in chosen}
        earliest = int(rng.integers(0, 12))
        latest = min(n_months - 1, earliest + int(rng.integers(0, 12)))
        projects.append(
            WaitingProject(
                f"PRJ-{i:04d}",
                int(rng.integers(10, 100)),
                demand,
                months[earliest],
                months[latest],
            )
        )
        for a in chosen:
            span = min(length, n_months - earliest)
            total[a, earliest : earliest + span] += demand[areas[a]][:span]
    # Capacity: a share of the mean monthly demand the whole list would place at its earliest
    # starts (0.4: most of the list cannot start in the horizon).
    cap = np.maximum(capacity_share * total.mean(axis=1, keepdims=True), 100.0) * np.ones(
        (1, n_months)
    )
    committed = cap * rng.uniform(0.0, 0.3, size=cap.shape)
    capacity = {a: [float(v) for v in cap[i]] for i, a in enumerate(areas)}
    committed_map = {a: [float(v) for v in committed[i]] for i, a in enumerate(areas)}
    return months, capacity, committed_map, projects


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--time-limit", type=float, default=9.0)
    parser.add_argument("--gap", type=float, default=1e-4)
    parser.add_argument("--capacity-share", type=float, default=0.4)
    args = parser.parse_args()

    months, capacity, committed, projects = make_case(args.seed, capacity_share=args.capacity_share)
    t0 = time.perf_counter()
    sel = select_projects(
        months=months,
        capacity=capacity,
        committed=committed,
        projects=projects,
        time_limit=args.time_limit,
        mip_rel_gap=args.gap,
    )
    elapsed = time.perf_counter() - t0
    print(
        f"projects={len(projects)} areas={len(capacity)} months={len(months)} seed={args.seed} "
        f"capacity_share={args.capacity_share}"
    )
    print(f"options={sel.options}")
    print(f"solve_time_s={elapsed:.2f} (target < 10 s; ratio to target {elapsed / 10.0:.2f})")
    bound = float(sel.total_score) * (1 + sel.gap)
    print(
        f"status={sel.status} gap={sel.gap:.2e} (target <= 1e-2) total_score={sel.total_score} "
        f"dual_bound={bound:.0f}"
    )
    print(f"chosen={len(sel.chosen)} left_out={len(sel.left_out)} binding={len(sel.binding)}")


if __name__ == "__main__":
    main()
