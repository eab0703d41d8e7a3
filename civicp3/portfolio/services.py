"""Every change to the P3 register goes through here, inside a transaction, with history."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from civicp3.engine.portfolio import TierBand as EngineTier
from civicp3.engine.portfolio import assign_tier, audit_sample, weighted_score
from civicp3.lib.errors import Conflict, DomainError
from civicp3.organisation.models import Board, Council, ServiceArea
from civicp3.organisation.roles import can
from civicp3.organisation.selectors import roles_in
from civicp3.organisation.services import lock_council, next_number
from civicp3.organisation.versions import overtaken
from civicp3.portfolio.lifecycle import (
    BOARD_DECISIONS,
    DECIDING_BOARD,
    GATES,
    MOVES,
    STEPS,
    Move,
    Stage,
    missing,
    refusal,
)
from civicp3.portfolio.models import (
    AuditSampleRecord,
    BenefitHandover,
    BusinessCase,
    ChangeRequest,
    Closure,
    Decision,
    HealthCheck,
    HighlightReport,
    KeyCriterion,
    KeyCriterionCheck,
    Kind,
    Lesson,
    PortfolioSettings,
    PreProjectAppraisal,
    PriorityCriterion,
    PriorityScore,
    Project,
    ProjectBrief,
    ResourceDemand,
    TierBand,
)
from civicp3.portfolio.selectors import closure_loose_ends, portfolio_settings
from civicp3.portfolio.signals import board_decided


class ProjectError(DomainError):
    """A change the register cannot make; the message is shown to the person."""


@transaction.atomic
def project_create(
    *,
    council: Council,
    title: str,
    kind: str = Kind.PROJECT,
    parent: Project | None = None,
    summary: str = "",
    committed_finish: date | None = None,
    manager: AbstractBaseUser | None = None,
    sponsor: AbstractBaseUser | None = None,
    actor: AbstractBaseUser | None = None,
) -> Project:
    """Put a new piece of work on the register with the council's next PRJ reference."""
    if actor is not None and not can(roles_in(council, actor), "projects.create"):
        raise ProjectError("Your role reads the register: it cannot add work to it")
    if parent is not None and parent.council_id != council.pk:
        raise ProjectError(f"{parent} is not part of {council}")
    lock_council(council)
    project = Project(
        council=council,
        number=next_number(Project, council),
        title=title,
        kind=kind,
        parent=parent,
        summary=summary,
        committed_finish=committed_finish,
        manager=manager,
        sponsor=sponsor,
        initiator=actor,
    )
    project._history_user = actor  # type: ignore[attr-defined]
    try:
        project.full_clean()
    except ValidationError as error:
        raise ProjectError("; ".join(error.messages)) from error
    project.save()
    return project


# --- The gated lifecycle -------------------------------------------------------------------


class GateRefused(ProjectError, Conflict):
    """The move skips a gate, or the gate's record is not complete."""


class DecisionConflict(ProjectError):
    """Somebody else moved the project while this decision was being made."""


def _locked(project: Project) -> Project:
    return Project.objects.select_for_update().get(pk=project.pk)


def _save(record: models.Model, actor: AbstractBaseUser | None, reason: str = "") -> None:
    record._history_user = actor  # type: ignore[attr-defined]
    record._change_reason = reason  # type: ignore[attr-defined]
    try:
        record.full_clean()
    except ValidationError as error:
        raise ProjectError("; ".join(error.messages)) from error
    record.save()


def _check_move(project: Project, code: str, *, discretion: bool = False) -> Move:
    """Refuse a move the table does not allow from the project's stage, or whose gates are
    not met. With `discretion`, the board sets aside the gates its row allows it to."""
    move = MOVES[code]
    if Stage(project.stage) not in move.sources:
        raise GateRefused(f"{project.reference}: {refusal(project.stage, code)}")
    unmet = project_unmet(project, code)
    if discretion:
        unmet = [gate for gate in unmet if gate not in move.discretion]
    if unmet:
        raise GateRefused(missing(project.reference, code, unmet))
    return move


def project_unmet(project: Project, code: str) -> list[str]:
    """The gates of move `code` (lifecycle.GATES) that the project does not meet yet."""
    return [gate for gate in MOVES[code].gates if not _GATE_CHECKS[gate](project)]


def _closure_ticked(project: Project) -> bool:
    closure = Closure.objects.filter(project=project).first()
    return closure is not None and all(ticked for _, ticked in closure.checklist())


