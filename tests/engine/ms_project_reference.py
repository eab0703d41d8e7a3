"""A deliberately simple MS Project-rules scheduler, to check the engine against.

Slow and obvious on purpose: it walks the calendar day by day and keeps every date as an
*instant*, a working day and which end of it (``S`` its start, ``E`` its end), the way MS
Project keeps a date and a time. Durations and lags are whole working days. It shares no code
with ``civicp3.engine``.

The rules (those ``docs/plan-format.md`` lists):

- Adding working time to an instant ends at the end of a working day; taking it away ends at
  the start of one. A task with a duration starts at the start of a day and ends at the end of
  one; a milestone stays at the instant that drives it.
- Early start: the latest of the link bounds (FS from the predecessor's finish, SS from its
  start, FF and SF on the successor's finish; FF never before the plan start), or the plan
  start with no predecessors; then start/finish no earlier than (and must start/finish on)
  hold it back; with "honour constraints" on, start/finish no later than and the must
  constraints pull it in, breaking links. Of two instants at one moment (a day's end and the
  next working day's start) the start is the later.
- Late finish: the earliest successor bound, each at most the project finish (the latest
  early finish), or the project finish; finish no later than / must finish on cap it, and
  start no later than / must start on cap the late start.
- Total slack: late finish minus early finish in working days; for a summary the lesser of
  LS - ES and LF - EF over its rolled-up dates. Critical: total slack <= 0 (for a summary,
  any child critical).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

ONE = timedelta(days=1)
BASE = date(2020, 1, 6)  # a Monday well before any plan


@dataclass(frozen=True)
class RTask:
    id: str
    duration: int = 0
    parent: str | None = None
    constraint: str | None = None  # ASAP ALAP SNET SNLT FNET FNLT MSO MFO
    on: date | None = None


@dataclass(frozen=True)
class RLink:
    src: str
    dst: str
    type: str  # FS SS FF SF
    lag: int = 0


@dataclass
class RResult:
    start: date
    finish: date
    late_start: date
    late_finish: date
    total_slack: int
    critical: bool


@dataclass
class Reference:
    start: date
    closures: frozenset[date]
    tasks: list[RTask]
    links: list[RLink]
    honor: bool = True
    result: dict[str, RResult] = field(default_factory=dict)

    # -- the calendar, one day at a time ------------------------------------------------
    def working(self, d: date) -> bool:
        return d.weekday() < 5 and d not in self.closures

    def on_or_after(self, d: date) -> date:
        while not self.working(d):
            d += ONE
        return d

    def on_or_before(self, d: date) -> date:
        while not self.working(d):
            d -= ONE
        return d

    def count(self, d: date) -> int:
        return _count(self.closures, d)

    def key(self, m: tuple[date, str]) -> tuple[int, int]:
        """Order instants: working days passed, then a start after the previous day's end."""
        d, side = m
        return (self.count(d) + (1 if side == "E" else 0), 1 if side == "S" else 0)

    def add(self, m: tuple[date, str], n: int) -> tuple[date, str]:
        d, side = m
        for _ in range(n):
            if side == "S":
                side = "E"
            else:
                d = self.on_or_after(d + ONE)
        for _ in range(-n):
            if side == "E":
                side = "S"
            else:
                d = self.on_or_before(d - ONE)
        return (d, side)

    def latest(self, ms: list[tuple[date, str]]) -> tuple[date, str]:
        return max(ms, key=self.key)

    def earliest(self, ms: list[tuple[date, str]]) -> tuple[date, str]:
        return min(ms, key=self.key)

    # -- the schedule -------------------------------------------------------------------
    def run(self) -> dict[str, RResult]:
        by_id = {t.id: t for t in self.tasks}
        parents = {t.parent for t in self.tasks if t.parent}
        leaves = [t for t in self.tasks if t.id not in parents]
        order = self._topological(leaves)
        p0 = (self.on_or_after(self.start), "S")
        es: dict[str, tuple[date, str]] = {}
        ef: dict[str, tuple[date, str]] = {}
        for tid in order:
            t = by_id[tid]
            d = t.duration
            preds = [lk for lk in self.links if lk.dst == tid]
            bounds = [] if preds else [p0]
            for lk in preds:
                if lk.type == "FS":
                    b = self.add(ef[lk.src], lk.lag)
                elif lk.type == "SS":
                    b = self.add(es[lk.src], lk.lag)
                elif lk.type == "FF":
                    b = self.latest([self.add(self.add(ef[lk.src], lk.lag), -d), p0])
                else:
                    b = self.add(self.add(es[lk.src], lk.lag), -d)
                bounds.append(b)
            lo, hi = self._forward_constraints(t)
            m = self.latest(bounds + lo)
            if hi:
                m = self.earliest([m, *hi])
            if d > 0 and m[1] == "E":
                m = (self.on_or_after(m[0] + ONE), "S")
            es[tid], ef[tid] = m, self.add(m, d)
        pf = self.latest([ef[t.id] for t in leaves])
        ls: dict[str, tuple[date, str]] = {}
        lf: dict[str, tuple[date, str]] = {}
        for tid in reversed(order):
            t = by_id[tid]
            d = t.duration
            succs = [lk for lk in self.links if lk.src == tid]
            bounds = [] if succs else [pf]
            for lk in succs:
                if lk.type == "FS":
                    b = self.add(ls[lk.dst], -lk.lag)
                elif lk.type == "SS":
                    b = self.add(self.add(ls[lk.dst], -lk.lag), d)
                elif lk.type == "FF":
                    b = self.add(lf[lk.dst], -lk.lag)
                else:
                    b = self.add(self.add(lf[lk.dst], -lk.lag), d)
                bounds.append(self.earliest([b, pf]))
            m = self.earliest(bounds + self._late_caps(t))
            if d > 0 and m[1] == "S":
                m = (self.on_or_before(m[0] - ONE), "E")
            lf[tid], ls[tid] = m, self.add(m, -d)
        out: dict[str, RResult] = {}
        for t in leaves:
            slack = self.key(lf[t.id])[0] - self.key(ef[t.id])[0]
            out[t.id] = RResult(
                es[t.id][0], ef[t.id][0], ls[t.id][0], lf[t.id][0], slack, slack <= 0
            )
        for t in self.tasks:
            if t.id in parents:
                kids = [x.id for x in leaves if self._under(x.id, t.id, by_id)]
                if not kids:
                    continue
                e_s = self.earliest([es[k] for k in kids])
                e_f = self.latest([ef[k] for k in kids])
                l_s = self.earliest([ls[k] for k in kids])
                l_f = self.latest([lf[k] for k in kids])
                slack = min(
                    self.key(l_s)[0] - self.key(e_s)[0], self.key(l_f)[0] - self.key(e_f)[0]
                )
                out[t.id] = RResult(
                    min(out[k].start for k in kids),
                    max(out[k].finish for k in kids),
                    min(out[k].late_start for k in kids),
                    max(out[k].late_finish for k in kids),
                    slack,
                    any(out[k].critical for k in kids),
                )
        self.result = out
        return out

    def _start_on(self, d: date) -> tuple[date, str]:
        return (self.on_or_after(d), "S")

    def _finish_on(self, d: date) -> tuple[date, str]:
        return (self.on_or_before(d), "E")

    def _forward_constraints(
        self, t: RTask
    ) -> tuple[list[tuple[date, str]], list[tuple[date, str]]]:
        c, d = t.constraint, t.duration
        if c is None or t.on is None or c in ("ASAP", "ALAP"):
            return [], []
        start_type = c in ("SNET", "SNLT", "MSO")
        at = self._start_on(t.on) if start_type else self.add(self._finish_on(t.on), -d)
        lo = [at] if c in ("SNET", "FNET", "MSO", "MFO") else []
        hi = [at] if self.honor and c in ("SNLT", "FNLT", "MSO", "MFO") else []
        return lo, hi

    def _late_caps(self, t: RTask) -> list[tuple[date, str]]:
        c = t.constraint
        if t.on is None or c not in ("SNLT", "FNLT", "MSO", "MFO"):
            return []
        if c in ("SNLT", "MSO"):
            return [self.add(self._start_on(t.on), t.duration)]
        return [self._finish_on(t.on)]

    def _topological(self, leaves: list[RTask]) -> list[str]:
        done: list[str] = []
        left = [t.id for t in leaves]
        while left:
            for tid in left:
                if all(lk.src in done for lk in self.links if lk.dst == tid):
                    done.append(tid)
                    left.remove(tid)
                    break
        return done

    @staticmethod
    def _under(tid: str, ancestor: str, by_id: dict[str, RTask]) -> bool:
        p = by_id[tid].parent
        while p is not None:
            if p == ancestor:
                return True
            p = by_id[p].parent
        return False


@cache
def _count(closures: frozenset[date], d: date) -> int:
    """Working days from BASE up to (not including) d, counted one day at a time."""
    n, day = 0, BASE
    while day < d:
        if day.weekday() < 5 and day not in closures:
            n += 1
        day += ONE
    return n
