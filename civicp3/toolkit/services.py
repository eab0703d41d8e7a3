"""Every change to the PMO toolkit's records goes through here, inside a transaction.

django-simple-history records who changed what: `actor` is set as the history user. A change
the toolkit cannot make raises `ToolkitError`, whose message the page shows in the error
summary (beside `field` where there is one).
"""

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from civicp3.engine.risk import RiskMatrix
from civicp3.lib.errors import DomainError
from civicp3.organisation.models import Council, CouncilOwned
from civicp3.organisation.services import lock_council, next_number
from civicp3.organisation.versions import overtaken
from civicp3.portfolio.models import Decision as GateDecision
from civicp3.portfolio.models import Project
from civicp3.portfolio.services import ProjectError, business_case_carry_option
from civicp3.toolkit.models import (
    DEFAULT_CHECKLIST,
    BudgetLine,
    BudgetMonth,
    ChecklistItem,
    ChecklistTick,
    Decision,
    Option,
    OptionCriterion,
    OptionScore,
    RaidItem,
    Requirement,
    Risk,
    RiskAction,
    RiskLevel,
    RiskMatrixSettings,
    RiskStatus,
    Stakeholder,
    TraceLink,
)
from civicp3.toolkit.selectors import options_comparison

R = TypeVar("R", bound=CouncilOwned)


class ToolkitError(DomainError):
    """A change the toolkit cannot make; the message is shown to the person."""


def _save(record: R, actor: AbstractBaseUser | None) -> R:
    """Check the record in full and write it with `actor` as its history user."""
    record._history_user = actor  # type: ignore[attr-defined]
    try:
        record.full_clean()
        record.save()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise ToolkitError(messages[0], field=None if field == "__all__" else field) from error
    except IntegrityError as error:  # a race the full_clean check could not see
        raise ToolkitError("This record clashes with one that already exists") from error
    return record


def _apply(record: R, fields: Mapping[str, Any]) -> R:
    for name, value in fields.items():
        setattr(record, name, value)
    return record


def _same_council(project: Project, *records: CouncilOwned | None) -> None:
    for record in records:
        if record is not None and record.council_id != project.council_id:
            raise ToolkitError(f"{record} belongs to another council")


# Budgets -------------------------------------------------------------------------------


@transaction.atomic
def budget_line_save(
    *,
    project: Project,
    fields: Mapping[str, Any],
    actor: AbstractBaseUser | None,
    line: BudgetLine | None = None,
) -> BudgetLine:
    """Add a capital or revenue line to a project's budget, or change one (`kind`, `name`,
    `approved` in pounds)."""
    if line is None:
        line = BudgetLine(council_id=project.council_id, project=project)
    elif line.project_id != project.pk:
        raise ToolkitError("That budget line belongs to another project")
    return _save(_apply(line, fields), actor)


@transaction.atomic
def budget_month_record(
    *,
    line: BudgetLine,
    month: date,
    forecast: Decimal,
    actual: Decimal | None,
    actor: AbstractBaseUser | None,
) -> BudgetMonth:
    """Record a line's forecast and actual spend (£) for the month holding `month`; an actual
    of None means the month's spend is not known yet."""
    first = month.replace(day=1)
    record = BudgetMonth.objects.filter(line=line, month=first).first()
    if record is None:
        record = BudgetMonth(council_id=line.council_id, line=line, month=first)
    record.forecast, record.actual = forecast, actual
    return _save(record, actor)


# Risk matrix ---------------------------------------------------------------------------


def risk_matrix_settings(council: Council) -> RiskMatrixSettings:
    """The council's matrix settings, made with the council (`risk_matrix_settings_create`)."""
    return RiskMatrixSettings.objects.get(council=council)


def risk_matrix_settings_create(council: Council) -> None:
    """Give a new council the risk matrix with the seed's labels and bands."""
    RiskMatrixSettings.objects.get_or_create(council=council)


