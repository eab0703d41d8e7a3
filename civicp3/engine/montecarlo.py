"""Monte Carlo schedule and cost risk analysis, vectorised over iterations.

Each iteration draws every uncertain task's duration (working days) from its three-point
:class:`~civicp3.engine.network.Estimate` (triangular, PERT-beta, uniform or fixed), adds the
delay of each risk event that occurs to the tasks it hits, and runs the critical-path forward
and backward passes (the rules of ``cpm.py``: FS/SS/FF/SF links with lags, FF never before the
plan start, late finish capped at the project finish, critical = total float <= 1e-9 days).

The passes loop over topological levels and links with numpy arrays of shape
``(tasks, chunk)``: there is no Python loop over iterations, and iterations are processed in
chunks so memory stays bounded. Random numbers come from PCG64 streams spawned from one seed
and are drawn iteration by iteration, so a seed gives byte-for-byte the same result whatever
the chunk size.

Units: times are working days from the plan start (continuous; 2.5 is half way through the
third working day); money is pounds (``Decimal`` in the result, simulated as float);
probabilities are fractions 0..1.

Durations are drawn by inverse transform from one uniform per task and iteration
(triangular and uniform in closed form; PERT-beta from a table of the beta quantile function,
interpolated, accurate to about 1e-5 of the range), so a task's sampled duration has the
same rank as its uniform. Sensitivity uses that: it is Spearman's rank correlation between
the task's duration (ranked by its distribution function) and the project finish (ranked
among the iterations), computed exactly in integers in a second pass that redraws the same
uniforms.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from civicp3.engine.network import (
    CompiledNetwork,
    Estimate,
    LinkType,
    Network,
    compile_network,
)

__all__ = ["RiskEvent", "SimulationResult", "TaskCost", "simulate"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

EPS = 1e-9  # working days: total float at or below this is critical (as in cpm.py)
FS, SS, FF, SF = (int(t) for t in (LinkType.FS, LinkType.SS, LinkType.FF, LinkType.SF))

_FIXED, _TRIANGULAR, _PERT, _UNIFORM = 0, 1, 2, 3
_KIND = {"fixed": _FIXED, "triangular": _TRIANGULAR, "pert": _PERT, "uniform": _UNIFORM}

# PERT-beta quantile table: rows are the mode's position r = (m - a) / (b - a) on a grid of
# _PERT_SHAPES points, columns the probability on a grid of _PERT_PROBS points.
_PERT_SHAPES = 129
_PERT_PROBS = 2049
_PERT_X = 16385

# Uniforms are rounded down to multiples of 2**-20 for the exact integer sums of the
# sensitivity pass; int64 holds those sums for up to 2,000,000 iterations.
_U_BITS = 20
MAX_ITERATIONS = 2_000_000


@dataclass(frozen=True)
class RiskEvent:
    """A risk that may happen on any iteration with ``probability`` (0..1).

    When it happens, each task in ``tasks`` takes ``delay_days`` more working days, and the
    project costs ``cost`` more (pounds, once per occurrence).
    """

    key: str
    probability: float
    tasks: tuple[str, ...] = ()
    delay_days: float = 0.0
    cost: Decimal = Decimal(0)


@dataclass(frozen=True)
class TaskCost:
    """A task's cost: ``fixed`` pounds plus ``per_day`` pounds per working day of its simulated
    duration (the time-dependent part, e.g. staff time)."""

    fixed: Decimal = Decimal(0)
    per_day: Decimal = Decimal(0)


def _share(hits: npt.NDArray[np.bool_]) -> float:
    return int(np.count_nonzero(hits)) / hits.size


def _money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


@dataclass(frozen=True)
class SimulationResult:
    """The outcome of :func:`simulate`.

    ``finish`` (working days from the plan start) and ``cost`` (pounds) hold one value per
    iteration, in iteration order. ``criticality`` is the fraction of iterations on which each
    (non-summary) task was critical; ``sensitivity`` its Spearman rank correlation with the
    finish (``None`` for a task whose duration does not vary).
    """

    seed: int
    iterations: int
    finish: FloatArray = field(repr=False)
    cost: FloatArray = field(repr=False)
    finish_mean: float
    finish_std: float
    finish_p10: float
    finish_p50: float
    finish_p80: float
    finish_p90: float
    cost_mean: Decimal
    cost_p50: Decimal
    cost_p80: Decimal
    criticality: dict[str, float]
    sensitivity: dict[str, float | None]
    histogram_edges: tuple[float, ...]
    histogram_counts: tuple[int, ...]
    s_curve_values: tuple[float, ...]
    s_curve_probability: tuple[float, ...]
    finish_target: float | None = None
    p_finish_by_target: float | None = None
    budget: Decimal | None = None
    p_within_budget: float | None = None

    def probability_finish_by(self, working_days: float) -> float:
        """Fraction of iterations finishing within ``working_days`` of the plan start."""
        return _share(self.finish <= working_days + EPS)

    def probability_within_budget(self, pounds: Decimal | float) -> float:
        """Fraction of iterations costing at most ``pounds`` (to the half penny)."""
        return _share(self.cost <= float(pounds) + 0.005)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready summary (money as ``Decimal``; not the per-iteration arrays)."""
        return {
            "seed": self.seed,
            "iterations": self.iterations,
            "finish": {
                "mean": self.finish_mean,
                "std": self.finish_std,
                "p10": self.finish_p10,
                "p50": self.finish_p50,
                "p80": self.finish_p80,
                "p90": self.finish_p90,
            },
            "cost": {"mean": self.cost_mean, "p50": self.cost_p50, "p80": self.cost_p80},
            "finish_target": self.finish_target,
            "p_finish_by_target": self.p_finish_by_target,
            "budget": self.budget,
            "p_within_budget": self.p_within_budget,
            "criticality": dict(self.criticality),
            "sensitivity": dict(self.sensitivity),
            "histogram": {
                "edges": list(self.histogram_edges),
                "counts": list(self.histogram_counts),
            },
            "s_curve": {
                "values": list(self.s_curve_values),
                "probability": list(self.s_curve_probability),
            },
        }


