"""The JSON plan format: loading, validation errors by JSON path, and the CLI output."""

import json
from decimal import Decimal

import pytest

from civicp3.engine.network import Estimate, LinkType
from civicp3.engine.planfile import PlanError, dump_schedule, load_plan, schedule_plan

PLAN = {
    "name": "Library refurbishment",
    "start": "2025-01-06",
    "calendar": {"hours_per_day": 7.5, "holidays": "england-and-wales", "closures": ["2025-12-29"]},
    "tasks": [
        {"id": "B", "name": "Build", "duration": 10, "cost": "1200.00", "parent": "P"},
        {
            "id": "A",
            "name": "Design",
            "duration": 5,
            "estimate": {"min": 4, "likely": 5, "max": 9, "distribution": "triangular"},
            "parent": "P",
        },
        {"id": "P", "name": "Phase 1", "parent": None, "duration": 0},
        {"id": "M", "name": "Open", "duration": 0, "finish_no_later_than": "2025-01-17"},
    ],
    "links": [
        {"from": "A", "to": "B", "type": "FS", "lag": 0},
        {"from": "B", "to": "M", "type": "FS", "lag": 0},
    ],
}


def load(plan):
    return load_plan(json.dumps(plan))


def test_it_loads_tasks_in_any_order_with_estimates_and_costs():
    plan = load(PLAN)
    tasks = {t.id: t for t in plan.network.tasks}
    assert tasks["A"].estimate == Estimate(4, 5, 9, "triangular")
    assert tasks["B"].cost == Decimal("1200.00")
    assert plan.network.links[0].type is LinkType.FS
    assert not plan.calendar.is_working_day(plan.start.replace(month=12, day=29))


def test_it_dumps_the_cli_output():
    out = dump_schedule(schedule_plan(load(PLAN)))
    assert (out["start"], out["finish"]) == ("2025-01-06", "2025-01-24")
    rows = {r["id"]: r for r in out["tasks"]}
    assert rows["B"] == {
        "id": "B",
        "name": "Build",
        "start": "2025-01-13",
        "finish": "2025-01-24",
        "late_start": "2025-01-06",
        "late_finish": "2025-01-17",
        "total_float": -5.0,
        "free_float": -5.0,
        "critical": True,
    }
    assert rows["P"]["finish"] == "2025-01-24"
    assert [r["id"] for r in out["tasks"]] == ["B", "A", "P", "M"]
    json.dumps(out)


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda p: p.pop("start"), "start"),
        (lambda p: p.update(start="06/01/2025"), "start"),
        (lambda p: p["tasks"][0].update(duration=-1), "tasks[0] (task B).duration"),
        (lambda p: p["tasks"][0].update(cost="12.345"), "tasks[0] (task B).cost"),
        (
            lambda p: p["tasks"][1]["estimate"].update(distribution="normal"),
            "estimate.distribution",
        ),
        (lambda p: p["tasks"][1]["estimate"].update(min=6), "tasks[1] (task A).estimate"),
        (lambda p: p["links"][0].update(type="XX"), "links[0].type"),
        (lambda p: p["calendar"].update(holidays="wales"), "calendar.holidays"),
        (lambda p: p["calendar"]["closures"].append("2025-13-01"), "calendar.closures[1]"),
        (lambda p: p["tasks"][3].update(colour="red"), "tasks[3] (task M).colour"),
    ],
)
def test_it_names_the_json_path_of_a_bad_value(change, path):
    plan = json.loads(json.dumps(PLAN))
    change(plan)
    with pytest.raises(PlanError) as info:
        load(plan)
    assert path in str(info.value)


def test_it_names_the_unknown_task_in_a_link():
    plan = json.loads(json.dumps(PLAN))
    plan["links"].append({"from": "A", "to": "Z"})
    with pytest.raises(PlanError, match="unknown task 'Z'"):
        load(plan)


