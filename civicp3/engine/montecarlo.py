"""Monte Carlo schedule and cost risk analysis, vectorised over iterations.

Each iteration draws every uncertain task's duration (working days) from its three-point
:class:`~civicp3.engine.network.Estimate` (triangular, PERT-beta, uniform or fixed), adds the
delay of each risk event that occurs to the tasks it hits, and runs the critical-path forward
pass (the rules of ``cpm.py``: FS/SS/FF/SF links with lags, FF never before the plan start).
Criticality (total float <= 1e-9 days, late finish capped at the project finish) comes from
the forward pass too, with no backward pass over the dates: each link is flagged when it drives
its successor, and a task is critical when it ends the project or drives a critical task
(see :func:`_critical`).

The passes loop over topological levels and links with numpy arrays of shape
``(tasks, chunk)``: there is no Python loop over iterations, and iterations are processed in
chunks so memory stays bounded. Random numbers come from PCG64 streams spawned from one seed
and are drawn iteration by iteration, so a seed gives byte-for-byte the same result whatever
the chunk size.

Units: times are working days from the plan start (continuous; 2.5 is half way through the
third working day); money is pounds (``Decimal`` in the result, simulated as float);
probabilities are fractions 0..1.

Durations are drawn by inverse transform from one single-precision uniform (24 random bits)
per task and iteration (triangular in closed form in single precision, which halves the
memory traffic of that transform and is good to about 1e-7 of the duration; uniform in closed
form; PERT-beta from a table of the beta quantile function,
interpolated, accurate to about 1e-5 of the range), so a task's sampled duration has the
same rank as its uniform. Sensitivity uses that: it is Spearman's rank correlation between
the task's duration (ranked by its distribution function) and the project finish (ranked
among the iterations), computed exactly in integers once the finish is ranked, from the same
uniforms (kept from the first pass when they fit in half of ``memory_mb``, else redrawn).

Speed (``bench/bench_montecarlo.py``): scratch arrays are reused from chunk to chunk; the
uniforms are drawn, quantised and transformed a block at a time, so the block stays in the CPU
cache; the triangular transform takes one square root and chooses its branch on the bits;
the passes keep the tasks in level order (each level's tasks consecutive rows), so the
forward pass reads and writes a level as slices; each level's links are laid out so that the
max per task is a few in-place operations on slices; a task's early finish is kept once known
rather than re-added for every link; criticality works on flags (a byte, not eight) and is
counted into a byte per task and iteration, added up every 255 chunks. Every number goes
through the same floating-point operations however the work is arranged, so a seed gives the
same bytes (``tests/engine/test_montecarlo.py`` pins them).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from civicp3.engine.network import (
    CompiledNetwork,
    ConstraintType,
    Estimate,
    LinkType,
    Network,
    NetworkError,
    compile_network,
)

__all__ = ["RiskEvent", "SimulationResult", "TaskCost", "simulate"]

FloatArray = npt.NDArray[np.float64]
AnyFloats = npt.NDArray[np.floating[Any]]  # durations (double) or triangular draws (single)
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
class _Groups:
    """Rows laid out for a max / min per key with no gather or scatter.

    Row ``g`` (of the first ``len(keys)``) is the first row of group ``g`` (key ``keys[g]``);
    groups come in decreasing size, so for each rank r >= 1 the r-th rows of the groups that
    have one are the consecutive rows ``offset .. offset + count`` and belong to groups
    ``0 .. count``: each step is one ``max`` (or ``min``) of two slices, in place. ``order``
    is where each row comes from in the given rows (within a group, in their given order).
    """

    order: IntArray
    keys: IntArray
    steps: list[tuple[int, int]]  # (offset, count) for each rank r >= 1
    group: IntArray  # each row's group (its index in ``keys``), rows in ``order``

    @classmethod
    def of(cls, keys: IntArray) -> _Groups:
        perm = np.argsort(keys, kind="stable")
        ks = keys[perm]
        new = np.r_[True, ks[1:] != ks[:-1]] if ks.size else np.zeros(0, dtype=np.bool_)
        starts = np.flatnonzero(new)
        group = np.cumsum(new) - 1
        rank = np.arange(ks.size) - starts[group]
        size = np.diff(np.r_[starts, ks.size])
        by_size = np.argsort(-size, kind="stable")
        place = np.empty_like(by_size)
        place[by_size] = np.arange(by_size.size)
        by_rank = np.lexsort((place[group], rank))
        order = perm[by_rank]
        steps: list[tuple[int, int]] = []
        offset = int(starts.size)
        for r in range(1, int(size.max()) if size.size else 0):
            count = int(np.count_nonzero(size > r))
            steps.append((offset, count))
            offset += count
        return cls(order=order, keys=ks[starts][by_size], steps=steps, group=place[group][by_rank])

    def reduce(
        self,
        cand: npt.NDArray[Any],
        *,
        largest: bool,
        out: npt.NDArray[Any] | None = None,
    ) -> npt.NDArray[Any]:
        """Max (or min) of ``cand``'s rows (in ``order``) per key (on booleans: any / all):
        into ``out`` (keys, ...) if given, else into ``cand``'s first rows."""
        op = np.maximum if largest else np.minimum
        g = self.keys.size
        steps = self.steps
        if out is None:
            out = cand[:g]
        elif steps:  # the first step out of place, the groups of one row copied
            offset, first = steps[0]
            op(cand[:first], cand[offset : offset + first], out=out[:first])
            np.copyto(out[first:], cand[first:g])
            steps = steps[1:]
        else:
            np.copyto(out, cand[:g])
        for offset, count in steps:
            op(out[:count], cand[offset : offset + count], out=out[:count])
        return out

    def reaches(self, cand: FloatArray, floor: FloatArray, out: npt.NDArray[np.bool_]) -> None:
        """out[row] = cand[row] >= floor[the row's group], with no gather (rows in ``order``)."""
        g = self.keys.size
        np.greater_equal(cand[:g], floor, out=out[:g])
        for offset, count in self.steps:
            rows = slice(offset, offset + count)
            np.greater_equal(cand[rows], floor[:count], out=out[rows])


