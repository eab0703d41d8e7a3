"""Reads of the P3 register: lists, the waiting list, capacity, board packs and what fits."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Max, OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest

from civicp3.engine.portfolio import Selection, WaitingProject, select_projects
from civicp3.organisation.models import Board, Council, ServiceArea
from civicp3.organisation.scoping import get_scoped_or_404, scoped
from civicp3.portfolio.lifecycle import Stage
from civicp3.portfolio.models import (
    ChangeRequest,
    Closure,
    Decision,
    HealthCheck,
    HighlightReport,
    Lesson,
    PortfolioSettings,
    Project,
    ResourceDemand,
)


def register_for(request: HttpRequest) -> QuerySet[Project]:
    return scoped(request, Project).select_related(
        "parent", "directorate", "service_area", "manager", "sponsor"
    )


def project_for(request: HttpRequest, number: int) -> Project:
    """The current council's project `number` (PRJ-0001 is 1), or a 404."""
    return get_scoped_or_404(request, register_for(request), number=number)


SORTS: dict[str, tuple[str, ...]] = {
    "reference": ("number",),
    "title": ("title", "number"),
    "stage": ("stage", "number"),
    "score": ("-score", "number"),
    "tier": ("tier", "-score", "number"),
}


def register_filtered(
    queryset: QuerySet[Project],
    *,
    q: str = "",
    kind: str = "",
    stage: str = "",
    tier: str = "",
    sort: str = "reference",
) -> QuerySet[Project]:
    if q:
        queryset = queryset.filter(Q(title__icontains=q) | Q(summary__icontains=q))
    if kind:
        queryset = queryset.filter(kind=kind)
    if stage:
        queryset = queryset.filter(stage=stage)
    if tier:
        queryset = queryset.filter(tier=tier)
    return queryset.order_by(*SORTS.get(sort, SORTS["reference"]))


def waiting_list(council: Council) -> QuerySet[Project]:
    """The project waiting list, highest prioritisation score first."""
    return (
        Project.objects.for_council(council)
        .filter(stage=Stage.WAITING_LIST)
        .order_by("-score", "number")
    )


def by_stage(council: Council) -> list[tuple[Stage, list[Project]]]:
    """Every project, programme and portfolio grouped by lifecycle stage, in lifecycle order."""
    groups: dict[str, list[Project]] = defaultdict(list)
    for project in Project.objects.for_council(council).order_by("-score", "number"):
        groups[project.stage].append(project)
    return [(stage, groups.get(stage, [])) for stage in Stage]


def rag_trend(project: Project, count: int = 6) -> list[HighlightReport]:
    """The latest highlight reports, oldest first, for the overall RAG trend."""
    return list(reversed(project.highlights.all()[:count]))


def project_page(project: Project) -> dict[str, Any]:
    return {
        "decisions": project.decisions.select_related("board", "recorded_by"),
        "highlights": project.highlights.all(),
        "trend": rag_trend(project),
        "changes": project.change_requests.all(),
        "appraisals": project.appraisals.all(),
        "checks": project.criteria_checks.select_related("criterion"),
        "closure": Closure.objects.filter(project=project).first(),
        "lessons": project.lessons.all(),
        "benefits": project.benefits.all(),
        "health_checks": project.health_checks.all(),
        "demands": project.demands.select_related("service_area"),
        "children": project.children.all(),
    }


def lessons_search(council: Council, q: str) -> QuerySet[Lesson]:
    lessons = Lesson.objects.for_council(council).select_related("project")
    if q:
        lessons = lessons.filter(Q(text__icontains=q) | Q(project__title__icontains=q))
    return lessons


def month_starts(first: date, count: int) -> list[date]:
    months, current = [], first.replace(day=1)
    for _ in range(count):
        months.append(current)
        current = (current + timedelta(days=32)).replace(day=1)
    return months


# Projects whose demand counts against capacity: started, waiting, or before the board.
DEMAND_STAGES = (Stage.ACTIVE, Stage.WAITING_LIST, Stage.BOARD, Stage.DEFERRED)


@dataclass
class CapacityRow:
    area: ServiceArea
    cells: list[dict[str, Any]] = field(default_factory=list)

    @property
    def over(self) -> bool:
        return any(cell["over"] for cell in self.cells)


