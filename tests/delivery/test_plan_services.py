"""Plans built and changed through the services, checked by the scheduling engine."""

from datetime import date
from decimal import Decimal

import pytest

from civicp3.delivery import selectors, services
from civicp3.delivery.models import Plan, PlanLink
from civicp3.delivery.planning import plan_dict
from civicp3.engine.planfile import plan_from_dict
from tests.delivery.conftest import START, add_task

pytestmark = pytest.mark.django_db


def test_a_new_plan_uses_the_councils_working_day_and_bank_holidays(project) -> None:
    plan = services.plan_create(project=project, start=START)
    assert plan.hours_per_day == project.council.working_day_hours
    assert plan.holidays == "england-and-wales"


def test_the_schedule_gives_dates_floats_and_the_critical_path(plan: Plan) -> None:
    view = selectors.plan_view(plan)
    rows = {r.task.code: r.s for r in view.scheduled.rows}
    assert rows["A"].start == date(2026, 1, 5)
    assert rows["A"].finish == date(2026, 1, 9)
    assert rows["B"].start == date(2026, 1, 12)
    assert rows["B"].finish == date(2026, 1, 14)
    assert rows["C"].total_float == 1
    assert rows["D"].start == rows["D"].finish == date(2026, 1, 14)  # a milestone at B's end
    assert view.scheduled.critical_codes == ("A", "B", "D")
    assert rows["B"].start_driver.describe() == "FS link with A"


def test_the_plan_converts_to_the_documented_json_format(plan: Plan) -> None:
    data = plan_dict(plan)
    assert data["start"] == "2026-01-05"
    assert data["calendar"] == {
        "hours_per_day": 7.5,
        "holidays": "england-and-wales",
        "closures": [],
    }
    assert data["tasks"][0] == {
        "id": "A",
        "name": "Task A",
        "duration": 5,
        "parent": None,
        "cost": "1000.00",
    }
    assert {"from": "A", "to": "B", "type": "FS", "lag": 0} in data["links"]
    assert plan_from_dict(data).network.tasks[3].is_milestone


def test_a_link_that_closes_a_loop_is_refused_naming_the_tasks(plan: Plan) -> None:
    tasks = {t.code: t for t in plan.tasks.all()}
    with pytest.raises(services.DeliveryError) as error:
        services.link_add(
            plan=plan, predecessor=tasks["D"], successor=tasks["A"], type="FS", lag=Decimal(0)
        )
    assert "loop" in error.value.message
    loop = error.value.message.split(": ")[1].split(".")[0].split(" → ")
    assert loop[0] == loop[-1]
    assert set(loop) in ({"A", "B", "D"}, {"A", "C", "D"})
    assert PlanLink.objects.filter(plan=plan).count() == 4  # rolled back


def test_a_task_cannot_depend_on_itself_and_a_lag_has_bounds(plan: Plan) -> None:
    a = plan.tasks.get(code="A")
    b = plan.tasks.get(code="B")
    with pytest.raises(services.DeliveryError, match="A cannot depend on itself"):
        services.link_add(plan=plan, predecessor=a, successor=a, type="FS", lag=Decimal(0))
    with pytest.raises(services.DeliveryError, match="at most 1000 working days"):
        services.link_add(plan=plan, predecessor=b, successor=a, type="SS", lag=Decimal(-5000))


def test_lags_leads_and_link_types_move_the_successor(plan: Plan) -> None:
    a, c = plan.tasks.get(code="A"), plan.tasks.get(code="C")
    e = add_task(plan, "E", "2")
    services.link_add(plan=plan, predecessor=a, successor=e, type="SS", lag=Decimal(2))
    f = add_task(plan, "F", "2")
    services.link_add(plan=plan, predecessor=c, successor=f, type="FS", lag=Decimal(-1))
    rows = {r.task.code: r.s for r in selectors.plan_view(plan).scheduled.rows}
    assert rows["E"].start == date(2026, 1, 7)  # two working days after A starts
    assert rows["F"].start == date(2026, 1, 13)  # C finishes 13 Jan; a one-day lead