_GATE_CHECKS: dict[str, Callable[[Project], bool]] = {
    "scored": lambda project: project.score is not None,
    "closure": lambda project: Closure.objects.filter(project=project).exists(),
    "closure_checklist": _closure_ticked,
}


def _step_open(project: Project, code: str) -> None:
    """Refuse a page (lifecycle.STEPS) that is not open at the project's stage."""
    step = STEPS[code]
    if project.stage not in step.stages:
        where = [f"“{stage.label}”" for stage in Stage if stage in step.stages]
        listed = where[0] if len(where) == 1 else ", ".join(where[:-1]) + " or " + where[-1]
        plural = "s" if len(where) > 1 else ""
        raise GateRefused(
            f"{project.reference}: “{step.label}” is open at the {listed} stage{plural}; "
            f"it is at the “{Stage(project.stage).label}” stage"
        )


def _move(project: Project, code: str, actor: AbstractBaseUser | None, reason: str = "") -> None:
    move = _check_move(project, code)
    project.stage = move.to
    _save(project, actor, reason or move.label)


def _sync(target: Project, source: Project) -> None:
    for name in (
        "stage",
        "kind",
        "parent_id",
        "classification_rationale",
        "score",
        "tier",
        "threshold_notes",
    ):
        setattr(target, name, getattr(source, name))


@transaction.atomic
def project_classify(
    *,
    project: Project,
    kind: str,
    rationale: str,
    parent: Project | None = None,
    actor: AbstractBaseUser | None,
) -> None:
    """PMO classifies concept-stage work as a project, programme or portfolio, with why."""
    current = _locked(project)
    _check_move(current, "classify")
    if not rationale.strip():
        raise ProjectError("Enter why it is a project, a programme or a portfolio")
    if parent is not None:
        if parent.council_id != current.council_id or parent.pk == current.pk:
            raise ProjectError("Choose a programme or portfolio of this council")
        if kind == Kind.PORTFOLIO or parent.kind == Kind.PROJECT:
            raise ProjectError(
                "A portfolio cannot be part of anything, and nothing can be part of a project"
            )
    current.kind = kind
    current.parent = parent
    current.classification_rationale = rationale.strip()
    _move(current, "classify", actor, f"Classified as a {Kind(kind).label.lower()}")
    _sync(project, current)


@transaction.atomic
def brief_save(
    *, project: Project, actor: AbstractBaseUser | None, seen: int | None = None, **fields: str
) -> ProjectBrief:
    """Write the project brief. `seen` is the version of the brief the text was written on: if
    someone has saved it since, this save is refused, naming them and what they changed."""
    project = _locked(project)
    if message := overtaken(ProjectBrief.objects.filter(project=project).first(), seen, "brief"):
        raise ProjectError(message)
    if project.stage not in (Stage.BRIEF, Stage.BUSINESS_CASE):
        raise GateRefused(
            f"{project.reference}'s project brief can be written once PMO has classified it, "
            "and changed until the business case goes to pre-project appraisal"
        )
    brief, _ = ProjectBrief.objects.get_or_create(project=project, council=project.council)
    for name in ProjectBrief.FIELDS:
        setattr(brief, name, fields.get(name, "").strip())
    _save(brief, actor, "Project brief saved")
    return brief


@transaction.atomic
def brief_submit(*, project: Project, actor: AbstractBaseUser | None) -> None:
    current = _locked(project)
    _check_move(current, "submit_brief")
    brief = ProjectBrief.objects.filter(project=current).first()
    missing = brief.missing() if brief else list(ProjectBrief.FIELDS)
    if missing:
        raise GateRefused(
            "Complete the project brief before submitting it: enter the " + ", ".join(missing)
        )
    _move(current, "submit_brief", actor)
    _sync(project, current)


def _business_case(project: Project) -> BusinessCase:
    case, _ = BusinessCase.objects.get_or_create(project=project, council=project.council)
    return case


@transaction.atomic
def business_case_save_section(
    *, project: Project, section: str, text: str, actor: AbstractBaseUser | None
) -> BusinessCase:
    """Save one of the five cases; only while the business case is being written."""
    titles = {code: title for code, title, _ in BusinessCase.SECTIONS}
    if section not in titles:
        raise ProjectError(f"{section!r} is not a case of the Five Case Model")
    if project.stage != Stage.BUSINESS_CASE:
        raise GateRefused(
            f"{project.reference}'s business case can only be changed at the business case "
            f"stage; it is at the {Stage(project.stage).label.lower()} stage"
        )
    case = _business_case(project)
    setattr(case, section, text.strip())
    _save(case, actor, f"{titles[section]} saved")
    return case


