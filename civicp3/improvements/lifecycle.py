"""The lifecycle of an improvement request: its statuses and the ONE table of allowed moves.

Each row of MOVES says where a move goes from, what must be recorded first (its gates, named
in GATES), the page that makes it when it needs a record of its own, and its words. PATHWAYS
holds each delivery pathway's own steps (seed Appendices 3.1 to 3.3). `services` checks a
move against these tables for pages and the API alike, and the detail page offers exactly
what they allow; refusals are generated from the same rows, so they name what is missing.
"""

from dataclasses import dataclass

from django.db import models


class Status(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    TRIAGED = "triaged", "Triaged"
    SCORED = "scored", "Scored"
    FEASIBILITY = "feasibility", "Feasibility analysis"
    WAITING_LIST = "waiting_list", "On the waiting list"
    IN_DELIVERY = "in_delivery", "In delivery"
    SIGNED_OFF = "signed_off", "Signed off"
    LIVE = "live", "Live"
    CLOSED = "closed", "Closed"
    ON_HOLD = "on_hold", "On hold"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


S = Status

# What each gate needs, in the words a refusal uses: "first record ___".
GATES: dict[str, str] = {
    "score": "a score against the technical matrix",
    "pathway": "the pathway decision",
    "feasible": "a feasibility analysis whose outcome is feasible",
    "champion": "the green belt champion who will run it (the self-serve pathway needs one)",
    "phase_returns": "a phase-completion return for each phase of its pathway",
    "owner_sign_off": "the process owner's go-live sign-off, confirmed by the owner",
    "benefits": "the benefits it delivered",
}

# Everything a request needs before delivery can start, whichever way it gets there.
READY = ("score", "pathway", "feasible", "champion")


@dataclass(frozen=True)
class Move:
    sources: frozenset[Status]
    to: Status
    gates: tuple[str, ...] = ()
    page: str = ""  # the URL name of the page that makes this move with its record
    reason: bool = False  # the person must say why; kept in the history


def _move(sources: set[Status], to: Status, *gates: str, page: str = "") -> Move:
    return Move(frozenset(sources), to, tuple(gates), page, to in _REASONED)


_REASONED = {S.ON_HOLD, S.REJECTED, S.WITHDRAWN, S.CLOSED}
_OPEN = {S.SUBMITTED, S.TRIAGED, S.SCORED, S.FEASIBILITY, S.WAITING_LIST, S.IN_DELIVERY}

# The one table. A move that is not a row here, from where the request is, is refused.
MOVES: tuple[Move, ...] = (
    _move({S.SUBMITTED}, S.TRIAGED),
    _move({S.TRIAGED}, S.SCORED, "score", page="improvement-score"),
    # Feasibility ends in one of the seed's three outcomes: feasible (the waiting list),
    # on hold until it is feasible, or closed; the analysis page records which.
    _move({S.SCORED, S.ON_HOLD}, S.FEASIBILITY, "score", "pathway"),
    _move(
        {S.FEASIBILITY},
        S.WAITING_LIST,
        "score",
        "pathway",
        "feasible",
        page="improvement-feasibility",
    ),
    _move({S.ON_HOLD}, S.WAITING_LIST, "score", "pathway", "feasible"),
    _move({S.WAITING_LIST, S.ON_HOLD}, S.IN_DELIVERY, *READY),
    # Nothing goes live until the process owner has tested it and signed it off.
    _move(
        {S.IN_DELIVERY},
        S.SIGNED_OFF,
        "phase_returns",
        "owner_sign_off",
        page="improvement-sign-off",
    ),
    _move({S.SIGNED_OFF}, S.IN_DELIVERY),
    _move({S.SIGNED_OFF}, S.LIVE, "phase_returns", "owner_sign_off"),
    _move({S.LIVE}, S.CLOSED, "benefits", page="improvement-close"),
    _move({S.FEASIBILITY, S.WAITING_LIST, S.ON_HOLD}, S.CLOSED),
    _move(_OPEN - {S.SUBMITTED}, S.ON_HOLD),
    _move({S.SUBMITTED, S.TRIAGED, S.SCORED}, S.REJECTED),
    _move(_OPEN | {S.ON_HOLD}, S.WITHDRAWN),
)


def moves_from(current: str) -> list[Move]:
    """The rows open from `current`, in lifecycle order of where they go."""
    here = Status(current)
    found = [move for move in MOVES if here in move.sources]
    order = list(Status)
    return sorted(found, key=lambda move: order.index(move.to))


def move_for(current: str, to: str) -> Move | None:
    return next((move for move in moves_from(current) if move.to == Status(to)), None)


@dataclass(frozen=True)
class PathwaySteps:
    """One delivery pathway's own steps: who runs its DMAIC phases, and what it needs."""

    runs_it: str
    phases: tuple[str, ...]  # Phase values, in order; a return is filed at the end of each
    needs_champion: bool = False


DMAIC_PHASES = ("define", "measure", "analyse", "improve", "control")

# Seed Appendices 3.1 to 3.3, as rows: fully managed and supported work is run by the team
# through DMAIC; self-serve work by a green belt champion, who files a return per phase.
PATHWAYS: dict[str, PathwaySteps] = {
    "PIP": PathwaySteps("the improvement team", DMAIC_PHASES),
    "QW": PathwaySteps("the improvement team, supporting the service", DMAIC_PHASES),
    "GBC": PathwaySteps("a green belt champion", DMAIC_PHASES, needs_champion=True),
}


@dataclass(frozen=True)
class Step:
    """A page that records something about a request without (always) moving it."""

    label: str
    page: str
    action: str  # the role-table action that may use it
    statuses: frozenset[Status]


STEPS: dict[str, Step] = {
    "score": Step(
        "Score against the technical matrix",
        "improvement-score",
        "improvements.score",
        frozenset({S.SUBMITTED, S.TRIAGED, S.SCORED, S.FEASIBILITY, S.WAITING_LIST, S.ON_HOLD}),
    ),
    "pathway": Step(
        "Decide the pathway",
        "improvement-pathway",
        "improvements.score",
        frozenset({S.SUBMITTED, S.TRIAGED, S.SCORED, S.FEASIBILITY, S.WAITING_LIST, S.ON_HOLD}),
    ),
    "feasibility": Step(
        "Feasibility analysis",
        "improvement-feasibility",
        "improvements.score",
        frozenset({S.SCORED, S.FEASIBILITY, S.WAITING_LIST, S.ON_HOLD}),
    ),
    "phase_return": Step(
        "File the phase-completion return",
        "improvement-phase-return",
        "improvements.deliver",
        frozenset({S.IN_DELIVERY}),
    ),
    "change_request": Step(
        "Raise a change request",
        "improvement-change-new",
        "improvements.deliver",
        frozenset({S.WAITING_LIST, S.IN_DELIVERY, S.SIGNED_OFF}),
    ),
    "sign_off": Step(
        "Request go-live sign-off from the process owner",
        "improvement-sign-off",
        "improvements.deliver",
        frozenset({S.IN_DELIVERY}),
    ),
    "close": Step(
        "Close with benefits", "improvement-close", "improvements.transition", frozenset({S.LIVE})
    ),
}

# The statuses shown on the waiting list: scored, and not yet started, held or ended.
WAITING: tuple[Status, ...] = (S.SCORED, S.FEASIBILITY, S.WAITING_LIST)

# The improvement team's work queue groups every request by these, in this order.
QUEUE: tuple[tuple[str, str, tuple[Status, ...]], ...] = (
    ("new", "New", (S.SUBMITTED,)),
    ("triaged", "Triaged and being assessed", (S.TRIAGED, S.SCORED, S.FEASIBILITY)),
    ("waiting", "On the waiting list", (S.WAITING_LIST,)),
    ("on_hold", "On hold", (S.ON_HOLD,)),
    ("in_delivery", "In delivery", (S.IN_DELIVERY,)),
    ("signed_off", "Signed off, awaiting go-live", (S.SIGNED_OFF,)),
    ("live", "Live", (S.LIVE,)),
    ("ended", "Closed, rejected or withdrawn", (S.CLOSED, S.REJECTED, S.WITHDRAWN)),
)


# What the person who raised a request reads on its status page: what happens next.
FOR_REQUESTER: dict[Status, str] = {
    S.SUBMITTED: "The improvement team will look at your request and triage it.",
    S.TRIAGED: "The improvement team is scoring your request against the technical matrix.",
    S.SCORED: "The improvement team is deciding how it will be delivered and whether it is "
    "feasible.",
    S.FEASIBILITY: "The improvement team is checking whether it is feasible.",
    S.WAITING_LIST: "It is feasible and on the waiting list: work starts when there is capacity.",
    S.IN_DELIVERY: "Work on it has started.",
    S.SIGNED_OFF: "The team who own the process have tested it and signed it off; it goes "
    "live soon.",
    S.LIVE: "It is live. Tell us how it went.",
    S.CLOSED: "The work is finished.",
    S.ON_HOLD: "It is on hold for now; the improvement team will come back to it.",
    S.REJECTED: "The improvement team decided not to take it forward.",
    S.WITHDRAWN: "It was withdrawn.",
}


@dataclass(frozen=True)
class Wording:
    is_phrase: str  # "it is ___"
    verb: str  # "an improvement can only ___"
    button: str


WORDING: dict[Status, Wording] = {
    S.SUBMITTED: Wording("submitted", "be submitted", "Submit"),
    S.TRIAGED: Wording("triaged", "be triaged", "Mark as triaged"),
    S.SCORED: Wording("scored", "be marked as scored", "Mark as scored"),
    S.FEASIBILITY: Wording(
        "in feasibility analysis", "start feasibility analysis", "Start feasibility analysis"
    ),
    S.WAITING_LIST: Wording(
        "on the waiting list", "join the waiting list", "Add to the waiting list"
    ),
    S.IN_DELIVERY: Wording("in delivery", "start delivery", "Start delivery"),
    S.SIGNED_OFF: Wording("signed off", "be signed off", "Record sign-off"),
    S.LIVE: Wording("live", "go live", "Put live"),
    S.CLOSED: Wording("closed", "be closed", "Close"),
    S.ON_HOLD: Wording("on hold", "be put on hold", "Put on hold"),
    S.REJECTED: Wording("rejected", "be rejected", "Reject"),
    S.WITHDRAWN: Wording("withdrawn", "be withdrawn", "Withdraw"),
}


def either(phrases: list[str]) -> str:
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " or " + phrases[-1]


def refusal(current: str, to: str) -> str:
    """Why a move is not allowed from here, in words generated from MOVES."""
    current_status, wanted = Status(current), Status(to)
    if current_status == wanted:
        return f"This improvement is already {WORDING[wanted].is_phrase}"
    sources = {status for move in MOVES if move.to == wanted for status in move.sources}
    if not sources:
        return f"An improvement cannot {WORDING[wanted].verb}"
    phrases = [WORDING[status].is_phrase for status in Status if status in sources]
    return (
        f"An improvement can only {WORDING[wanted].verb} when it is {either(phrases)}. "
        f"This one is {WORDING[current_status].is_phrase}"
    )


def missing(reference: str, to: str, unmet: list[str]) -> str:
    """The refusal for a move whose gates are not all met, naming each one missing."""
    needs = [GATES[gate] for gate in unmet]
    listed = needs[0] if len(needs) == 1 else "; ".join(needs[:-1]) + "; and " + needs[-1]
    return f"{reference} cannot {WORDING[Status(to)].verb} yet. First record {listed}"
