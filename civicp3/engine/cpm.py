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
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from civicp3.engine.calendars import WorkingCalendar
from civicp3.engine.network import CompiledNetwork, LinkType, Network, compile_network

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
    "start_no_earlier_than",
    "manual_start",
    "project_finish",
    "finish_no_later_than",
    "children",
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
    tasks: tuple[ScheduledTask, ...]
    raw: PassResult
    compiled: CompiledNetwork
    calendar: WorkingCalendar

    def task(self, task_id: str) -> ScheduledTask:
        return self.tasks[self.compiled.index[task_id]]

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
    mixed = any(c != calendar for c in calendars)
    p0 = calendar.start_position(start)
    if mixed:
        res = _passes_loop(cn, calendar, calendars, start)
    else:
        res = passes(
            cn,
            project_start=p0,
            snet=_positions(cn, calendar, "snet"),
            fnlt=_positions(cn, calendar, "fnlt"),
            manual=_positions(cn, calendar, "manual"),
        )
    return _to_schedule(cn, res, calendar, calendars)


def _positions(
    cn: CompiledNetwork, cal: WorkingCalendar, what: Literal["snet", "fnlt", "manual"]
) -> NDArray[np.float64]:
    out = np.full(cn.n_tasks, np.nan)
    for i, t in enumerate(cn.tasks):
        if what == "snet" and t.start_no_earlier_than is not None:
            out[i] = cal.start_position(t.start_no_earlier_than)
        elif what == "fnlt" and t.finish_no_later_than is not None:
            out[i] = cal.finish_position(t.finish_no_later_than)
        elif what == "manual" and t.manual_start is not None:
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
    snet: NDArray[np.float64] | None = None,
    fnlt: NDArray[np.float64] | None = None,
    manual: NDArray[np.float64] | None = None,
    durations: NDArray[np.float64] | None = None,
) -> PassResult:
    """Forward and backward passes on one calendar, vectorised by topological level.

    ``project_start``, ``snet`` (start no earlier than), ``fnlt`` (finish no later than) and
    ``manual`` (fixed starts) are positions in working days, NaN for none. ``durations``
    overrides ``cn.durations`` (working days), e.g. for one Monte Carlo draw.
    """
    n = cn.n_tasks
    nan = np.full(n, np.nan)
    snet = nan if snet is None else snet
    fnlt = nan if fnlt is None else fnlt
    manual = nan if manual is None else manual
    dur = cn.durations if durations is None else np.where(cn.is_summary, 0.0, durations)
    leaf = ~cn.is_summary
    src, dst, typ, lag = cn.link_src, cn.link_dst, cn.link_type, cn.link_lag
    is_manual = ~np.isnan(manual)
    live = ~is_manual[dst]  # links into manually scheduled tasks do not move them

    # forward pass
    es = np.where(cn.has_pred, -np.inf, project_start)
    es = np.fmax(es, snet)
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
    es[cn.is_summary] = np.nan
    ef = es + dur
    project_finish = float(np.max(ef[leaf])) if leaf.any() else project_start

    # backward pass
    lf = np.where(cn.has_succ, np.inf, project_finish)
    lf = np.fmin(lf, fnlt)
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
    start_kind: list[DriverKind] = []
    finish_kind: list[DriverKind] = []
    for i in range(n):
        if cn.is_summary[i]:
            start_kind.append("children")
            finish_kind.append("children")
            continue
        if is_manual[i]:
            start_kind.append("manual_start")
        elif start_link[i] >= 0:
            start_kind.append("link")
        elif not math.isnan(snet[i]) and abs(snet[i] - es[i]) < EPS:
            start_kind.append("start_no_earlier_than")
        else:
            start_kind.append("project_start")
        if not math.isnan(fnlt[i]) and abs(fnlt[i] - lf[i]) < EPS and fnlt[i] < project_finish:
            finish_kind.append("finish_no_later_than")
            finish_link[i] = -1
        elif finish_link[i] >= 0:
            finish_kind.append("link")
        else:
            finish_kind.append("project_finish")

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
        start_kind=tuple(start_kind),
        finish_kind=tuple(finish_kind),
    )


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
    total[cn.is_summary] = (lf - ef)[cn.is_summary]
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
) -> PassResult:
    n = cn.n_tasks
    dur = cn.durations
    start_abs = _abs_start(calendar, calendar.start_position(start))
    is_manual = cn.manual
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
        if t.start_no_earlier_than is not None:
            sn = cal.start_position(t.start_no_earlier_than)
            if sn > best + EPS:
                best, kind, link = sn, "start_no_earlier_than", -1
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
        if t.finish_no_later_than is not None:
            fn = cal.finish_position(t.finish_no_later_than)
            if fn < best - EPS:
                best, kind, link = fn, "finish_no_later_than", -1
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
) -> Schedule:
    rows: list[ScheduledTask] = []
    for i, t in enumerate(cn.tasks):
        cal = calendar if cn.is_summary[i] else cals[i]
        es, ef, ls, lf = (float(x[i]) for x in (res.es, res.ef, res.ls, res.lf))
        milestone = (not cn.is_summary[i]) and t.duration == 0
        start_driver = _driver(cn, res.start_kind[i], int(res.start_link[i]), "pred")
        if milestone:
            # As MS Project: a milestone reached from a predecessor's finish sits at the end of
            # that working day; late dates of a milestone are late finishes.
            from_finish = start_driver.link_type in (LinkType.FS, LinkType.FF)
            first = cal.finish_date(es) if from_finish and es > 0 else cal.start_date(es)
            start = finish = first
            late_start = late_finish = cal.finish_date(lf) if lf > 0 else cal.start_date(lf)
        else:
            start = cal.start_date(es)
            finish = cal.finish_date(ef, milestone=ef <= es)
            late_start = cal.start_date(ls)
            late_finish = cal.finish_date(lf, milestone=lf <= ls)
        rows.append(
            ScheduledTask(
                id=t.id,
                name=t.name,
                start=start,
                finish=finish,
                late_start=late_start,
                late_finish=late_finish,
                total_float=float(res.total_float[i]),
                free_float=float(res.free_float[i]),
                critical=bool(res.critical[i]),
                is_summary=bool(cn.is_summary[i]),
                is_milestone=milestone,
                start_driver=start_driver,
                finish_driver=_driver(cn, res.finish_kind[i], int(res.finish_link[i]), "succ"),
                early_start_position=es,
                early_finish_position=ef,
                late_start_position=ls,
                late_finish_position=lf,
            )
        )
    leaf = ~cn.is_summary
    if leaf.any():
        first = calendar.start_date(res.project_start)
        last_ef = res.project_finish
        milestone_only = bool(np.all(res.ef[leaf] <= res.es[leaf] + EPS))
        last = calendar.finish_date(last_ef, milestone=milestone_only)
    else:
        first = last = calendar.start_date(res.project_start)
    return Schedule(
        start=first, finish=last, tasks=tuple(rows), raw=res, compiled=cn, calendar=calendar
    )


def _driver(cn: CompiledNetwork, kind: DriverKind, link: int, side: str) -> Driver:
    if kind != "link" or link < 0:
        return Driver(kind)
    other = cn.link_src[link] if side == "pred" else cn.link_dst[link]
    return Driver(
        "link",
        task_id=cn.ids[int(other)],
        link_type=LinkType(int(cn.link_type[link])),
        lag=float(cn.link_lag[link]),
    )