@transaction.atomic
def business_case_carry_option(
    *, project: Project, summary: str, actor: AbstractBaseUser | None
) -> None:
    """Record the options appraisal's recommended option in the economic case (with history)."""
    if project.stage in (Stage.CLOSED, Stage.REJECTED):
        raise ProjectError(f"{project.reference} is {Stage(project.stage).label.lower()}")
    if not summary.strip():
        raise ProjectError("The recommended option has no summary to carry")
    case = _business_case(project)
    case.economic_recommended_option = summary.strip()
    _save(case, actor, "Recommended option carried from the options appraisal")


@transaction.atomic
def business_case_submit(*, project: Project, actor: AbstractBaseUser | None) -> None:
    current = _locked(project)
    _check_move(current, "submit_business_case")
    case = _business_case(current)
    missing = [title for code, title, _ in BusinessCase.SECTIONS if not getattr(case, code).strip()]
    if missing:
        raise GateRefused(
            "Complete every case of the business case before pre-project appraisal: "
            + ", ".join(missing)
            + (" is" if len(missing) == 1 else " are")
            + " not written yet"
        )
    _move(current, "submit_business_case", actor)
    _sync(project, current)


@transaction.atomic
def appraisal_record(
    *,
    project: Project,
    meeting_date: date,
    invited_stakeholders: str,
    challenges: str,
    pmo_recommendation: str,
    actor: AbstractBaseUser | None,
) -> PreProjectAppraisal:
    current = _locked(project)
    _check_move(current, "record_appraisal")
    appraisal = PreProjectAppraisal(
        council=current.council,
        project=current,
        meeting_date=meeting_date,
        invited_stakeholders=invited_stakeholders.strip(),
        challenges=challenges.strip(),
        pmo_recommendation=pmo_recommendation.strip(),
    )
    _save(appraisal, actor)
    _move(current, "record_appraisal", actor)
    _sync(project, current)
    return appraisal


@dataclass(frozen=True)
class ThresholdOutcome:
    met: int
    total: int
    threshold: int
    code: str  # the move made: to_board or return_to_initiator

    @property
    def message(self) -> str:
        if self.code == "return_to_initiator":
            return (
                f"It met {self.met} of {self.total} key criteria, below the threshold of "
                f"{self.threshold}: returned to the initiator with PMO's reasons"
            )
        if self.met == self.total:
            return f"It met all {self.total} key criteria: sent to the CLT governance board"
        return (
            f"It met {self.met} of {self.total} key criteria (threshold {self.threshold}): sent "
            "to the CLT governance board with PMO's recommendations"
        )


@transaction.atomic
def threshold_assess(
    *,
    project: Project,
    met: Iterable[KeyCriterion],
    notes: str,
    actor: AbstractBaseUser | None,
) -> ThresholdOutcome:
    """PMO's key criteria threshold: all met, met with recommendations, or back with reasons."""
    current = _locked(project)
    _check_move(current, "to_board")
    settings = portfolio_settings(current.council)
    criteria = list(KeyCriterion.objects.for_council(current.council))
    met_ids = {criterion.pk for criterion in met}
    unknown = met_ids - {criterion.pk for criterion in criteria}
    if unknown:
        raise ProjectError("Choose key criteria of this council")
    count = len(met_ids)
    threshold = min(settings.key_criteria_threshold, len(criteria))
    if count == len(criteria):
        code = "to_board"
    elif count >= threshold:
        code = "to_board"
        if not notes.strip():
            raise ProjectError(
                "Enter PMO's recommendations: the project passes the threshold but does not "
                "meet every key criterion"
            )
    else:
        code = "return_to_initiator"
        if not notes.strip():
            raise ProjectError(
                "Enter the reasons for the initiator: the project is below the key criteria "
                "threshold"
            )
    for criterion in criteria:
        check, _ = KeyCriterionCheck.objects.get_or_create(
            council=current.council, project=current, criterion=criterion
        )
        check.met = criterion.pk in met_ids
        _save(check, actor)
    current.threshold_notes = notes.strip()
    outcome = ThresholdOutcome(count, len(criteria), threshold, code)
    _move(current, code, actor, outcome.message)
    _sync(project, current)
    return outcome


