"""`civicp3 forecast` and `civicp3 evm` on the command line."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

PERT_PLAN = {
    "name": "Two estimated tasks",
    "start": "2025-01-06",
    "calendar": {"hours_per_day": 7.5, "holidays": None, "closures": []},
    "tasks": [
        {"id": "A", "name": "A", "estimate": {"min": 3, "likely": 6, "max": 15}},
        {"id": "B", "name": "B", "estimate": {"min": 6, "likely": 12, "max": 30}},
    ],
    "links": [{"from": "A", "to": "B"}],
}
for task in PERT_PLAN["tasks"]:
    task["estimate"]["distribution"] = "pert"


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(PERT_PLAN))
    return str(path)


def test_it_forecasts_the_pert_mean_of_tasks_in_series(plan):
    result = json.loads(run("forecast", plan, "--iterations", "20000", "--seed", "3"))
    # PERT means: (3 + 4*6 + 15)/6 = 7 and (6 + 4*12 + 30)/6 = 14 working days.
    assert result["duration_days"]["mean"] == pytest.approx(21, abs=0.15)
    assert result["duration_days"]["P10"] < result["duration_days"]["P50"]
    assert result["duration_days"]["P50"] < result["duration_days"]["P90"]
    assert result["finish"]["P10"] <= result["finish"]["P50"] <= result["finish"]["P90"]
    assert result["criticality"] == {"A": 1.0, "B": 1.0}
    assert result["sensitivity"]["B"] > result["sensitivity"]["A"] > 0


def test_the_same_seed_gives_the_same_output(plan):
    first = run("forecast", plan, "--iterations", "500", "--seed", "11")
    assert run("forecast", plan, "--iterations", "500", "--seed", "11") == first
    assert run("forecast", plan, "--iterations", "500", "--seed", "12") != first


def test_a_later_target_date_is_more_likely(plan):
    def chance(by):
        output = run("forecast", plan, "--iterations", "2000", "--seed", "1", "--by", by)
        return json.loads(output)["probability_by"]

    assert 0 < chance("2025-01-31") < chance("2025-02-07") < chance("2025-02-21") <= 1


def test_forecast_refuses_a_missing_file_with_status_2(tmp_path):
    with pytest.raises(CommandError) as error:
        run("forecast", str(tmp_path / "missing.json"))
    assert error.value.returncode == 2


def test_evm_gives_the_fence_example():
    result = json.loads(run("evm", "--bac", "4000", "--pv", "3000", "--ev", "2500", "--ac", "2800"))
    assert (result["cv"], result["sv"]) == (-300, -500)
    assert round(result["cpi"], 3) == 0.893
    assert round(result["spi"], 3) == 0.833
    assert (round(result["eac"]), round(result["etc"]), round(result["vac"])) == (4480, 1680, -480)


def test_evm_explains_an_index_it_cannot_compute():
    result = json.loads(run("evm", "--bac", "4000", "--pv", "0", "--ev", "0", "--ac", "0"))
    assert result["cpi"] is None
    assert result["notes"]


def test_evm_adds_earned_schedule_from_a_pv_curve(tmp_path):
    curve = tmp_path / "pv.csv"
    curve.write_text("period,cumulative_pv\n1,100\n2,200\n3,300\n4,400\n")
    result = json.loads(
        run(
            "evm",
            "--bac",
            "400",
            "--ev",
            "150",
            "--ac",
            "150",
            "--pv-curve",
            str(curve),
            "--at",
            "2",
        )
    )
    assert result["es"] == pytest.approx(1.5)
    assert result["spi_t"] == pytest.approx(0.75)
    assert result["ieac_t"] == pytest.approx(4 / 0.75)


def test_evm_names_the_bad_row_of_a_pv_curve(tmp_path):
    curve = tmp_path / "pv.csv"
    curve.write_text("period,cumulative_pv\n1,100\n2,lots\n")
    with pytest.raises(CommandError) as error:
        run("evm", "--bac", "400", "--ev", "1", "--ac", "1", "--pv-curve", str(curve), "--at", "1")
    assert "row 3" in str(error.value)
    assert error.value.returncode == 2


def plan_file(tmp_path, **extra):
    path = tmp_path / "risky.json"
    path.write_text(json.dumps({**PERT_PLAN, **extra}))
    return str(path)


def forecast(path):
    return json.loads(run("forecast", path, "--iterations", "2000", "--seed", "5"))


def test_a_risk_that_always_happens_moves_p50_by_its_delay(tmp_path):
    """Risk draws have their own random stream, so the durations are the same draws with or
    without the risk: a certain 3-day delay to B moves every iteration, so P50, by 3 days."""
    certain = {"title": "Late supplier", "probability": "100%", "delay_days": 3, "tasks": ["B"]}
    never = {**certain, "title": "Flood", "probability": 0}

    plain = forecast(plan_file(tmp_path))
    risky = forecast(plan_file(tmp_path, risks=[certain]))
    unlikely = forecast(plan_file(tmp_path, risks=[never]))

    for p in ("P10", "P50", "P90"):
        assert risky["duration_days"][p] == pytest.approx(plain["duration_days"][p] + 3, abs=1e-9)
    assert unlikely["duration_days"] == plain["duration_days"]


def test_a_risk_cost_and_a_time_dependent_cost_reach_the_forecast(tmp_path):
    plan = json.loads(json.dumps(PERT_PLAN))
    # A: planned at 7 days for £700, so £100 a working day of its simulated duration
    plan["tasks"][0].update(duration=7, cost="700.00", cost_basis="time")
    plan["tasks"][1].update(cost="500.00")  # B: fixed
    plan["risks"] = [{"title": "Audit", "probability": 1, "cost": "250.00"}]
    path = tmp_path / "costed.json"
    path.write_text(json.dumps(plan))

    result = forecast(str(path))

    # PERT mean of A is 7 days, so about £700 + £500 + £250, and it varies with A's duration
    assert result["cost"]["mean"] == pytest.approx(1450, abs=15)
    assert result["cost"]["P80"] > result["cost"]["P50"]


def test_an_invalid_risk_exits_2_naming_it(tmp_path):
    bad = {"title": "Late supplier", "probability": 1.5, "delay_days": 3, "tasks": ["B"]}
    with pytest.raises(CommandError) as error:
        run("forecast", plan_file(tmp_path, risks=[bad]))
    assert error.value.returncode == 2
    assert "risks[0] (risk Late supplier).probability" in str(error.value)