def capacity(council: Council, months: list[date]) -> list[CapacityRow]:
    """Each service area's demand per month against its capacity; `over` is the red flag."""
    totals: dict[tuple[int, date], Decimal] = defaultdict(Decimal)
    projects: dict[tuple[int, date], list[str]] = defaultdict(list)
    for demand in (
        ResourceDemand.objects.for_council(council)
        .filter(project__stage__in=DEMAND_STAGES, month__in=months)
        .select_related("project")
    ):
        key = (demand.service_area_id, demand.month)
        totals[key] += demand.hours
        projects[key].append(demand.project.reference)
    rows = []
    for area in ServiceArea.objects.for_council(council).order_by("name"):
        row = CapacityRow(area)
        for month in months:
            hours = totals.get((area.pk, month), Decimal(0))
            row.cells.append(
                {
                    "month": month,
                    "demand": hours,
                    "capacity": area.monthly_capacity_hours,
                    "over": hours > area.monthly_capacity_hours,
                    "projects": projects.get((area.pk, month), []),
                }
            )
        rows.append(row)
    return rows


def portfolio_settings(council: Council) -> PortfolioSettings:
    """The council's PMO settings (threshold, tolerances), made with the council."""
    return PortfolioSettings.objects.get(council=council)


def overdue_highlights(council: Council, today: date) -> list[tuple[Project, date]]:
    """Active projects whose last highlight report (or start) is older than the council allows."""
    due_days = portfolio_settings(council).highlight_due_days
    active = (
        Project.objects.for_council(council)
        .filter(stage=Stage.ACTIVE)
        .annotate(
            last_report=Max("highlights__submitted"),
            last_start=Max(
                "decisions__meeting_date", filter=Q(decisions__decision__in=("start", "resume"))
            ),
        )
    )
    overdue = []
    for project in active:
        dates = [
            d for d in (project.last_report and project.last_report.date(), project.last_start) if d
        ]
        since = max(dates) if dates else project.created.date()
        if (today - since).days > due_days:
            overdue.append((project, since))
    return overdue


@dataclass
class BoardPack:
    board: Board
    to_decide: list[Project]
    changes: list[ChangeRequest]
    closures: list[Project]
    paused: list[Project]
    capacity_flags: list[tuple[ServiceArea, dict[str, Any]]]
    overdue: list[tuple[Project, date]]
    red_projects: list[HighlightReport]
    decisions_asked: list[HighlightReport]
    waiting: list[Project]

    @property
    def red_flag_count(self) -> int:
        return len(self.capacity_flags) + len(self.overdue) + len(self.red_projects)


def board_pack(council: Council, board: Board, today: date, horizon: int = 12) -> BoardPack:
    """What a board must decide at its next meeting, with the PMO's red flags."""
    projects = Project.objects.for_council(council).select_related("manager", "sponsor")
    started = projects.filter(stage__in=(Stage.ACTIVE, Stage.PAUSED))
    latest_reports = (
        HighlightReport.objects.for_council(council)
        .filter(project__stage=Stage.ACTIVE)
        .select_related("project")
        .order_by("project_id", "-period", "-pk")
    )
    seen: set[int] = set()
    latest = []
    for report in latest_reports:
        if report.project_id not in seen:
            seen.add(report.project_id)
            latest.append(report)
    flags = [
        (row.area, cell)
        for row in capacity(council, month_starts(today, horizon))
        for cell in row.cells
        if cell["over"]
    ]
    return BoardPack(
        board=board,
        to_decide=list(projects.filter(stage__in=(Stage.BOARD, Stage.DEFERRED))),
        changes=list(
            ChangeRequest.objects.for_council(council)
            .filter(route=ChangeRequest.Route.BOARD, status=ChangeRequest.Status.PENDING)
            .select_related("project")
        ),
        closures=list(started.filter(closure__isnull=False)),
        paused=list(projects.filter(stage=Stage.PAUSED)),
        capacity_flags=flags,
        overdue=overdue_highlights(council, today),
        red_projects=[report for report in latest if report.overall == "red"],
        decisions_asked=[report for report in latest if report.decisions_needed.strip()],
        waiting=list(waiting_list(council)),
    )


# What closure must acknowledge as handed over, by code, besides the checklist.
LOOSE_ENDS: dict[str, str] = {
    "open_risks": "I have handed the open risks to the service",
    "incomplete_tasks": "The service knows about the incomplete tasks",
}


def closure_loose_ends(project: Project) -> dict[str, list[str]]:
    """What is still open as the project closes: its open risks (highest score first) and
    its plan's tasks not 100% complete, each as a line a person reads."""
    from civicp3.delivery.models import PlanTask
    from civicp3.toolkit.models import Risk, RiskStatus

    risks = Risk.objects.filter(project=project, status=RiskStatus.OPEN).order_by("-score")
    tasks = PlanTask.objects.filter(plan__project=project, percent_complete__lt=100).order_by(
        "position", "pk"
    )
    ends = {
        "open_risks": [f"{risk.reference} {risk.title} (score {risk.score})" for risk in risks],
        "incomplete_tasks": [f"{task.name} ({task.percent_complete}% complete)" for task in tasks],
    }
    return {code: lines for code, lines in ends.items() if lines}