def test_it_names_the_tasks_in_a_cycle():
    plan = json.loads(json.dumps(PLAN))
    plan["links"].append({"from": "M", "to": "A", "type": "SS", "lag": -1})
    with pytest.raises(PlanError, match=r"cycle: .*A"):
        load(plan)


def test_it_refuses_text_that_is_not_json():
    with pytest.raises(PlanError, match="not JSON"):
        load_plan("{tasks: []")


def with_risks(*risks):
    plan = json.loads(json.dumps(PLAN))
    plan["risks"] = list(risks)
    return plan


def test_it_loads_risk_events_and_time_dependent_costs():
    plan = with_risks(
        {"title": "Late steel", "probability": "30%", "delay_days": 4, "tasks": ["B"]},
        {"title": "Asbestos", "probability": 0.05, "cost": "25000.00"},
    )
    plan["tasks"][0]["cost_basis"] = "time"  # B: £1,200 over 10 days

    loaded = load(plan)

    late, asbestos = loaded.risks
    assert (late.key, late.probability, late.delay_days, late.tasks) == (
        "Late steel",
        pytest.approx(0.3),
        4.0,
        ("B",),
    )
    assert (asbestos.probability, asbestos.cost, asbestos.tasks) == (0.05, Decimal(25000), ())
    assert {k: v.per_day for k, v in loaded.task_costs().items()} == {"B": Decimal(120)}


def test_a_plan_without_risks_or_cost_basis_has_none():
    loaded = load(PLAN)
    assert loaded.risks == ()
    assert loaded.task_costs() == {}


@pytest.mark.parametrize(
    ("risk", "path", "reason"),
    [
        ({"title": "Flood", "probability": 1.5}, "risks[0] (risk Flood).probability", "0 to 1"),
        ({"title": "Flood", "probability": "120%"}, "risks[0] (risk Flood).probability", "100%"),
        ({"title": "Flood"}, "risks[0] (risk Flood).probability", "required"),
        (
            {"title": "Flood", "probability": 0.1, "delay_days": -2, "tasks": ["B"]},
            "risks[0] (risk Flood).delay_days",
            "at least 0",
        ),
        (
            {"title": "Flood", "probability": 0.1, "delay_days": 2, "tasks": ["Z"]},
            "risks[0] (risk Flood).tasks",
            "'Z' is not a task",
        ),
        (
            {"title": "Flood", "probability": 0.1, "delay_days": 2, "tasks": ["P"]},
            "risks[0] (risk Flood).tasks",
            "summary task",
        ),
        (
            {"title": "Flood", "probability": 0.1, "delay_days": 2},
            "risks[0] (risk Flood).tasks",
            "must name the tasks",
        ),
        (
            {"title": "Flood", "probability": 0.1, "cost": "1.234"},
            "risks[0] (risk Flood).cost",
            "pounds and pence",
        ),
        ({"title": "Flood", "probability": 0.1, "owner": "Jo"}, "risks[0] (risk Flood).owner", ""),
        ({"probability": 0.1}, "risks[0].title", "non-empty"),
    ],
)
def test_it_names_the_risk_and_field_at_fault(risk, path, reason):
    with pytest.raises(PlanError) as info:
        load(with_risks(risk))
    assert str(info.value).startswith(path)
    assert reason in str(info.value)


def test_it_names_the_task_with_a_bad_cost_basis():
    plan = json.loads(json.dumps(PLAN))
    plan["tasks"][0]["cost_basis"] = "hourly"
    with pytest.raises(PlanError, match=r'^tasks\[0\] \(task B\)\.cost_basis: must be "fixed"'):
        load(plan)


def test_a_time_dependent_cost_needs_a_cost_and_a_duration():
    plan = json.loads(json.dumps(PLAN))
    plan["tasks"][3]["cost_basis"] = "time"  # M: a milestone with no cost
    with pytest.raises(PlanError, match=r"^tasks\[3\] \(task M\)\.cost_basis: \"time\" needs"):
        load(plan)
