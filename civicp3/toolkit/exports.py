"""The toolkit's tables as rows for `civicp3.lib.tabular.table_response`."""

from collections.abc import Iterable, Iterator, Sequence

from civicp3.lib.tabular import Cell
from civicp3.portfolio.models import Project
from civicp3.toolkit.models import Decision, RaidItem, Stakeholder
from civicp3.toolkit.selectors import (
    BudgetSummary,
    OptionsComparison,
    RiskRow,
    TraceRow,
    options_comparison,
)

Row = Sequence[Cell]

RISK_HEADERS = [
    "Reference", "Register", "Project", "Service area", "Risk", "Cause", "Event", "Effect",
    "Owner", "Likelihood", "Impact", "Score", "Level", "Target score", "Target level",
    "Mitigating actions", "Review date", "Review overdue", "Status", "Escalated by",
    "Escalated on",
]  # fmt: skip


def risk_rows(rows: Iterable[RiskRow]) -> Iterator[Row]:
    for row in rows:
        risk = row.risk
        yield [
            risk.reference,
            risk.get_register_display(),
            risk.project.reference if risk.project else "",
            risk.service_area.name if risk.service_area else "",
            risk.title,
            risk.cause,
            risk.event,
            risk.effect,
            risk.owner,
            f"{risk.likelihood} {row.current.likelihood_label}",
            f"{risk.impact} {row.current.impact_label}",
            risk.score,
            row.current.level,
            row.target.score,
            row.target.level,
            "; ".join(
                f"{a.action} ({a.owner or 'no owner'}, {a.due or 'no date'}"
                f"{', done' if a.done else ''})"
                for a in risk.actions.all()
            ),
            risk.review_date,
            "Yes" if row.review_overdue else "No",
            risk.get_status_display(),
            (risk.escalated_by.get_full_name() or risk.escalated_by.username)
            if risk.escalated_by
            else "",
            risk.escalated_at.date() if risk.escalated_at else None,
        ]


RAID_HEADERS = ["Type", "Description", "Owner", "Review or due date", "Status"]


def raid_rows(items: Iterable[RaidItem]) -> Iterator[Row]:
    for item in items:
        yield [
            item.get_kind_display(),
            item.description,
            item.owner,
            item.due,
            item.get_status_display(),
        ]


DECISION_HEADERS = [
    "Reference", "Date", "Decision", "Options considered", "Made by", "Board", "Project",
    "Linked risks", "Other linked records",
]  # fmt: skip


def decision_rows(decisions: Iterable[Decision]) -> Iterator[Row]:
    for d in decisions:
        yield [
            d.reference,
            d.decided_on,
            d.decision,
            d.options_considered,
            d.made_by,
            d.board.name if d.board else "",
            d.project.reference if d.project else "",
            ", ".join(r.reference for r in d.risks.all()),
            d.other_links,
        ]


TRACE_HEADERS = [
    "Reference", "Requirement", "MoSCoW", "Objectives", "Deliverables", "Acceptance tests",
    "Gaps",
]  # fmt: skip


def trace_rows(rows: Iterable[TraceRow]) -> Iterator[Row]:
    for row in rows:
        yield [
            row.requirement.reference,
            row.requirement.description,
            row.requirement.get_priority_display(),
            "; ".join(link.name for link in row.objectives),
            "; ".join(link.name for link in row.deliverables),
            "; ".join(link.name for link in row.acceptance_tests),
            "; ".join(row.gaps),
        ]


def options_table(project: Project) -> tuple[list[str], Iterator[Row]]:
    comparison = options_comparison(project)
    return option_headers(comparison), option_rows(comparison)


def option_headers(comparison: OptionsComparison) -> list[str]:
    return [
        "Option",
        *(f"{c.name} (weight {c.weight})" for c in comparison.criteria),
        "Weighted total",
        "Recommended",
        "Carried into the business case",
    ]


def option_rows(comparison: OptionsComparison) -> Iterator[Row]:
    for row in comparison.rows:
        yield [
            f"{row.option.name} (baseline)" if row.option.is_baseline else row.option.name,
            *row.scores,
            row.weighted_total,
            "Yes" if row.recommended else "No",
            row.option.carried_at.date() if row.option.carried_at else None,
        ]


STAKEHOLDER_HEADERS = ["Name", "Role or organisation", "Power", "Interest", "Approach",
                       "Engagement plan"]  # fmt: skip


def stakeholder_rows(stakeholders: Iterable[Stakeholder]) -> Iterator[Row]:
    for s in stakeholders:
        yield [
            s.name,
            s.role,
            s.get_power_display(),
            s.get_interest_display(),
            s.approach,
            s.engagement,
        ]


BUDGET_HEADERS = ["Type", "Budget line", "Approved budget (£)", "Month", "Forecast (£)",
                  "Actual (£)", "Variance (£)"]  # fmt: skip


def budget_rows(budget: BudgetSummary) -> Iterator[Row]:
    for line in budget.lines:
        months = list(line.months.all())
        if not months:
            yield [line.get_kind_display(), line.name, line.approved, None, None, None, None]
        for m in months:
            yield [
                line.get_kind_display(),
                line.name,
                line.approved,
                m.month,
                m.forecast,
                m.actual,
                m.variance,
            ]
