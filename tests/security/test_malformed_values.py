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
    from civicp3.portfolio.models import KeyCriterion, PriorityCriterion, TierBand
    from civicp3.portfolio.selectors import portfolio_settings

    settings = portfolio_settings(council)
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
    from civicp3.portfolio.models import TierBand

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


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1999-12-31", "2080-01-01"])
def test_a_date_outside_the_calendars_years_is_refused_naming_the_field(org, day):
    from civicp3.organisation.models import Board
    from civicp3.toolkit.models import Decision

    board = Board.objects.get(council=org.a)
    response = org.client_for("pmo").post(
        "/decisions/new/",
        {"decision": "Go", "made_by": "CLT", "decided_on": day, "board": board.pk},
    )
    assert response.status_code == 200
    assert "Date of decision must be between 1 January 2000 and 31 December 2079" in response.text
    assert not Decision.objects.exists()


def test_a_date_inside_the_calendars_years_is_kept(org):
    from civicp3.organisation.models import Board
    from civicp3.toolkit.models import Decision

    board = Board.objects.get(council=org.a)
    response = org.client_for("pmo").post(
        "/decisions/new/",
        {"decision": "Go", "made_by": "CLT", "decided_on": "2079-12-31", "board": board.pk},
    )
    assert response.status_code == 302
    assert Decision.objects.get().decided_on.year == 2079


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_api_refuses_a_date_outside_the_calendars_years_naming_the_field(org, api_for, day):
    from decimal import Decimal

    from civicp3.performance.models import KpiActual
    from civicp3.performance.services import kpi_save

    kpi = kpi_save(
        council=org.a, name="Highlights on time", perspective="internal", owner="PMO", unit="%",
        target=Decimal(95), tolerance=Decimal(5), polarity="higher", frequency="monthly",
    )  # fmt: skip
    response = api_for("pmo").post(
        f"/api/kpis/{kpi.pk}/actuals", {"period": day, "value": "92", "commentary": "Late"}
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["period"]
    assert "between 1 January 2000 and 31 December 2079" in errors[0]["message"]
    assert not KpiActual.objects.exists()


@pytest.mark.parametrize(
    ("days", "message"), [("99999999", "at most 2600"), ("-3000", "at least -2600")]
)
def test_a_change_requests_time_impact_is_bounded(days, message):
    from civicp3.portfolio.forms import ChangeRequestForm

    form = ChangeRequestForm(
        {"title": "Extend", "time_impact_days": days, "cost_impact": "0", "scope_impact": ""}
    )
    assert not form.is_valid()
    assert message in form.errors["time_impact_days"][0]


def test_a_change_that_brings_the_finish_earlier_is_still_allowed():
    from civicp3.portfolio.forms import ChangeRequestForm

    form = ChangeRequestForm(
        {"title": "Descoped", "time_impact_days": "-20", "cost_impact": "-500"}
    )
    assert form.is_valid(), form.errors
