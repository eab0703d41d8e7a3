"""Benchmark the critical-path engine on a random 50,000-task, 150,000-link network.

Run: ``python bench/bench_cpm.py``. Prints times and ratios; asserts nothing about speed.
Baselines: networkx's weighted longest path on the same FS-only graph, and trueppm-scheduler's
``schedule()`` when that package is installed.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from datetime import date
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from civicp3.engine.calendars import WorkingCalendar
from civicp3.engine.cpm import passes, schedule
from civicp3.engine.network import Link, LinkType, Network, Task, compile_network

N_TASKS, N_LINKS, SEED = 50_000, 150_000, 20250106


def random_network(rng: np.random.Generator) -> Network:
    durations = rng.integers(0, 20, N_TASKS)
    # random forward edges i -> j (i < j) between nearby tasks keep the graph a DAG
    src = rng.integers(0, N_TASKS - 1, N_LINKS * 2)
    dst = np.minimum(src + 1 + rng.geometric(1 / 200, src.size), N_TASKS - 1)
    pairs = np.unique(np.stack([src, dst], axis=1), axis=0)
    pairs = pairs[rng.permutation(len(pairs))[:N_LINKS]]
    lags = rng.integers(-1, 3, len(pairs))
    tasks = [Task(f"T{i}", duration=float(d)) for i, d in enumerate(durations)]
    links = [
        Link(f"T{a}", f"T{b}", LinkType.FS, float(g)) for (a, b), g in zip(pairs, lags, strict=True)
    ]
    return Network(tuple(tasks), tuple(links))


def best_of(runs: int, fn: object) -> float:
    assert callable(fn)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    rng = np.random.default_rng(SEED)
    net = random_network(rng)
    cal = WorkingCalendar(last=date(2199, 12, 31))  # random plans run for decades
    print(f"network: {len(net.tasks):,} tasks, {len(net.links):,} FS links (seed {SEED})")

    t_compile = best_of(3, lambda: compile_network(net))
    cn = compile_network(net)
    print(f"compile (validate + topological levels): {t_compile:.3f} s, {cn.n_levels} levels")
    t_passes = best_of(5, lambda: passes(cn, project_start=0.0))
    print(f"forward + backward passes (numpy):        {t_passes:.3f} s")
    t_full = best_of(3, lambda: schedule(net, cal, date(2025, 1, 6)))
    print(f"schedule() end to end, with dates:        {t_full:.3f} s")

    # networkx: longest path where edge weight = predecessor duration + lag (FS only),
    # from a virtual source; same answer as our project finish.
    g = nx.DiGraph()
    durations = cn.durations
    for i in range(cn.n_tasks):
        g.add_edge("s", i, weight=0.0)
        g.add_edge(i, "t", weight=float(durations[i]))
    for a, b, lag in zip(
        cn.link_src.tolist(), cn.link_dst.tolist(), cn.link_lag.tolist(), strict=True
    ):
        g.add_edge(a, b, weight=float(durations[a]) + lag)
    length: list[float] = []
    t_nx = best_of(3, lambda: length.append(nx.dag_longest_path_length(g, weight="weight")))
    ours = passes(cn, project_start=0.0).project_finish
    print(f"networkx dag_longest_path_length:         {t_nx:.3f} s")
    if abs(length[-1] - ours) > 1e-9:
        # negative lags can make a start precede the project start in networkx's model
        print(f"  (networkx length {length[-1]:g} vs our finish {ours:g}: leads before start)")
    print(f"ratio networkx / our passes:              {t_nx / t_passes:.1f}x")
    print(f"ratio networkx / our full schedule():     {t_nx / t_full:.1f}x")

    if importlib.util.find_spec("trueppm_scheduler") is None:
        print("trueppm-scheduler: not installed (not available from this package index); skipped")
    else:
        print("trueppm-scheduler: installed, but no adapter written yet; skipped")


if __name__ == "__main__":
    main()
