"""Reads of the PMO toolkit's records, with their joins (so no page runs N+1 queries)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils import timezone

from civicp3.engine.risk import Assessment, HeatMapCell, RiskMatrix
from civicp3.organisation.models import Council, ServiceArea
from civicp3.portfolio.models import Project
from civicp3.toolkit.models import (
    DEFAULT_ESCALATION_SCORE,
    BudgetLine,
    BudgetMonth,
    MoSCoW,
    Option,
    OptionCriterion,
    Requirement,
    Risk,
    RiskLevel,
    RiskMatrixSettings,
    RiskStatus,
    TraceKind,
    TraceLink,
)

# Risks ---------------------------------------------------------------------------------


def risk_matrix_for(council: Council) -> RiskMatrix:
    """The council's matrix as the engine sees it (seed labels and default bands at first)."""
    settings = RiskMatrixSettings.objects.filter(council=council).first()
    if settings is None:
        settings = RiskMatrixSettings(council=council)
    return RiskMatrix.from_dict(
        {
            "likelihood_labels": settings.likelihood_labels,
            "impact_labels": settings.impact_labels,
            "bands": settings.bands,
        }
    )


def escalation_score_for(council: Council) -> int:
    settings = RiskMatrixSettings.objects.filter(council=council).first()
    return settings.escalation_score if settings else DEFAULT_ESCALATION_SCORE


@dataclass(frozen=True)
class RiskRow:
    """A risk with its current and target assessments on the council's matrix."""

    risk: Risk
    current: Assessment
    target: Assessment
    review_overdue: bool
    may_escalate: bool


def risks_for(
    council: Council,
    *,
    register: str | None = None,
    project: Project | None = None,
    service_area: ServiceArea | None = None,
    include_closed: bool = False,
) -> QuerySet[Risk]:
    risks = Risk.objects.for_council(council).select_related(  # type: ignore[attr-defined]
        "project", "service_area", "escalated_by"
    )
    if register:
        risks = risks.filter(register=register)
    if project is not None:
        risks = risks.filter(project=project)
    if service_area is not None:
        risks = risks.filter(service_area=service_area)
    if not include_closed:
        risks = risks.filter(status=RiskStatus.OPEN)
    return risks.prefetch_related("actions")  # type: ignore[no-any-return]


def risk_rows(council: Council, risks: Iterable[Risk]) -> list[RiskRow]:
    matrix = risk_matrix_for(council)
    threshold = escalation_score_for(council)
    today = timezone.localdate()
    return [
        RiskRow(
            risk=risk,
            current=matrix.assess(risk.likelihood, risk.impact),
            target=matrix.assess(risk.target_likelihood, risk.target_impact),
            review_overdue=risk.status == RiskStatus.OPEN and risk.review_date < today,
            may_escalate=risk.register != RiskLevel.CORPORATE
            and risk.status == RiskStatus.OPEN
            and risk.score >= threshold,
        )
        for risk in risks
    ]


def heat_map_for(council: Council, risks: Iterable[Risk]) -> list[list[HeatMapCell]]:
    """Counts of the risks per likelihood x impact cell, highest impact first."""
    return risk_matrix_for(council).heat_map_rows((r.likelihood, r.impact) for r in risks)


@dataclass(frozen=True)
class TrendPoint:
    when: datetime
    score: int
    change: str  # "First scored", "Up from 8" or "Down from 12"


def risk_trend(risk: Risk) -> list[TrendPoint]:
    """The risk's score each time it changed, oldest first (from its history)."""
    trend: list[TrendPoint] = []
    history = risk.history.order_by("history_date").values_list("history_date", "score")
    for when, score in history:
        if not trend:
            trend.append(TrendPoint(when, score, "First scored"))
        elif trend[-1].score != score:
            before = trend[-1].score
            direction = "Up" if score > before else "Down"
            trend.append(TrendPoint(when, score, f"{direction} from {before}"))
    return trend


# Requirements and traceability ---------------------------------------------------------


@dataclass(frozen=True)
class TraceRow:
    requirement: Requirement
    objectives: list[TraceLink]
    deliverables: list[TraceLink]
    acceptance_tests: list[TraceLink]
    gaps: list[str]


