"""Malformed values in addresses and forms: a clean page or a message naming the field, never
a 500 (L3, L1, L11)."""

import pytest

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.mark.parametrize("board", [HUGE, "-1", "x", "0", "1e3", "²"])
def test_the_decisions_log_takes_any_board_in_its_address(org, board):
    response = org.client_for("pmo").get("/decisions/", {"board": board})
    assert response.status_code == 200
    assert "Decisions log" in response.text


def configuration_post(council, tier_id: str | None = None) -> dict[str, str]:
    """The PMO's criteria and tiers page as posted, its first tier row's id replaced."""
    from civicp3.portfolio.defaults import ensure_defaults
    from civicp3.portfolio.models import KeyCriterion, PriorityCriterion, TierBand

    settings = ensure_defaults(council)
    data = {
        name: str(getattr(settings, name))
        for name in (
            "key_criteria_threshold",
            "manager_cost_tolerance",
            "manager_time_tolerance_days",
            "sponsor_cost_tolerance",
            "sponsor_time_tolerance_days",
            "highlight_due_days",
        )
    }
    for prefix, model in (
        ("key", KeyCriterion),
        ("criteria", PriorityCriterion),
        ("tiers", TierBand),
    ):
        rows = list(model.objects.for_council(council))
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": str(len(rows)),
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = str(row.pk)
            for field in ("name", "order", "weight", "max_score", "min_score"):
                if hasattr(row, field):
                    data[f"{prefix}-{index}-{field}"] = str(getattr(row, field))
    if tier_id is not None:
        data["tiers-0-id"] = tier_id
        data["tiers-0-name"] = "Renamed"
    return data


def other_councils_tier(org) -> str:
    from civicp3.portfolio.defaults import ensure_defaults
    from civicp3.portfolio.models import TierBand

    ensure_defaults(org.b)
    return str(TierBand.objects.filter(council=org.b).first().pk)


@pytest.mark.parametrize("tier_id", ["other council", HUGE, "x", "-5"])
def test_a_formset_row_of_another_council_or_no_row_is_refused_cleanly(org, tier_id):
    from civicp3.portfolio.models import TierBand

    if tier_id == "other council":
        tier_id = other_councils_tier(org)
    response = org.client_for("pmo").post(
        "/projects/configuration/edit/", configuration_post(org.a, tier_id)
    )
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert not TierBand.objects.filter(name="Renamed").exists()
