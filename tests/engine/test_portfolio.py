"""Weighted scoring, tiers, "what fits" selection and audit sampling (civicp3.engine.portfolio)."""

from __future__ import annotations

import random
from decimal import Decimal

import numpy as np
import pytest

from civicp3.engine.portfolio import (
    TierBand,
    WaitingProject,
    assign_tier,
    audit_sample,
    select_projects,
    weighted_score,
)

MONTHS = ["2026-01", "2026-02", "2026-03", "2026-04"]
TIERS = [
    TierBand("Gold", Decimal(40)),
    TierBand("Silver", Decimal(25)),
    TierBand("Bronze", Decimal(0)),
]


# --- weighted scoring -------------------------------------------------------------------------


def test_it_adds_up_weighted_scores() -> None:
    weights: dict[str, Decimal | int] = {
        "corporate_plan": 3,
        "savings": 2,
        "customer": Decimal("1.5"),
    }
    scores = {"corporate_plan": 4, "savings": 5, "customer": 2}

    assert weighted_score(scores, weights) == Decimal(25)


def test_it_refuses_an_unscored_criterion() -> None:
    with pytest.raises(ValueError, match="no score for criteria: savings"):
        weighted_score({"corporate_plan": 4}, {"corporate_plan": 3, "savings": 2})


def test_it_refuses_a_score_for_an_unweighted_criterion() -> None:
    with pytest.raises(ValueError, match="have no weight: risk"):
        weighted_score({"corporate_plan": 4, "risk": 1}, {"corporate_plan": 3})


# --- tiers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "tier"), [(44, "Gold"), (40, "Gold"), (39, "Silver"), (25, "Silver"), (0, "Bronze")]
)
def test_it_assigns_tiers_by_threshold(score: int, tier: str) -> None:
    assert assign_tier(score, TIERS) == tier


def test_it_reads_bands_in_any_order() -> None:
    assert assign_tier(30, list(reversed(TIERS))) == "Silver"


def test_it_gives_no_tier_below_every_band() -> None:
    assert assign_tier(5, [TierBand("Gold", Decimal(40)), TierBand("Silver", Decimal(10))]) is None


def test_it_refuses_bands_with_the_same_threshold() -> None:
    with pytest.raises(ValueError, match="share a threshold"):
        assign_tier(5, [TierBand("Gold", Decimal(10)), TierBand("Silver", Decimal(10))])


# --- what fits --------------------------------------------------------------------------------


def test_it_chooses_the_best_set_that_fits() -> None:
    sel = select_projects(
        months=MONTHS[:1],
        capacity={"Planning": [100]},
        projects=[
            WaitingProject("big", 60, {"Planning": [90]}),
            WaitingProject("small-a", 40, {"Planning": [50]}),
            WaitingProject("small-b", 35, {"Planning": [50]}),
        ],
    )

    assert sel.chosen == {"small-a": "2026-01", "small-b": "2026-01"}
    assert sel.total_score == 75
    assert sel.binding == (("Planning", "2026-01"),)
    assert sel.gap == pytest.approx(0.0)
    assert sel.status == "Optimal"
    assert sel.remaining_hours == {"Planning": (0.0,)}


def test_it_delays_a_start_to_make_room() -> None:
    sel = select_projects(
        months=MONTHS[:3],
        capacity={"Planning": [100, 100, 100]},
        projects=[
            WaitingProject("first", 50, {"Planning": [80, 80]}, latest_start="2026-01"),
            WaitingProject("second", 40, {"Planning": [80]}),
        ],
    )

    assert sel.chosen == {"first": "2026-01", "second": "2026-03"}
    assert sel.left_out == ()


def test_it_explains_a_project_too_big_for_capacity_at_every_start() -> None:
    sel = select_projects(
        months=MONTHS[:2],
        capacity={"Planning": [100, 50], "ICT": [200, 200]},
        projects=[WaitingProject("uniform", 30, {"ICT": [50, 50], "Planning": [60, 60]})],
    )

    assert sel.chosen == {}
    (left,) = sel.left_out
    assert left.key == "uniform"
    assert left.reason == "would exceed Planning capacity in 2026-02 at every allowed start"


def test_it_names_the_month_for_each_start_when_one_area_blocks() -> None:
    sel = select_projects(
        months=MONTHS[:2],
        capacity={"Planning": [100, 100]},
        projects=[WaitingProject("uniform", 30, {"Planning": [120]})],
    )

    assert sel.left_out[0].reason == (
        "would exceed Planning capacity at every allowed start "
        "(in 2026-01 if started 2026-01; 2026-02 if started 2026-02)"
    )


def test_it_names_each_start_when_different_limits_block() -> None:
    sel = select_projects(
        months=MONTHS[:2],
        capacity={"Planning": [10, 100], "ICT": [100, 10]},
        projects=[WaitingProject("p", 30, {"ICT": [50], "Planning": [50]})],
    )

    (left,) = sel.left_out
    assert left.reason == (
        "would exceed capacity at every allowed start "
        "(Planning in 2026-01 if started 2026-01; ICT in 2026-02 if started 2026-02)"
    )