@transaction.atomic
def risk_matrix_update(
    *, council: Council, fields: Mapping[str, Any], actor: AbstractBaseUser | None
) -> RiskMatrixSettings:
    """Change the council's labels, level bands or escalation score. The bands must cover
    every score the matrix can produce, without overlapping."""
    settings = _apply(risk_matrix_settings(council), fields)
    try:
        RiskMatrix.from_dict(
            {
                "likelihood_labels": settings.likelihood_labels,
                "impact_labels": settings.impact_labels,
                "bands": settings.bands,
            }
        )
    except (ValueError, KeyError, TypeError) as error:
        raise ToolkitError(
            f"The level bands do not fit the matrix: {error}", field="bands"
        ) from error
    return _save(settings, actor)


# Risks ---------------------------------------------------------------------------------

RISK_FIELDS = [
    "title",
    "cause",
    "event",
    "effect",
    "owner",
    "likelihood",
    "impact",
    "target_likelihood",
    "target_impact",
    "review_date",
    "status",
    "service_area",
]
# Which register a risk may be escalated from: only to the corporate register.
ESCALATES_TO = {RiskLevel.PROJECT: RiskLevel.CORPORATE, RiskLevel.SERVICE: RiskLevel.CORPORATE}


@transaction.atomic
def risk_save(
    *,
    council: Council,
    fields: Mapping[str, Any],
    actor: AbstractBaseUser | None,
    register: str = RiskLevel.PROJECT,
    project: Project | None = None,
    risk: Risk | None = None,
    seen: int | None = None,
) -> Risk:
    """Add a risk to a register (a project risk needs its project) or change one. The score
    is likelihood x impact on the council's matrix. `seen` is the version of the risk the
    change was made on: if someone has changed it since, the change is refused, naming them."""
    unknown = set(fields) - set(RISK_FIELDS)
    if unknown:
        raise ValueError(f"risk_save does not set {sorted(unknown)}")
    if risk is None:
        if (register == RiskLevel.PROJECT) != (project is not None):
            raise ToolkitError("A project risk belongs to a project; other risks to none")
        if project is not None and project.council_id != council.pk:
            raise ToolkitError(f"{project} belongs to another council")
        lock_council(council)
        risk = Risk(
            council=council,
            number=next_number(Risk, council),
            register=register,
            project=project,
        )
    else:
        risk = Risk.objects.select_for_update().get(pk=risk.pk)
        if message := overtaken(risk, seen, "risk"):
            raise ToolkitError(message)
    area = fields.get("service_area")
    if area is not None and area.council_id != council.pk:
        raise ToolkitError("That service area belongs to another council", field="service_area")
    _apply(risk, fields)
    risk.score = (risk.likelihood or 0) * (risk.impact or 0)
    return _save(risk, actor)


@transaction.atomic
def risk_escalate(*, risk: Risk, actor: AbstractBaseUser) -> Risk:
    """Move a project or service risk to the corporate risk register, recording who did it
    and when. Only an open risk scoring at least the council's escalation score may go."""
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    threshold = risk_matrix_settings(risk.council).escalation_score
    if risk.register not in ESCALATES_TO:
        raise ToolkitError(f"{risk.reference} is already on the corporate risk register")
    if risk.status != RiskStatus.OPEN:
        raise ToolkitError(f"{risk.reference} is closed: reopen it before escalating it")
    if risk.score < threshold:
        raise ToolkitError(
            f"{risk.reference} scores {risk.score}: only risks scoring {threshold} or more "
            "go to the corporate risk register"
        )
    risk.escalated_from = risk.register
    risk.register = ESCALATES_TO[RiskLevel(risk.register)]
    risk.escalated_by = actor  # type: ignore[assignment]
    risk.escalated_at = timezone.now()
    return _save(risk, actor)