def traceability_for(project: Project) -> list[TraceRow]:
    """Each requirement with what it traces to and its gaps: every requirement needs an
    objective and a deliverable; a must-have also needs an acceptance test. Won't-haves
    (this time) need nothing."""
    rows = []
    for requirement in project.requirements.prefetch_related("links"):
        links = list(requirement.links.all())
        by_kind = {kind: [link for link in links if link.kind == kind] for kind in TraceKind}
        gaps = []
        if requirement.priority != MoSCoW.WONT:
            if not by_kind[TraceKind.OBJECTIVE]:
                gaps.append("No objective")
            if not by_kind[TraceKind.DELIVERABLE]:
                gaps.append("No deliverable")
            if requirement.priority == MoSCoW.MUST and not by_kind[TraceKind.ACCEPTANCE_TEST]:
                gaps.append("Must have with no acceptance test")
        rows.append(
            TraceRow(
                requirement,
                by_kind[TraceKind.OBJECTIVE],
                by_kind[TraceKind.DELIVERABLE],
                by_kind[TraceKind.ACCEPTANCE_TEST],
                gaps,
            )
        )
    return rows


# Options -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionRow:
    option: Option
    scores: list[int | None]  # one per criterion, in the comparison's order
    weighted_total: int
    recommended: bool


@dataclass(frozen=True)
class OptionsComparison:
    criteria: list[OptionCriterion]
    rows: list[OptionRow]

    @property
    def recommended(self) -> Option | None:
        return next((row.option for row in self.rows if row.recommended), None)


def options_comparison(project: Project) -> OptionsComparison:
    """Each option's weighted total (sum of weight x score). The recommended option is the
    highest-scoring one that beats the do-nothing baseline; ties go to the earlier option."""
    criteria = list(project.option_criteria.all())
    options = list(project.options.select_related("carried_by").prefetch_related("scores"))
    totals = []
    for option in options:
        by_criterion = {s.criterion_id: s.score for s in option.scores.all()}
        scores = [by_criterion.get(c.pk) for c in criteria]
        total = sum((s or 0) * c.weight for s, c in zip(scores, criteria, strict=True))
        totals.append((option, scores, total))
    baseline = next((total for option, _, total in totals if option.is_baseline), 0)
    best = max(
        (t for t in totals if not t[0].is_baseline and t[2] > baseline),
        key=lambda t: t[2],
        default=None,
    )
    return OptionsComparison(
        criteria,
        [
            OptionRow(option, scores, total, best is not None and option is best[0])
            for option, scores, total in totals
        ],
    )


# Budgets -------------------------------------------------------------------------------


def monthly_actual_costs(project: Project) -> dict[date, Decimal]:
    """The project's actual spend (£) per month, summed over its capital and revenue lines.

    Keys are the first of each month, in order; a month with no actual recorded on any line
    is left out (not yet known, rather than nothing spent). Earned value uses this as AC.
    """
    rows = (
        BudgetMonth.objects.filter(line__project=project, actual__isnull=False)
        .order_by("month")
        .values("month")
        .annotate(total=Sum("actual"))
        .values_list("month", "total")
    )
    return dict(rows)


@dataclass(frozen=True)
class BudgetSummary:
    lines: list[BudgetLine]
    months: list[date]
    approved: Decimal
    forecast: Decimal
    actual: Decimal

    @property
    def variance(self) -> Decimal:
        """Approved budget minus forecast outturn: negative is a forecast overspend."""
        return self.approved - self.forecast


def budget_for(project: Project) -> BudgetSummary:
    lines = list(project.budget_lines.prefetch_related("months"))
    months = sorted({m.month for line in lines for m in line.months.all()})
    return BudgetSummary(
        lines,
        months,
        approved=sum((line.approved for line in lines), Decimal("0")),
        forecast=sum((m.forecast for line in lines for m in line.months.all()), Decimal("0")),
        actual=sum(
            (m.actual for line in lines for m in line.months.all() if m.actual is not None),
            Decimal("0"),
        ),
    )
