"""Task networks: tasks, links (FS/SS/FF/SF with lags), validation and a compiled array form.

Units: durations and lags are in **working days** (floats; 0.25 is two hours of an eight-hour
day). A negative lag is a lead. A task with duration 0 is a milestone. A task named as another
task's ``parent`` is a summary task: its dates are rolled up from its children, so its own
duration is ignored and links onto or from it are rejected (see :class:`NetworkError`).

:func:`compile_network` validates a :class:`Network` up front and returns a
:class:`CompiledNetwork`: numpy arrays that the critical-path engine (``cpm.py``) and the Monte
Carlo engine (``montecarlo.py``) both use. Its fields are a stable interface.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from civicp3.engine.calendars import WorkingCalendar

__all__ = [
    "CONSTRAINT_LABELS",
    "CompiledNetwork",
    "Constraint",
    "ConstraintType",
    "CycleError",
    "Estimate",
    "Link",
    "LinkType",
    "Network",
    "NetworkError",
    "Task",
    "compile_network",
]

Distribution = Literal["triangular", "pert", "uniform", "fixed"]
DISTRIBUTIONS: tuple[str, ...] = ("triangular", "pert", "uniform", "fixed")


class LinkType(enum.IntEnum):
    """Link (dependency) types. The integer codes are the values of ``CompiledNetwork.link_type``.

    FS: successor starts after predecessor finishes; SS: starts after it starts;
    FF: finishes after it finishes; SF: finishes after it starts.
    """

    FS = 0
    SS = 1
    FF = 2
    SF = 3


class ConstraintType(enum.IntEnum):
    """MS Project's eight constraint types; the integer codes are MSPDI's ``ConstraintType``.

    ``label`` is the name MS Project shows, used in every message about a constraint.
    """

    ASAP = 0
    ALAP = 1
    MSO = 2
    MFO = 3
    SNET = 4
    SNLT = 5
    FNET = 6
    FNLT = 7

    @property
    def label(self) -> str:
        return CONSTRAINT_LABELS[self]

    @property
    def dated(self) -> bool:
        """Whether the constraint needs a date (all but as soon / as late as possible)."""
        return self not in (ConstraintType.ASAP, ConstraintType.ALAP)


CONSTRAINT_LABELS: dict[ConstraintType, str] = {
    ConstraintType.ASAP: "as soon as possible",
    ConstraintType.ALAP: "as late as possible",
    ConstraintType.MSO: "must start on",
    ConstraintType.MFO: "must finish on",
    ConstraintType.SNET: "start no earlier than",
    ConstraintType.SNLT: "start no later than",
    ConstraintType.FNET: "finish no earlier than",
    ConstraintType.FNLT: "finish no later than",
}


@dataclass(frozen=True, slots=True)
class Constraint:
    """A task's MS Project constraint: its ``type`` and, for the six dated types, ``on`` (a date
    means the start of that working day for start constraints, its end for finish ones; a
    datetime is that instant)."""

    type: ConstraintType
    on: date | datetime | None = None


class NetworkError(ValueError):
    """The network is invalid: the message names the task id(s) at fault."""


class CycleError(NetworkError):
    """The links form a cycle. ``cycle`` lists the task ids around it, first id repeated last."""

    def __init__(self, cycle: Sequence[str]) -> None:
        self.cycle: tuple[str, ...] = tuple(cycle)
        super().__init__("links form a cycle: " + " -> ".join(self.cycle))


@dataclass(frozen=True, slots=True)
class Estimate:
    """A three-point duration estimate in working days, for the Monte Carlo engine.

    ``distribution`` is one of ``triangular``, ``pert``, ``uniform`` (min..max, ``likely``
    ignored) or ``fixed`` (always ``likely``).
    """

    min: float
    likely: float
    max: float
    distribution: Distribution = "triangular"

    def __post_init__(self) -> None:
        if self.distribution not in DISTRIBUTIONS:
            raise ValueError(f"unknown distribution {self.distribution!r}")
        if not (0 <= self.min <= self.likely <= self.max):
            raise ValueError("estimate needs 0 <= min <= likely <= max")


@dataclass(frozen=True, slots=True)
class Task:
    """One task of a plan.

    ``duration`` is in working days (0 = milestone). ``cost`` is money in pounds (Decimal, pence
    exact). ``start_no_earlier_than`` (SNET) holds the early start back; ``finish_no_later_than``
    (FNLT) pulls the late finish in (negative float shows it cannot be met); both may be a date
    (start of that working day / end of that working day) or a datetime (that instant).
    ``calendar`` overrides the plan calendar for this task. ``manual_start`` makes the task
    "manually scheduled" as in MS Project: it starts there whatever its predecessors say.
    ``constraint`` is any of MS Project's eight constraints (see ``cpm.py`` for their rules);
    it combines with the two fields above.
    """

    id: str
    name: str = ""
    duration: float = 0.0
    parent: str | None = None
    start_no_earlier_than: date | datetime | None = None
    finish_no_later_than: date | datetime | None = None
    calendar: WorkingCalendar | None = None
    estimate: Estimate | None = None
    cost: Decimal | None = None
    manual_start: date | datetime | None = None
    constraint: Constraint | None = None

    @property
    def is_milestone(self) -> bool:
        return self.duration == 0


@dataclass(frozen=True, slots=True)
class Link:
    """A dependency ``src`` -> ``dst`` of ``type`` with ``lag`` in working days (negative = lead).

    The lag is counted on the successor's calendar.
    """

    src: str
    dst: str
    type: LinkType = LinkType.FS
    lag: float = 0.0


@dataclass(frozen=True, slots=True)
class Network:
    """Tasks (in any order) and the links between them.

    ``honor_constraints`` is MS Project's option "Tasks will always honor their constraint
    dates" (default on, as in MS Project): a no-later-than or must constraint the links cannot
    meet moves the task and breaks the link; off, the links win and float goes negative.
    """

    tasks: tuple[Task, ...]
    links: tuple[Link, ...] = ()
    honor_constraints: bool = True

    @classmethod
    def of(
        cls, tasks: Iterable[Task], links: Iterable[Link] = (), *, honor_constraints: bool = True
    ) -> Network:
        return cls(tuple(tasks), tuple(links), honor_constraints)


@dataclass(frozen=True, slots=True)
class CompiledNetwork:
    """A validated network as numpy arrays. Stable interface shared with ``montecarlo.py``.

    Task ``i`` is ``ids[i]`` (the order tasks were given in). All times are working days.

    - ``ids``: task ids; ``index`` maps id -> i.
    - ``order``: every task index in a topological order (predecessors first).
    - ``level``: topological level of each task: 0 with no predecessors, else 1 + max level of
      its predecessors. Summary tasks have no links, so level 0.
    - ``durations``: working days per task (float64); summary tasks 0 (they are rolled up).
    - ``is_summary`` / ``parent``: summary flag; parent index or -1 (top level).
    - ``link_src``, ``link_dst`` (int64), ``link_type`` (int8, :class:`LinkType` codes),
      ``link_lag`` (float64, working days): one entry per link, sorted by ``level[link_dst]``
      (then by successor), so all links into level ``k`` are the slice
      ``level_link_ptr[k]:level_link_ptr[k + 1]``.
    - ``level_link_ptr``: int64 array of length ``n_levels + 1`` (see above).
    - ``has_pred`` / ``has_succ``: whether each task has incoming / outgoing links.
    - ``manual``: manually scheduled tasks (see :attr:`Task.manual_start`).
    - ``tasks``: the :class:`Task` objects, same order as ``ids``.
    - ``honor_constraints``: the network's option (see :class:`Network`).
    """

    ids: tuple[str, ...]
    index: dict[str, int]
    order: NDArray[np.int64]
    level: NDArray[np.int64]
    durations: NDArray[np.float64]
    is_summary: NDArray[np.bool_]
    parent: NDArray[np.int64]
    link_src: NDArray[np.int64]
    link_dst: NDArray[np.int64]
    link_type: NDArray[np.int8]
    link_lag: NDArray[np.float64]
    level_link_ptr: NDArray[np.int64]
    has_pred: NDArray[np.bool_]
    has_succ: NDArray[np.bool_]
    manual: NDArray[np.bool_]
    tasks: tuple[Task, ...] = field(repr=False)
    honor_constraints: bool = True

    @property
    def n_tasks(self) -> int:
        return len(self.ids)

    @property
    def n_links(self) -> int:
        return int(self.link_src.shape[0])

    @property
    def n_levels(self) -> int:
        return int(self.level_link_ptr.shape[0]) - 1


def compile_network(network: Network) -> CompiledNetwork:
    """Validate ``network`` and return its array form.

    Raises :class:`NetworkError` for a duplicate or empty id, a link naming an unknown task, a
    self-link, a link onto or from a summary task, a constraint on a summary task, a negative
    duration, an unknown parent or a parent cycle; :class:`CycleError` (naming the ids) when the
    links form a cycle. Cost: O(tasks + links).
    """
    tasks = network.tasks
    index: dict[str, int] = {t.id: i for i, t in enumerate(tasks)}
    n = len(tasks)
    durations = np.array([t.duration for t in tasks], dtype=np.float64).reshape(n)
    if len(index) < n or "" in index or not np.all(np.isfinite(durations) & (durations >= 0)):
        _task_error(tasks)

    parent = np.full(n, -1, dtype=np.int64)
    is_summary = np.zeros(n, dtype=np.bool_)
    for i, t in enumerate(tasks):
        if t.parent is not None:
            p = index.get(t.parent)
            if p is None:
                raise NetworkError(f"task {t.id!r}: parent {t.parent!r} is not a task")
            if p == i:
                raise NetworkError(f"task {t.id!r} is its own parent")
            parent[i] = p
            is_summary[p] = True
    if is_summary.any():
        _check_parent_chain(tasks, parent)
    for i, t in enumerate(tasks):
        c = t.constraint
        if is_summary[i] and (
            t.start_no_earlier_than
            or t.finish_no_later_than
            or t.manual_start is not None
            or (c is not None and c.type != ConstraintType.ASAP)
        ):
            raise NetworkError(
                f"summary task {t.id!r} cannot carry a constraint: put it on a child task"
            )
        if c is not None and c.type.dated and c.on is None:
            raise NetworkError(f"task {t.id!r}: a {c.type.label!r} constraint needs a date")

    links = network.links
    m = len(links)
    get = index.get
    src = np.fromiter([get(x.src, -1) for x in links], dtype=np.int64, count=m)
    dst = np.fromiter([get(x.dst, -1) for x in links], dtype=np.int64, count=m)
    typ = np.fromiter([x.type for x in links], dtype=np.int8, count=m)
    lag = np.fromiter([x.lag for x in links], dtype=np.float64, count=m)
    bad = (src < 0) | (dst < 0) | (src == dst) | ~np.isfinite(lag) | (typ < 0) | (typ > 3)
    if m:
        bad |= is_summary[np.maximum(src, 0)] | is_summary[np.maximum(dst, 0)]
    if bad.any():
        _link_error(links[int(np.flatnonzero(bad)[0])], index, tasks, is_summary)

    order, level = _topological_levels(n, src, dst, tasks)
    perm = np.lexsort((dst, level[dst])) if m else np.empty(0, dtype=np.int64)
    src, dst, typ, lag = src[perm], dst[perm], typ[perm], lag[perm]
    n_levels = int(level.max()) + 1 if n else 0
    counts = np.bincount(level[dst], minlength=n_levels) if m else np.zeros(n_levels, np.int64)
    ptr = np.zeros(n_levels + 1, dtype=np.int64)
    np.cumsum(counts, out=ptr[1:])

    durations[is_summary] = 0.0
    has_pred = np.zeros(n, dtype=np.bool_)
    has_pred[dst] = True
    has_succ = np.zeros(n, dtype=np.bool_)
    has_succ[src] = True
    manual = np.array([t.manual_start is not None for t in tasks], dtype=np.bool_)
    return CompiledNetwork(
        ids=tuple(t.id for t in tasks),
        index=index,
        order=order,
        level=level,
        durations=durations,
        is_summary=is_summary,
        parent=parent,
        link_src=src,
        link_dst=dst,
        link_type=typ,
        link_lag=lag,
        level_link_ptr=ptr,
        has_pred=has_pred,
        has_succ=has_succ,
        manual=manual,
        tasks=tuple(tasks),
        honor_constraints=network.honor_constraints,
    )


def _task_error(tasks: Sequence[Task]) -> None:
    seen: set[str] = set()
    for t in tasks:
        if not t.id:
            raise NetworkError("a task has an empty id")
        if t.id in seen:
            raise NetworkError(f"duplicate task id {t.id!r}")
        if not np.isfinite(t.duration) or t.duration < 0:
            raise NetworkError(f"task {t.id!r}: duration must be a number >= 0 working days")
        seen.add(t.id)


def _link_error(
    link: Link, index: dict[str, int], tasks: Sequence[Task], is_summary: NDArray[np.bool_]
) -> None:
    where = f"link {link.src!r} -> {link.dst!r}"
    for end in (link.src, link.dst):
        if end not in index:
            raise NetworkError(f"{where}: unknown task {end!r}")
    if link.src == link.dst:
        raise NetworkError(f"task {link.src!r} is linked to itself")
    for end in (link.src, link.dst):
        if is_summary[index[end]]:
            raise NetworkError(
                f"{where}: {end!r} is a summary task; link its first or last child task instead"
            )
    if not np.isfinite(link.lag):
        raise NetworkError(f"{where}: lag must be a number")
    raise NetworkError(f"{where}: unknown link type {link.type!r}")


def _check_parent_chain(tasks: Sequence[Task], parent: NDArray[np.int64]) -> None:
    state = np.zeros(len(tasks), dtype=np.int8)  # 0 unseen, 1 on current chain, 2 done
    for start in range(len(tasks)):
        chain: list[int] = []
        i = start
        while i >= 0 and state[i] == 0:
            state[i] = 1
            chain.append(i)
            i = int(parent[i])
        if i >= 0 and state[i] == 1:
            ids = [tasks[j].id for j in chain[chain.index(i) :]] + [tasks[i].id]
            raise NetworkError("parents form a loop: " + " -> ".join(ids))
        for j in chain:
            state[j] = 2


def _topological_levels(
    n: int, src: NDArray[np.int64], dst: NDArray[np.int64], tasks: Sequence[Task]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Kahn's algorithm a whole level at a time over a CSR adjacency, in numpy; returns
    (order, level). Raises CycleError."""
    succ_dst = dst[np.argsort(src, kind="stable")]
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=ptr[1:])
    indeg = np.bincount(dst, minlength=n).astype(np.int64)
    level = np.zeros(n, dtype=np.int64)
    frontier = np.flatnonzero(indeg == 0)
    parts: list[NDArray[np.int64]] = []
    k = 0
    while frontier.size:
        parts.append(frontier)
        level[frontier] = k
        starts, counts = ptr[frontier], ptr[frontier + 1] - ptr[frontier]
        total = int(counts.sum())
        if total == 0:
            break
        first = np.repeat(starts - (np.cumsum(counts) - counts), counts)
        targets, hits = np.unique(succ_dst[first + np.arange(total)], return_counts=True)
        indeg[targets] -= hits
        frontier = targets[indeg[targets] == 0]
        k += 1
    order = np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)
    if order.size < n:
        raise CycleError(_find_cycle(n, src.tolist(), dst.tolist(), set(order.tolist()), tasks))
    return order.astype(np.int64), level


def _find_cycle(
    n: int, src: list[int], dst: list[int], done: set[int], tasks: Sequence[Task]
) -> list[str]:
    """Walk predecessors among the tasks Kahn could not order until one repeats."""
    preds: dict[int, int] = {}
    for s, d in zip(src, dst, strict=True):
        if s not in done and d not in done:
            preds.setdefault(d, s)
    node = next(i for i in range(n) if i not in done)
    seen: dict[int, int] = {}
    path: list[int] = []
    while node not in seen:
        seen[node] = len(path)
        path.append(node)
        node = preds[node]
    cycle = path[seen[node] :]
    cycle.reverse()  # walked backwards along predecessors; report in link direction
    return [tasks[i].id for i in cycle] + [tasks[cycle[0]].id]
