"""A project's gated lifecycle: its stages and the ONE table of moves between them.

Seed section 3 (PMO process) and section 4 (governance): concept → classification → project
brief → business case → pre-project appraisal → PMO key criteria threshold → CLT governance
board → waiting list or started → closure. `services.move` is the only place that checks a
move against MOVES, and the refusal a person reads is generated from the same table.
"""

from dataclasses import dataclass

from django.db import models


class Stage(models.TextChoices):
    CONCEPT = "concept", "Concept"
    BRIEF = "brief", "Project brief"
    BUSINESS_CASE = "business_case", "Business case"
    APPRAISAL = "appraisal", "Pre-project appraisal"
    THRESHOLD = "threshold", "Key criteria threshold"
    BOARD = "board", "With the CLT governance board"
    WAITING_LIST = "waiting_list", "On the waiting list"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    DEFERRED = "deferred", "Deferred by the board"
    CLOSED = "closed", "Closed"
    REJECTED = "rejected", "Rejected"


S = Stage


# What each gate needs, in the words a refusal uses: "first ___".
GATES: dict[str, str] = {
    "scored": "score it on the prioritisation matrix (PMO)",
    "closure": "record the closure report, lessons learned and benefits handover",
    "closure_checklist": "tick every item of the closure checklist (the handover to the service)",
}

# The board that makes board decisions (seed section 3: the CLT governance board decides).
DECIDING_BOARD = "clt_governance"


@dataclass(frozen=True)
class Move:
    """One move: from which stages, to which stage, what must be recorded first, its words."""

    label: str  # button and decision wording, "Approve to the waiting list"
    sources: frozenset[Stage]
    to: Stage
    action: str  # role-table action that may make it
    board_decision: bool = False  # recorded in the decisions log with the meeting
    gates: tuple[str, ...] = ()
    # Gates the deciding board may set aside at its discretion, with its reason, logged.
    discretion: tuple[str, ...] = ()


# The one table. A move not listed from the project's stage is a skipped gate, and refused.
MOVES: dict[str, Move] = {
    "classify": Move(
        "Record the classification", frozenset({S.CONCEPT}), S.BRIEF, "projects.govern"
    ),
    "submit_brief": Move(
        "Submit the project brief",
        frozenset({S.BRIEF}),
        S.BUSINESS_CASE,
        "projects.edit",
    ),
    "submit_business_case": Move(
        "Submit the business case for pre-project appraisal",
        frozenset({S.BUSINESS_CASE}),
        S.APPRAISAL,
        "projects.edit",
    ),
    "record_appraisal": Move(
        "Record the pre-project appraisal", frozenset({S.APPRAISAL}), S.THRESHOLD, "projects.govern"
    ),
    "to_board": Move(
        "Send to the CLT governance board", frozenset({S.THRESHOLD}), S.BOARD, "projects.govern"
    ),
    "return_to_initiator": Move(
        "Return to the initiator", frozenset({S.THRESHOLD}), S.BUSINESS_CASE, "projects.govern"
    ),
    "approve": Move(
        "Approve to the waiting list",
        frozenset({S.BOARD, S.DEFERRED}),
        S.WAITING_LIST,
        "projects.decide",
        board_decision=True,
        gates=("scored",),
    ),
    # "A project can still start immediately regardless of the score, but this will be at
    # CLT Governance boards discretion" (seed section 3).
    "start": Move(
        "Start now",
        frozenset({S.BOARD, S.DEFERRED, S.WAITING_LIST}),
        S.ACTIVE,
        "projects.decide",
        board_decision=True,
        gates=("scored",),
        discretion=("scored",),
    ),
    "defer": Move(
        "Defer", frozenset({S.BOARD, S.WAITING_LIST}), S.DEFERRED, "projects.decide", True
    ),
    "reject": Move(
        "Reject",
        frozenset({S.BOARD, S.DEFERRED, S.WAITING_LIST}),
        S.REJECTED,
        "projects.decide",
        board_decision=True,
    ),
    "pause": Move("Pause", frozenset({S.ACTIVE}), S.PAUSED, "projects.decide", True),
    "resume": Move("Resume", frozenset({S.PAUSED}), S.ACTIVE, "projects.decide", True),
    "close": Move(
        "Close",
        frozenset({S.ACTIVE, S.PAUSED}),
        S.CLOSED,
        "projects.decide",
        True,
        gates=("closure", "closure_checklist"),
    ),
}

BOARD_DECISIONS: tuple[str, ...] = tuple(
    code for code, move in MOVES.items() if move.board_decision
)

# The stages in the order a project reaches them, for the board view by stage.
ORDER: tuple[Stage, ...] = tuple(Stage)

