"""A project manager runs a forecast on the demo plan and reads its percentiles."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from civicp3.delivery.demo import load_demo
from civicp3.delivery.models import Forecast
from tests.browser_support import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_forecast_of_the_demo_plan_shows_its_percentiles(
    page: Page, org, immediate_tasks
) -> None:
    load_demo(org.a)
    sign_in(page, "project_manager")
    page.goto("/projects/1/")
    page.get_by_role("link", name="Forecast").click()
    expect(page.get_by_role("heading", name="Forecast (Monte Carlo simulation)")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Number of iterations").fill("5000")
    page.get_by_label("Seed (optional)").fill("2026")
    page.get_by_role("button", name="Run forecast").click()

    expect(page.get_by_role("status")).to_contain_text("Finished")
    table = page.get_by_role("table", name="Finish date percentiles")
    dates = []
    for name in ("P10", "P50", "P80", "P90"):
        row = table.get_by_role("row", name=name)
        dates.append(date.fromisoformat(row.get_by_role("cell").first.inner_text()))
    assert dates == sorted(dates)
    stored = Forecast.objects.get().result
    assert [p["date"] for p in stored["percentiles"]] == [d.isoformat() for d in dates]
    expect(page.get_by_role("img", name="Tornado of sensitivities")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "delivery-forecast")

    page.get_by_role("link", name="Earned value").click()
    expect(page.get_by_role("heading", name="Earned value")).to_be_visible()
    expect(page.get_by_role("img", name="S-curves of planned value")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "delivery-earned-value")
    page.goto("/programmes/forecast/")
    assert_accessible(page)


def test_a_project_manager_adds_a_risk_event_for_forecasting(page: Page, org) -> None:
    load_demo(org.a)
    sign_in(page, "project_manager")
    page.goto("/projects/1/forecast/")
    expect(page.get_by_text("3 risk events: Supplier delivers the portal")).to_be_visible()
    page.get_by_role("link", name="risk events for forecasting").click()
    expect(page.get_by_role("table", name="Risk events on this plan")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Add a risk event").click()
    page.get_by_label("Risk").fill("Key officer leaves")
    page.get_by_label("Probability it happens (%)").fill("15")
    page.get_by_label("Delay if it happens (working days)").fill("8")
    page.get_by_label("Tasks it hits").fill("3.3, 9.9")
    page.get_by_role("button", name="Add risk").click()
    expect(page.get_by_role("alert")).to_contain_text("Task ID 9.9 is not in this plan")
    assert_accessible(page)
    page.get_by_label("Tasks it hits").fill("3.3")
    page.get_by_role("button", name="Add risk").click()
    expect(page.get_by_role("row", name="Key officer leaves")).to_contain_text("15%")
    assert_accessible(page)
    screenshot(page, "delivery-risk-events")


def test_the_demo_plan_pages_are_accessible(page: Page, org) -> None:
    load_demo(org.a)
    sign_in(page, "project_manager")
    page.goto("/projects/1/")
    page.get_by_role("link", name="Plan", exact=True).click()
    expect(page.get_by_role("table", name="Tasks, their dates and floats")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "delivery-plan")
    page.get_by_role("link", name="3.1 Configure the portal").click()
    expect(page.get_by_text("Early start set by: FS link with 2.3")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Change task").click()
    assert_accessible(page)
    page.goto("/projects/1/plan/baselines/")
    assert_accessible(page)
    page.get_by_role("link", name="Approved at the gateway").click()
    assert_accessible(page)
    page.goto("/projects/1/plan/import/")
    page.get_by_label("Plan file").set_input_files(
        files=[{"name": "plan.xml", "mimeType": "text/xml", "buffer": b"<Project>"}]
    )
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("alert")).to_contain_text("could not be read")
    assert_accessible(page)
    page.goto("/projects/1/gantt/")
    expect(page.get_by_role("img", name="Gantt chart of tasks 1 to 17")).to_contain_text("Today")
    assert_accessible(page)
    screenshot(page, "delivery-gantt-demo")
