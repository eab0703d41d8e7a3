"""The lifecycle of an improvement request: its statuses and the ONE table of allowed moves.

`services.improvement_transition` is the only place that checks a move against TRANSITIONS;
the wording here (verbs, phrases, button labels) is what a person reads when a move is
offered or refused, so the message is always generated from the same table it explains.
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

TRANSITIONS: dict[Status, frozenset[Status]] = {
    S.SUBMITTED: frozenset({S.TRIAGED, S.REJECTED, S.WITHDRAWN}),
    S.TRIAGED: frozenset({S.SCORED, S.ON_HOLD, S.REJECTED, S.WITHDRAWN}),
    S.SCORED: frozenset({S.FEASIBILITY, S.ON_HOLD, S.REJECTED, S.WITHDRAWN}),
    # Feasibility ends in one of the seed's three outcomes: feasible (the waiting list),
    # on hold until it is feasible, or closed.
    S.FEASIBILITY: frozenset({S.WAITING_LIST, S.ON_HOLD, S.CLOSED, S.WITHDRAWN}),
    S.WAITING_LIST: frozenset({S.IN_DELIVERY, S.ON_HOLD, S.WITHDRAWN}),
    S.IN_DELIVERY: frozenset({S.SIGNED_OFF, S.ON_HOLD, S.WITHDRAWN}),
    # Nothing goes live until the process owner has tested it and signed it off.
    S.SIGNED_OFF: frozenset({S.LIVE, S.IN_DELIVERY}),
    S.LIVE: frozenset({S.CLOSED}),
    # Work comes off hold to where it can pick up again, or ends.
    S.ON_HOLD: frozenset({S.FEASIBILITY, S.WAITING_LIST, S.IN_DELIVERY, S.CLOSED, S.WITHDRAWN}),
    S.CLOSED: frozenset(),
    S.REJECTED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

# Moves a person must explain: the reason is kept in the request's history.
NEEDS_REASON: frozenset[Status] = frozenset({S.ON_HOLD, S.REJECTED, S.WITHDRAWN, S.CLOSED})

# The statuses shown on the waiting list: scored, and not yet started, held or ended.
WAITING: tuple[Status, ...] = (S.SCORED, S.FEASIBILITY, S.WAITING_LIST)


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


def allowed_from(current: str) -> list[Status]:
    """The statuses a request in `current` may move to, in lifecycle order."""
    allowed = TRANSITIONS[Status(current)]
    return [status for status in Status if status in allowed]


def refusal(current: str, to: str) -> str:
    """Why a move is not allowed, in words generated from TRANSITIONS."""
    current_status, wanted = Status(current), Status(to)
    if current_status == wanted:
        return f"This improvement is already {WORDING[wanted].is_phrase}"
    sources = [status for status in Status if wanted in TRANSITIONS[status]]
    if not sources:
        return f"An improvement cannot {WORDING[wanted].verb}"
    phrases = [WORDING[status].is_phrase for status in sources]
    after = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " or " + phrases[-1]
    return (
        f"An improvement can only {WORDING[wanted].verb} when it is {after}. "
        f"This one is {WORDING[current_status].is_phrase}"
    )