# What a person must do next at each stage: the next gate.
NEXT_GATE: dict[Stage, str] = {
    S.CONCEPT: "PMO classifies it as a project, programme or portfolio",
    S.BRIEF: "The project manager completes and submits the project brief",
    S.BUSINESS_CASE: "The project manager completes all five cases of the business case",
    S.APPRAISAL: "PMO records the pre-project appraisal meeting",
    S.THRESHOLD: "PMO checks it against the key criteria threshold",
    S.BOARD: "The CLT governance board decides",
    S.WAITING_LIST: "The CLT governance board starts it when capacity allows",
    S.ACTIVE: "Monthly highlight reports; a closure report when it is done",
    S.PAUSED: "The CLT governance board resumes or closes it",
    S.DEFERRED: "The CLT governance board decides again",
    S.CLOSED: "None: it is closed",
    S.REJECTED: "None: it was rejected",
}


def allowed(stage: str) -> list[str]:
    """The moves open from `stage`, in table order."""
    return [code for code, move in MOVES.items() if Stage(stage) in move.sources]


def refusal(stage: str, code: str) -> str:
    """Why move `code` is refused from `stage`, in words generated from MOVES."""
    move = MOVES[code]
    current = Stage(stage)
    sources = [f"“{s.label}”" for s in Stage if s in move.sources]
    where = sources[0] if len(sources) == 1 else ", ".join(sources[:-1]) + " or " + sources[-1]
    verb = move.label[:1].lower() + move.label[1:]
    return (
        f"You cannot {verb} yet: that gate comes at the {where} stage and this is at the "
        f"“{current.label}” stage. Next: {NEXT_GATE[current]}"
    )


def missing(reference: str, code: str, unmet: list[str]) -> str:
    """The refusal for a move whose gates are not all met, naming each one missing."""
    needs = [GATES[gate] for gate in unmet]
    listed = needs[0] if len(needs) == 1 else "; ".join(needs[:-1]) + "; and " + needs[-1]
    verb = MOVES[code].label[:1].lower() + MOVES[code].label[1:]
    return f"{reference}: you cannot {verb} yet. First {listed}"


@dataclass(frozen=True)
class Step:
    """A page for a project: who may use it, and at which stages it is open."""

    label: str
    page: str
    action: str
    stages: frozenset[Stage]


_STARTED = frozenset({S.ACTIVE, S.PAUSED})

# The pages a project's page offers, each open at the stages listed; the services refuse
# the same pages at any other stage, in words from this table.
STEPS: dict[str, Step] = {
    "classify": Step(
        "Classify the work", "project-classify", "projects.govern", frozenset({S.CONCEPT})
    ),
    "brief": Step(
        "Write the project brief",
        "project-brief",
        "projects.edit",
        frozenset({S.BRIEF, S.BUSINESS_CASE}),
    ),
    "business_case": Step(
        "Write the business case",
        "project-business-case",
        "projects.edit",
        frozenset({S.BUSINESS_CASE}),
    ),
    "appraisal": Step(
        "Record the pre-project appraisal",
        "project-appraisal",
        "projects.govern",
        frozenset({S.APPRAISAL}),
    ),
    "threshold": Step(
        "Check the key criteria threshold",
        "project-threshold",
        "projects.govern",
        frozenset({S.THRESHOLD}),
    ),
    "prioritise": Step(
        "Score on the prioritisation matrix",
        "project-prioritise",
        "projects.govern",
        frozenset({S.THRESHOLD, S.BOARD, S.DEFERRED, S.WAITING_LIST, S.ACTIVE, S.PAUSED}),
    ),
    "decide": Step(
        "Record a board decision",
        "project-decide",
        "projects.decide",
        frozenset(s for s in Stage if any(s in MOVES[c].sources for c in BOARD_DECISIONS)),
    ),
    "highlight": Step(
        "Submit a highlight report", "project-highlight", "projects.edit", frozenset({S.ACTIVE})
    ),
    "change": Step("Raise a change request", "project-change", "projects.edit", _STARTED),
    "closure": Step("Record the closure", "project-closure", "projects.edit", _STARTED),
    "demand": Step(
        "Set resource demand",
        "project-demand",
        "projects.edit",
        frozenset(Stage) - {S.CLOSED, S.REJECTED},
    ),
    "start_window": Step(
        "Set the start window",
        "project-start-window",
        "projects.edit",
        frozenset({S.BOARD, S.DEFERRED, S.WAITING_LIST}),
    ),
    "health_check": Step(
        "Record a health check",
        "project-health-check",
        "projects.govern",
        frozenset({S.WAITING_LIST, S.ACTIVE, S.PAUSED}),
    ),
}
