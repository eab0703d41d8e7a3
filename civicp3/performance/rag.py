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