def _pert_table() -> FloatArray:
    """Quantiles of the PERT-beta on [0, 1]: alpha = 1 + 4r, beta = 1 + 4(1 - r)."""
    x = np.linspace(0.0, 1.0, _PERT_X)
    r = np.linspace(0.0, 1.0, _PERT_SHAPES)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        log_pdf = 4 * r * np.log(x) + 4 * (1 - r) * np.log1p(-x)
    pdf = np.exp(np.nan_to_num(log_pdf, nan=-np.inf))
    # 0 ** 0 is 1: at r = 0 the density at x = 0 is its maximum, not 0 (same for r = 1, x = 1)
    pdf[0, 0] = 1.0
    pdf[-1, -1] = 1.0
    cdf = np.zeros_like(pdf)
    np.cumsum((pdf[:, 1:] + pdf[:, :-1]) * 0.5, axis=1, out=cdf[:, 1:])
    cdf /= cdf[:, -1:]
    probs = np.linspace(0.0, 1.0, _PERT_PROBS)
    table = np.empty((_PERT_SHAPES, _PERT_PROBS))
    for k in range(_PERT_SHAPES):
        table[k] = np.interp(probs, cdf[k], x)
    table[:, 0], table[:, -1] = 0.0, 1.0
    return table


@dataclass
class _Level:
    """Static per-level link data for the forward and backward passes."""

    src: IntArray
    dst: IntArray
    lag: FloatArray
    from_finish: IntArray  # link rows whose bound starts from the predecessor's finish
    from_start: IntArray
    minus_dst: IntArray  # FF/SF rows: bound on the successor's finish, less its duration
    ff: IntArray  # FF rows: never before the plan start
    on_start: IntArray  # FS/SS rows: backward bound from the successor's late start
    fwd: _Groups  # rows grouped by successor
    bwd: _Groups  # rows grouped by predecessor


@dataclass
class _Groups:
    """Link rows grouped by a task, for a max / min per task without ``ufunc.reduceat``.

    ``first[g]`` is the first row of group ``g`` (task ``keys[g]``); ``more`` lists, for each
    rank r >= 1, the rows that are r-th in their group and their group numbers. A task appears
    at most once per rank, so each step is one gather, one max and one scatter.
    """

    keys: IntArray
    first: IntArray
    more: list[tuple[IntArray, IntArray]]

    @classmethod
    def of(cls, keys: IntArray) -> _Groups:
        perm = np.argsort(keys, kind="stable")
        ks = keys[perm]
        new = np.r_[True, ks[1:] != ks[:-1]] if ks.size else np.zeros(0, dtype=np.bool_)
        starts = np.flatnonzero(new)
        group = np.cumsum(new) - 1
        rank = np.arange(ks.size) - starts[group] if ks.size else group
        top = int(rank.max()) if rank.size else 0
        more = [(perm[rank == r], group[rank == r]) for r in range(1, top + 1)]
        return cls(keys=ks[starts], first=perm[starts], more=more)

    def reduce(self, cand: FloatArray, *, largest: bool) -> FloatArray:
        out = cand[self.first]
        op = np.maximum if largest else np.minimum
        for rows, groups in self.more:
            out[groups] = op(out[groups], cand[rows])
        return out


