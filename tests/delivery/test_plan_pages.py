"""The plan, task, link, baseline and Gantt pages: what people see, who may change what."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from civicp3.delivery.models import Plan, PlanLink
from civicp3.portfolio.services import project_create
from tests import clock

pytestmark = pytest.mark.django_db


def url(name: str, plan: Plan, **kwargs: object) -> str:
    return reverse(name, kwargs={"number": plan.project.number, **kwargs})


def test_the_plan_page_lists_tasks_with_floats_and_the_critical_path(org, plan) -> None:
    page = org.client_for("sponsor").get(url("delivery-plan", plan)).content.decode()
    assert "A → B → D" in page
    assert "Task C" in page
    assert "Go live" in page
    assert "Add a task" not in page  # a sponsor reads the plan but does not change it


def test_a_project_manager_starts_a_plan_then_adds_tasks_and_links(org, project) -> None:
    client = org.client_for("project_manager")
    plan_url = reverse("delivery-plan", kwargs={"number": project.number})
    assert "has no plan yet" in client.get(plan_url).content.decode()
    response = client.post(plan_url, {"start": "2026-03-02"})
    assert response.status_code == 302
    add = reverse("delivery-task-add", kwargs={"number": project.number})
    for code, days in (("A", "4"), ("B", "2")):
        response = client.post(
            add, {"code": code, "name": f"Do {code}", "duration": days, "percent_complete": "0"}
        )
        assert response.status_code == 302, response.content.decode()
    link = reverse("delivery-link-add", kwargs={"number": project.number})
    plan = Plan.objects.get(project=project)
    ids = {t.code: t.pk for t in plan.tasks.all()}
    response = client.post(
        link, {"predecessor": ids["A"], "successor": ids["B"], "type": "FS", "lag": "1"}
    )
    assert response.status_code == 302
    task_page = client.get(reverse("delivery-task", kwargs={"number": project.number, "code": "B"}))
    text = task_page.content.decode()
    assert "Early start set by: FS +1d link with A" in text
    assert "10 Mar 2026" in text  # A: 2-5 March, one day's lag, B on 9-10 March


def test_a_loop_is_shown_in_the_error_summary_not_a_500(org, plan) -> None:
    ids = {t.code: t.pk for t in plan.tasks.all()}
    response = org.client_for("pmo").post(
        url("delivery-link-add", plan),
        {"predecessor": ids["D"], "successor": ids["A"], "type": "FS", "lag": "0"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "There is a problem" in text
    assert "depend on each other in a loop" in text
    assert PlanLink.objects.filter(plan=plan).count() == 4


def test_a_bad_lag_is_an_error_on_the_lag(org, plan) -> None:
    ids = {t.code: t.pk for t in plan.tasks.all()}
    response = org.client_for("pmo").post(
        url("delivery-link-add", plan),
        {"predecessor": ids["A"], "successor": ids["D"], "type": "SS", "lag": "two"},
    )
    assert response.status_code == 200
    assert "Enter a number" in response.content.decode()


def test_the_gantt_chart_marks_the_critical_path_and_pages_its_rows(org, plan) -> None:
    from tests.delivery.conftest import add_task

    for k in range(60):
        add_task(plan, f"X{k}", "1")
    client = org.client_for("councillor")
    first = client.get(url("delivery-gantt", plan)).content.decode()
    assert "<svg" in first
    assert "A Task A (critical)" in first
    assert "Tasks 1 to 50 of 64" in first
    second = client.get(url("delivery-gantt", plan) + "?page=2").content.decode()
    assert "Tasks 51 to 64 of 64" in second
    assert "X59" in second
    assert "Task A (critical)" not in second


def test_people_of_another_council_get_a_404(org, plan) -> None:
    client = org.client_for("pmo", council="b")
    project_create(council=org.b, title="Their project")  # also number 1 in council B
    for name, extra in (
        ("delivery-gantt", {}),
        ("delivery-task", {"code": "A"}),
        ("delivery-baselines", {}),
        ("delivery-forecast", {}),
    ):
        other = reverse(name, kwargs={"number": 99, **extra})
        assert client.get(other).status_code == 404
    assert (
        client.get(url("delivery-task", plan, code="A")).status_code == 404
    )  # B's PRJ-0001 has no plan


def test_readers_cannot_change_the_plan(org, plan) -> None:
    client = org.client_for("sponsor")
    assert client.get(url("delivery-task-add", plan)).status_code == 403
    assert client.post(url("delivery-baselines", plan), {"name": "Mine"}).status_code == 403
    assert client.post(url("delivery-forecast", plan), {"iterations": "100"}).status_code == 403
    assert org.client_for("staff").get(url("delivery-plan", plan)).status_code == 403


def test_a_baseline_set_on_the_page_is_compared_with_the_plan(org, plan) -> None:
    client = org.client_for("project_manager")
    response = client.post(url("delivery-baselines", plan), {"name": "Approved at gateway 2"})
    assert response.status_code == 302
    baseline = plan.baselines.get()
    page = client.get(url("delivery-baseline", plan, pk=baseline.pk)).content.decode()
    assert "Approved at gateway 2" in page
    assert "+0" in page
    assert plan.start == date(2026, 1, 5)


def test_the_calendar_form_reports_a_bad_closure_line(org, plan) -> None:
    response = org.client_for("pmo").post(
        url("delivery-plan-settings", plan),
        {
            "start": "2026-01-05",
            "hours_per_day": "7",
            "holidays": "",
            "closures": "2026-12-29\n29/12",
        },
    )
    assert "Line 2: enter a date like 2026-12-29" in response.content.decode()
    response = org.client_for("pmo").post(
        url("delivery-plan-settings", plan),
        {"start": "2026-01-05", "hours_per_day": "7", "holidays": "", "closures": "2026-01-06"},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.closures == ["2026-01-06"]
    assert plan.holidays == ""
    rows = org.client_for("pmo").get(url("delivery-task", plan, code="A")).content.decode()
    assert "12 Jan 2026" in rows  # A's five days skip the closed 6 January


def test_the_gantt_chart_draws_today_when_the_plan_spans_it(org, project) -> None:

    from civicp3.delivery import services
    from tests.delivery.conftest import add_task

    plan = services.plan_create(project=project, start=clock.today() - timedelta(days=7))
    add_task(plan, "A", "20")
    page = org.client_for("pmo").get(url("delivery-gantt", plan)).content.decode()
    svg = page.split("<svg", 1)[1]
    assert ">Today</text>" in svg
    assert 'stroke-dasharray="6 3"' in svg


def test_a_link_is_deleted_after_confirming(org, plan) -> None:
    link = PlanLink.objects.filter(plan=plan).first()
    client = org.client_for("project_manager")
    delete = url("delivery-link-delete", plan, pk=link.pk)
    assert "Delete the link A → B (FS)?" in client.get(delete).content.decode()
    assert client.post(delete).status_code == 302
    assert not PlanLink.objects.filter(pk=link.pk).exists()
    assert client.post(delete).status_code == 404


def test_progress_is_recorded_on_the_task_and_checked(org, plan) -> None:
    client = org.client_for("project_manager")
    edit = url("delivery-task-edit", plan, code="A")
    form = {"code": "A", "name": "Task A", "duration": "5", "percent_complete": "40"}
    response = client.post(
        edit, form | {"actual_start": "2026-01-06", "actual_finish": "2026-01-05"}
    )
    text = response.content.decode()
    assert "There is a problem" in text
    assert "The actual finish must be on or after the actual start" in text
    response = client.post(edit, form | {"actual_start": "2026-01-06"})
    assert response.status_code == 302
    page = client.get(url("delivery-task", plan, code="A")).content.decode()
    assert "40% complete; started 6 Jan 2026" in page