@transaction.atomic
def project_prioritise(
    *, project: Project, scores: Mapping[int, int], actor: AbstractBaseUser | None
) -> Decimal:
    """Score the project on the prioritisation matrix; the total sets its tier."""
    current = _locked(project)
    _step_open(current, "prioritise")
    criteria = {c.pk: c for c in PriorityCriterion.objects.for_council(current.council)}
    if set(scores) != set(criteria):
        raise ProjectError("Score the project against every criterion of the matrix")
    for pk, value in scores.items():
        if not 0 <= value <= criteria[pk].max_score:
            raise ProjectError(f"Score {criteria[pk].name} from 0 to {criteria[pk].max_score}")
    total = weighted_score(
        {str(pk): value for pk, value in scores.items()},
        {str(pk): c.weight for pk, c in criteria.items()},
    )
    bands = [
        EngineTier(band.name, band.min_score)
        for band in TierBand.objects.for_council(current.council)
    ]
    for pk, value in scores.items():
        row, _ = PriorityScore.objects.get_or_create(
            council=current.council,
            project=current,
            criterion=criteria[pk],
            defaults={"score": value},
        )
        row.score = value
        _save(row, actor)
    current.score = total
    current.tier = assign_tier(total, bands) or "" if bands else ""
    _save(current, actor, f"Scored {total} on the prioritisation matrix")
    _sync(project, current)
    return total


@transaction.atomic
def board_decide(
    *,
    project: Project,
    decision: str,
    board: Board | None,
    meeting_date: date,
    notes: str = "",
    actor: AbstractBaseUser | None,
    stage_seen: str | None = None,
    at_discretion: bool = False,
) -> Decision:
    """A board decision: moves the project and is written to the decisions log.

    Only the CLT governance board decides. `at_discretion` is the board's explicit choice to
    set aside the gates its row allows (to start an unscored project): it needs the board's
    reason in `notes`, and the decisions log says it was at the board's discretion.

    `stage_seen` is the stage the decision maker was looking at: if the project has moved since
    (another board member recorded a decision first), this one is refused, naming the other.
    """
    if decision not in BOARD_DECISIONS:
        raise ProjectError(f"{decision!r} is not a decision the board makes")
    current = _locked(project)
    if stage_seen is not None and current.stage != stage_seen:
        raise DecisionConflict(_overtaken(current))
    if board is None or board.council_id != current.council_id:
        raise ProjectError("Choose one of this council's boards")
    if board.kind != DECIDING_BOARD:
        raise GateRefused(
            f"{board.name} is the {board.get_kind_display()}: the "
            f"{Board.Kind(DECIDING_BOARD).label} makes this decision"
        )
    overridden = []
    if at_discretion:
        overridden = [
            gate for gate in project_unmet(current, decision) if gate in MOVES[decision].discretion
        ]
        if not overridden:
            raise ProjectError(
                f"Nothing about {MOVES[decision].label.lower()} is left to the board's "
                "discretion here: record the decision without it"
            )
        if not notes.strip():
            raise ProjectError("Enter the board's reason for deciding at its discretion")
    _check_move(current, decision, discretion=at_discretion)
    if decision in ("defer", "reject", "pause") and not notes.strip():
        raise ProjectError(f"Enter the board's reasons to {MOVES[decision].label.lower()}")
    notes = notes.strip()
    if overridden:
        notes = (
            "At the board's discretion, without the gate to "
            + "; ".join(GATES[gate] for gate in overridden)
            + f": {notes}"
        )
    record = Decision(
        council=current.council,
        project=current,
        board=board,
        meeting_date=meeting_date,
        decision=decision,
        notes=notes,
        recorded_by=actor,
    )
    _save(record, actor)
    current.stage = MOVES[decision].to
    _save(current, actor, f"{MOVES[decision].label}: {notes}".strip(": "))
    _sync(project, current)
    board_decided.send(sender=Decision, decision=record, actor=actor)
    return record


def _overtaken(project: Project) -> str:
    latest = (
        Decision.objects.filter(project=project, decision__in=BOARD_DECISIONS)
        .select_related("recorded_by")
        .order_by("-pk")
        .first()
    )
    now = f"{project.reference} is now {project.get_stage_display().lower()}"
    if latest is None:
        return f"{now}: it moved while you were deciding. Check it before recording a decision"
    person = latest.recorded_by
    who = (person.get_full_name() or person.get_username()) if person else "Someone"
    when = timezone.localtime(latest.recorded).strftime("%H:%M on %d %B %Y")
    return (
        f"{who} recorded a decision on {project.reference} while you were deciding "
        f"({MOVES[latest.decision].label.lower()}, at {when}). {now}: check it before "
        "recording a decision"
    )