def _levels(cn: CompiledNetwork) -> list[_Level]:
    out: list[_Level] = []
    ptr = cn.level_link_ptr
    for k in range(cn.n_levels):
        a, b = int(ptr[k]), int(ptr[k + 1])
        src, dst, typ = cn.link_src[a:b], cn.link_dst[a:b], cn.link_type[a:b].astype(np.int64)
        lag = cn.link_lag[a:b].astype(np.float64)
        rows = np.arange(b - a)
        out.append(
            _Level(
                src=src,
                dst=dst,
                lag=lag,
                from_finish=rows[(typ == FS) | (typ == FF)],
                from_start=rows[(typ == SS) | (typ == SF)],
                minus_dst=rows[(typ == FF) | (typ == SF)],
                ff=rows[typ == FF],
                on_start=rows[(typ == FS) | (typ == SS)],
                fwd=_Groups.of(dst),
                bwd=_Groups.of(src),
            )
        )
    return out


@dataclass
class _Sampler:
    """Turns uniforms (chunk, n_var) into durations (tasks, chunk)."""

    n: int
    base: FloatArray  # every task's duration when not drawn (fixed tasks; 0 for summaries)
    var_idx: IntArray  # tasks with a drawn duration, in the column order of the uniforms
    tri_cols: IntArray
    tri_a: FloatArray
    tri_b: FloatArray
    tri_split: FloatArray
    tri_lo: FloatArray
    tri_hi: FloatArray
    uni_cols: IntArray
    uni_a: FloatArray
    uni_w: FloatArray
    pert_cols: IntArray
    pert_a: FloatArray
    pert_w: FloatArray
    pert_row: IntArray
    pert_frac: FloatArray
    table: FloatArray | None

    def durations(self, u: FloatArray) -> FloatArray:
        c = u.shape[0]
        d = np.empty((self.n, c))
        d[:] = self.base[:, None]
        if self.var_idx.size == 0:
            return d
        ut = np.ascontiguousarray(u.T)  # (n_var, chunk)
        if self.tri_cols.size:
            v = ut[self.tri_cols]
            left = self.tri_a[:, None] + np.sqrt(v * self.tri_lo[:, None])
            right = self.tri_b[:, None] - np.sqrt((1.0 - v) * self.tri_hi[:, None])
            d[self.var_idx[self.tri_cols]] = np.where(v < self.tri_split[:, None], left, right)
        if self.uni_cols.size:
            v = ut[self.uni_cols]
            d[self.var_idx[self.uni_cols]] = self.uni_a[:, None] + v * self.uni_w[:, None]
        if self.pert_cols.size and self.table is not None:
            v = ut[self.pert_cols]
            t = v * (_PERT_PROBS - 1)
            j = np.minimum(t.astype(np.int64), _PERT_PROBS - 2)
            f = t - j
            flat = self.table.reshape(-1)
            at = self.pert_row[:, None] * _PERT_PROBS + j
            x0 = flat[at] + (flat[at + 1] - flat[at]) * f
            at += _PERT_PROBS
            x1 = flat[at] + (flat[at + 1] - flat[at]) * f
            x = x0 + (x1 - x0) * self.pert_frac[:, None]
            d[self.var_idx[self.pert_cols]] = self.pert_a[:, None] + x * self.pert_w[:, None]
        return d


