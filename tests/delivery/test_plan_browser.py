"""A project manager builds a small plan in the browser and finds its critical path."""

import pytest
from playwright.sync_api import Page, expect

from civicp3.portfolio.services import project_create
from tests.browser_support import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def add_task(page: Page, code: str, name: str, days: str) -> None:
    page.get_by_role("link", name="Add a task").click()
    assert_accessible(page)
    page.get_by_label("Task ID").fill(code)
    page.get_by_label("Task name").fill(name)
    page.get_by_label("Duration (working days)", exact=True).fill(days)
    page.get_by_role("button", name="Add task").click()
    expect(page.get_by_text(f"Task {code} has been added")).to_be_visible()


def add_link(page: Page, before: str, after: str, lag: str = "0") -> None:
    page.get_by_role("link", name="Add a link").click()
    page.get_by_label("Predecessor (the task that comes first)").select_option(label=before)
    page.get_by_label("Successor (the task that depends on it)").select_option(label=after)
    page.get_by_label("Lag (working days)").fill(lag)
    page.get_by_role("button", name="Add link").click()


def test_a_plan_built_in_the_browser_shows_its_critical_path(page: Page, org) -> None:
    project = project_create(council=org.a, title="Customer portal replacement")
    sign_in(page, "project_manager")
    page.goto(f"/projects/{project.number}/")
    page.get_by_role("link", name="Plan", exact=True).click()
    expect(page.get_by_text("has no plan yet")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Plan start date").fill("2026-01-05")
    page.get_by_role("button", name="Start the plan").click()

    add_task(page, "A", "Write the specification", "5")
    add_task(page, "B", "Tender", "10")
    add_task(page, "C", "Draft the comms plan", "3")
    add_task(page, "D", "Go live", "0")
    add_link(page, "A: Write the specification", "B: Tender")
    add_link(page, "A: Write the specification", "C: Draft the comms plan")
    add_link(page, "B: Tender", "D: Go live")
    add_link(page, "C: Draft the comms plan", "D: Go live")
    assert_accessible(page)

    add_link(page, "D: Go live", "A: Write the specification")
    expect(page.get_by_role("alert")).to_contain_text("depend on each other in a loop")
    assert_accessible(page)

    page.get_by_role("link", name="Gantt chart").click()
    expect(page.get_by_role("heading", name="Gantt chart")).to_be_visible()
    expect(page.get_by_text("Critical path: A → B → D.")).to_be_visible()
    chart = page.get_by_role("img", name="Gantt chart of tasks 1 to 4")
    expect(chart).to_contain_text("A Write the specification (critical)")
    expect(chart).not_to_contain_text("C Draft the comms plan (critical)")
    table = page.get_by_role("table", name="The Gantt chart's tasks as a table")
    expect(table.get_by_role("row", name="B Tender")).to_contain_text("Yes")
    expect(table.get_by_role("row", name="C Draft the comms plan")).to_contain_text("No")
    expect(table.get_by_role("row", name="C Draft the comms plan")).to_contain_text("7")  # float
    assert_accessible(page)
    screenshot(page, "delivery-gantt")

    table.get_by_role("link", name="C Draft the comms plan").click()
    expect(page.get_by_text("Early start set by: FS link with A")).to_be_visible()
    assert_accessible(page)