# --- Regular updates, change requests and closure ---------------------------------------


@transaction.atomic
def highlight_submit(
    *, project: Project, period: date, actor: AbstractBaseUser | None, **fields: str
) -> HighlightReport:
    if project.stage != Stage.ACTIVE:
        raise GateRefused(
            f"Highlight reports are for active projects; {project.reference} is at the "
            f"{Stage(project.stage).label.lower()} stage"
        )
    month = period.replace(day=1)
    if HighlightReport.objects.filter(project=project, period=month).exists():
        raise ProjectError(
            f"{project.reference} already has a highlight report for {month:%B %Y}",
        )
    report = HighlightReport(
        council=project.council, project=project, period=month, submitted_by=actor, **fields
    )
    _save(report, actor)
    return report


def change_route(settings: PortfolioSettings, cost: Decimal, days: int) -> str:
    """Who decides a change: within the project manager's tolerance, the sponsor's, or the board."""
    cost, days = abs(cost), abs(days)
    if cost <= settings.manager_cost_tolerance and days <= settings.manager_time_tolerance_days:
        return ChangeRequest.Route.MANAGER
    if cost <= settings.sponsor_cost_tolerance and days <= settings.sponsor_time_tolerance_days:
        return ChangeRequest.Route.SPONSOR
    return ChangeRequest.Route.BOARD


ROUTE_ACTION = {
    ChangeRequest.Route.MANAGER: "projects.edit",
    ChangeRequest.Route.SPONSOR: "projects.sponsor",
    ChangeRequest.Route.BOARD: "projects.decide",
}


@transaction.atomic
def change_request_raise(
    *,
    project: Project,
    title: str,
    scope_impact: str,
    time_impact_days: int,
    cost_impact: Decimal,
    benefit_impact: str,
    actor: AbstractBaseUser | None,
) -> ChangeRequest:
    current = _locked(project)
    if current.stage not in (Stage.ACTIVE, Stage.PAUSED):
        raise GateRefused(f"Change requests are for started projects; {current.reference} is not")
    settings = portfolio_settings(current.council)
    number = (
        ChangeRequest.objects.filter(project=current).aggregate(m=Max("number"))["m"] or 0
    ) + 1
    request = ChangeRequest(
        council=current.council,
        project=current,
        number=number,
        title=title.strip(),
        scope_impact=scope_impact.strip(),
        time_impact_days=time_impact_days,
        cost_impact=cost_impact,
        benefit_impact=benefit_impact.strip(),
        route=change_route(settings, cost_impact, time_impact_days),
        raised_by=actor,
    )
    _save(request, actor, "Raised")
    return request


@transaction.atomic
def change_request_decide(
    *,
    change: ChangeRequest,
    approve: bool,
    notes: str,
    roles: frozenset[str],
    actor: AbstractBaseUser | None,
    on: date | None = None,
    board: Board | None = None,
    meeting_date: date | None = None,
) -> None:
    """Decide a change request by its route. Approved, it changes the plan it names: the
    committed finish date moves by its time impact (working days) and the brief's scope gains
    its scope impact, both with history. A change beyond tolerance is decided by the CLT
    governance board at a meeting (`board`, `meeting_date`) and goes to the decisions log."""
    current = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    if current.status != ChangeRequest.Status.PENDING:
        raise ProjectError(
            f"{current.reference} was already {current.get_status_display().lower()}"
        )
    if not can(roles, ROUTE_ACTION[ChangeRequest.Route(current.route)]):
        raise ProjectError(
            f"{current.reference} is {current.get_route_display().lower()}: "
            "your role cannot decide it"
        )
    if not approve and not notes.strip():
        raise ProjectError("Enter why the change is declined")
    at_board = current.route == ChangeRequest.Route.BOARD
    if at_board:
        if board is None or board.council_id != current.council_id or meeting_date is None:
            raise ProjectError(
                f"{current.reference} is beyond tolerance: choose the board and the date of "
                "the meeting that decided it"
            )
        if board.kind != DECIDING_BOARD:
            raise GateRefused(
                f"{board.name} is the {board.get_kind_display()}: the "
                f"{Board.Kind(DECIDING_BOARD).label} decides changes beyond tolerance"
            )
    current.status = ChangeRequest.Status.APPROVED if approve else ChangeRequest.Status.DECLINED
    current.decision_notes = notes.strip()
    current.decided_by = actor  # type: ignore[assignment]
    current.decided = meeting_date if at_board and meeting_date else on or timezone.localdate()
    _save(current, actor, current.get_status_display())
    change.status, change.decided = current.status, current.decided
    if at_board:
        assert meeting_date is not None
        record = Decision(
            council=current.council,
            project=current.project,
            board=board,
            meeting_date=meeting_date,
            decision="change_approved" if approve else "change_declined",
            notes=f"{current.reference} {current.title}: {notes.strip()}".strip(": "),
            recorded_by=actor,
        )
        _save(record, actor)
        board_decided.send(sender=Decision, decision=record, actor=actor)
    if approve:
        _apply_change(current, actor)