def _sampler(cn: CompiledNetwork, estimates: Mapping[str, Estimate] | None) -> _Sampler:
    n = cn.n_tasks
    base = cn.durations.astype(np.float64).copy()
    var: list[int] = []
    kinds: list[int] = []
    params: list[tuple[float, float, float]] = []
    for i, task in enumerate(cn.tasks):
        if cn.is_summary[i]:
            continue
        est = estimates.get(task.id) if estimates is not None else None
        est = est if est is not None else task.estimate
        if est is None:
            continue
        kind = _KIND[est.distribution]
        if kind == _FIXED or est.max == est.min:
            base[i] = est.likely if kind == _FIXED else est.min
            continue
        var.append(i)
        kinds.append(kind)
        params.append((float(est.min), float(est.likely), float(est.max)))
    var_idx = np.array(var, dtype=np.int64)
    kind_arr = np.array(kinds, dtype=np.int64)
    p = np.array(params, dtype=np.float64).reshape(-1, 3)
    a, m, b = p[:, 0], p[:, 1], p[:, 2]
    w = b - a
    tri = np.flatnonzero(kind_arr == _TRIANGULAR)
    uni = np.flatnonzero(kind_arr == _UNIFORM)
    pert = np.flatnonzero(kind_arr == _PERT)
    r = (m[pert] - a[pert]) / w[pert] * (_PERT_SHAPES - 1)
    row = np.minimum(r.astype(np.int64), _PERT_SHAPES - 2)
    return _Sampler(
        n=n,
        base=base,
        var_idx=var_idx,
        tri_cols=tri,
        tri_a=a[tri],
        tri_b=b[tri],
        tri_split=(m[tri] - a[tri]) / w[tri],
        tri_lo=w[tri] * (m[tri] - a[tri]),
        tri_hi=w[tri] * (b[tri] - m[tri]),
        uni_cols=uni,
        uni_a=a[uni],
        uni_w=w[uni],
        pert_cols=pert,
        pert_a=a[pert],
        pert_w=w[pert],
        pert_row=row,
        pert_frac=r - row,
        table=_pert_table() if pert.size else None,
    )


def _passes(
    levels: Sequence[_Level],
    d: FloatArray,
    has_pred: npt.NDArray[np.bool_],
    has_succ: npt.NDArray[np.bool_],
    leaf: npt.NDArray[np.bool_],
    snet: FloatArray | None,
    want_float: bool,
) -> tuple[FloatArray, FloatArray | None]:
    """Forward (and backward) pass over a chunk; returns finish (chunk,) and total float."""
    n, c = d.shape
    es = np.zeros((n, c))
    es[has_pred] = -np.inf
    if snet is not None:
        np.fmax(es, snet[:, None], out=es)
    ef = np.empty_like(es)
    for lv in levels[1:]:
        if lv.src.size == 0:
            continue
        cand = np.empty((lv.src.size, c))
        if lv.from_finish.size:
            cand[lv.from_finish] = es[lv.src[lv.from_finish]] + d[lv.src[lv.from_finish]]
        if lv.from_start.size:
            cand[lv.from_start] = es[lv.src[lv.from_start]]
        cand += lv.lag[:, None]
        if lv.minus_dst.size:
            cand[lv.minus_dst] -= d[lv.dst[lv.minus_dst]]
            cand[lv.ff] = np.maximum(cand[lv.ff], 0.0)
        tgt = lv.fwd.keys
        es[tgt] = np.maximum(es[tgt], lv.fwd.reduce(cand, largest=True))
    np.add(es, d, out=ef)
    finish = ef[leaf].max(axis=0) if leaf.any() else np.zeros(c)
    if not want_float:
        return finish, None

    lf = np.empty_like(es)
    lf[:] = np.inf
    lf[~has_succ] = finish
    for lv in reversed(levels[1:]):
        if lv.src.size == 0:
            continue
        lf_d = lf[lv.dst]
        cand = lf_d
        if lv.from_finish.size < lv.src.size or lv.minus_dst.size:
            # FS/SS bind on the successor's late start, FF/SF on its late finish
            cand[lv.on_start] -= d[lv.dst[lv.on_start]]
            cand[lv.from_start] += d[lv.src[lv.from_start]]
        else:
            cand -= d[lv.dst]
        cand -= lv.lag[:, None]
        tgt = lv.bwd.keys
        lf[tgt] = np.minimum(lf[tgt], np.minimum(lv.bwd.reduce(cand, largest=False), finish))
    return finish, lf - ef


def _rank2(values: FloatArray) -> IntArray:
    """Twice the average rank (1-based) of each value, as integers (ties share a rank)."""
    order = np.argsort(values, kind="stable")
    sorted_vals = values[order]
    n = values.size
    new = np.r_[True, sorted_vals[1:] != sorted_vals[:-1]]
    starts = np.flatnonzero(new)
    ends = np.r_[starts[1:], n]
    group_rank2 = starts + ends + 1  # 2 * mean of (start+1 .. end)
    ranks = np.empty(n, dtype=np.int64)
    ranks[order] = np.repeat(group_rank2, ends - starts)
    return ranks