def red_flagged(council: Council) -> QuerySet[Project]:
    """Projects under way whose latest highlight report is red overall, or whose latest health
    check failed (not viable, governance not in place or PMO process not followed)."""
    report = HighlightReport.objects.filter(project=OuterRef("pk")).order_by("-period", "-pk")
    check = HealthCheck.objects.filter(project=OuterRef("pk")).order_by("-date", "-pk")
    return (
        Project.objects.for_council(council)
        .filter(stage__in=(Stage.WAITING_LIST, Stage.ACTIVE, Stage.PAUSED))
        .annotate(
            latest_rag=Subquery(report.values("overall")[:1]),
            check_viable=Subquery(check.values("viable")[:1]),
            check_governance=Subquery(check.values("governance_in_place")[:1]),
            check_process=Subquery(check.values("process_followed")[:1]),
        )
        .filter(
            Q(latest_rag="red")
            | Q(check_viable=False)
            | Q(check_governance=False)
            | Q(check_process=False)
        )
        .order_by("number")
    )


def decisions_log(council: Council) -> QuerySet[Decision]:
    return Decision.objects.for_council(council).select_related("project", "board", "recorded_by")


@dataclass
class WhatFits:
    months: list[date]
    selection: Selection | None
    chosen: list[tuple[Project, date]]
    left_out: list[tuple[Project, str]]
    no_demand: list[Project]
    binding: list[tuple[str, str]]


def what_fits(council: Council, first: date, horizon: int) -> WhatFits:
    """The highest-scoring set of waiting projects that can start within capacity, explained."""
    months = month_starts(first, horizon)
    labels = [f"{m:%Y-%m}" for m in months]
    areas = list(ServiceArea.objects.for_council(council).order_by("name"))
    capacity_hours = {area.name: [area.monthly_capacity_hours] * horizon for area in areas}
    names = {area.pk: area.name for area in areas}
    committed: dict[str, list[Decimal]] = {area.name: [Decimal(0)] * horizon for area in areas}
    index = {month: i for i, month in enumerate(months)}
    demands = (
        ResourceDemand.objects.for_council(council)
        .filter(project__stage__in=(Stage.ACTIVE, Stage.WAITING_LIST))
        .select_related("project")
    )
    profiles: dict[int, list[ResourceDemand]] = defaultdict(list)
    for demand in demands:
        if demand.project.stage == Stage.ACTIVE:
            if demand.month in index:
                committed[names[demand.service_area_id]][index[demand.month]] += demand.hours
        else:
            profiles[demand.project_id].append(demand)
    waiting = list(waiting_list(council))
    candidates, no_demand = [], []
    for project in waiting:
        rows = profiles.get(project.pk)
        if not rows:
            no_demand.append(project)
            continue
        start = min(row.month for row in rows)
        profile: dict[str, list[Decimal]] = {}
        for row in rows:
            offset = (row.month.year - start.year) * 12 + row.month.month - start.month
            hours = profile.setdefault(names[row.service_area_id], [])
            hours.extend([Decimal(0)] * (offset + 1 - len(hours)))
            hours[offset] += row.hours
        window = {
            name: f"{min(max(when, months[0]), months[-1]):%Y-%m}"
            for name, when in (
                ("earliest_start", project.earliest_start),
                ("latest_start", project.latest_start),
            )
            if when
        }
        candidates.append(
            WaitingProject(
                key=project.reference, score=project.score or 0, demand=profile, **window
            )
        )
    if not candidates or not areas:
        return WhatFits(months, None, [], [], no_demand, [])
    selection = select_projects(
        months=labels, capacity=capacity_hours, projects=candidates, committed=committed
    )
    by_ref = {project.reference: project for project in waiting}
    chosen = [(by_ref[key], months[labels.index(label)]) for key, label in selection.chosen.items()]
    chosen.sort(key=lambda pair: (pair[1], -(pair[0].score or 0)))
    return WhatFits(
        months=months,
        selection=selection,
        chosen=chosen,
        left_out=[(by_ref[lo.key], lo.reason) for lo in selection.left_out],
        no_demand=no_demand,
        binding=list(selection.binding),
    )