@transaction.atomic
def risk_action_save(
    *,
    risk: Risk,
    fields: Mapping[str, Any],
    actor: AbstractBaseUser | None,
    action: RiskAction | None = None,
) -> RiskAction:
    """Add a mitigating action (with its owner and due date) to a risk, or change one."""
    if action is None:
        action = RiskAction(council_id=risk.council_id, risk=risk)
    elif action.risk_id != risk.pk:
        raise ToolkitError("That action belongs to another risk")
    return _save(_apply(action, fields), actor)


# RAID, decisions, requirements ---------------------------------------------------------


@transaction.atomic
def raid_item_save(
    *,
    project: Project,
    fields: Mapping[str, Any],
    actor: AbstractBaseUser | None,
    item: RaidItem | None = None,
) -> RaidItem:
    """Add an assumption, issue or dependency to a project's RAID log, or change one."""
    item = item or RaidItem(council_id=project.council_id, project=project)
    return _save(_apply(item, fields), actor)


@transaction.atomic
def decision_record(
    *,
    council: Council,
    fields: Mapping[str, Any],
    actor: AbstractBaseUser | None,
    project: Project | None = None,
    risks: Sequence[Risk] = (),
) -> Decision:
    """Record a decision in a project's or a board's decisions log (`board` in `fields`),
    linked to risks of the same council."""
    if project is None and fields.get("board") is None:
        raise ToolkitError("Select the board that made the decision", field="board")
    if project is not None and project.council_id != council.pk:
        raise ToolkitError(f"{project} belongs to another council")
    board = fields.get("board")
    if board is not None and board.council_id != council.pk:
        raise ToolkitError("That board belongs to another council", field="board")
    if any(risk.council_id != council.pk for risk in risks):
        raise ToolkitError("A linked risk belongs to another council", field="risks")
    lock_council(council)
    decision = Decision(council=council, number=next_number(Decision, council), project=project)
    decision = _save(_apply(decision, fields), actor)
    decision.risks.set(risks)
    return decision


def log_board_decision(
    *, decision: GateDecision, actor: AbstractBaseUser | None, **_signal: Any
) -> Decision:
    """Write a board's gate decision (approve, start, defer…) into the decisions log."""
    project = decision.project
    board = decision.board
    return decision_record(
        council=project.council,
        project=project,
        actor=actor,
        fields={
            "board": board,
            "decision": f"{decision.get_decision_display()}: {project}"
            + (f". {decision.notes}" if decision.notes else ""),
            "made_by": board.name if board else "The board",
            "decided_on": decision.meeting_date,
            "other_links": f"Gate decision on {project.reference}",
        },
    )


@transaction.atomic
def requirement_save(
    *,
    project: Project,
    fields: Mapping[str, Any],
    actor: AbstractBaseUser | None,
    requirement: Requirement | None = None,
) -> Requirement:
    """Add a requirement (with its MoSCoW priority) to a project, or change one."""
    if requirement is None:
        lock_council(project.council)
        last = project.requirements.order_by("-number").values_list("number", flat=True).first()
        requirement = Requirement(
            council_id=project.council_id, project=project, number=(last or 0) + 1
        )
    return _save(_apply(requirement, fields), actor)


@transaction.atomic
def trace_link_add(
    *, requirement: Requirement, kind: str, name: str, actor: AbstractBaseUser | None
) -> TraceLink:
    """Trace a requirement to an objective, a deliverable or an acceptance test."""
    link = TraceLink(council_id=requirement.council_id, requirement=requirement)
    return _save(_apply(link, {"kind": kind, "name": name}), actor)


# Options -------------------------------------------------------------------------------

BASELINE_NAME = "Do nothing"


def _ensure_baseline(project: Project, actor: AbstractBaseUser | None) -> None:
    if not project.options.filter(is_baseline=True).exists():
        baseline = Option(
            council_id=project.council_id,
            project=project,
            name=BASELINE_NAME,
            description="Carry on as now: the baseline every option is compared with.",
            is_baseline=True,
        )
        _save(baseline, actor)


