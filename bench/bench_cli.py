"""Start-up and end-to-end cost of the engine's commands, measured as whole processes.

Run: ``python bench/bench_cli.py``. Prints, in one run:

- start-up: ``civicp3 schedule`` on a 5-task plan against bare ``python -c pass`` (target:
  within 0.3 s); the command does not import Django;
- CPM: ``schedule()`` on 20,000 tasks and 60,000 links against its core passes (target: within
  3x), and the whole command's marginal cost on that plan (its run less the 5-task run).

trueppm-scheduler is not installable from this package index, so no ratio against it is
printed. Times are the best of several runs (the machine is shared); nothing is asserted.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_cpm import best_of
from civicp3.engine.calendars import WorkingCalendar
from civicp3.engine.cpm import constraint_bounds, passes, schedule
from civicp3.engine.network import compile_network
from civicp3.engine.planfile import load_plan

N_TASKS, N_LINKS, SEED = 20_000, 60_000, 20250106
CIVICP3 = [sys.executable, "-m", "civicp3.manage"]


def plan_dict(n: int, m: int, rng: np.random.Generator) -> dict[str, object]:
    src = rng.integers(0, n - 1, m * 2)
    dst = np.minimum(src + 1 + rng.geometric(1 / 200, src.size), n - 1)
    pairs = np.unique(np.stack([src, dst], axis=1), axis=0)
    pairs = pairs[rng.permutation(len(pairs))[:m]]
    return {
        "name": "bench",
        "start": "2025-01-06",
        "calendar": {"holidays": None},
        "tasks": [
            {"id": f"T{i}", "duration": int(d)} for i, d in enumerate(rng.integers(0, 20, n))
        ],
        "links": [{"from": f"T{a}", "to": f"T{b}"} for a, b in pairs.tolist() if a != b],
    }


def run(cmd: list[str], runs: int = 5) -> float:
    """Best wall time of ``runs`` runs of ``cmd``; also records its best CPU time."""
    cpu: list[float] = []

    def once() -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)

    wall = best_of(runs, once)
    CPU[" ".join(cmd)] = min(cpu)
    return wall


CPU: dict[str, float] = {}


def main() -> None:
    rng = np.random.default_rng(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.json"
        small.write_text(json.dumps(plan_dict(5, 4, rng)))
        big = Path(tmp) / "big.json"
        big_plan = plan_dict(N_TASKS, N_LINKS, rng)
        big.write_text(json.dumps(big_plan))

        t_python = run([sys.executable, "-c", "pass"])
        t_small = run([*CIVICP3, "schedule", str(small)])
        probe = (
            "import sys, runpy; sys.argv = ['civicp3', 'schedule', sys.argv[1]]\n"
            "try:\n    runpy.run_module('civicp3.manage', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "sys.stderr.write(str('django' in sys.modules))"
        )
        django = subprocess.run(
            [sys.executable, "-c", probe, str(small)],
            capture_output=True,
            text=True,
            check=True,
        ).stderr.strip()
        print(f"bare python start-up:                      {t_python:.3f} s")
        print(f"civicp3 schedule, 5 tasks:                 {t_small:.3f} s")
        print(f"  Django imported on the way:              {django}")
        gap = t_small - t_python
        verdict = "meets" if gap <= 0.3 else "misses"
        print(f"start-up over bare python:                 {gap:.3f} s ({verdict} 0.3 s)")
        cpu_gap = (
            CPU[" ".join([*CIVICP3, "schedule", str(small)])] - CPU[f"{sys.executable} -c pass"]
        )
        verdict = "meets" if cpu_gap <= 0.3 else "misses"
        print(f"  the same in CPU time (less load-bound):  {cpu_gap:.3f} s ({verdict} 0.3 s)")

        plan = load_plan(big.read_text())
        cal = WorkingCalendar(holidays=None, last=date(2199, 12, 31))
        cn = compile_network(plan.network)
        bounds = constraint_bounds(cn, [cal] * cn.n_tasks)
        t_passes = best_of(5, lambda: passes(cn, project_start=0.0, bounds=bounds))
        t_sched = best_of(3, lambda: schedule(plan.network, cal, plan.start))
        ratio = t_sched / t_passes
        verdict = "meets" if ratio <= 3 else "misses"
        print(f"{N_TASKS:,} tasks: core passes               {t_passes:.3f} s")
        print(f"{N_TASKS:,} tasks: schedule() end to end     {t_sched:.3f} s")
        print(f"ratio schedule() / passes:                 {ratio:.1f}x ({verdict} 3x)")
        t_big = run([*CIVICP3, "schedule", str(big)], runs=3)
        print(f"civicp3 schedule, {N_TASKS:,} tasks, marginal:  {t_big - t_small:.3f} s")
        print("trueppm-scheduler: not installed (not available from this package index); skipped")


if __name__ == "__main__":
    t0 = time.perf_counter()
    main()
    print(f"(bench took {time.perf_counter() - t0:.0f} s)")