def test_it_explains_a_project_crowded_out_by_better_ones() -> None:
    sel = select_projects(
        months=MONTHS[:2],
        capacity={"Waste": [100, 100]},
        projects=[
            WaitingProject("green-waste", 50, {"Waste": [70, 70]}, latest_start="2026-01"),
            WaitingProject("e-billing", 20, {"Waste": [40]}, latest_start="2026-01"),
        ],
    )

    assert sel.chosen == {"green-waste": "2026-01"}
    (left,) = sel.left_out
    assert left.reason == (
        "fits on its own, but alongside the chosen projects would exceed "
        "Waste capacity in 2026-01 at every allowed start"
    )


def test_it_explains_an_empty_start_window() -> None:
    sel = select_projects(
        months=MONTHS,
        capacity={"Waste": [100] * 4},
        projects=[WaitingProject("p", 5, {"Waste": [1]}, "2026-03", "2026-02")],
    )

    assert sel.left_out[0].reason.startswith("no allowed start month")


def test_it_takes_committed_work_off_capacity_and_flags_overcommitment() -> None:
    sel = select_projects(
        months=MONTHS[:2],
        capacity={"Planning": [100, 100]},
        committed={"Planning": [120, 30]},
        projects=[
            WaitingProject("now", 50, {"Planning": [10]}),
            WaitingProject("later", 40, {"Planning": [0, 71]}, latest_start="2026-01"),
        ],
    )

    assert sel.overcommitted == (("Planning", "2026-01"),)
    assert sel.chosen == {"now": "2026-02"}
    assert sel.left_out[0].reason == (
        "would exceed Planning capacity in 2026-02 at every allowed start"
    )
    assert sel.remaining_hours["Planning"] == (0.0, 60.0)


def test_it_does_not_check_demand_past_the_horizon() -> None:
    sel = select_projects(
        months=MONTHS[:1],
        capacity={"Planning": [100]},
        projects=[WaitingProject("long", 5, {"Planning": [10, 500, 500]})],
    )

    assert sel.chosen == {"long": "2026-01"}


def test_it_plans_around_limits_no_project_touches_and_still_reports_them() -> None:
    sel = select_projects(
        months=MONTHS,
        capacity={"Parks": [40] * 4, "Planning": [100, 100, 60, 100], "ICT": [0, 0, 0, 0]},
        projects=[
            WaitingProject("a", 30, {"Planning": [70, 70]}),
            WaitingProject("b", 20, {"Planning": [50, 50]}, latest_start="2026-02"),
            WaitingProject("c", 10, {"Planning": [30]}, "2026-03", "2026-03"),
        ],
        mip_rel_gap=0.0,
    )

    # All three fit only one way: a in April (its May falls past the plan), b in January and
    # February, c in March's 60 hours. Parks and ICT limits bind nothing and are left alone.
    assert sel.chosen == {"a": "2026-04", "b": "2026-01", "c": "2026-03"}
    assert sel.total_score == 60
    assert sel.remaining_hours["Parks"] == (40.0, 40.0, 40.0, 40.0)
    assert sel.remaining_hours["ICT"] == (0.0, 0.0, 0.0, 0.0)
    assert sel.remaining_hours["Planning"] == (50.0, 50.0, 30.0, 30.0)
    assert sel.left_out == ()
    assert sel.status == "Optimal"


def test_it_refuses_an_unknown_service_area() -> None:
    with pytest.raises(ValueError, match="unknown service area 'Parks'"):
        select_projects(
            months=MONTHS[:1],
            capacity={"Planning": [100]},
            projects=[WaitingProject("p", 5, {"Parks": [10]})],
        )


def test_it_refuses_capacity_for_the_wrong_number_of_months() -> None:
    with pytest.raises(ValueError, match="has 1 months, the plan has 2"):
        select_projects(months=MONTHS[:2], capacity={"Planning": [100]}, projects=[])


def test_it_refuses_a_start_month_outside_the_plan() -> None:
    with pytest.raises(ValueError, match="start window outside"):
        select_projects(
            months=MONTHS[:2],
            capacity={"Planning": [1, 1]},
            projects=[WaitingProject("p", 5, {"Planning": [1]}, earliest_start="2027-01")],
        )


def _brute_force(
    months: list[str],
    capacity: dict[str, list[int]],
    committed: dict[str, list[int]],
    projects: list[WaitingProject],
) -> float:
    """Best total score by trying every combination of (no start | each allowed start)."""
    areas = list(capacity)
    h = len(months)
    room = np.array([capacity[a] for a in areas], dtype=float) - np.array(
        [committed[a] for a in areas], dtype=float
    )
    room = np.maximum(room, 0).reshape(-1)
    usage = np.zeros((1, room.size))
    value = np.zeros(1)
    for p in projects:
        lo = months.index(p.earliest_start) if p.earliest_start else 0
        hi = months.index(p.latest_start) if p.latest_start else h - 1
        options = [np.zeros(room.size)]
        gains = [0.0]
        for s in range(lo, hi + 1):
            u = np.zeros((len(areas), h))
            for a, hours in p.demand.items():
                for k, hr in enumerate(hours):
                    if s + k < h:
                        u[areas.index(a), s + k] += float(hr)
            options.append(u.reshape(-1))
            gains.append(float(p.score))
        opt = np.array(options)
        usage = (usage[:, None, :] + opt[None, :, :]).reshape(-1, room.size)
        value = (value[:, None] + np.array(gains)[None, :]).reshape(-1)
        ok = (usage <= room + 1e-9).all(axis=1)
        usage, value = usage[ok], value[ok]
    return float(value.max())