@dataclass
class _Side:
    """One level's links, in the row order of one pass (grouped by successor for the forward
    pass, by predecessor for the criticality sweep, which uses only the grouping)."""

    src: IntArray
    dst: IntArray
    lag: FloatArray  # (links, 1)
    all_fs: bool  # every link finish-to-start
    from_finish: IntArray  # FS/FF rows: the bound starts from the predecessor's finish
    from_start: IntArray  # SS/SF rows
    minus_dst: IntArray  # FF/SF rows: bound on the successor's finish, less its duration
    ff: IntArray  # FF rows: never before the plan start
    groups: _Groups
    tgt: slice | IntArray  # the groups' keys (a slice when consecutive)
    any_lag: bool

    @classmethod
    def of(
        cls, src: IntArray, dst: IntArray, typ: IntArray, lag: FloatArray, by: IntArray
    ) -> _Side:
        groups = _Groups.of(by)
        o = groups.order
        src, dst, typ, lag = src[o], dst[o], typ[o], lag[o]
        rows = np.arange(o.size)
        return cls(
            src=src,
            dst=dst,
            lag=lag[:, None],
            all_fs=bool((typ == FS).all()),
            from_finish=rows[(typ == FS) | (typ == FF)],
            from_start=rows[(typ == SS) | (typ == SF)],
            minus_dst=rows[(typ == FF) | (typ == SF)],
            ff=rows[typ == FF],
            groups=groups,
            tgt=_run(groups.keys),
            any_lag=bool(lag.any()),
        )


@dataclass
class _Level:
    """Static data of one topological level for the forward pass and the criticality sweep."""

    fwd: _Side  # the links into the level, grouped by successor
    bwd: _Side  # the links out of the level, grouped by predecessor
    rows: slice  # the level's tasks
    flags: slice  # rows of the driving flags of the links into the level (``fwd`` order)
    bwd_flags: IntArray  # rows of the driving flags of the links out of it (``bwd`` order)


def _level_order(cn: CompiledNetwork) -> IntArray:
    """The order the passes keep the tasks in (``order[row]`` is the task): level by level,
    and within a level as the forward pass groups them (most predecessors first, then by
    index), so each level's tasks are consecutive rows and the forward pass reads and writes
    them as slices, with no gather or scatter."""
    n = cn.n_tasks
    preds = np.bincount(cn.link_dst, minlength=n)
    return np.lexsort((np.arange(n), -preds, cn.level))


