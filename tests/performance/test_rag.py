"""The RAG status of a KPI actual, at the boundaries of target and tolerance."""

from decimal import Decimal as D

import pytest

from civicp3.performance.rag import rag


@pytest.mark.parametrize(
    ("actual", "status"),
    [("90", "green"), ("95", "green"), ("89.99", "amber"), ("85", "amber"), ("84.99", "red")],
)
def test_higher_is_better(actual: str, status: str) -> None:
    assert rag(D(actual), D("90"), D("5"), "higher") == status


@pytest.mark.parametrize(
    ("actual", "status"),
    [("10", "green"), ("2", "green"), ("10.01", "amber"), ("13", "amber"), ("13.01", "red")],
)
def test_lower_is_better(actual: str, status: str) -> None:
    assert rag(D(actual), D("10"), D("3"), "lower") == status


def test_no_tolerance_means_any_miss_is_red() -> None:
    assert rag(D("99.99"), D("100"), D("0"), "higher") == "red"
    assert rag(D("100"), D("100"), D("0"), "higher") == "green"


def test_a_negative_tolerance_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        rag(D("1"), D("1"), D("-1"), "higher")