def _random_case(
    rnd: random.Random,
) -> tuple[list[str], dict[str, list[int]], dict[str, list[int]], list[WaitingProject]]:
    h = rnd.randint(1, 4)
    months = MONTHS[:h]
    areas = ["Planning", "ICT", "Waste"][: rnd.randint(1, 3)]
    capacity = {a: [rnd.randint(0, 20) for _ in range(h)] for a in areas}
    committed = {a: [rnd.choice([0, 0, rnd.randint(0, 25)]) for _ in range(h)] for a in areas}
    projects = []
    for i in range(rnd.randint(1, 6)):
        needs = rnd.sample(areas, rnd.randint(1, len(areas)))
        length = rnd.randint(1, 3)
        demand = {a: [rnd.randint(0, 12) for _ in range(length)] for a in needs}
        lo = rnd.randint(0, h - 1)
        hi = rnd.randint(lo, h - 1)
        projects.append(
            WaitingProject(
                f"p{i}",
                rnd.randint(1, 50),
                demand,
                months[lo] if rnd.random() < 0.5 else None,
                months[hi] if rnd.random() < 0.5 else None,
            )
        )
    return months, capacity, committed, projects


def test_it_equals_brute_force_on_200_random_small_cases() -> None:
    rnd = random.Random(20260301)
    for case in range(200):
        months, capacity, committed, projects = _random_case(rnd)

        sel = select_projects(
            months=months,
            capacity=capacity,
            committed=committed,
            projects=projects,
            mip_rel_gap=0.0,
        )

        best = _brute_force(months, capacity, committed, projects)
        assert float(sel.total_score) == pytest.approx(best), f"case {case}"
        assert set(sel.chosen) | {lo.key for lo in sel.left_out} == {p.key for p in projects}
        assert all(lo.reason for lo in sel.left_out)
        assert min(min(v) for v in sel.remaining_hours.values()) >= -1e-6


# --- audit sampling ---------------------------------------------------------------------------


def _register(gold: int, silver: int, bronze: int) -> dict[str, str]:
    tiers = ["Gold"] * gold + ["Silver"] * silver + ["Bronze"] * bronze
    return {f"PRJ-{i:03d}": t for i, t in enumerate(tiers)}


def test_it_samples_reproducibly_from_a_seed() -> None:
    register = _register(10, 30, 60)

    first = audit_sample(register, 10, seed=1234)
    again = audit_sample(register, 10, seed=1234)
    other = audit_sample(register, 10, seed=1235)

    assert first == again
    assert first.seed == 1234
    assert first.selected != other.selected


def test_it_does_not_depend_on_the_order_projects_are_listed() -> None:
    register = _register(10, 30, 60)
    shuffled = dict(sorted(register.items(), reverse=True))

    assert audit_sample(register, 12, seed=7) == audit_sample(shuffled, 12, seed=7)


def test_it_allocates_in_proportion_to_tier_size() -> None:
    register = _register(10, 30, 60)

    sample = audit_sample(register, 10, seed=99)

    assert sample.allocation == {"Bronze": 6, "Gold": 1, "Silver": 3}
    assert [register[k] for k in sample.selected].count("Silver") == 3
    assert len(set(sample.selected)) == 10


def test_it_takes_at_least_one_from_every_tier() -> None:
    register = _register(1, 2, 97)

    sample = audit_sample(register, 5, seed=3)

    assert sample.allocation == {"Bronze": 3, "Gold": 1, "Silver": 1}
    assert {register[k] for k in sample.selected} == {"Gold", "Silver", "Bronze"}


def test_it_cannot_cover_every_tier_with_too_small_a_sample() -> None:
    sample = audit_sample(_register(1, 2, 97), 1, seed=3)

    assert sample.allocation == {"Bronze": 1, "Gold": 0, "Silver": 0}


def test_it_selects_everything_when_asked_for_more_than_there_are() -> None:
    register = _register(2, 2, 2)

    sample = audit_sample(register, 50, seed=3)

    assert sorted(sample.selected) == sorted(register)


def test_it_records_a_fresh_seed_that_reproduces_the_sample() -> None:
    register = _register(5, 5, 20)

    sample = audit_sample(register, 6)

    assert audit_sample(register, 6, seed=sample.seed) == sample


def test_it_refuses_a_negative_sample_size() -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        audit_sample(_register(1, 1, 1), -1, seed=1)
