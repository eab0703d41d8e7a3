"""The RAG status of a KPI's actual against its target: a pure function, no Django.

Green when the actual meets the target; amber when it misses by no more than the tolerance;
red beyond that. "Higher is better" or "lower is better" says which way is a miss.
"""

from decimal import Decimal
from enum import StrEnum


class Polarity(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Status(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


def rag(actual: Decimal, target: Decimal, tolerance: Decimal, polarity: str) -> Status:
    """`tolerance`: how far (in the KPI's unit) the actual may miss the target and be amber."""
    if tolerance < 0:
        raise ValueError("The tolerance cannot be negative")
    shortfall = target - actual if polarity == Polarity.HIGHER else actual - target
    if shortfall <= 0:
        return Status.GREEN
    if shortfall <= tolerance:
        return Status.AMBER
    return Status.RED


# Worst to best, for comparing a status with last period's.
_RANK = {Status.RED: 0, Status.AMBER: 1, Status.GREEN: 2}


class Change(StrEnum):
    IMPROVED = "improved"
    WORSE = "worse"
    SAME = "same"
    NOT_COMPARED = "not compared"


def change(this: str, last: str) -> Change:
    """How a RAG status moved since last period ("" where a period was not reported)."""
    if this not in _RANK or last not in _RANK:
        return Change.NOT_COMPARED
    now, before = _RANK[Status(this)], _RANK[Status(last)]
    if now == before:
        return Change.SAME
    return Change.IMPROVED if now > before else Change.WORSE
