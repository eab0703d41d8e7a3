"""Plans in and out of files: Microsoft Project XML (MSPDI) and an Excel layout.

Both imports build an `ImportedPlan` (the JSON plan format plus progress and a baseline),
checked whole by the engine before anything is saved, so a bad file changes nothing. The
Excel layout is documented in docs/xlsx-plan-format.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from civicp3.delivery.models import (
    Baseline,
    Distribution,
    LinkType,
    Plan,
    PlanLink,
    days_value,
)
from civicp3.delivery.planning import PlanError, Row, plan_calendar, plan_dict
from civicp3.delivery.services import (
    TASK_CODE,
    TASK_CODE_RULE,
    ImportedPlan,
    ImportedRisk,
    Progress,
    friendly_error,
)
from civicp3.engine.mspdi import (
    LINK_TYPES,
    MspdiBaseline,
    MspdiCalendar,
    MspdiError,
    MspdiException,
    MspdiLink,
    MspdiProject,
    MspdiTask,
    MspdiWeekDay,
    read_mspdi,
    to_network,
    write_mspdi,
)
from civicp3.engine.network import ConstraintType
from civicp3.engine.planfile import plan_from_dict
from civicp3.lib.tabular import UnreadableFile, read_table, table_bytes


class ImportProblem(ValueError):
    """The file cannot be imported; `errors` lists every reason, each naming where."""

    def __init__(self, errors: Sequence[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = list(errors)


def _two_places(value: float) -> float:
    return round(value, 2)


# -- the JSON plan format (docs/plan-format.md) --------------------------------------------
def plan_json_bytes(plan: Plan) -> bytes:
    """The plan in the JSON plan format, with its risk events (probability as a percentage,
    exactly as entered) and each task's cost basis: what ``read_json_upload`` and the
    ``civicp3 forecast`` command read."""
    data = plan_dict(plan)
    data["risks"] = [
        {
            "title": r.title,
            "probability": f"{r.probability:f}%",
            "delay_days": days_value(r.delay_days),
            "cost": f"{r.cost:.2f}",
            "tasks": [t.code for t in r.tasks.all()],
        }
        for r in plan.risks.prefetch_related("tasks")
    ]
    return json.dumps(data, indent=2).encode()


def _percent(value: Any) -> Decimal:
    if isinstance(value, str):
        return Decimal(value.strip().removesuffix("%"))
    return Decimal(str(value)) * 100


def read_json_upload(data: bytes) -> ImportedPlan:
    """A JSON plan upload (with its risk events); ImportProblem names the field at fault."""
    try:
        parsed = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ImportProblem([f"The file is not a JSON plan: {error}"]) from error
    _validate(parsed, lambda path: "")
    plan = dict(parsed)
    risks = [
        ImportedRisk(
            title=r["title"].strip(),
            probability=_percent(r["probability"]).quantize(Decimal("0.01")),
            delay_days=Decimal(str(r.get("delay_days", 0))),
            cost=Decimal(str(r.get("cost", "0"))),
            tasks=tuple(r.get("tasks", [])),
        )
        for r in plan.pop("risks", [])
    ]
    return ImportedPlan(plan, risks=risks)


# -- MS Project XML -----------------------------------------------------------------------
MSPDI_CODES = {v.name: k for k, v in LINK_TYPES.items()}


def read_mspdi_upload(data: bytes) -> ImportedPlan:
    """An MSPDI upload as an imported plan; ImportProblem names the element or task at fault."""
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise ImportProblem(["The file is not XML: save the plan from Microsoft Project as XML"])
    try:
        project = read_mspdi(data)
        si = to_network(project, manual_as_automatic=True)
    except (MspdiError, ValueError) as error:
        raise ImportProblem([f"The Microsoft Project file could not be read: {error}"]) from error
    kept = {str(t.uid): t for t in project.tasks}
    code = {uid: str(kept[uid].id if kept[uid].id is not None else uid) for uid in kept}
    # a plan in the app keeps start no earlier than and finish no later than, on one calendar
    unkept = [
        f"Task {code[t.id]} ({t.name}): a plan in Civic P3 cannot keep its "
        + (f"'{t.constraint.type.label}' constraint" if t.constraint else "own task calendar")
        for t in si.network.tasks
        if t.calendar is not None or (t.constraint and t.constraint.type != ConstraintType.ASAP)
    ]
    if unkept:
        raise ImportProblem(unkept)
    cal = si.calendar
    tasks: list[dict[str, Any]] = []
    progress: dict[str, Progress] = {}
    baseline: dict[str, tuple[date, date]] = {}
    for t in si.network.tasks:
        source = kept[t.id]
        c = code[t.id]
        item: dict[str, Any] = {
            "id": c,
            "name": t.name or c,
            "duration": _two_places(t.duration),
            "parent": None if t.parent is None else code[t.parent],
        }
        if t.cost is not None:
            item["cost"] = f"{t.cost:.2f}"
        for key in ("start_no_earlier_than", "finish_no_later_than"):
            value = getattr(t, key)
            if value is not None:
                item[key] = (value.date() if isinstance(value, datetime) else value).isoformat()
        tasks.append(item)
        progress[c] = Progress(
            percent_complete=source.percent_complete or 0,
            actual_start=source.actual_start.date() if source.actual_start else None,
            actual_finish=source.actual_finish.date() if source.actual_finish else None,
        )
        first = next((b for b in source.baselines if b.number == 0), None)
        if first is not None and first.start and first.finish:
            baseline[c] = (first.start.date(), first.finish.date())
    data_dict = {
        "name": project.title or project.name or "",
        "start": si.start.date().isoformat(),
        "calendar": {
            "hours_per_day": cal.hours_per_day,
            "holidays": None,
            "closures": sorted(d.isoformat() for d in cal.closures),
        },
        "tasks": tasks,
        "links": [
            {"from": code[x.src], "to": code[x.dst], "type": x.type.name, "lag": _two_places(x.lag)}
            for x in si.network.links
        ],
    }
    _validate(data_dict, lambda path: "")
    return ImportedPlan(data_dict, progress, baseline, "Baseline from Microsoft Project")


def write_plan_mspdi(
    plan: Plan, rows: Sequence[Row], links: Sequence[PlanLink], baseline: Baseline | None
) -> bytes:
    """The plan as Microsoft Project XML, with its schedule, progress and a baseline."""
    cal = plan_calendar(plan)
    periods = cal.day_periods
    mpd = cal.hours_per_day * 60
    day_start, day_end = periods[0][0], periods[-1][1]

    def at(d: date, clock: time) -> datetime:
        return datetime.combine(d, clock)

    uid = {r.task.pk: i for i, r in enumerate(rows, start=1)}
    preds: dict[int, list[MspdiLink]] = {}
    for link in links:
        preds.setdefault(link.successor_id, []).append(
            MspdiLink(
                uid[link.predecessor_id],
                MSPDI_CODES[link.type],
                round(float(link.lag) * mpd * 10),
                7,
            )
        )
    base = {b.code: b for b in baseline.tasks.all()} if baseline is not None else {}
    tasks = [MspdiTask(0, id=0, name=plan.project.title, outline_level=0, summary=True)]
    for r in rows:
        t, s = r.task, r.s
        b = base.get(t.code)
        tasks.append(
            MspdiTask(
                uid[t.pk],
                id=uid[t.pk],
                name=f"{t.code} {t.name}",
                outline_level=r.level + 1,
                summary=s.is_summary,
                milestone=s.is_milestone,
                critical=s.critical,
                start=at(s.start, day_start),
                finish=at(s.finish, day_start if s.is_milestone else day_end),
                duration=float(t.duration) * mpd,
                cost=t.cost,
                percent_complete=t.percent_complete,
                actual_start=at(t.actual_start, day_start) if t.actual_start else None,
                actual_finish=at(t.actual_finish, day_end) if t.actual_finish else None,
                constraint_type=4
                if t.start_no_earlier_than
                else 7
                if t.finish_no_later_than
                else 0,
                constraint_date=(
                    at(t.start_no_earlier_than, day_start)
                    if t.start_no_earlier_than
                    else at(t.finish_no_later_than, day_end)
                    if t.finish_no_later_than
                    else None
                ),
                total_slack=round(s.total_float * mpd * 10),
                predecessors=tuple(preds.get(t.pk, ())),
                baselines=()
                if b is None
                else (
                    MspdiBaseline(
                        0,
                        start=at(b.start, day_start),
                        finish=at(b.finish, day_end),
                        duration=float(b.duration) * mpd,
                        cost=b.cost,
                    ),
                ),
            )
        )
    # every closure the schedule touches, whatever the dates (SF links and leads can put a task
    # before the plan start), with a margin either side for a tool that reschedules
    touched = [plan.start, *(d for r in rows for d in (r.s.start, r.s.late_start))]
    first = min(touched) - timedelta(days=31)
    last = max([r.s.finish for r in rows] + [r.s.late_finish for r in rows], default=plan.start)
    last += timedelta(days=400)
    closed = [
        MspdiException(d, d, False, "Closed")
        for d in (first + timedelta(days=k) for k in range((last - first).days + 1))
        if d.weekday() < 5 and not cal.is_working_day(d)
    ]
    weekdays = tuple(
        MspdiWeekDay(day, 2 <= day <= 6, periods if 2 <= day <= 6 else ()) for day in range(1, 8)
    )
    finish = max((r.s.finish for r in rows), default=plan.start)
    project = MspdiProject(
        name=plan.project.reference,
        title=plan.project.title,
        schedule_from_start=True,
        start_date=at(plan.start, day_start),
        finish_date=at(finish, day_end),
        calendar_uid=1,
        default_start_time=day_start,
        minutes_per_day=round(mpd),
        minutes_per_week=round(mpd * 5),
        honor_constraints=True,  # the app schedules as MS Project does by default
        calendars=(MspdiCalendar(1, "Standard", True, -1, weekdays, tuple(closed)),),
        tasks=tuple(tasks),
    )
    return write_mspdi(project)


# -- Excel --------------------------------------------------------------------------------
COLUMNS = (
    "ID",
    "Name",
    "Duration (working days)",
    "Summary task",
    "Predecessors",
    "Optimistic",
    "Most likely",
    "Pessimistic",
    "Distribution",
    "Cost (£)",
    "Start no earlier than",
    "Finish no later than",
    "% complete",
    "Actual start",
    "Actual finish",
)
REQUIRED = ("ID", "Name", "Duration (working days)")
_PREDECESSOR = re.compile(r"^(?P<type>FS|SS|FF|SF)?(?P<lag>[+-]\d+(?:\.\d+)?)?$")


def predecessors_text(links: Sequence[PlanLink]) -> str:
    """`A; B SS+2; C FF-1`: predecessor IDs with any type other than FS and any lag."""
    parts = []
    for link in links:
        suffix = "" if link.type == LinkType.FS else link.type
        if link.lag:
            suffix += f"{days_value(link.lag):+g}"
        parts.append(f"{link.predecessor.code} {suffix}".strip())
    return "; ".join(parts)


def xlsx_bytes(rows: Sequence[Row], links: Sequence[PlanLink]) -> bytes:
    into: dict[int, list[PlanLink]] = {}
    for link in links:
        into.setdefault(link.successor_id, []).append(link)
    codes = {r.task.pk: r.task.code for r in rows}
    return table_bytes(
        "xlsx",
        COLUMNS,
        (
            (
                r.task.code,
                r.task.name,
                r.task.duration,
                codes.get(r.task.parent_id or 0, ""),
                predecessors_text(into.get(r.task.pk, [])),
                r.task.estimate_min,
                r.task.estimate_likely,
                r.task.estimate_max,
                r.task.distribution,
                r.task.cost,
                r.task.start_no_earlier_than,
                r.task.finish_no_later_than,
                r.task.percent_complete,
                r.task.actual_start,
                r.task.actual_finish,
            )
            for r in rows
        ),
        title="Plan",
    )


class _RowReader:
    def __init__(self, number: int, cells: dict[str, str], errors: list[str]) -> None:
        self.number, self.cells, self.errors = number, cells, errors

    def fail(self, column: str, reason: str) -> None:
        self.errors.append(f"Row {self.number}, {column}: {reason}")

    def text(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def number_or_none(
        self, column: str, *, minimum: Decimal | None = Decimal(0)
    ) -> Decimal | None:
        raw = self.text(column)
        if not raw:
            return None
        try:
            value = Decimal(raw)
        except InvalidOperation:
            self.fail(column, f"{raw!r} is not a number")
            return None
        if not value.is_finite() or (minimum is not None and value < minimum):
            self.fail(column, f"must be a number of at least {minimum}")
            return None
        return value

    def date_or_none(self, column: str) -> date | None:
        raw = self.text(column)
        if not raw:
            return None
        try:
            return date.fromisoformat(raw[:10])
        except ValueError:
            self.fail(column, f"{raw!r} is not a date like 2026-01-05")
            return None


def read_xlsx_upload(source: IO[bytes], plan: Plan) -> ImportedPlan:
    """Tasks in the documented layout; the plan keeps its start date and calendar."""
    try:
        table = read_table(source)
    except UnreadableFile as error:
        raise ImportProblem([str(error)]) from error
    if not table or not any(table[0]):
        raise ImportProblem(["The file is empty: the first row must name the columns"])
    header = [h.strip() for h in table[0]]
    lowered = {h.lower(): i for i, h in enumerate(header) if h}
    known = {c.lower(): c for c in COLUMNS}
    errors = [
        f"Row 1, {h}: is not a column of the plan layout"
        for h in header
        if h and h.lower() not in known
    ]
    errors += [f"Row 1, {c}: the column is missing" for c in REQUIRED if c.lower() not in lowered]
    if errors:
        raise ImportProblem(errors)
    tasks: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    progress: dict[str, Progress] = {}
    rows_of: dict[str, int] = {}
    for number, raw in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in raw):
            continue
        cells = {known[h]: (raw[i] if i < len(raw) else "") for h, i in lowered.items()}
        row = _RowReader(number, cells, errors)
        item = _xlsx_task(row, rows_of)
        if item is None:
            continue
        tasks.append(item)
        links.extend(_xlsx_links(row, item["id"]))
        pct = row.number_or_none("% complete")
        if pct is not None and (pct > 100 or pct != pct.to_integral_value()):
            row.fail("% complete", "must be a whole number from 0 to 100")
            pct = None
        progress[item["id"]] = Progress(
            int(pct or 0), row.date_or_none("Actual start"), row.date_or_none("Actual finish")
        )
    if not tasks and not errors:
        errors.append("Row 2, ID: the file has no tasks")
    for item in tasks:
        if item["parent"] and item["parent"] not in rows_of:
            errors.append(
                f"Row {rows_of[item['id']]}, Summary task: {item['parent']} is not a task ID "
                "in the file"
            )
    for link in links:
        if link["from"] not in rows_of:
            errors.append(
                f"Row {rows_of[link['to']]}, Predecessors: {link['from']} is not a task ID "
                "in the file"
            )
    if errors:
        raise ImportProblem(errors)
    data = plan_dict(plan, tasks=[], links=[]) | {"tasks": tasks, "links": links}
    order = [item["id"] for item in tasks]
    _validate(data, lambda path: _row_of(path, order, rows_of))
    return ImportedPlan(data, progress)


def _xlsx_task(row: _RowReader, rows_of: dict[str, int]) -> dict[str, Any] | None:
    code = row.text("ID")
    if not code:
        row.fail("ID", "enter a task ID")
        return None
    if not TASK_CODE.match(code):
        row.fail("ID", TASK_CODE_RULE[:1].lower() + TASK_CODE_RULE[1:])
        return None
    if code in rows_of:
        row.fail("ID", f"{code} is also the ID of row {rows_of[code]}")
        return None
    rows_of[code] = row.number
    name = row.text("Name")
    if not name:
        row.fail("Name", "enter the task name")
    duration = row.number_or_none("Duration (working days)")
    if duration is None and not row.text("Duration (working days)"):
        row.fail(
            "Duration (working days)", "enter the duration in working days (0 for a milestone)"
        )
    item: dict[str, Any] = {
        "id": code,
        "name": name,
        "duration": float(duration or 0),
        "parent": row.text("Summary task") or None,
    }
    points = [row.number_or_none(c) for c in ("Optimistic", "Most likely", "Pessimistic")]
    dist = row.text("Distribution").lower()
    if dist and dist not in Distribution.values:
        row.fail("Distribution", f"must be one of {', '.join(Distribution.values)}")
    elif dist:
        if any(p is None for p in points):
            row.fail("Optimistic", "a distribution needs optimistic, most likely and pessimistic")
        else:
            item["estimate"] = dict(
                zip(
                    ("min", "likely", "max"),
                    (float(p) for p in points if p is not None),
                    strict=True,
                )
            ) | {"distribution": dist}
    cost = row.number_or_none("Cost (£)")
    if cost is not None:
        item["cost"] = f"{cost:.2f}"
    for column, key in (
        ("Start no earlier than", "start_no_earlier_than"),
        ("Finish no later than", "finish_no_later_than"),
    ):
        value = row.date_or_none(column)
        if value is not None:
            item[key] = value.isoformat()
    return item


def _xlsx_links(row: _RowReader, successor: str) -> list[dict[str, Any]]:
    links = []
    for part in filter(None, (p.strip() for p in row.text("Predecessors").split(";"))):
        code, _, rest = part.partition(" ")
        match = _PREDECESSOR.match(rest.replace(" ", ""))
        if match is None:
            row.fail("Predecessors", f"{part!r} is not like 'A', 'A SS' or 'A FS+2'")
            continue
        links.append(
            {
                "from": code,
                "to": successor,
                "type": match["type"] or "FS",
                "lag": float(match["lag"] or 0),
            }
        )
    return links


_TASK_PATH = re.compile(r"^tasks\[(\d+)\]")


def _row_of(path: str, order: list[str], rows_of: dict[str, int]) -> str:
    match = _TASK_PATH.match(path)
    if match is None:
        return ""
    return f"Row {rows_of[order[int(match[1])]]}, "


def _validate(data: dict[str, Any], where: Callable[[str], str]) -> None:
    try:
        plan_from_dict(data)
    except PlanError as error:
        raise ImportProblem([where(error.path) + friendly_error(error)]) from error