def _levels(cn: CompiledNetwork, row: IntArray) -> list[_Level]:
    """Each level's links in and out, with tasks numbered by ``row`` (their row in the
    passes, as :func:`_level_order` puts them)."""
    src, dst = row[cn.link_src], row[cn.link_dst]
    typ = cn.link_type.astype(np.int64)
    lag = cn.link_lag.astype(np.float64)
    by_src = np.argsort(cn.level[cn.link_src], kind="stable")
    out_ptr = np.searchsorted(cn.level[cn.link_src][by_src], np.arange(cn.n_levels + 1))
    task_ptr = np.r_[0, np.cumsum(np.bincount(cn.level, minlength=cn.n_levels))]
    in_ptr = cn.level_link_ptr
    fwd = []
    flag_row = np.empty(cn.n_links, dtype=np.int64)  # link -> its row of the driving flags
    for k in range(cn.n_levels):
        into = slice(int(in_ptr[k]), int(in_ptr[k + 1]))
        side = _Side.of(src[into], dst[into], typ[into], lag[into], dst[into])
        flag_row[into.start + side.groups.order] = np.arange(into.start, into.stop)
        fwd.append(side)
    out: list[_Level] = []
    for k in range(cn.n_levels):
        from_ = by_src[int(out_ptr[k]) : int(out_ptr[k + 1])]
        bwd = _Side.of(src[from_], dst[from_], typ[from_], lag[from_], src[from_])
        out.append(
            _Level(
                fwd=fwd[k],
                bwd=bwd,
                rows=slice(int(task_ptr[k]), int(task_ptr[k + 1])),
                flags=slice(int(in_ptr[k]), int(in_ptr[k + 1])),
                bwd_flags=flag_row[from_[bwd.groups.order]],
            )
        )
    return out


_BLOCK = 32_768  # numbers per block of the duration transforms (128 kB in single precision)


def _run(rows: IntArray) -> slice | IntArray:
    """``rows`` as a slice when they are consecutive (a view, no copy), else unchanged."""
    if rows.size and bool((np.diff(rows) == 1).all()):
        return slice(int(rows[0]), int(rows[-1]) + 1)
    return rows


