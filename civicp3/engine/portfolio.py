"""Portfolio prioritisation: weighted scoring, tiers, capacity-constrained selection, audit samples.

* :func:`weighted_score` - a project's total against the council's criteria (weights x scores).
* :func:`assign_tier` - Gold / Silver / Bronze (or whatever the council calls them) by thresholds
  passed in as data.
* :func:`select_projects` - "what fits": the highest-scoring set of waiting projects that can
  start, each in some allowed month, without taking any service area over its capacity (hours
  per month) in any month. Solved exactly as a 0-1 integer program with HiGHS.
* :func:`audit_sample` - a reproducible random sample of projects, stratified by tier.

Scores and weights are ``Decimal`` (or ``int``); hours are hours per calendar month, given as
``Decimal``, ``int`` or ``float`` and solved in floating point (to a millionth of an hour).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import highspy
import numpy as np
import numpy.typing as npt

__all__ = [
    "AuditSample",
    "LeftOut",
    "Selection",
    "TierBand",
    "WaitingProject",
    "assign_tier",
    "audit_sample",
    "select_projects",
    "weighted_score",
]

Number = Decimal | int
Hours = Decimal | int | float
FloatArray = npt.NDArray[np.float64]

# Hours closer than this to a limit count as on it (solver arithmetic is floating point).
_HOURS_TOL = 1e-6


def weighted_score(scores: Mapping[str, Number], weights: Mapping[str, Number]) -> Decimal:
    """Sum over criteria of weight x score (both unitless, as the council's matrix sets them).

    Every weighted criterion must be scored, and every score must belong to a weighted
    criterion: a missing or unknown criterion is a ``ValueError``, not a silent zero.
    """
    missing = sorted(set(weights) - set(scores))
    unknown = sorted(set(scores) - set(weights))
    if missing:
        raise ValueError(f"no score for criteria: {', '.join(missing)}")
    if unknown:
        raise ValueError(f"scores for criteria that have no weight: {', '.join(unknown)}")
    return sum((Decimal(weights[c]) * Decimal(scores[c]) for c in weights), Decimal(0))


@dataclass(frozen=True)
class TierBand:
    """A tier and the lowest total score (inclusive) that earns it."""

    name: str
    min_score: Decimal


def assign_tier(score: Number, bands: Sequence[TierBand]) -> str | None:
    """The name of the highest band whose ``min_score`` the score reaches, or ``None``.

    Bands may be given in any order; two bands with the same threshold are refused.
    """
    ordered = sorted(bands, key=lambda b: b.min_score, reverse=True)
    thresholds = [b.min_score for b in ordered]
    if len(set(thresholds)) != len(thresholds):
        raise ValueError("two tier bands share a threshold")
    value = Decimal(score)
    for band in ordered:
        if value >= band.min_score:
            return band.name
    return None


@dataclass(frozen=True)
class WaitingProject:
    """A project on the waiting list.

    ``demand[area][k]`` is the hours the project needs from that service area in the ``k``-th
    month after it starts (``k = 0`` is the start month). ``earliest_start`` and
    ``latest_start`` are month labels from the plan's ``months`` (``None``: the first / last
    month of the horizon).
    """

    key: str
    score: Number
    demand: Mapping[str, Sequence[Hours]]
    earliest_start: str | None = None
    latest_start: str | None = None


@dataclass(frozen=True)
class LeftOut:
    """A project that was not chosen, and why, in words a board report can use."""

    key: str
    reason: str


@dataclass(frozen=True)
class Selection:
    """The outcome of :func:`select_projects`.

    ``chosen`` maps project key to its start month label. ``binding`` lists the (area, month)
    capacity limits that bind: those the chosen set uses to the hour, and those that stop a
    left-out project at one of its allowed starts (in month, then area order).
    ``remaining_hours[area][m]`` is the
    capacity left in month ``m`` after committed work and the chosen projects. ``gap`` is
    HiGHS's relative optimality gap (0 = proven optimal); ``status`` is HiGHS's model status.
    """

    chosen: dict[str, str]
    left_out: tuple[LeftOut, ...]
    binding: tuple[tuple[str, str], ...]
    total_score: Decimal
    gap: float
    status: str
    remaining_hours: dict[str, tuple[float, ...]]
    overcommitted: tuple[tuple[str, str], ...] = ()
    options: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "chosen": dict(self.chosen),
            "left_out": {lo.key: lo.reason for lo in self.left_out},
            "binding": [list(b) for b in self.binding],
            "total_score": self.total_score,
            "gap": self.gap,
            "status": self.status,
            "remaining_hours": {a: list(v) for a, v in self.remaining_hours.items()},
            "overcommitted": [list(o) for o in self.overcommitted],
            "options": dict(self.options),
        }


def _per_month(values: Sequence[Hours], horizon: int, what: str) -> FloatArray:
    if len(values) != horizon:
        raise ValueError(f"{what} has {len(values)} months, the plan has {horizon}")
    return np.array([float(v) for v in values], dtype=np.float64)


def _first_excess(use: FloatArray, room: FloatArray, start: int) -> tuple[int, int] | None:
    """(area index, month index) of the first month (then area) where use exceeds room."""
    over = use > room[:, start : start + use.shape[1]] + _HOURS_TOL
    if not over.any():
        return None
    areas, offsets = np.nonzero(over)
    i = int(np.lexsort((areas, offsets))[0])
    return int(areas[i]), start + int(offsets[i])


def select_projects(
    *,
    months: Sequence[str],
    capacity: Mapping[str, Sequence[Hours]],
    projects: Sequence[WaitingProject],
    committed: Mapping[str, Sequence[Hours]] | None = None,
    time_limit: float | None = 10.0,
    mip_rel_gap: float = 1e-4,
) -> Selection:
    """Choose the highest-total-score set of waiting projects that fits within capacity.

    ``months`` labels the planning horizon (e.g. ``"2026-03"``); ``capacity[area]`` is that
    service area's hours available per month and ``committed[area]`` the hours already taken by
    work in progress, one value per month. A project may start in any month of its window; its
    demand in months past the horizon is not checked (capacity there is not yet known).

    Solved as a 0-1 integer program with HiGHS: ``x[p, s] = 1`` when project ``p`` starts in
    month ``s``; each project starts at most once; for every area and month the chosen demand is
    at most capacity minus committed; maximise the sum of scores. ``time_limit`` (seconds;
    ``None`` for none) and ``mip_rel_gap`` are passed to HiGHS; the achieved gap is reported.
    If HiGHS stops at the time limit, any left-out project that still fits is added, best
    score first. Capacity rows are made only for the (area, month) limits some start touches,
    and HiGHS starts from a greedy selection (best score per share of the capacity used), so
    it always has a feasible answer to improve on.

    On large, tight lists most of the gap left at the time limit is the weakness of the LP
    bound rather than of the selection: the LP fills every binding month to the hour with
    fractions of projects, which whole projects cannot do. In ``bench/bench_portfolio.py``
    running 60 s instead of 9 s improves the selection by under 2% while the bound barely
    moves (gap 23% -> 21%); even 60 projects x 4 areas x 24 months keep a 16% gap after 90 s.
    """
    horizon = len(months)
    if horizon == 0:
        raise ValueError("the plan needs at least one month")
    if len(set(months)) != horizon:
        raise ValueError("month labels must be unique")
    month_index = {m: i for i, m in enumerate(months)}
    areas = list(capacity)
    area_index = {a: i for i, a in enumerate(areas)}
    keys = [p.key for p in projects]
    if len(set(keys)) != len(keys):
        raise ValueError("project keys must be unique")

    room = np.array([_per_month(capacity[a], horizon, f"capacity[{a!r}]") for a in areas])
    room = room.reshape(len(areas), horizon)
    if committed:
        for a, vals in committed.items():
            if a not in area_index:
                raise ValueError(f"committed demand for unknown service area {a!r}")
            room[area_index[a]] -= _per_month(vals, horizon, f"committed[{a!r}]")
    over_a, over_m = np.nonzero(room < -_HOURS_TOL)
    overcommitted = tuple(
        (areas[a], months[m]) for a, m in zip(over_a.tolist(), over_m.tolist(), strict=True)
    )
    room = np.maximum(room, 0.0)

    n_areas = len(areas)
    n_proj = len(projects)
    demands: list[FloatArray] = []
    windows: list[range] = []
    for p in projects:
        length = max((len(v) for v in p.demand.values()), default=0)
        dense = np.zeros((n_areas, length), dtype=np.float64)
        for a, vals in p.demand.items():
            if a not in area_index:
                raise ValueError(f"project {p.key!r} needs unknown service area {a!r}")
            row = np.array([float(v) for v in vals], dtype=np.float64)
            if (row < 0).any():
                raise ValueError(f"project {p.key!r} has negative demand for {a!r}")
            dense[area_index[a], : len(row)] = row
        demands.append(dense)
        lo = 0 if p.earliest_start is None else month_index.get(p.earliest_start)
        hi = horizon - 1 if p.latest_start is None else month_index.get(p.latest_start)
        if lo is None or hi is None:
            raise ValueError(f"project {p.key!r} has a start window outside the plan's months")
        windows.append(range(lo, hi + 1))

    # Columns: one per (project, start) that fits on its own; rows: one per project
    # (start at most once) then one per (area, month) capacity limit.
    col_proj: list[int] = []
    col_start: list[int] = []
    starts: list[int] = [0]
    indices: list[npt.NDArray[np.int32]] = []
    values: list[FloatArray] = []
    alone_blocks: dict[int, list[tuple[int, int, int]]] = {}
    for pi, (dense, window) in enumerate(zip(demands, windows, strict=True)):
        nz_a, nz_k = np.nonzero(dense)
        for s in window:
            use = dense[:, : horizon - s]
            block = _first_excess(use, room, s)
            if block is not None:
                alone_blocks.setdefault(pi, []).append((s, *block))
                continue
            inside = nz_k < horizon - s
            rows = n_proj + nz_a[inside] * horizon + s + nz_k[inside]
            indices.append(np.concatenate(([pi], rows)).astype(np.int32))
            values.append(np.concatenate(([1.0], dense[nz_a[inside], nz_k[inside]])))
            starts.append(starts[-1] + 1 + int(inside.sum()))
            col_proj.append(pi)
            col_start.append(s)

    scores = [Decimal(p.score) for p in projects]
    chosen_start: dict[int, int] = {}
    gap = 0.0
    status = "Optimal"
    options: dict[str, float] = {"mip_rel_gap": mip_rel_gap}
    if time_limit is not None:
        options["time_limit"] = time_limit
    if col_proj:
        n_col = len(col_proj)
        index = np.concatenate(indices)
        value = np.concatenate(values)
        # Capacity rows only for the (area, month) limits some start of some project touches.
        cap_rows, index_c = np.unique(index[index >= n_proj], return_inverse=True)
        index[index >= n_proj] = n_proj + index_c
        n_row = n_proj + cap_rows.size
        limit = np.concatenate((np.ones(n_proj), room.reshape(-1)[cap_rows - n_proj]))
        lp = highspy.HighsLp()
        lp.num_col_ = n_col
        lp.num_row_ = n_row
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.col_cost_ = np.array([float(scores[pi]) for pi in col_proj], dtype=np.float64)
        lp.col_lower_ = np.zeros(n_col)
        lp.col_upper_ = np.ones(n_col)
        lp.row_lower_ = np.full(n_row, -highspy.kHighsInf)
        lp.row_upper_ = limit
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = index.astype(np.int32)
        lp.a_matrix_.value_ = value
        lp.integrality_ = [highspy.HighsVarType.kInteger] * n_col
        h = highspy.Highs()  # type: ignore[no-untyped-call]
        h.setOptionValue("output_flag", False)
        h.setOptionValue("mip_rel_gap", float(mip_rel_gap))
        if time_limit is not None:
            h.setOptionValue("time_limit", float(time_limit))
        h.passModel(lp)
        warm = highspy.HighsSolution()
        warm.col_value = _greedy_start(lp, n_proj)
        h.setSolution(warm)
        h.run()
        model_status = h.getModelStatus()
        status = h.modelStatusToString(model_status)
        info = h.getInfo()
        if info.primal_solution_status == 2:  # a feasible solution exists
            x = np.asarray(h.getSolution().col_value)
            for ci in np.nonzero(x > 0.5)[0]:
                chosen_start[col_proj[int(ci)]] = col_start[int(ci)]
            gap = float(info.mip_gap)
            dual_bound = float(info.mip_dual_bound)
        else:
            gap = dual_bound = float("inf")

    used = np.zeros_like(room)
    for pi, s in chosen_start.items():
        use = demands[pi][:, : horizon - s]
        used[:, s : s + use.shape[1]] += use
    left = room - used
    filled = False
    if col_proj and status != "Optimal":
        # Stopped early: add, best score first, any left-out project that still fits.
        for pi in sorted(set(col_proj) - set(chosen_start), key=lambda q: -scores[q]):
            if scores[pi] <= 0:
                break
            for s in windows[pi]:
                use = demands[pi][:, : horizon - s]
                if _first_excess(use, left, s) is None:
                    chosen_start[pi] = s
                    left[:, s : s + use.shape[1]] -= use
                    used[:, s : s + use.shape[1]] += use
                    filled = True
                    break
    total = sum((scores[pi] for pi in chosen_start), Decimal(0))
    if filled:
        # HiGHS's relative gap, (dual bound - selection) / selection, for the filled selection
        gap = max(0.0, (dual_bound - float(total)) / max(abs(float(total)), 1e-9))
    if (left < -_HOURS_TOL * 100).any():  # pragma: no cover - HiGHS honours its constraints
        raise RuntimeError("solver returned a selection that exceeds capacity")
    bind_a, bind_m = np.nonzero((left <= _HOURS_TOL) & (used > 0))
    binds = set(zip(bind_a.tolist(), bind_m.tolist(), strict=True))

    left_out: list[LeftOut] = []
    for pi, p in enumerate(projects):
        if pi in chosen_start:
            continue
        reason, blocks = _reason(
            pi, windows[pi], demands[pi], alone_blocks, left, months, areas, scores[pi]
        )
        left_out.append(LeftOut(p.key, reason))
        binds.update((a, m) for _, a, m in blocks)
    binding = tuple((areas[a], months[m]) for a, m in sorted(binds, key=lambda am: (am[1], am[0])))

    return Selection(
        chosen={projects[pi].key: months[s] for pi, s in sorted(chosen_start.items())},
        left_out=tuple(left_out),
        binding=binding,
        total_score=total,
        gap=gap,
        status=status,
        remaining_hours={a: tuple(float(v) for v in left[i]) for i, a in enumerate(areas)},
        overcommitted=overcommitted,
        options=options,
    )


def _greedy_start(lp: highspy.HighsLp, n_proj: int) -> list[float]:
    """A feasible selection to start HiGHS from: (project, start) columns in order of score
    per share of capacity used (summed over the limits the column touches), each taken when
    its project is not yet placed and it still fits."""
    start = np.asarray(lp.a_matrix_.start_)
    index = np.asarray(lp.a_matrix_.index_)
    value = np.asarray(lp.a_matrix_.value_)
    left = np.asarray(lp.row_upper_, dtype=np.float64).copy()
    cost = np.asarray(lp.col_cost_)
    n_col = int(lp.num_col_)
    share = np.zeros(n_col)
    np.add.at(
        share, np.repeat(np.arange(n_col), np.diff(start)), value / np.maximum(left[index], 1.0)
    )
    order = np.argsort(-cost / (share + 1e-9), kind="stable")
    x = [0.0] * n_col
    taken = np.zeros(n_proj, dtype=np.bool_)
    for j in order.tolist():
        rows = index[start[j] : start[j + 1]]
        project = int(rows[0])  # each column's first row is its project's "at most once" row
        if taken[project] or cost[j] <= 0:
            continue
        need = value[start[j] + 1 : start[j + 1]]
        if (left[rows[1:]] >= need).all():
            left[rows[1:]] -= need
            taken[project] = True
            x[j] = 1.0
    return x


def _reason(
    pi: int,
    window: range,
    dense: FloatArray,
    alone_blocks: Mapping[int, list[tuple[int, int, int]]],
    left: FloatArray,
    months: Sequence[str],
    areas: Sequence[str],
    score: Decimal,
) -> tuple[str, list[tuple[int, int, int]]]:
    """Why project ``pi`` is out, and the (start, area, month) limits that stop it."""
    if len(window) == 0:
        return "no allowed start month within the plan (the start window is empty)", []
    horizon = len(months)
    blocks = alone_blocks.get(pi, [])
    if len(blocks) == len(window):
        return _describe_blocks("would exceed", blocks, months, areas), blocks
    crowded: list[tuple[int, int, int]] = []
    for s in window:
        if any(b[0] == s for b in blocks):
            continue
        block = _first_excess(dense[:, : horizon - s], left, s)
        if block is None:
            if score <= 0:
                return "not chosen: its score is not above zero", []
            return (
                f"fits if started in {months[s]}, but was not chosen within the solver's "
                "optimality gap or time limit"
            ), []
        crowded.append((s, *block))
    lead = "fits on its own, but alongside the chosen projects would exceed"
    return _describe_blocks(lead, crowded + blocks, months, areas), crowded + blocks


def _describe_blocks(
    lead: str, blocks: Sequence[tuple[int, int, int]], months: Sequence[str], areas: Sequence[str]
) -> str:
    """Say which (area, month) limit stops each start; ``blocks`` holds (start, area, month)."""
    blocks = sorted(blocks)
    limits = Counter((a, m) for _, a, m in blocks)
    (a, m), count = limits.most_common(1)[0]
    if count == len(blocks):
        return f"{lead} {areas[a]} capacity in {months[m]} at every allowed start"
    more = "" if len(blocks) <= 3 else f"; and {len(blocks) - 3} more"
    if len({a for _, a, _ in blocks}) == 1:
        examples = "; ".join(f"{months[m]} if started {months[s]}" for s, _, m in blocks[:3])
        return f"{lead} {areas[a]} capacity at every allowed start (in {examples}{more})"
    examples = "; ".join(
        f"{areas[a]} in {months[m]} if started {months[s]}" for s, a, m in blocks[:3]
    )
    return f"{lead} capacity at every allowed start ({examples}{more})"


@dataclass(frozen=True)
class AuditSample:
    """A reproducible audit sample: the seed, the chosen project keys, the count per tier."""

    seed: int
    selected: tuple[str, ...]
    allocation: dict[str, int]

    def to_dict(self) -> dict[str, object]:
        return {
            "seed": self.seed,
            "selected": list(self.selected),
            "allocation": dict(self.allocation),
        }


def _allocate(sizes: Mapping[str, int], n: int) -> dict[str, int]:
    """Proportional allocation by largest remainder, then at least one per non-empty tier."""
    total = sum(sizes.values())
    tiers = sorted(sizes)
    alloc = {t: n * sizes[t] // total for t in tiers}
    short = n - sum(alloc.values())
    # Largest fractional remainder first; ties go to the bigger tier, then by name.
    by_remainder = sorted(tiers, key=lambda t: (-((n * sizes[t]) % total), -sizes[t], t))
    for t in by_remainder[:short]:
        alloc[t] += 1
    non_empty = [t for t in tiers if sizes[t] > 0]
    if n >= len(non_empty):
        for t in non_empty:
            if alloc[t] == 0:
                donor = max(tiers, key=lambda d: (alloc[d], sizes[d], d))
                alloc[donor] -= 1
                alloc[t] = 1
    return alloc


def audit_sample(projects: Mapping[str, str], n: int, seed: int | None = None) -> AuditSample:
    """Choose ``n`` projects for audit, stratified by tier, reproducibly.

    ``projects`` maps project key to tier name. Each tier gets a share of ``n`` in proportion
    to its size (largest remainder), and every non-empty tier gets at least one when ``n`` is
    at least the number of non-empty tiers. Within a tier projects are drawn without
    replacement by a numpy ``Generator`` (PCG64) from ``seed``; with no seed one is drawn from
    the operating system and returned, so the sample can be reproduced. The result depends only
    on the set of projects, ``n`` and the seed, not on the order the projects are given in.
    ``n`` larger than the number of projects selects them all.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    if seed is None:
        seed = int(np.random.SeedSequence().entropy)  # type: ignore[arg-type]
    by_tier: dict[str, list[str]] = {}
    for key, tier in projects.items():
        by_tier.setdefault(tier, []).append(key)
    for keys in by_tier.values():
        keys.sort()
    n = min(n, len(projects))
    if n == 0:
        return AuditSample(seed, (), dict.fromkeys(sorted(by_tier), 0))
    alloc = _allocate({t: len(k) for t, k in by_tier.items()}, n)
    rng = np.random.Generator(np.random.PCG64(seed))
    selected: list[str] = []
    for tier in sorted(by_tier):
        keys = by_tier[tier]
        picks = rng.choice(len(keys), size=alloc[tier], replace=False)
        selected.extend(keys[int(i)] for i in sorted(picks))
    return AuditSample(seed, tuple(selected), alloc)
