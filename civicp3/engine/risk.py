"""Likelihood x impact risk matrices.

A council's matrix is data (:class:`RiskMatrix`): its likelihood and impact labels (index 0 is
score 1), and level bands that name and colour ranges of the score ``likelihood x impact``.
Nothing here holds a particular council's values; the app seeds them.

Scores are unitless integers from 1 to ``len(likelihood_labels) x len(impact_labels)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["Assessment", "HeatMapCell", "LevelBand", "RiskMatrix"]


@dataclass(frozen=True)
class LevelBand:
    """A named level for scores from ``min_score`` to ``max_score`` inclusive, with a colour
    (any string the front end understands, e.g. a GOV.UK tag colour or ``#d4351c``)."""

    name: str
    min_score: int
    max_score: int
    colour: str


@dataclass(frozen=True)
class Assessment:
    """One risk scored on a matrix."""

    likelihood: int
    impact: int
    score: int
    likelihood_label: str
    impact_label: str
    level: str
    colour: str


@dataclass(frozen=True)
class HeatMapCell:
    """One cell of a heat map: its coordinates, score, level, colour and how many risks."""

    likelihood: int
    impact: int
    score: int
    level: str
    colour: str
    count: int


@dataclass(frozen=True)
class RiskMatrix:
    """A likelihood x impact matrix.

    The matrix need not be square. Every score the matrix can produce must fall in exactly one
    band; bands may leave gaps only at scores no cell produces (7 on a 5 x 5 matrix, say).
    """

    likelihood_labels: tuple[str, ...]
    impact_labels: tuple[str, ...]
    bands: tuple[LevelBand, ...]

    def __post_init__(self) -> None:
        if not self.likelihood_labels or not self.impact_labels:
            raise ValueError("a risk matrix needs at least one likelihood and one impact label")
        for band in self.bands:
            if band.min_score > band.max_score:
                raise ValueError(f"band {band.name!r} has min_score above max_score")
        ordered = sorted(self.bands, key=lambda b: b.min_score)
        for lower, upper in pairwise(ordered):
            if upper.min_score <= lower.max_score:
                raise ValueError(f"bands {lower.name!r} and {upper.name!r} overlap")
        uncovered = sorted(s for s in self.possible_scores() if self._band_or_none(s) is None)
        if uncovered:
            raise ValueError(f"no level band covers score(s) {', '.join(map(str, uncovered))}")

    @property
    def size(self) -> tuple[int, int]:
        """(number of likelihood levels, number of impact levels)."""
        return len(self.likelihood_labels), len(self.impact_labels)

    def possible_scores(self) -> set[int]:
        """Every score some cell of the matrix produces."""
        n_l, n_i = self.size
        return {li * im for li in range(1, n_l + 1) for im in range(1, n_i + 1)}

    def score(self, likelihood: int, impact: int) -> int:
        """Likelihood x impact, refusing levels outside the matrix."""
        n_l, n_i = self.size
        if isinstance(likelihood, bool) or not 1 <= likelihood <= n_l:
            raise ValueError(f"likelihood must be 1 to {n_l}, got {likelihood!r}")
        if isinstance(impact, bool) or not 1 <= impact <= n_i:
            raise ValueError(f"impact must be 1 to {n_i}, got {impact!r}")
        return likelihood * impact

    def _band_or_none(self, score: int) -> LevelBand | None:
        for band in self.bands:
            if band.min_score <= score <= band.max_score:
                return band
        return None

    def level(self, score: int) -> LevelBand:
        """The band holding ``score``."""
        band = self._band_or_none(score)
        if band is None or score not in self.possible_scores():
            raise ValueError(f"{score} is not a score this matrix can produce")
        return band

    def assess(self, likelihood: int, impact: int) -> Assessment:
        """Score, level and labels for one risk."""
        s = self.score(likelihood, impact)
        band = self.level(s)
        return Assessment(
            likelihood,
            impact,
            s,
            self.likelihood_labels[likelihood - 1],
            self.impact_labels[impact - 1],
            band.name,
            band.colour,
        )

    def heat_map(self, risks: Iterable[tuple[int, int]]) -> tuple[tuple[int, ...], ...]:
        """Counts of risks per cell: ``counts[impact - 1][likelihood - 1]``."""
        n_l, n_i = self.size
        grid = [[0] * n_l for _ in range(n_i)]
        for likelihood, impact in risks:
            self.score(likelihood, impact)
            grid[impact - 1][likelihood - 1] += 1
        return tuple(tuple(row) for row in grid)

    def heat_map_rows(self, risks: Iterable[tuple[int, int]]) -> list[list[HeatMapCell]]:
        """The heat map for display: the top row is the highest impact, as councils draw it."""
        counts = self.heat_map(risks)
        n_l, n_i = self.size
        rows: list[list[HeatMapCell]] = []
        for impact in range(n_i, 0, -1):
            row = []
            for likelihood in range(1, n_l + 1):
                s = likelihood * impact
                band = self.level(s)
                row.append(
                    HeatMapCell(
                        likelihood,
                        impact,
                        s,
                        band.name,
                        band.colour,
                        counts[impact - 1][likelihood - 1],
                    )
                )
            rows.append(row)
        return rows

    def to_dict(self) -> dict[str, object]:
        """The configuration as JSON-ready data (see :meth:`from_dict`)."""
        return {
            "likelihood_labels": list(self.likelihood_labels),
            "impact_labels": list(self.impact_labels),
            "bands": [
                {"name": b.name, "min_score": b.min_score, "max_score": b.max_score,
                 "colour": b.colour}
                for b in self.bands
            ],
        }  # fmt: skip

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> RiskMatrix:
        """Build a matrix from :meth:`to_dict` data (e.g. a council's stored configuration)."""
        likelihood = data["likelihood_labels"]
        impact = data["impact_labels"]
        bands = data["bands"]
        if not (
            isinstance(likelihood, Sequence)
            and isinstance(impact, Sequence)
            and isinstance(bands, Sequence)
        ):
            raise ValueError("likelihood_labels, impact_labels and bands must be lists")
        parsed = []
        for b in bands:
            if not isinstance(b, Mapping):
                raise ValueError("each band must be a mapping")
            parsed.append(
                LevelBand(
                    str(b["name"]), int(b["min_score"]), int(b["max_score"]), str(b["colour"])
                )
            )
        return cls(tuple(map(str, likelihood)), tuple(map(str, impact)), tuple(parsed))
