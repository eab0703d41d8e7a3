"""Likelihood x impact matrices (civicp3.engine.risk), checked against the council's seed.

Seed 001 section 9 "Service Risks" gives the labels and the score table (likelihood 1 Unlikely
to 5 Definite; impact 1 Negligible to 5 Major; score = L x I) and the eight service risks,
also in shared/data/maldon-service-risks-2024.csv. The seed names no level bands or colours,
so the bands below are test data, as a council would enter them.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from civicp3.engine.risk import LevelBand, RiskMatrix

LIKELIHOOD = ("Unlikely", "Less likely", "Likely", "Very likely", "Definite")
IMPACT = ("Negligible", "Minor", "Moderate", "Significant", "Major")
BANDS = (
    LevelBand("Low", 1, 4, "green"),
    LevelBand("Medium", 5, 9, "yellow"),
    LevelBand("High", 10, 16, "orange"),
    LevelBand("Very high", 17, 25, "red"),
)

# (likelihood, impact, score) of the eight service risks in seed 001 section 9, in order.
SERVICE_RISKS = [
    (3, 4, 12), (2, 4, 8), (3, 4, 12), (3, 2, 6), (2, 5, 10), (3, 4, 12), (3, 4, 12), (4, 2, 8),
]  # fmt: skip

# The seed's table, top row first: "Major : Level 5  5 10 15 20 25" ... "Negligible: Level 1".
SEED_TABLE = [
    [5, 10, 15, 20, 25],
    [4, 8, 12, 16, 20],
    [3, 6, 9, 12, 15],
    [2, 4, 6, 8, 10],
    [1, 2, 3, 4, 5],
]

CSV = (
    Path(__file__).resolve().parents[2] / "civicp3" / "demo_data" / "maldon-service-risks-2024.csv"
)


@pytest.fixture
def matrix() -> RiskMatrix:
    return RiskMatrix(LIKELIHOOD, IMPACT, BANDS)


def test_it_reproduces_the_seed_score_table(matrix: RiskMatrix) -> None:
    rows = matrix.heat_map_rows([])

    assert [[cell.score for cell in row] for row in rows] == SEED_TABLE
    assert [row[0].impact for row in rows] == [5, 4, 3, 2, 1]


def test_it_scores_the_seed_service_risks(matrix: RiskMatrix) -> None:
    scores = [matrix.score(likelihood, impact) for likelihood, impact, _ in SERVICE_RISKS]

    assert scores == [12, 8, 12, 6, 10, 12, 12, 8]
    assert scores == [score for _, _, score in SERVICE_RISKS]


def test_it_scores_the_service_risks_csv(matrix: RiskMatrix) -> None:
    with CSV.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))

    assert len(rows) == 8
    for row in rows:
        assert matrix.score(int(row["likelihood"]), int(row["impact"])) == int(row["score"])


def test_it_labels_and_levels_a_risk(matrix: RiskMatrix) -> None:
    a = matrix.assess(2, 5)  # "Not having skilled staff resource": L-2 I-5 = 10

    assert a.score == 10
    assert a.likelihood_label == "Less likely"
    assert a.impact_label == "Major"
    assert a.level == "High"
    assert a.colour == "orange"


@pytest.mark.parametrize(
    ("score", "level"), [(1, "Low"), (4, "Low"), (5, "Medium"), (9, "Medium"), (25, "Very high")]
)
def test_it_looks_up_levels_at_band_edges(matrix: RiskMatrix, score: int, level: str) -> None:
    assert matrix.level(score).name == level


def test_it_counts_risks_into_a_heat_map(matrix: RiskMatrix) -> None:
    counts = matrix.heat_map((li, im) for li, im, _ in SERVICE_RISKS)

    assert len(counts) == 5
    assert all(len(row) == 5 for row in counts)
    assert counts[4 - 1][3 - 1] == 4  # impact 4, likelihood 3: four risks
    assert counts[4 - 1][2 - 1] == 1
    assert counts[2 - 1][3 - 1] == 1
    assert counts[5 - 1][2 - 1] == 1
    assert counts[2 - 1][4 - 1] == 1
    assert sum(map(sum, counts)) == 8


def test_it_puts_counts_in_display_rows(matrix: RiskMatrix) -> None:
    rows = matrix.heat_map_rows((li, im) for li, im, _ in SERVICE_RISKS)

    significant_likely = rows[1][2]  # second row from the top is impact 4
    assert (significant_likely.impact, significant_likely.likelihood) == (4, 3)
    assert significant_likely.count == 4
    assert significant_likely.level == "High"


def test_it_refuses_levels_off_the_matrix(matrix: RiskMatrix) -> None:
    with pytest.raises(ValueError, match="likelihood must be 1 to 5"):
        matrix.score(6, 1)
    with pytest.raises(ValueError, match="impact must be 1 to 5"):
        matrix.heat_map([(1, 0)])


def test_it_refuses_a_score_no_cell_produces(matrix: RiskMatrix) -> None:
    with pytest.raises(ValueError, match="7 is not a score"):
        matrix.level(7)


def test_it_refuses_bands_that_leave_a_score_uncovered() -> None:
    with pytest.raises(ValueError, match=r"no level band covers score\(s\) 10, 12"):
        RiskMatrix(LIKELIHOOD, IMPACT, (BANDS[0], BANDS[1], LevelBand("Top", 15, 25, "red")))


def test_it_refuses_overlapping_bands() -> None:
    with pytest.raises(ValueError, match="'Low' and 'Medium' overlap"):
        RiskMatrix(LIKELIHOOD, IMPACT, (LevelBand("Low", 1, 5, "green"), *BANDS[1:]))


def test_it_supports_other_sizes() -> None:
    small = RiskMatrix(
        ("Low", "Medium", "High"),
        ("Low", "Medium", "High", "Severe"),
        (LevelBand("Green", 1, 3, "green"), LevelBand("Red", 4, 12, "red")),
    )

    assert small.size == (3, 4)
    assert small.score(3, 4) == 12
    assert small.heat_map([(3, 4)])[3][2] == 1


def test_it_round_trips_its_configuration(matrix: RiskMatrix) -> None:
    assert RiskMatrix.from_dict(matrix.to_dict()) == matrix