def _apply_change(change: ChangeRequest, actor: AbstractBaseUser | None) -> None:
    project = _locked(change.project)
    why = f"{change.reference} approved: {change.title}"
    if change.time_impact_days and project.committed_finish is not None:
        project.committed_finish = _working_days_later(
            project.committed_finish, change.time_impact_days
        )
        _save(project, actor, why)
    brief = ProjectBrief.objects.filter(project=project).first()
    if change.scope_impact.strip() and brief is not None:
        brief.scope = f"{brief.scope}\n\n{why}: {change.scope_impact.strip()}".strip()
        _save(brief, actor, why)


def _working_days_later(start: date, days: int) -> date:
    """`days` working days (Monday to Friday) after `start`, or before it if negative."""
    step = 1 if days > 0 else -1
    current, left = start, abs(days)
    while left:
        current = date.fromordinal(current.toordinal() + step)
        if current.weekday() < 5:
            left -= 1
    return current


@transaction.atomic
def closure_record(
    *,
    project: Project,
    report: str,
    lessons: str,
    benefit: str,
    bau_owner: str,
    review_date: date,
    checklist: Iterable[str] = (),
    acknowledged: Iterable[str] = (),
    actor: AbstractBaseUser | None,
) -> Closure:
    """Closure report, lessons learned and the benefits handed to a business-as-usual owner.

    Open risks and incomplete tasks are listed, and each kind must be `acknowledged` (a code
    of `selectors.LOOSE_ENDS`) as handed over, or nothing is recorded.
    """
    current = _locked(project)
    if current.stage not in (Stage.ACTIVE, Stage.PAUSED):
        raise GateRefused(f"Only a started project can be closed; {current.reference} is not")
    loose = closure_loose_ends(current)
    unacknowledged = [code for code in loose if code not in set(acknowledged)]
    if unacknowledged:
        listed = "; ".join(
            f"{code.replace('_', ' ')}: " + ", ".join(loose[code]) for code in unacknowledged
        )
        raise ProjectError(
            f"{current.reference} still has {listed}. Confirm each is handed over to the "
            "service before recording the closure"
        )
    lines = [line.strip() for line in lessons.splitlines() if line.strip()]
    if not lines:
        raise ProjectError("Enter at least one lesson learned")
    ticked = set(checklist)
    closure, _ = Closure.objects.get_or_create(
        project=current, council=current.council, defaults={"report": report}
    )
    closure.report = report.strip()
    for code, _label in Closure.CHECKLIST:
        setattr(closure, code, code in ticked)
    _save(closure, actor, "Closure report")
    for line in lines:
        _save(Lesson(council=current.council, project=current, text=line), actor)
    _save(
        BenefitHandover(
            council=current.council,
            project=current,
            benefit=benefit.strip(),
            bau_owner=bau_owner.strip(),
            review_date=review_date,
        ),
        actor,
    )
    return closure


# --- Capacity, assurance ------------------------------------------------------------------


@transaction.atomic
def demand_set(
    *,
    project: Project,
    service_area: ServiceArea,
    month: date,
    hours: Decimal,
    actor: AbstractBaseUser | None,
) -> None:
    """Set the hours a project needs from a service area in a month (0 removes it)."""
    if service_area.council_id != project.council_id:
        raise ProjectError("Choose one of this council's service areas")
    if hours < 0:
        raise ProjectError("Enter hours of 0 or more")
    month = month.replace(day=1)
    existing = ResourceDemand.objects.filter(
        project=project, service_area=service_area, month=month
    ).first()
    if hours == 0:
        if existing:
            existing.delete()
        return
    record = existing or ResourceDemand(
        council=project.council, project=project, service_area=service_area, month=month
    )
    record.hours = hours
    _save(record, actor)