def test_summary_tasks_roll_up_and_cannot_be_linked(plan: Plan) -> None:
    phase = add_task(plan, "P1", "0", name="Build phase")
    for code in ("B", "C"):
        task = plan.tasks.get(code=code)
        services.task_save(
            plan=plan, task=task, code=code, parent=phase, name=task.name, duration=task.duration
        )
    rows = {r.task.code: r for r in selectors.plan_view(plan).scheduled.rows}
    assert rows["P1"].s.is_summary
    assert (rows["P1"].s.start, rows["P1"].s.finish) == (date(2026, 1, 12), date(2026, 1, 14))
    assert rows["B"].level == 1
    with pytest.raises(services.DeliveryError, match="summary task"):
        services.link_add(
            plan=plan,
            predecessor=phase,
            successor=plan.tasks.get(code="D"),
            type="FS",
            lag=Decimal(0),
        )


def test_constraints_and_closures_are_scheduled(plan: Plan) -> None:
    b = plan.tasks.get(code="B")
    services.task_save(
        plan=plan, task=b, code="B", name=b.name, duration=b.duration,
        start_no_earlier_than=date(2026, 1, 19),
    )  # fmt: skip
    services.plan_update(
        plan=plan, start=START, hours_per_day=Decimal("7.5"), holidays="england-and-wales",
        closures=[date(2026, 1, 20)],
    )  # fmt: skip
    row = {r.task.code: r for r in selectors.plan_view(plan).scheduled.rows}["B"]
    assert row.s.start == date(2026, 1, 19)
    assert row.s.finish == date(2026, 1, 22)  # the 20th is closed
    assert row.s.start_driver.describe() == "start no earlier than"


def test_task_checks_name_the_field(plan: Plan) -> None:
    with pytest.raises(services.DeliveryError, match="already used") as error:
        add_task(plan, "A", "1")
    assert error.value.field == "code"
    with pytest.raises(services.DeliveryError, match="actual finish must be on or after"):
        add_task(plan, "Z", "1", actual_start=date(2026, 2, 2), actual_finish=date(2026, 2, 1))
    with pytest.raises(services.DeliveryError, match="optimistic duration must be no more"):
        add_task(
            plan, "Z", "1", distribution="triangular", estimate_min=Decimal(5),
            estimate_likely=Decimal(3), estimate_max=Decimal(9),
        )  # fmt: skip


def test_a_baseline_keeps_todays_dates_and_shows_variances(plan: Plan) -> None:
    services.baseline_set(plan=plan, name="Approved at gateway 2")
    b = plan.tasks.get(code="A")
    services.task_save(plan=plan, task=b, code="A", name=b.name, duration=Decimal(7))
    services.baseline_set(plan=plan, name="Re-planned")
    first = plan.baselines.get(name="Approved at gateway 2")
    rows = {r.task.code: r for r in selectors.plan_view(plan, first).scheduled.rows}
    assert rows["D"].baseline.finish == date(2026, 1, 14)
    assert rows["D"].finish_variance == 2
    latest = selectors.plan_view(plan)
    assert latest.baseline.name == "Re-planned"
    assert {r.finish_variance for r in latest.scheduled.rows} == {0}


def test_deleting_a_task_takes_its_links(plan: Plan) -> None:
    services.task_delete(task=plan.tasks.get(code="C"))
    assert PlanLink.objects.filter(plan=plan).count() == 2
    assert plan.tasks.get(code="A").history.count() == 1


def test_a_task_id_must_be_safe_to_show_in_an_address(plan: Plan) -> None:
    with pytest.raises(services.DeliveryError, match="letters, numbers, dots and dashes"):
        add_task(plan, "a/b", "1")
    assert add_task(plan, "2.1-b", "1").code == "2.1-b"
