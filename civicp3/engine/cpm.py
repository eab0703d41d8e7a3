"""Critical path method: early/late dates, total and free float, the critical path, and why.

All arithmetic is on *positions* in working days (floats; see ``calendars.py``): a task of
``d`` working days starting at position ``s`` ends at ``s + d``. Shown as dates, as MS Project
shows them, it finishes on working day ``s + d - 1``; an FS successor with lag 0 starts on the
next working day; a milestone finishes on its start day. Floats are in working days.

Rules (those of MS Project, so imported MSPDI files schedule as Project saved them):

- early start = the latest of the link bounds; a task with no predecessors starts at the
  project start. Links: FS ``ES >= EF(p) + lag``; SS ``ES >= ES(p) + lag``;
  FF ``EF >= EF(p) + lag`` (never before the project start); SF ``EF >= ES(p) + lag``.
- start no earlier than (SNET) raises the early start; finish no later than (FNLT) lowers the
  late finish only (so it shows as negative float rather than moving the plan).
- a manually scheduled task (``Task.manual_start``) starts where it was put.
- late finish = the earliest bound from successors, each capped at the project finish (the
  latest early finish); FS ``LF <= LS(s) - lag``; SS ``LS <= LS(s) - lag``;
  FF ``LF <= LF(s) - lag``; SF ``LS <= LF(s) - lag``.
- total float = LF - EF; free float = the slack to the nearest successor bound (at most the
  total float); critical = total float <= 0.
- summary tasks: earliest child start, latest child finish, total float LF - EF, critical when
  any child is critical.

Cost is O(tasks + links): one pass per topological level, vectorised with numpy, when all tasks
share the plan calendar; a plain loop over the tasks when some have their own calendar.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, get_args

import numpy as np
from numpy.typing import NDArray

from civicp3.engine.calendars import WorkingCalendar
from civicp3.engine.network import (
    CompiledNetwork,
    ConstraintType,
    LinkType,
    Network,
    compile_network,
)

__all__ = [
    "Driver",
    "PassResult",
    "Schedule",
    "ScheduledTask",
    "passes",
    "schedule",
]

EPS = 1e-9
FS, SS, FF, SF = (int(t) for t in (LinkType.FS, LinkType.SS, LinkType.FF, LinkType.SF))

DriverKind = Literal[
    "link",
    "project_start",
    "manual_start",
    "project_finish",
    "children",
    "start_no_earlier_than",
    "start_no_later_than",
    "must_start_on",
    "finish_no_earlier_than",
    "finish_no_later_than",
    "must_finish_on",
]


@dataclass(frozen=True, slots=True)
class Driver:
    """Why a date is what it is.

    ``kind`` is ``link`` (then ``task_id``, ``link_type`` and ``lag`` in working days name the
    predecessor link for an early start, or the successor link for a late finish),
    ``project_start``, ``start_no_earlier_than``, ``manual_start``, ``project_finish``,
    ``finish_no_later_than`` or ``children`` (summary tasks).
    """

    kind: DriverKind
    task_id: str | None = None
    link_type: LinkType | None = None
    lag: float | None = None

    def describe(self) -> str:
        if self.kind == "link":
            lag = "" if not self.lag else f" {self.lag:+g}d"
            kind = self.link_type.name if self.link_type is not None else ""
            return f"{kind}{lag} link with {self.task_id}"
        return self.kind.replace("_", " ")


@dataclass(frozen=True, slots=True)
class PassResult:
    """Raw pass output on positions (working days from the calendar's working day 0).

    ``start_link`` / ``finish_link``: index (into the compiled link arrays) of the link that set
    each task's early start / late finish, or -1. ``start_kind`` / ``finish_kind``: a
    :data:`DriverKind` per task.
    """

    es: NDArray[np.float64]
    ef: NDArray[np.float64]
    ls: NDArray[np.float64]
    lf: NDArray[np.float64]
    total_float: NDArray[np.float64]
    free_float: NDArray[np.float64]
    critical: NDArray[np.bool_]
    project_start: float
    project_finish: float
    start_link: NDArray[np.int64]
    finish_link: NDArray[np.int64]
    start_kind: tuple[DriverKind, ...]
    finish_kind: tuple[DriverKind, ...]


@dataclass(frozen=True, slots=True)
class ScheduledTask:
    """One task's schedule. Dates as MS Project shows them; floats in working days."""

    id: str
    name: str
    start: date
    finish: date
    late_start: date
    late_finish: date
    total_float: float
    free_float: float
    critical: bool
    is_summary: bool
    is_milestone: bool
    start_driver: Driver
    finish_driver: Driver
    early_start_position: float
    early_finish_position: float
    late_start_position: float
    late_finish_position: float


@dataclass(frozen=True, slots=True)
class Schedule:
    """A computed schedule: ``tasks`` in the network's order, plus the raw pass arrays."""

    start: date
    finish: date
    raw: PassResult
    compiled: CompiledNetwork
    calendar: WorkingCalendar
    rows: _Rows = field(repr=False, compare=False)

    @property
    def tasks(self) -> tuple[ScheduledTask, ...]:
        """Every task's :class:`ScheduledTask` (built when first asked for)."""
        return self.rows.all()

    def task(self, task_id: str) -> ScheduledTask:
        return self.rows.get(self.compiled.index[task_id])

    def shown_dates(self) -> tuple[list[date], list[date], list[date], list[date]]:
        """Every task's start, finish, late start and late finish as shown, in task order:
        what :attr:`tasks` says, without building a row per task."""
        return self.rows.shown_dates()

    @property
    def critical_path(self) -> tuple[str, ...]:
        """Ids of critical non-summary tasks, in early-start order."""
        rows = [t for t in self.tasks if t.critical and not t.is_summary]
        rows.sort(key=lambda t: (t.early_start_position, t.early_finish_position))
        return tuple(t.id for t in rows)


def schedule(
    network: Network | CompiledNetwork, calendar: WorkingCalendar, start: date | datetime
) -> Schedule:
    """Schedule ``network`` from ``start`` (a date: the start of that or the next working day)."""
    cn = network if isinstance(network, CompiledNetwork) else compile_network(network)
    calendars = [t.calendar or calendar for t in cn.tasks]
    mixed = any(c is not calendar and c != calendar for c in calendars)
    p0 = calendar.start_position(start)
    bounds = constraint_bounds(cn, [calendar] * cn.n_tasks if not mixed else calendars)
    if mixed:
        res = _passes_loop(cn, calendar, calendars, start, bounds)
    else:
        res = passes(cn, project_start=p0, bounds=bounds, manual=_manual_positions(cn, calendar))
    return _to_schedule(cn, res, calendar, calendars, bounds, p0 if not mixed else None)


# Driver kinds by code, for the arrays below.
KINDS: tuple[DriverKind, ...] = get_args(DriverKind)
_CODE = {k: i for i, k in enumerate(KINDS)}
_BY_TYPE: dict[ConstraintType, int] = {
    ConstraintType.SNET: _CODE["start_no_earlier_than"],
    ConstraintType.SNLT: _CODE["start_no_later_than"],
    ConstraintType.MSO: _CODE["must_start_on"],
    ConstraintType.FNET: _CODE["finish_no_earlier_than"],
    ConstraintType.FNLT: _CODE["finish_no_later_than"],
    ConstraintType.MFO: _CODE["must_finish_on"],
}
_START_TYPES = (ConstraintType.SNET, ConstraintType.SNLT, ConstraintType.MSO)


@dataclass(frozen=True, slots=True)
class Bounds:
    """Constraint positions per task (NaN for none), on each task's calendar.

    Forward (already reflecting the honour option): the early start is
    ``min(max(links, start_lo, finish_lo - d), start_hi, finish_hi - d)``. Backward: the late
    finish is at most ``late_finish_cap`` and ``late_start_cap + d``. ``start_kind`` /
    ``finish_kind``: the :data:`KINDS` code of the task's start / finish constraint (-1 none).
    """

    start_lo: NDArray[np.float64]
    finish_lo: NDArray[np.float64]
    start_hi: NDArray[np.float64]
    finish_hi: NDArray[np.float64]
    late_start_cap: NDArray[np.float64]
    late_finish_cap: NDArray[np.float64]
    start_kind: NDArray[np.int64]
    finish_kind: NDArray[np.int64]

    @property
    def any_hi(self) -> bool:
        return bool(np.isfinite(self.start_hi).any() or np.isfinite(self.finish_hi).any())


def constraint_bounds(cn: CompiledNetwork, cals: Sequence[WorkingCalendar]) -> Bounds:
    """The :class:`Bounds` of ``cn``'s constraints, each on its task's calendar ``cals[i]``.

    As MS Project: SNET and FNET hold the early start back; SNLT and FNLT cap the late dates,
    and with the honour option also the early start (the link gives way); MSO and MFO fix the
    early start with the option (without it they act as SNET / FNET) and cap the late dates.
    Manually scheduled tasks ignore constraints.
    """
    n = cn.n_tasks
    a = {k: np.full(n, np.nan) for k in ("slo", "flo", "shi", "fhi", "ls", "lf")}
    sk = np.full(n, -1, dtype=np.int64)
    fk = np.full(n, -1, dtype=np.int64)
    honor = cn.honor_constraints
    for i, t in enumerate(cn.tasks):
        if t.manual_start is not None:
            continue
        cal = cals[i]
        if t.start_no_earlier_than is not None:
            a["slo"][i] = cal.start_position(t.start_no_earlier_than)
            sk[i] = _CODE["start_no_earlier_than"]
        if t.finish_no_later_than is not None:
            a["lf"][i] = cal.finish_position(t.finish_no_later_than)
            if honor:
                a["fhi"][i] = a["lf"][i]
            fk[i] = _CODE["finish_no_later_than"]
        c = t.constraint
        if c is None or c.on is None:
            continue
        ty = c.type
        at = cal.start_position(c.on) if ty in _START_TYPES else cal.finish_position(c.on)
        if ty in _START_TYPES:
            sk[i] = _BY_TYPE[ty]
            if ty != ConstraintType.SNLT:
                a["slo"][i] = np.fmax(a["slo"][i], at)
            if ty != ConstraintType.SNET:
                a["ls"][i] = np.fmin(a["ls"][i], at)
                if honor:
                    a["shi"][i] = at
        else:
            fk[i] = _BY_TYPE[ty]
            if ty != ConstraintType.FNLT:
                a["flo"][i] = at
            if ty != ConstraintType.FNET:
                a["lf"][i] = np.fmin(a["lf"][i], at)
                if honor:
                    a["fhi"][i] = np.fmin(a["fhi"][i], at)
    return Bounds(
        a["slo"], a["flo"], a["shi"], a["fhi"], a["ls"], a["lf"], start_kind=sk, finish_kind=fk
    )


def _manual_positions(cn: CompiledNetwork, cal: WorkingCalendar) -> NDArray[np.float64]:
    out = np.full(cn.n_tasks, np.nan)
    for i, t in enumerate(cn.tasks):
        if t.manual_start is not None:
            out[i] = cal.start_position(t.manual_start)
    return out


def _link_start_bounds(
    typ: NDArray[np.int8],
    lag: NDArray[np.float64],
    es_p: NDArray[np.float64],
    d_p: NDArray[np.float64],
    d_s: NDArray[np.float64],
) -> NDArray[np.float64]:
    """Raw early-start bound each link puts on its successor (before the FF floor)."""
    base = np.where((typ == FS) | (typ == FF), es_p + d_p, es_p) + lag
    return np.where((typ == FF) | (typ == SF), base - d_s, base)


def passes(
    cn: CompiledNetwork,
    *,
    project_start: float,
    bounds: Bounds | None = None,
    manual: NDArray[np.float64] | None = None,
    durations: NDArray[np.float64] | None = None,
) -> PassResult:
    """Forward and backward passes on one calendar, vectorised by topological level.

    ``project_start`` and ``manual`` (fixed starts) are positions in working days, NaN for
    none; ``bounds`` the constraints (see :func:`constraint_bounds`). ``durations`` overrides
    ``cn.durations`` (working days), e.g. for one Monte Carlo draw.
    """
    n = cn.n_tasks
    nan = np.full(n, np.nan)
    manual = nan if manual is None else manual
    dur = cn.durations if durations is None else np.where(cn.is_summary, 0.0, durations)
    leaf = ~cn.is_summary
    src, dst, typ, lag = cn.link_src, cn.link_dst, cn.link_type, cn.link_lag
    is_manual = ~np.isnan(manual)
    live = ~is_manual[dst]  # links into manually scheduled tasks do not move them

    # forward pass
    es = np.where(cn.has_pred, -np.inf, project_start)
    lo = hi = cap = nan
    any_hi = False
    if bounds is not None:
        lo = np.fmax(bounds.start_lo, bounds.finish_lo - dur)
        hi = np.fmin(bounds.start_hi, bounds.finish_hi - dur)
        cap = np.fmin(bounds.late_finish_cap, bounds.late_start_cap + dur)
        any_hi = bounds.any_hi
        es = np.fmin(np.fmax(es, lo), hi)
    es[is_manual] = manual[is_manual]
    ptr = cn.level_link_ptr
    for k in range(1, cn.n_levels):
        a, b = int(ptr[k]), int(ptr[k + 1])
        if a == b:
            continue
        s, d, t = src[a:b], dst[a:b], typ[a:b]
        bound = _link_start_bounds(t, lag[a:b], es[s], dur[s], dur[d])
        bound = np.where(t == FF, np.maximum(bound, project_start), bound)
        keep = live[a:b]
        np.maximum.at(es, d[keep], bound[keep])
        if any_hi:
            es[d] = np.fmin(es[d], hi[d])
    es[cn.is_summary] = np.nan
    ef = es + dur
    project_finish = float(np.max(ef[leaf])) if leaf.any() else project_start

    # backward pass
    lf = np.where(cn.has_succ, np.inf, project_finish)
    lf = np.fmin(lf, cap)
    for k in range(cn.n_levels - 1, 0, -1):
        a, b = int(ptr[k]), int(ptr[k + 1])
        if a == b:
            continue
        s, d, t, g = src[a:b], dst[a:b], typ[a:b], lag[a:b]
        lf_s = lf[d]
        ls_s = lf_s - dur[d]
        bound = np.where((t == FS) | (t == SS), ls_s, lf_s) - g
        bound = np.where((t == SS) | (t == SF), bound + dur[s], bound)
        # MS Project: a manually scheduled task with an SS/SF successor takes that successor's
        # late finish if the successor ends a chain, else the project finish.
        quirk = is_manual[s] & ((t == SS) | (t == SF))
        if quirk.any():
            alt = np.where(cn.has_succ[d], project_finish, lf_s)
            bound = np.where(quirk, alt, bound)
        np.minimum.at(lf, s, np.minimum(bound, project_finish))
    lf[cn.is_summary] = np.nan
    ls = lf - dur
    total = lf - ef

    # free float and drivers, over all links at once
    es_p, es_s = es[src], es[dst]
    raw = _link_start_bounds(typ, lag, es_p, dur[src], dur[dst])
    slack = es_s - raw  # how far the predecessor can slip before it moves the successor
    free = np.where(cn.has_succ, np.inf, project_finish - ef)
    if src.size:
        np.minimum.at(free, src, slack)
    free = np.minimum(free, total)

    start_link = _argbest(n, dst, np.where(live, raw, -np.inf), es, largest=True)
    lf_bound = _late_bounds(cn, dur, lf, is_manual, project_finish)
    finish_link = _argbest(n, src, lf_bound, lf, largest=False)
    start_code = np.where(start_link >= 0, _CODE["link"], _CODE["project_start"])
    finish_code = np.where(finish_link >= 0, _CODE["link"], _CODE["project_finish"])
    if bounds is not None:
        by_start = _near(bounds.start_lo, es) | _near(bounds.start_hi, es)
        by_finish = _near(bounds.finish_lo - dur, es) | _near(bounds.finish_hi - dur, es)
        free_start = start_link < 0
        start_code = np.where(free_start & by_finish, bounds.finish_kind, start_code)
        start_code = np.where(free_start & by_start, bounds.start_kind, start_code)
        early = lf < project_finish - EPS
        by_lf = early & _near(bounds.late_finish_cap, lf)
        by_ls = early & ~by_lf & _near(bounds.late_start_cap + dur, lf)
        finish_code = np.where(by_ls, bounds.start_kind, finish_code)
        finish_code = np.where(by_lf, bounds.finish_kind, finish_code)
        finish_link = np.where(by_lf | by_ls, -1, finish_link)
    start_code = np.where(is_manual, _CODE["manual_start"], start_code)
    start_code[cn.is_summary] = _CODE["children"]
    finish_code[cn.is_summary] = _CODE["children"]

    es, ef, ls, lf, total, free = _roll_up(cn, es, ef, ls, lf, total, free)
    critical = total <= EPS
    critical = _roll_up_critical(cn, critical)
    return PassResult(
        es=es,
        ef=ef,
        ls=ls,
        lf=lf,
        total_float=total,
        free_float=free,
        critical=critical,
        project_start=float(np.min(es[leaf])) if leaf.any() else project_start,
        project_finish=project_finish,
        start_link=start_link,
        finish_link=finish_link,
        start_kind=tuple(KINDS[c] for c in start_code.tolist()),
        finish_kind=tuple(KINDS[c] for c in finish_code.tolist()),
    )


def _near(a: NDArray[np.float64], b: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Where ``a`` equals ``b`` (NaN never does)."""
    with np.errstate(invalid="ignore"):
        return np.abs(a - b) < EPS


def _late_bounds(
    cn: CompiledNetwork,
    dur: NDArray[np.float64],
    lf: NDArray[np.float64],
    is_manual: NDArray[np.bool_],
    project_finish: float,
) -> NDArray[np.float64]:
    src, dst, typ, lag = cn.link_src, cn.link_dst, cn.link_type, cn.link_lag
    lf_s = lf[dst]
    bound = np.where((typ == FS) | (typ == SS), lf_s - dur[dst], lf_s) - lag
    bound = np.where((typ == SS) | (typ == SF), bound + dur[src], bound)
    quirk = is_manual[src] & ((typ == SS) | (typ == SF))
    bound = np.where(quirk, np.where(cn.has_succ[dst], project_finish, lf_s), bound)
    # a bound at or beyond the project finish did not drive the date
    return np.where(bound < project_finish - EPS, bound, np.inf)


def _argbest(
    n: int,
    group: NDArray[np.int64],
    value: NDArray[np.float64],
    target: NDArray[np.float64],
    *,
    largest: bool,
) -> NDArray[np.int64]:
    """Per task, the first link (in compiled order) whose value equals the task's target."""
    out = np.full(n, -1, dtype=np.int64)
    hit = np.flatnonzero(np.abs(value - target[group]) < EPS)
    if hit.size:
        # keep the first hit per group: assign in reverse so earlier links win
        rev = hit[::-1]
        out[group[rev]] = rev
    return out


def _roll_up(cn: CompiledNetwork, *arrays: NDArray[np.float64]) -> tuple[NDArray[np.float64], ...]:
    es, ef, ls, lf, total, free = (a.copy() for a in arrays)
    if not cn.is_summary.any():
        return es, ef, ls, lf, total, free
    leaves = np.flatnonzero(~cn.is_summary)
    es[cn.is_summary], ls[cn.is_summary] = np.inf, np.inf
    ef[cn.is_summary], lf[cn.is_summary] = -np.inf, -np.inf
    anc = cn.parent[leaves]
    vals = (es[leaves], ef[leaves], ls[leaves], lf[leaves])
    while True:
        ok = anc >= 0
        if not ok.any():
            break
        a = anc[ok]
        np.minimum.at(es, a, vals[0][ok])
        np.maximum.at(ef, a, vals[1][ok])
        np.minimum.at(ls, a, vals[2][ok])
        np.maximum.at(lf, a, vals[3][ok])
        anc = np.where(ok, cn.parent[np.maximum(anc, 0)], -1)
    # MS Project's Total Slack of a summary: the lesser of LS - ES and LF - EF
    total[cn.is_summary] = np.minimum(ls - es, lf - ef)[cn.is_summary]
    free[cn.is_summary] = total[cn.is_summary]
    return es, ef, ls, lf, total, free


def _roll_up_critical(cn: CompiledNetwork, critical: NDArray[np.bool_]) -> NDArray[np.bool_]:
    out = critical & ~cn.is_summary
    anc = np.where(out, cn.parent, -1)
    while (anc >= 0).any():
        out[anc[anc >= 0]] = True
        anc = np.where(anc >= 0, cn.parent[np.maximum(anc, 0)], -1)
    return out


# ----------------------------------------------------------------------------------------
# Mixed calendars: a loop over the tasks, converting between calendars through absolute time
# (date ordinal + fraction of that day's working time). Lags count on the successor's calendar.


def _abs_start(cal: WorkingCalendar, p: float) -> float:
    day = math.floor(p + EPS)
    return float(cal.working_ordinals[day]) + (p - day)


def _abs_finish(cal: WorkingCalendar, p: float) -> float:
    day = math.ceil(p - EPS) - 1
    return float(cal.working_ordinals[day]) + (p - day)


def _from_abs(cal: WorkingCalendar, a: float) -> float:
    d = math.floor(a + EPS)
    day = date.fromordinal(d)
    base = float(cal.index_on_or_after(day))
    return base + (a - d if cal.is_working_day(day) and a - d > EPS else 0.0)


def _passes_loop(
    cn: CompiledNetwork,
    calendar: WorkingCalendar,
    cals: Sequence[WorkingCalendar],
    start: date | datetime,
    bounds: Bounds | None = None,
) -> PassResult:
    n = cn.n_tasks
    dur = cn.durations
    start_abs = _abs_start(calendar, calendar.start_position(start))
    is_manual = cn.manual
    bd = constraint_bounds(cn, cals) if bounds is None else bounds
    preds: list[list[int]] = [[] for _ in range(n)]
    succs: list[list[int]] = [[] for _ in range(n)]
    for k in range(cn.n_links):
        preds[int(cn.link_dst[k])].append(k)
        succs[int(cn.link_src[k])].append(k)

    def conv(p: float, a: WorkingCalendar, b: WorkingCalendar, *, finish: bool) -> float:
        if a is b or a == b:
            return p
        return _from_abs(b, _abs_finish(a, p) if finish else _abs_start(a, p))

    es = np.full(n, np.nan)
    start_link = np.full(n, -1, dtype=np.int64)
    start_kind: list[DriverKind] = ["project_start"] * n
    for i in (int(x) for x in cn.order):
        if cn.is_summary[i]:
            start_kind[i] = "children"
            continue
        cal, t = cals[i], cn.tasks[i]
        p_start = _from_abs(cal, start_abs)
        if t.manual_start is not None:
            es[i] = cal.start_position(t.manual_start)
            start_kind[i] = "manual_start"
            continue
        best, kind, link = (
            (-math.inf, "project_start", -1) if preds[i] else (p_start, "project_start", -1)
        )
        for k in preds[i]:
            p, ty, lag = int(cn.link_src[k]), int(cn.link_type[k]), float(cn.link_lag[k])
            if ty in (FS, FF):
                x = conv(es[p] + dur[p], cals[p], cal, finish=True)
            else:
                x = conv(es[p], cals[p], cal, finish=False)
            x += lag
            if ty in (FF, SF):
                x -= dur[i]
            this: DriverKind = "link"
            if ty == FF and x < p_start - EPS:
                x, this = p_start, "project_start"
            # On a tie a link is the driver rather than the project start (as in `passes`).
            tie_won = this == "link" and kind == "project_start" and x > best - EPS
            if x > best + EPS or tie_won:
                best, kind, link = x, this, (k if this == "link" else -1)
        d = float(dur[i])
        for at, code in (
            (bd.start_lo[i], bd.start_kind[i]),
            (bd.finish_lo[i] - d, bd.finish_kind[i]),
        ):
            if at > best + EPS:
                best, kind, link = float(at), KINDS[code], -1
        for at, code in (
            (bd.start_hi[i], bd.start_kind[i]),
            (bd.finish_hi[i] - d, bd.finish_kind[i]),
        ):
            if at < best - EPS:
                best, kind, link = float(at), KINDS[code], -1
        es[i], start_kind[i], start_link[i] = best, kind, link  # type: ignore[call-overload]
    ef = es + dur
    leaf = ~cn.is_summary
    pf_abs = max(
        (_abs_finish(cals[i], float(ef[i])) for i in np.flatnonzero(leaf).tolist()),
        default=start_abs,
    )

    lf = np.full(n, np.nan)
    finish_link = np.full(n, -1, dtype=np.int64)
    finish_kind: list[DriverKind] = ["project_finish"] * n
    for i in (int(x) for x in cn.order[::-1]):
        if cn.is_summary[i]:
            finish_kind[i] = "children"
            continue
        cal, t = cals[i], cn.tasks[i]
        pf = _from_abs(cal, pf_abs)
        best, kind, link = pf, "project_finish", -1
        for k in succs[i]:
            s, ty, lag = int(cn.link_dst[k]), int(cn.link_type[k]), float(cn.link_lag[k])
            if is_manual[i] and ty in (SS, SF):
                x = pf if succs[s] else conv(lf[s], cals[s], cal, finish=True)
            else:
                y = (lf[s] - dur[s] if ty in (FS, SS) else lf[s]) - lag
                x = conv(y, cals[s], cal, finish=ty in (FF, SF))
                if ty in (SS, SF):
                    x += dur[i]
            x = min(x, pf)
            if x < best - EPS:
                best, kind, link = x, "link", k
        d = float(dur[i])
        caps = (
            (bd.late_finish_cap[i], bd.finish_kind[i]),
            (bd.late_start_cap[i] + d, bd.start_kind[i]),
        )
        for at, code in caps:
            if at < best - EPS:
                best, kind, link = float(at), KINDS[code], -1
        lf[i], finish_kind[i], finish_link[i] = best, kind, link  # type: ignore[call-overload]
    ls = lf - dur
    total = lf - ef
    free = np.where(cn.has_succ, np.inf, total)
    for k in range(cn.n_links):
        p, s, ty, lag = (
            int(cn.link_src[k]),
            int(cn.link_dst[k]),
            int(cn.link_type[k]),
            float(cn.link_lag[k]),
        )
        own = ef[p] if ty in (FS, FF) else es[p]
        target = (es[s] if ty in (FS, SS) else es[s] + dur[s]) - lag
        # measured on the predecessor's calendar: how far it can slip
        free[p] = min(free[p], conv(target, cals[s], cals[p], finish=ty in (FF, SF)) - own)
    free = np.minimum(free, total)
    # summary tasks and the project start are shown on the plan calendar
    on_plan = [
        np.array(
            [
                conv(float(x[i]), cals[i], calendar, finish=f) if leaf[i] else np.nan
                for i in range(n)
            ]
        )
        for x, f in ((es, False), (ef, True), (ls, False), (lf, True))
    ]
    rolled = _roll_up(cn, *on_plan, total, free)
    summary = cn.is_summary
    for mine, theirs in zip((es, ef, ls, lf, total, free), rolled, strict=True):
        mine[summary] = theirs[summary]
    critical = _roll_up_critical(cn, total <= EPS)
    p_start = float(np.min(on_plan[0][leaf])) if leaf.any() else calendar.start_position(start)
    return PassResult(
        es=es,
        ef=ef,
        ls=ls,
        lf=lf,
        total_float=total,
        free_float=free,
        critical=critical,
        project_start=p_start,
        project_finish=_from_abs(calendar, pf_abs),
        start_link=start_link,
        finish_link=finish_link,
        start_kind=tuple(start_kind),
        finish_kind=tuple(finish_kind),
    )


def _to_schedule(
    cn: CompiledNetwork,
    res: PassResult,
    calendar: WorkingCalendar,
    cals: Sequence[WorkingCalendar],
    bounds: Bounds,
    p0: float | None,
) -> Schedule:
    n = cn.n_tasks
    leaf = ~cn.is_summary
    milestone = leaf & (cn.durations == 0)
    early, late = _milestone_sides(cn, res, bounds, p0)
    # working-day indices of the shown days, each on its task's calendar
    with np.errstate(invalid="ignore"):
        first = np.floor(res.es + EPS)
        last = np.ceil(res.ef - EPS) - 1
        late_first = np.floor(res.ls + EPS)
        late_last = np.ceil(res.lf - EPS) - 1
    m = np.flatnonzero(milestone)
    first[m] = last[m] = _side_day(res.es[m], early[m])
    late_first[m] = late_last[m] = _side_day(res.lf[m], late[m])
    days = np.stack([first, last, late_first, late_last])
    ords = np.zeros((4, n), dtype=np.int64)
    lf_ = np.flatnonzero(leaf)
    if all(c is calendar or c == calendar for c in cals):
        ords[:, lf_] = calendar.dates_of(days[:, lf_].astype(np.int64))
    else:
        for i in lf_.tolist():
            ords[:, i] = cals[i].dates_of(days[:, i].astype(np.int64))
    _roll_up_days(cn, ords)
    rows = _Rows(cn, res, cals, ords, milestone)
    if leaf.any():
        begin = date.fromordinal(int(ords[0][leaf].min()))
        end = date.fromordinal(int(ords[1][leaf].max()))
    else:
        begin = end = calendar.start_date(res.project_start)
    return Schedule(start=begin, finish=end, raw=res, compiled=cn, calendar=calendar, rows=rows)


class _Rows:
    """A schedule's :class:`ScheduledTask` rows, each built the first time it is asked for."""

    def __init__(
        self,
        cn: CompiledNetwork,
        res: PassResult,
        cals: Sequence[WorkingCalendar],
        ords: NDArray[np.int64],
        milestone: NDArray[np.bool_],
    ) -> None:
        self.cn, self.res, self.cals = cn, res, cals
        self.ords, self.milestone = ords, milestone
        self.cache: list[ScheduledTask | None] = [None] * cn.n_tasks
        self.drivers = _Drivers(cn)
        self.every: tuple[ScheduledTask, ...] | None = None

    def get(self, i: int) -> ScheduledTask:
        row = self.cache[i]
        if row is None:
            row = self.cache[i] = self._build(i)
        return row

    def all(self) -> tuple[ScheduledTask, ...]:
        if self.every is None:
            self.every = tuple(self.get(i) for i in range(self.cn.n_tasks))
        return self.every

    def shown_dates(self) -> tuple[list[date], list[date], list[date], list[date]]:
        day: dict[int, date] = {}
        cols = tuple(
            [day[x] if x in day else day.setdefault(x, date.fromordinal(x)) for x in row]
            for row in self.ords.tolist()
        )
        for i, t in enumerate(self.cn.tasks):
            if t.constraint is not None and t.constraint.type == ConstraintType.ALAP:
                row = self.get(i)
                cols[0][i], cols[1][i] = row.start, row.finish
        return cols[0], cols[1], cols[2], cols[3]

    def _build(self, i: int) -> ScheduledTask:
        cn, res = self.cn, self.res
        t = cn.tasks[i]
        start, finish, late_start, late_finish = (date.fromordinal(int(x)) for x in self.ords[:, i])
        es, ef, fr = float(res.es[i]), float(res.ef[i]), float(res.free_float[i])
        summary, milestone = bool(cn.is_summary[i]), bool(self.milestone[i])
        c = t.constraint
        if c is not None and c.type == ConstraintType.ALAP and not summary and fr > EPS:
            # as late as possible: as late as it can go without delaying any successor
            start = self.cals[i].start_date(es + fr)
            finish = self.cals[i].finish_date(ef + fr, milestone=milestone)
        drivers = self.drivers
        return ScheduledTask(
            t.id,
            t.name,
            start,
            finish,
            late_start,
            late_finish,
            float(res.total_float[i]),
            fr,
            bool(res.critical[i]),
            summary,
            milestone,
            drivers.get(res.start_kind[i], int(res.start_link[i]), "pred"),
            drivers.get(res.finish_kind[i], int(res.finish_link[i]), "succ"),
            es,
            ef,
            float(res.ls[i]),
            float(res.lf[i]),
        )


START_SIDE, END_SIDE = 1, 0  # at the same position a day's start comes after the day before's end


def _side_day(pos: NDArray[np.float64], side: NDArray[np.int64]) -> NDArray[np.float64]:
    """The working day an instant is shown on: at a day boundary, the day before when the
    instant is the end of a working day, else the day it starts."""
    whole = np.round(pos)
    on_boundary = np.abs(pos - whole) < EPS
    return np.where(on_boundary, whole - (side == END_SIDE), np.floor(pos + EPS))


def _milestone_sides(
    cn: CompiledNetwork,
    res: PassResult,
    bd: Bounds,
    p0: float | None,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Per task, whether its early and its late instant is the start of a working day or the
    end of the one before (``START_SIDE`` / ``END_SIDE``); it matters only for milestones.

    As MS Project adds working time: a finish is the end of a day; adding a lag lands at the
    end of a working period, taking one (a lead) at the start of one; of instants at the same
    position the later in clock time (a start) wins a maximum, the earlier a minimum.
    """
    n = cn.n_tasks
    early = np.full(n, START_SIDE, dtype=np.int64)
    late = np.full(n, END_SIDE, dtype=np.int64)
    milestone = ~cn.is_summary & (cn.durations == 0)
    if not milestone.any():
        return early, late
    src, dst, typ, lag = cn.link_src, cn.link_dst, cn.link_type, cn.link_lag
    dur = cn.durations
    es, lf = res.es, res.lf
    start0 = res.project_start if p0 is None else p0
    into: dict[int, list[int]] = {}
    out: dict[int, list[int]] = {}
    for k in np.flatnonzero(milestone[dst]).tolist():
        into.setdefault(int(dst[k]), []).append(k)
    for k in np.flatnonzero(milestone[src]).tolist():
        out.setdefault(int(src[k]), []).append(k)

    def after(side: int, g: float) -> int:
        return END_SIDE if g > EPS else START_SIDE if g < -EPS else side

    order = [int(i) for i in cn.order if milestone[i]]
    for i in order:
        if cn.manual[i]:
            continue
        cands = [] if cn.has_pred[i] else [(start0, START_SIDE)]
        for k in into.get(i, []):
            p, ty, g = int(src[k]), int(typ[k]), float(lag[k])
            from_finish = ty in (FS, FF)
            side = early[p] if milestone[p] else END_SIDE if from_finish else START_SIDE
            pos = float(es[p] + (dur[p] if from_finish else 0.0) + g)
            cand = (pos, after(side, g))
            if ty == FF:
                cand = max(cand, (start0, START_SIDE))
            cands.append(cand)
        for at, side in ((bd.start_lo[i], START_SIDE), (bd.finish_lo[i], END_SIDE)):
            if not math.isnan(at):
                cands.append((float(at), side))
        best = max(cands, default=(float(es[i]), START_SIDE))
        for at, side in ((bd.start_hi[i], START_SIDE), (bd.finish_hi[i], END_SIDE)):
            if not math.isnan(at):
                best = min(best, (float(at), side))
        early[i] = best[1]
    finish_side = np.where(milestone, early, END_SIDE)
    leaf = np.flatnonzero(~cn.is_summary)
    pf = res.project_finish
    ends = [(float(res.ef[j]), int(finish_side[j])) for j in leaf.tolist() if res.ef[j] > pf - EPS]
    project_end = max(ends, default=(pf, END_SIDE))
    for i in reversed(order):
        cands = [] if cn.has_succ[i] else [project_end]
        for k in out.get(i, []):
            s, ty, g = int(dst[k]), int(typ[k]), float(lag[k])
            from_start = ty in (FS, SS)
            side = late[s] if milestone[s] else START_SIDE if from_start else END_SIDE
            pos = float(lf[s] - (dur[s] if from_start else 0.0) - g)
            cands.append(min((pos, after(side, -g)), project_end))
        for at, side in ((bd.late_finish_cap[i], END_SIDE), (bd.late_start_cap[i], START_SIDE)):
            if not math.isnan(at):
                cands.append((float(at), side))
        late[i] = min(cands, default=(float(lf[i]), END_SIDE))[1]
    return early, late


def _roll_up_days(cn: CompiledNetwork, ords: NDArray[np.int64]) -> None:
    """Summary tasks' shown days: the first start and last finish of their children."""
    if not cn.is_summary.any():
        return
    leaves = np.flatnonzero(~cn.is_summary)
    summ = cn.is_summary
    big = np.iinfo(np.int64).max
    ords[0, summ], ords[2, summ] = big, big
    ords[1, summ], ords[3, summ] = 0, 0
    anc = cn.parent[leaves]
    while True:
        ok = anc >= 0
        if not ok.any():
            break
        a = anc[ok]
        for row, fn in ((0, np.minimum), (2, np.minimum), (1, np.maximum), (3, np.maximum)):
            fn.at(ords[row], a, ords[row, leaves[ok]])
        anc = np.where(ok, cn.parent[np.maximum(anc, 0)], -1)
    empty = summ & (ords[0] == big)
    ords[:, empty] = ords[:, np.flatnonzero(~summ)[:1]] if (~summ).any() else 0


class _Drivers:
    """Builds :class:`Driver` values, sharing the constant ones."""

    def __init__(self, cn: CompiledNetwork) -> None:
        self.ids = cn.ids
        self.src, self.dst = cn.link_src.tolist(), cn.link_dst.tolist()
        self.types, self.lags = cn.link_type.tolist(), cn.link_lag.tolist()
        self.plain = {k: Driver(k) for k in KINDS}

    def get(self, kind: DriverKind, link: int, side: str) -> Driver:
        if kind != "link" or link < 0:
            return self.plain[kind]
        other = self.src[link] if side == "pred" else self.dst[link]
        return Driver("link", self.ids[other], _LINK_TYPES[self.types[link]], self.lags[link])


_LINK_TYPES = tuple(LinkType)