@transaction.atomic
def start_window_set(
    *,
    project: Project,
    earliest_start: date | None,
    latest_start: date | None,
    actor: AbstractBaseUser | None,
) -> None:
    """The months a waiting project may start in, for "what fits" (blank: any month)."""
    earliest = earliest_start.replace(day=1) if earliest_start else None
    latest = latest_start.replace(day=1) if latest_start else None
    if earliest and latest and latest < earliest:
        raise ProjectError("The latest start month must be on or after the earliest")
    current = _locked(project)
    current.earliest_start, current.latest_start = earliest, latest
    _save(current, actor, "Start window set")
    project.earliest_start, project.latest_start = earliest, latest


@transaction.atomic
def health_check_record(
    *, project: Project, actor: AbstractBaseUser | None, **fields: object
) -> HealthCheck:
    if project.stage not in (Stage.ACTIVE, Stage.PAUSED, Stage.WAITING_LIST):
        raise GateRefused("Health checks are for projects on the waiting list or started")
    check = HealthCheck(council=project.council, project=project, checked_by=actor, **fields)
    _save(check, actor)
    return check


@transaction.atomic
def audit_draw(
    *, council: Council, size: int, seed: int | None, actor: AbstractBaseUser | None
) -> AuditSampleRecord:
    """A reproducible random selection of projects for audit, stratified by tier."""
    if size < 1:
        raise ProjectError("Enter how many projects to sample, 1 or more")
    population = {
        project.reference: project.tier or "Not scored"
        for project in Project.objects.for_council(council)
        .filter(kind=Kind.PROJECT)
        .exclude(stage__in=(Stage.CONCEPT, Stage.REJECTED))
    }
    if not population:
        raise ProjectError("There are no projects past concept stage to sample")
    sample = audit_sample(population, size, seed)
    record = AuditSampleRecord(
        council=council,
        size=size,
        seed=str(sample.seed),
        selected=list(sample.selected),
        allocation=sample.allocation,
        drawn_by=actor,
    )
    _save(record, actor)
    return record


# --- The council's PMO configuration ----------------------------------------------------

Row = tuple[int | None, dict[str, object], bool]  # (pk or None for new, values, delete)


@transaction.atomic
def configuration_save(
    *,
    council: Council,
    settings: Mapping[str, object],
    key_criteria: Iterable[Row],
    priority_criteria: Iterable[Row],
    tiers: Iterable[Row],
    actor: AbstractBaseUser | None,
) -> None:
    """Save the key criteria threshold, tolerances, criteria and tiers together, or nothing."""
    record = portfolio_settings(council)
    for name, value in settings.items():
        setattr(record, name, value)
    _save(record, actor, "Settings changed")
    for model, rows in (
        (KeyCriterion, key_criteria),
        (PriorityCriterion, priority_criteria),
        (TierBand, tiers),
    ):
        _save_rows(council, model, rows, actor)
    bands = list(TierBand.objects.for_council(council))
    if not bands:
        raise ProjectError("Keep at least one tier")
    if len({band.min_score for band in bands}) != len(bands):
        raise ProjectError("Two tiers cannot start at the same score")
    if not KeyCriterion.objects.for_council(council).exists():
        raise ProjectError("Keep at least one key criterion")
    if not PriorityCriterion.objects.for_council(council).exists():
        raise ProjectError("Keep at least one prioritisation criterion")


def _save_rows(
    council: Council, model: type[models.Model], rows: Iterable[Row], actor: AbstractBaseUser | None
) -> None:
    for pk, values, delete in rows:
        record = (
            model.objects.for_council(council).filter(pk=pk).first()  # type: ignore[attr-defined]
            if pk
            else model(council=council)
        )
        if record is None:
            raise ProjectError(f"A {model._meta.verbose_name} you changed is not {council}'s")
        if delete:
            if pk:
                try:
                    record.delete()
                except models.ProtectedError:
                    raise ProjectError(
                        f"“{record}” has been used to assess projects: change it instead of "
                        "removing it"
                    ) from None
            continue
        for name, value in values.items():
            setattr(record, name, value)
        _save(record, actor, "Changed in the PMO configuration")