def _chunk_size(n_tasks: int, iterations: int, memory_mb: float) -> int:
    # About ten (tasks, chunk) float64 arrays are alive at once in the passes. Past about a
    # thousand iterations a chunk gains nothing and falls out of the CPU caches.
    per_iteration = 8 * 10 * max(n_tasks, 1)
    return max(1, min(iterations, 1024, int(memory_mb * 1e6 // per_iteration)))


def simulate(
    network: Network | CompiledNetwork,
    *,
    iterations: int,
    seed: int | None = None,
    estimates: Mapping[str, Estimate] | None = None,
    costs: Mapping[str, TaskCost] | None = None,
    risks: Sequence[RiskEvent] = (),
    start_no_earlier_than: Mapping[str, float] | None = None,
    finish_target: float | None = None,
    budget: Decimal | None = None,
    criticality: bool = True,
    sensitivity: bool = True,
    histogram_bins: int = 50,
    s_curve_points: int = 101,
    chunk_size: int | None = None,
    memory_mb: float = 256.0,
) -> SimulationResult:
    """Simulate the plan ``iterations`` times; see the module docstring for the method.

    Durations come from ``estimates`` (by task id) or else each task's own ``estimate``; a task
    with neither keeps its planned duration. Costs come from ``costs`` (by task id) or else
    each task's ``cost`` as a fixed amount (pounds). ``start_no_earlier_than`` holds tasks back
    to a position in working days from the plan start. ``finish_target`` (working days) and
    ``budget`` (pounds) add the probability of meeting them. ``seed`` (recorded in the result)
    makes the run reproducible; ``chunk_size`` (iterations per pass, by default sized to about
    ``memory_mb`` megabytes) changes memory use and speed but never the result.
    """
    if not 1 <= iterations <= MAX_ITERATIONS:
        raise ValueError(f"iterations must be 1 to {MAX_ITERATIONS}")
    cn = network if isinstance(network, CompiledNetwork) else compile_network(network)
    n = cn.n_tasks
    if seed is None:
        seed = int(np.random.SeedSequence().entropy)  # type: ignore[arg-type]
    for est_id in estimates or {}:
        if est_id not in cn.index:
            raise ValueError(f"estimate for unknown task {est_id!r}")
    sampler = _sampler(cn, estimates)
    levels = _levels(cn)
    leaf = ~cn.is_summary
    snet: FloatArray | None = None
    if start_no_earlier_than:
        snet = np.full(n, -np.inf)
        for tid, pos in start_no_earlier_than.items():
            if tid not in cn.index:
                raise ValueError(f"start_no_earlier_than for unknown task {tid!r}")
            snet[cn.index[tid]] = float(pos)

    fixed_cost = 0.0
    rate = np.zeros(n)
    for i, task in enumerate(cn.tasks):
        tc = costs.get(task.id) if costs is not None else None
        if tc is None:
            fixed_cost += float(task.cost or 0)
        else:
            fixed_cost += float(tc.fixed)
            rate[i] = float(tc.per_day)
    for cid in costs or {}:
        if cid not in cn.index:
            raise ValueError(f"cost for unknown task {cid!r}")
    rate_idx = np.flatnonzero(rate)

    risk_tasks: list[IntArray] = []
    for rk in risks:
        if not 0.0 <= rk.probability <= 1.0:
            raise ValueError(f"risk {rk.key!r}: probability must be 0 to 1")
        unknown = [t for t in rk.tasks if t not in cn.index]
        if unknown:
            raise ValueError(f"risk {rk.key!r} hits unknown task(s) {', '.join(unknown)}")
        risk_tasks.append(np.array([cn.index[t] for t in rk.tasks], dtype=np.int64))
    risk_prob = np.array([rk.probability for rk in risks], dtype=np.float64)

    dur_seq, risk_seq = np.random.SeedSequence(seed).spawn(2)
    dur_rng = np.random.Generator(np.random.PCG64(dur_seq))
    risk_rng = np.random.Generator(np.random.PCG64(risk_seq))
    n_var = sampler.var_idx.size
    chunk = chunk_size or _chunk_size(n, iterations, memory_mb)
    if chunk < 1:
        raise ValueError("chunk_size must be at least 1")

    finish = np.empty(iterations)
    cost = np.empty(iterations)
    crit_count = np.zeros(n, dtype=np.int64)
    for i0 in range(0, iterations, chunk):
        c = min(chunk, iterations - i0)
        d = sampler.durations(dur_rng.random((c, n_var)))
        chunk_cost = np.full(c, fixed_cost)
        if risks:
            occurs = (risk_rng.random((c, len(risks))) < risk_prob).T
            for rk, hit, occ in zip(risks, risk_tasks, occurs, strict=True):
                if rk.delay_days and hit.size:
                    d[hit] += occ * rk.delay_days
                if rk.cost:
                    chunk_cost += occ * float(rk.cost)
        if rate_idx.size:
            chunk_cost += np.add.reduce(d[rate_idx] * rate[rate_idx, None], axis=0)
        fin, total_float = _passes(
            levels, d, cn.has_pred, cn.has_succ, leaf, snet, want_float=criticality
        )
        finish[i0 : i0 + c] = fin
        cost[i0 : i0 + c] = chunk_cost
        if total_float is not None:
            crit_count += np.count_nonzero(total_float <= EPS, axis=1)

    sens: dict[str, float | None] = {cn.ids[i]: None for i in range(n) if leaf[i]}
    if sensitivity and n_var:
        for tid, rho in zip(
            (cn.ids[i] for i in sampler.var_idx),
            _spearman(seed, n_var, iterations, chunk, finish),
            strict=True,
        ):
            sens[tid] = rho

    p = np.percentile(finish, [10, 50, 80, 90])
    cp = np.percentile(cost, [50, 80])
    counts, edges = np.histogram(finish, bins=histogram_bins)
    ordered = np.sort(finish)
    if iterations <= s_curve_points:
        picks = np.arange(iterations)
    else:
        picks = np.unique(np.round(np.linspace(0, iterations - 1, s_curve_points)).astype(int))
    return SimulationResult(
        seed=seed,
        iterations=iterations,
        finish=finish,
        cost=cost,
        finish_mean=float(finish.mean()),
        finish_std=float(finish.std()),
        finish_p10=float(p[0]),
        finish_p50=float(p[1]),
        finish_p80=float(p[2]),
        finish_p90=float(p[3]),
        cost_mean=_money(float(cost.mean())),
        cost_p50=_money(float(cp[0])),
        cost_p80=_money(float(cp[1])),
        criticality=(
            {cn.ids[i]: int(crit_count[i]) / iterations for i in range(n) if leaf[i]}
            if criticality
            else {}
        ),
        sensitivity=sens if sensitivity else {},
        histogram_edges=tuple(float(e) for e in edges),
        histogram_counts=tuple(int(k) for k in counts),
        s_curve_values=tuple(float(v) for v in ordered[picks]),
        s_curve_probability=tuple((int(k) + 1) / iterations for k in picks),
        finish_target=finish_target,
        p_finish_by_target=(
            None if finish_target is None else _share(finish <= finish_target + EPS)
        ),
        budget=budget,
        p_within_budget=None if budget is None else _share(cost <= float(budget) + 0.005),
    )


def _spearman(
    seed: int, n_var: int, iterations: int, chunk: int, finish: FloatArray
) -> list[float | None]:
    """Rank correlation of each drawn task's uniform with the finish, in exact integers."""
    r2 = _rank2(finish)
    dur_seq, _ = np.random.SeedSequence(seed).spawn(2)
    rng = np.random.Generator(np.random.PCG64(dur_seq))
    s_u = np.zeros(n_var, dtype=np.int64)
    s_uu = np.zeros(n_var, dtype=np.int64)
    s_ur = np.zeros(n_var, dtype=np.int64)
    scale = float(1 << _U_BITS)
    for i0 in range(0, iterations, chunk):
        c = min(chunk, iterations - i0)
        u = (rng.random((c, n_var)) * scale).astype(np.int64)
        s_u += u.sum(axis=0)
        s_uu += (u * u).sum(axis=0)
        s_ur += r2[i0 : i0 + c] @ u
    n = iterations
    s_r = int(r2.sum())
    s_rr = int((r2 * r2).sum())
    var_r = n * s_rr - s_r * s_r
    out: list[float | None] = []
    for su, suu, sur in zip(s_u.tolist(), s_uu.tolist(), s_ur.tolist(), strict=True):
        var_u = n * suu - su * su
        if var_u <= 0 or var_r <= 0:
            out.append(None)
            continue
        cov = n * sur - su * s_r
        out.append(float(cov / (float(var_u) ** 0.5 * float(var_r) ** 0.5)))
    return out