@dataclass
class _Sampler:
    """Turns uniforms (chunk, n_var) into durations (tasks, chunk), in place where it can.

    Each distribution's tasks are a group: ``*_cols`` are its columns of the uniforms and
    ``*_rows`` its rows of the durations (a slice when consecutive, so the transform runs on a
    view of the durations array with no gather or scatter). Every element goes through the
    same floating-point operations, in the same order, as the closed forms in the comments, so
    the durations are the same to the bit however the work is arranged.
    """

    base: FloatArray  # each row's duration when not drawn (fixed tasks; 0 for summaries)
    var_idx: IntArray  # tasks with a drawn duration, in the column order of the uniforms
    fixed_rows: IntArray  # rows of the tasks without a drawn duration
    tri_cols: IntArray
    tri_rows: slice | IntArray
    # (split, lo, hi, bits of a ^ bits of b, bits of b): the mode's position and the
    # two branches' constants, one task a row (k, 1) or along (1, k)
    tri_down: tuple[npt.NDArray[Any], ...]
    tri_across: tuple[npt.NDArray[Any], ...]
    uni_cols: IntArray
    uni_rows: slice | IntArray
    uni_a: FloatArray
    uni_w: FloatArray
    pert_cols: IntArray
    pert_rows: slice | IntArray
    pert_a: FloatArray
    pert_w: FloatArray
    pert_row: IntArray
    pert_frac: FloatArray
    table: FloatArray | None

    def fill(
        self,
        rng: np.random.Generator,
        u: npt.NDArray[np.float32],
        d: FloatArray,
        work: _Work,
        kept: npt.NDArray[np.int32] | None = None,
    ) -> None:
        """Draw one chunk's uniforms from ``rng`` into ``u`` (chunk, n_var), iteration by
        iteration; write the durations into ``d`` (rows, chunk) and the uniforms, quantised for
        the sensitivity, into ``kept`` (chunk, n_var) if given.

        Rows go in blocks of about ``_BLOCK`` numbers, so a transform's dozen passes over a
        block run in the CPU's cache rather than in memory."""
        if self.fixed_rows.size:
            d[self.fixed_rows] = self.base[self.fixed_rows, None]
        c = u.shape[0]
        if self.tri_cols.size == u.shape[1]:
            # Every drawn task triangular: transform the uniforms as drawn, a block of
            # iterations at a time (each task's constants then run along the row, which
            # vectorises better than one per row), and transpose once into the durations.
            step = max(1, _BLOCK // max(u.shape[1], 1))
            every = slice(None)
            for i0 in range(0, c, step):
                v = u[i0 : i0 + step]
                rng.random(out=v, dtype=np.float32)  # the same as drawing the chunk at once
                if kept is not None:
                    _quantise(v, kept[i0 : i0 + step])
                self._triangular(v, every, work, across=True)
            if isinstance(self.tri_rows, slice):
                np.copyto(d[self.tri_rows], u.T)
            else:
                d[self.tri_rows] = u.T
            return
        rng.random(out=u, dtype=np.float32)
        if kept is not None:
            _quantise(u, kept)
        step = max(1, _BLOCK // max(c, 1))
        groups = (
            (self.tri_cols, self.tri_rows, self._triangular),
            (self.uni_cols, self.uni_rows, self._uniform),
            (self.pert_cols, self.pert_rows, self._pert),
        )
        for cols, rows, transform in groups:
            every = cols.size == u.shape[1]
            for r0 in range(0, cols.size, step):
                part = slice(r0, min(r0 + step, cols.size))
                src = u[:, part] if every else u[:, cols[part]]
                in_place = isinstance(rows, slice) and cols is not self.tri_cols
                block: AnyFloats  # float64 in place, float32 for the triangular
                if in_place:  # in double precision, on a view of the durations
                    block = d[rows][part]
                    np.copyto(block, src.T)
                else:  # triangular: in single precision, as above
                    block = np.ascontiguousarray(src.T)
                transform(block, part, work)
                if isinstance(rows, slice):
                    if not in_place:
                        np.copyto(d[rows][part], block)
                else:
                    d[rows[part]] = block

    def _triangular(self, v: AnyFloats, k: slice, work: _Work, across: bool = False) -> None:
        """v <- a + sqrt(v * lo) where v < split, else b - sqrt((1 - v) * hi), branch-free:
        both products, one square root; the product and the base chosen on the bits, as
        x ^ ((y ^ x) & mask), and the sign taken from v - split (a - (-s) is a + s).

        ``v`` holds tasks ``k`` in rows, or (``across``) all of them along each row. In
        single precision (the uniforms' own), which halves the memory traffic: a duration
        is then good to about 1e-7 of itself, far finer than any estimate."""
        p = self.tri_across if across else self.tri_down
        split, lo, hi, ab, b = p if across else (x[k] for x in p)
        mask = work.get(v.shape, np.int32, "mask")
        other = work.get(v.shape, np.float32, "other")
        diff = work.get(v.shape, np.float32, "diff")
        vb = v.view(np.int32)
        ob = other.view(np.int32)
        np.subtract(v, split, out=diff)  # < 0 exactly where v < split
        np.right_shift(diff.view(np.int32), 31, out=mask)  # all ones where v < split, else 0
        np.subtract(1.0, v, out=other)
        np.multiply(other, hi, out=other)
        np.multiply(v, lo, out=v)
        np.bitwise_xor(vb, ob, out=vb)
        np.bitwise_and(vb, mask, out=vb)
        np.bitwise_xor(vb, ob, out=vb)  # v * lo where v < split, else (1 - v) * hi
        np.sqrt(v, out=v)
        np.copysign(v, diff, out=v)  # -sqrt(...) where v < split
        np.bitwise_and(mask, ab, out=mask)
        np.bitwise_xor(mask, b, out=mask)  # a where v < split, else b
        np.subtract(mask.view(np.float32), v, out=v)

    def _uniform(self, v: AnyFloats, k: slice, _: _Work) -> None:
        """v <- a + v * w."""
        np.multiply(v, self.uni_w[k], out=v)
        np.add(v, self.uni_a[k], out=v)

    def _pert(self, v: AnyFloats, k: slice, _: _Work) -> None:
        """v <- a + w * (the table's quantile at v, interpolated in probability and shape)."""
        assert self.table is not None
        t = v * (_PERT_PROBS - 1)
        j = np.minimum(t.astype(np.int64), _PERT_PROBS - 2)
        f = t - j
        flat = self.table.reshape(-1)
        at = self.pert_row[k] * _PERT_PROBS + j
        x0 = flat[at] + (flat[at + 1] - flat[at]) * f
        at += _PERT_PROBS
        x1 = flat[at] + (flat[at + 1] - flat[at]) * f
        x = x0 + (x1 - x0) * self.pert_frac[k]
        np.multiply(x, self.pert_w[k], out=v)
        np.add(v, self.pert_a[k], out=v)


def _bits(values: FloatArray) -> npt.NDArray[np.int32]:
    return values.astype(np.float32).view(np.int32)[:, None]


def _sampler(
    cn: CompiledNetwork, estimates: Mapping[str, Estimate] | None, rows: IntArray
) -> _Sampler:
    """The sampler for ``cn``, writing task ``i``'s durations to row ``rows[i]``."""
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
    drawn = np.zeros(n, dtype=np.bool_)
    drawn[var_idx] = True
    kind_arr = np.array(kinds, dtype=np.int64)
    p = np.array(params, dtype=np.float64).reshape(-1, 3)
    a, m, b = p[:, 0], p[:, 1], p[:, 2]
    w = b - a
    tri = np.flatnonzero(kind_arr == _TRIANGULAR)
    uni = np.flatnonzero(kind_arr == _UNIFORM)
    pert = np.flatnonzero(kind_arr == _PERT)
    r = (m[pert] - a[pert]) / w[pert] * (_PERT_SHAPES - 1)
    row = np.minimum(r.astype(np.int64), _PERT_SHAPES - 2)
    tri_params = (
        ((m[tri] - a[tri]) / w[tri]).astype(np.float32)[:, None],
        (w[tri] * (m[tri] - a[tri])).astype(np.float32)[:, None],
        (w[tri] * (b[tri] - m[tri])).astype(np.float32)[:, None],
        _bits(a[tri]) ^ _bits(b[tri]),
        _bits(b[tri]),
    )
    var_rows = rows[var_idx]
    permuted = np.empty_like(base)
    permuted[rows] = base
    return _Sampler(
        base=permuted,
        var_idx=var_idx,
        fixed_rows=np.sort(rows[~drawn]),
        tri_cols=tri,
        tri_rows=_run(var_rows[tri]),
        tri_down=tri_params,
        tri_across=tuple(x.reshape(1, -1) for x in tri_params),
        uni_cols=uni,
        uni_rows=_run(var_rows[uni]),
        uni_a=a[uni][:, None],
        uni_w=w[uni][:, None],
        pert_cols=pert,
        pert_rows=_run(var_rows[pert]),
        pert_a=a[pert][:, None],
        pert_w=w[pert][:, None],
        pert_row=row[:, None],
        pert_frac=(r - row)[:, None],
        table=_pert_table() if pert.size else None,
    )


class _Work:
    """Scratch arrays kept from chunk to chunk: a fresh array of megabytes costs page faults
    each time it is touched, a reused one is already mapped (and often still in cache)."""

    def __init__(self) -> None:
        self._flat: dict[str, npt.NDArray[np.generic]] = {}

    def get(self, shape: tuple[int, ...], dtype: type[np.generic], name: str) -> npt.NDArray[Any]:
        size = math.prod(shape)
        flat = self._flat.get(name)
        if flat is None or flat.size < size or flat.dtype != dtype:
            flat = self._flat[name] = np.empty(size, dtype=dtype)
        return flat[:size].reshape(shape)

    def floats(self, shape: tuple[int, ...], name: str = "float scratch") -> FloatArray:
        return self.get(shape, np.float64, name)

    def bools(self, shape: tuple[int, ...], name: str = "flags") -> npt.NDArray[np.bool_]:
        return self.get(shape, np.bool_, name)


@dataclass
class _Net:
    """Per-run data for the passes (beyond the levels)."""

    levels: list[_Level]
    es0: FloatArray  # (n, 1): start before any link binds (0, or -inf with predecessors; SNET)
    snet: bool
    keep_es: bool  # some link starts from a predecessor's start (SS, SF)
    no_pred: slice | IntArray  # level 0
    leaf: slice | IntArray  # non-summary tasks, whose finish is the project's
    any_leaf: bool


def _forward(
    net: _Net,
    d: FloatArray,
    es: FloatArray,
    ef: FloatArray,
    work: _Work,
    flags: npt.NDArray[np.bool_] | None = None,
) -> FloatArray:
    """Early finish ``ef`` (filled in; early start ``es`` too when a link needs it); returns
    the project finish (chunk,). With ``flags`` (links, chunk), marks each link that drives
    its successor: its bound on the successor's start (before FF's "not before the plan
    start") is within ``EPS`` of that start, so the link has no free float.

    Level by level, each task's early finish is kept as es + d once its early start is known,
    so a link from a finish gathers it rather than adding again (the same sum, the same bits).
    Without a start-no-earlier-than a task with predecessors starts at -inf before its links
    bind, and max(-inf, x) is x, so its start is the links' maximum as it stands. A level's
    tasks are consecutive rows (see :func:`_level_order`), so they are written as a slice.
    """
    c = d.shape[1]
    start0 = net.es0[net.no_pred]
    if net.keep_es:
        es[net.no_pred] = start0
    _sum_into(ef, net.no_pred, start0, d)
    for lv in net.levels[1:]:
        side = lv.fwd
        if side.src.size == 0:
            continue
        cand = work.floats((side.src.size, c), "links")
        if side.all_fs:
            np.take(ef, side.src, axis=0, out=cand, mode="clip")
        else:
            cand[side.from_finish] = ef[side.src[side.from_finish]]
            cand[side.from_start] = es[side.src[side.from_start]]
        if side.any_lag:
            cand += side.lag
        unclipped = None
        if side.minus_dst.size:
            cand[side.minus_dst] -= d[side.dst[side.minus_dst]]
            if flags is not None and side.ff.size:
                unclipped = cand[side.ff]
            cand[side.ff] = np.maximum(cand[side.ff], 0.0)
        tgt = side.tgt
        keys = side.groups.keys.size
        start = side.groups.reduce(
            cand, largest=True, out=None if flags is None else work.floats((keys, c), "starts")
        )
        if net.snet:
            np.maximum(net.es0[tgt], start, out=start)
        if flags is not None:
            floor = np.subtract(start, EPS, out=work.floats((keys, c), "floor"))
            drives = flags[lv.flags]
            side.groups.reaches(cand, floor, drives)
            if unclipped is not None:
                drives[side.ff] = unclipped >= floor[side.groups.group[side.ff]]
        if net.keep_es:
            es[tgt] = start
        _sum_into(ef, tgt, start, d)
    if not net.any_leaf:
        return np.zeros(c)
    finish: FloatArray = np.max(ef[net.leaf], axis=0)
    return finish


def _sum_into(out: FloatArray, rows: slice | IntArray, x: FloatArray, d: FloatArray) -> None:
    """out[rows] = x + d[rows], in place when ``rows`` is a slice."""
    if isinstance(rows, slice):
        np.add(x, d[rows], out=out[rows])
    else:
        out[rows] = x + d[rows]


def _critical(
    net: _Net,
    ef: FloatArray,
    finish: FloatArray,
    flags: npt.NDArray[np.bool_],
    work: _Work,
) -> npt.NDArray[np.bool_]:
    """Which tasks are critical (total float <= ``EPS``) on each iteration, from the forward
    pass alone: a task finishing within ``EPS`` of the project finish, or driving (see
    :func:`_forward`) a critical successor. A task's total float is the least, over its
    successors, of theirs plus the link's free float (and the project finish less its early
    finish), so on a zero-float path this is exactly ``lf - ef <= EPS``; only a chain of
    positive floats each under ``EPS`` (1e-9 days) could tell them apart.

    Levels go last to first, each with the links out of it (grouped by predecessor): the
    successors are in later levels, so whether they are critical is already known."""
    n, c = ef.shape
    crit = work.bools((n, c), "critical")
    np.greater_equal(ef, finish - EPS, out=crit)
    for lv in reversed(net.levels):
        side = lv.bwd
        if side.src.size == 0:
            continue
        links = side.src.size
        hit = np.take(crit, side.dst, axis=0, out=work.bools((links, c), "hit"), mode="clip")
        drives = work.bools((links, c), "drives")
        np.take(flags, lv.bwd_flags, axis=0, out=drives, mode="clip")
        np.logical_and(hit, drives, out=hit)
        via = side.groups.reduce(hit, largest=True)
        crit[side.tgt] |= via
    return crit


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
    # About ten (tasks, chunk) float64 arrays are alive at once in the passes. Past about two
    # thousand iterations a chunk gains nothing (the per-level Python work is spread thin
    # enough) and falls out of the CPU caches.
    per_iteration = 8 * 10 * max(n_tasks, 1)
    return max(1, min(iterations, 2048, int(memory_mb * 1e6 // per_iteration)))


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
    progress: Callable[[int, int], None] | None = None,
) -> SimulationResult:
    """Simulate the plan ``iterations`` times; see the module docstring for the method.

    Durations come from ``estimates`` (by task id) or else each task's own ``estimate``; a task
    with neither keeps its planned duration. Costs come from ``costs`` (by task id) or else
    each task's ``cost`` as a fixed amount (pounds). ``start_no_earlier_than`` holds tasks back
    to a position in working days from the plan start. ``finish_target`` (working days) and
    ``budget`` (pounds) add the probability of meeting them. ``seed`` (recorded in the result)
    makes the run reproducible; ``chunk_size`` (iterations per pass, by default sized to about
    ``memory_mb`` megabytes) changes memory use and speed but never the result.
    ``progress``, if given, is called after each chunk with the iterations done so far and
    ``iterations`` (for a progress indicator; it does not change the result).
    """
    if not 1 <= iterations <= MAX_ITERATIONS:
        raise ValueError(f"iterations must be 1 to {MAX_ITERATIONS}")
    cn = network if isinstance(network, CompiledNetwork) else compile_network(network)
    n = cn.n_tasks
    for t in cn.tasks:
        con = t.constraint
        if con is not None and con.type != ConstraintType.ASAP:
            raise NetworkError(
                f"task {t.id!r}: forecasts do not model {con.type.label!r} constraints (only "
                "start no earlier than, and finish no later than as a target)"
            )
    if seed is None:
        seed = int(np.random.SeedSequence().entropy)  # type: ignore[arg-type]
    for est_id in estimates or {}:
        if est_id not in cn.index:
            raise ValueError(f"estimate for unknown task {est_id!r}")
    order = _level_order(cn)
    row = np.empty_like(order)
    row[order] = np.arange(n)  # task i lives in row row[i] of the passes
    sampler = _sampler(cn, estimates, row)
    levels = _levels(cn, row)
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
    rate_rows = row[rate_idx]  # in task order, so the costs add up in the same order

    risk_tasks: list[IntArray] = []
    for rk in risks:
        if not 0.0 <= rk.probability <= 1.0:
            raise ValueError(f"risk {rk.key!r}: probability must be 0 to 1")
        unknown = [t for t in rk.tasks if t not in cn.index]
        if unknown:
            raise ValueError(f"risk {rk.key!r} hits unknown task(s) {', '.join(unknown)}")
        risk_tasks.append(row[np.array([cn.index[t] for t in rk.tasks], dtype=np.int64)])
    risk_prob = np.array([rk.probability for rk in risks], dtype=np.float64)

    dur_seq, risk_seq = np.random.SeedSequence(seed).spawn(2)
    dur_rng = np.random.Generator(np.random.PCG64(dur_seq))
    risk_rng = np.random.Generator(np.random.PCG64(risk_seq))
    n_var = sampler.var_idx.size
    chunk = chunk_size or _chunk_size(n, iterations, memory_mb)
    if chunk < 1:
        raise ValueError("chunk_size must be at least 1")

    es0 = np.where(cn.has_pred, -np.inf, 0.0)
    if snet is not None:
        es0 = np.fmax(es0, snet)
    net = _Net(
        levels=levels,
        es0=es0[order][:, None],
        snet=snet is not None,
        keep_es=any(lv.fwd.from_start.size for lv in levels),
        no_pred=_run(np.sort(row[~cn.has_pred])),
        leaf=_run(np.sort(row[leaf])),
        any_leaf=bool(leaf.any()),
    )
    # Sensitivity needs every iteration's uniforms again once the finish is ranked: keep them
    # (as the integers of the exact sums, in int32) when they take at most half of
    # ``memory_mb``, else draw them again from the seed.
    kept: npt.NDArray[np.int32] | None = None
    if sensitivity and n_var and 4 * n_var * iterations <= memory_mb * 1e6 / 2:
        kept = np.empty((iterations, n_var), dtype=np.int32)

    finish = np.empty(iterations)
    cost = np.empty(iterations)
    crit_count = np.zeros(n, dtype=np.int64)
    # critical iterations per task and position in the chunk, added up every 255 chunks
    tally = np.zeros((n, chunk) if criticality else (0, 0), dtype=np.uint8)
    tallied = 0
    work = _Work()
    for i0 in range(0, iterations, chunk):
        c = min(chunk, iterations - i0)
        u = work.get((c, n_var), np.float32, "uniforms")
        d = work.floats((n, c), "durations")
        sampler.fill(dur_rng, u, d, work, None if kept is None else kept[i0 : i0 + c])
        chunk_cost = np.full(c, fixed_cost)
        if risks:
            occurs = (risk_rng.random((c, len(risks))) < risk_prob).T
            for rk, hit, occ in zip(risks, risk_tasks, occurs, strict=True):
                if rk.delay_days and hit.size:
                    d[hit] += occ * rk.delay_days
                if rk.cost:
                    chunk_cost += occ * float(rk.cost)
        if rate_idx.size:
            chunk_cost += np.add.reduce(d[rate_rows] * rate[rate_idx, None], axis=0)
        ef = work.floats((n, c), "early finish")
        es = work.floats((n, c), "early start")
        flags = work.bools((cn.n_links, c), "driving") if criticality else None
        fin = _forward(net, d, es, ef, work, flags)
        finish[i0 : i0 + c] = fin
        cost[i0 : i0 + c] = chunk_cost
        if flags is not None:
            crit = _critical(net, ef, fin, flags, work).view(np.uint8)
            np.add(tally[:, :c], crit, out=tally[:, :c])
            tallied += 1
            if tallied == 255 or i0 + c == iterations:
                crit_count += tally.sum(axis=1, dtype=np.int64)
                tally.fill(0)
                tallied = 0
        if progress is not None:
            progress(i0 + c, iterations)

    sens: dict[str, float | None] = {cn.ids[i]: None for i in range(n) if leaf[i]}
    if sensitivity and n_var:
        for tid, rho in zip(
            (cn.ids[i] for i in sampler.var_idx),
            _spearman(seed, n_var, iterations, chunk, finish, kept),
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
            {cn.ids[i]: int(crit_count[row[i]]) / iterations for i in range(n) if leaf[i]}
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


def _quantise(u: npt.NDArray[np.float32], out: npt.NDArray[Any]) -> None:
    """The uniforms rounded down to multiples of 2**-20, times 2**20 (integers below 2**20),
    into ``out``: float64, or int32 (one pass: the cast truncates, and u >= 0)."""
    if out.dtype.kind == "f":
        np.multiply(u, float(1 << _U_BITS), out=out)
        np.floor(out, out=out)
    else:
        np.multiply(u, float(1 << _U_BITS), out=out, casting="unsafe")


# Rows per block of the float64 sums below: each sum stays under 2**53 (integers times at most
# 2**20 * 2 * MAX_ITERATIONS < 2**42, over 1,024 rows), so floating point adds them exactly.
_EXACT_ROWS = 1024


def _spearman(
    seed: int,
    n_var: int,
    iterations: int,
    chunk: int,
    finish: FloatArray,
    kept: npt.NDArray[np.int32] | None = None,
) -> list[float | None]:
    """Rank correlation of each drawn task's uniform with the finish, in exact integers.

    The uniforms come from ``kept`` (already rounded) or are drawn again from the seed."""
    r2 = _rank2(finish)
    r2f = r2.astype(np.float64)
    rng: np.random.Generator | None = None
    if kept is None:
        dur_seq, _ = np.random.SeedSequence(seed).spawn(2)
        rng = np.random.Generator(np.random.PCG64(dur_seq))
    s_u = np.zeros(n_var, dtype=np.int64)
    s_uu = np.zeros(n_var, dtype=np.int64)
    s_ur = np.zeros(n_var, dtype=np.int64)
    block = min(chunk, _EXACT_ROWS)
    q = np.empty((block, n_var))
    for i0 in range(0, iterations, block):
        c = min(block, iterations - i0)
        qc = q[:c]
        if rng is not None:
            _quantise(rng.random((c, n_var), dtype=np.float32), qc)
        else:
            assert kept is not None
            qc[:] = kept[i0 : i0 + c]
        # einsum rather than ``@``: BLAS threads only contend on a busy machine
        s_u += qc.sum(axis=0).astype(np.int64)
        s_uu += np.einsum("ij,ij->j", qc, qc).astype(np.int64)
        s_ur += np.einsum("i,ij->j", r2f[i0 : i0 + c], qc).astype(np.int64)
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