@transaction.atomic
def criterion_save(
    *, project: Project, fields: Mapping[str, Any], actor: AbstractBaseUser | None
) -> OptionCriterion:
    """Add a weighted criterion to a project's options comparison."""
    _ensure_baseline(project, actor)
    criterion = OptionCriterion(council_id=project.council_id, project=project)
    return _save(_apply(criterion, fields), actor)


@transaction.atomic
def option_save(
    *, project: Project, fields: Mapping[str, Any], actor: AbstractBaseUser | None
) -> Option:
    """Add an option to a project's comparison (the do-nothing baseline is added first)."""
    _ensure_baseline(project, actor)
    option = Option(council_id=project.council_id, project=project)
    return _save(_apply(option, fields), actor)


@transaction.atomic
def option_scores_record(
    *, option: Option, scores: Mapping[OptionCriterion, int], actor: AbstractBaseUser | None
) -> None:
    """Record an option's score (0 to 10) against each criterion."""
    for criterion, value in scores.items():
        if criterion.project_id != option.project_id:
            raise ToolkitError(f"{criterion} is a criterion of another project")
        record = OptionScore.objects.filter(option=option, criterion=criterion).first()
        record = record or OptionScore(
            council_id=option.council_id, option=option, criterion=criterion
        )
        record.score = value
        _save(record, actor)


@transaction.atomic
def option_carry_into_business_case(*, option: Option, actor: AbstractBaseUser) -> Option:
    """Carry an option into the business case's economic section, recording who and when.

    The do-nothing baseline is the comparison, not a proposal, so it cannot be carried.
    """
    option = Option.objects.select_for_update().select_related("project").get(pk=option.pk)
    if option.is_baseline:
        raise ToolkitError("The do-nothing baseline cannot be carried into the business case")
    rows = {row.option.pk: row for row in options_comparison(option.project).rows}
    baseline = next((row for row in rows.values() if row.option.is_baseline), None)
    summary = f"{option.name}" + (f": {option.description}" if option.description else "")
    summary += f". Weighted score {rows[option.pk].weighted_total}"
    if baseline is not None:
        summary += f" against {baseline.weighted_total} for doing nothing"
    summary += " (options comparison)."
    try:
        business_case_carry_option(project=option.project, summary=summary, actor=actor)
    except ProjectError as error:
        raise ToolkitError(str(error)) from error
    option.carried_by = actor  # type: ignore[assignment]
    option.carried_at = timezone.now()
    return _save(option, actor)


# Stakeholders --------------------------------------------------------------------------


@transaction.atomic
def stakeholder_save(
    *,
    project: Project,
    fields: Mapping[str, Any],
    actor: AbstractBaseUser | None,
    stakeholder: Stakeholder | None = None,
) -> Stakeholder:
    """Add a stakeholder (power, interest and engagement plan) to a project, or change one."""
    stakeholder = stakeholder or Stakeholder(council_id=project.council_id, project=project)
    return _save(_apply(stakeholder, fields), actor)


def checklist_items_create(council: Council) -> None:
    """Give a new council the starting stakeholder checklist; never overwrite edits."""
    if not ChecklistItem.objects.filter(council=council).exists():
        ChecklistItem.objects.bulk_create(
            ChecklistItem(council=council, text=text, order=order)
            for order, text in enumerate(DEFAULT_CHECKLIST, start=1)
        )


@transaction.atomic
def checklist_set(
    *, project: Project, done: Sequence[ChecklistItem], actor: AbstractBaseUser
) -> None:
    """Mark exactly `done` of the council's checklist items as done on the project."""
    if any(item.council_id != project.council_id for item in done):
        raise ToolkitError("A checklist item belongs to another council")
    ChecklistTick.objects.filter(project=project).exclude(item__in=done).delete()
    for item in done:
        ChecklistTick.objects.get_or_create(
            council_id=project.council_id, project=project, item=item,
            defaults={"done_by": actor},
        )  # fmt: skip
