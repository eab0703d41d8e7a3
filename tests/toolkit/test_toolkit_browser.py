"""Acceptance: a PMO officer works through a project's toolkit in a browser, every page
checked by axe-core."""

import pytest
from playwright.sync_api import Page, expect

from civicp3.portfolio.services import project_create
from civicp3.toolkit.demo import load_demo
from tests.browser_support import assert_accessible, screenshot, sign_in


def tabs(page: Page):
    """A project's own tabs (the service navigation also has Risks and Decisions)."""
    return page.get_by_role("navigation", name="Project sections")


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_risks_decisions_requirements_and_options_in_a_browser(page: Page, org) -> None:
    project = project_create(council=org.a, title="New waste round")
    sign_in(page, "pmo")
    page.goto(project.get_absolute_url())
    tabs(page).get_by_role("link", name="Risks", exact=True).click()
    expect(page.get_by_role("heading", name="Risks", exact=True)).to_be_visible()
    assert_accessible(page)

    # Add a risk, first forgetting the likelihood.
    page.get_by_role("link", name="Add a risk").click()
    page.get_by_label("Risk", exact=True).fill("Depot lease ends early")
    page.get_by_role("button", name="Add risk").click()
    expect(page.get_by_role("alert")).to_contain_text("Select the likelihood")
    assert_accessible(page)
    page.get_by_label("Likelihood", exact=True).select_option("4")
    page.get_by_label("Impact", exact=True).select_option("5")
    page.get_by_label("Target likelihood").select_option("2")
    page.get_by_label("Target impact").select_option("5")
    page.get_by_label("Next review date").fill("2030-01-31")
    page.get_by_role("button", name="Add risk").click()
    expect(page.get_by_text("Risk added")).to_be_visible()
    table = page.get_by_role("table", name="Project risks", exact=True)
    expect(table).to_contain_text("20 Very high")
    assert_accessible(page)
    screenshot(page, "toolkit-project-risks")

    # Escalate it to the corporate risk register.
    table.get_by_role("link", name="Depot lease ends early").click()
    assert_accessible(page)
    page.get_by_role("button", name="Escalate to the corporate risk register").click()
    expect(page.get_by_text("escalated to the corporate risk register")).to_be_visible()
    expect(page.get_by_text("From the project register by")).to_be_visible()
    assert_accessible(page)
    page.goto("/risks/corporate/")
    expect(page.get_by_role("table", name="Corporate risk register").first).to_contain_text(
        "Escalated from project"
    )
    assert_accessible(page)

    # Record a decision.
    page.goto(project.get_absolute_url())
    tabs(page).get_by_role("link", name="Decisions", exact=True).click()
    page.get_by_role("link", name="Record a decision").click()
    page.get_by_label("Decision", exact=True).fill("Lease a second depot")
    page.get_by_label("Options considered").fill("Buy; lease; do nothing")
    page.get_by_label("Made by").fill("Sponsor")
    page.get_by_label("Date of decision").fill("2026-02-03")
    page.get_by_label("RSK-0001: Depot lease ends early").check()
    assert_accessible(page)
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_role("table", name="Decisions")).to_contain_text("Lease a second depot")
    assert_accessible(page)

    # MoSCoW requirements: an untraced must-have is flagged.
    tabs(page).get_by_role("link", name="Requirements", exact=True).click()
    for description, priority in [
        ("Residents book a collection online", "Must have"),
        ("Text reminders", "Could have"),
    ]:
        page.get_by_role("link", name="Add a requirement").click()
        page.get_by_label("Requirement", exact=True).fill(description)
        page.get_by_label(priority, exact=True).check()
        page.get_by_role("button", name="Add requirement").click()
    matrix = page.get_by_role("table", name="Traceability matrix")
    must = matrix.get_by_role("row").filter(has_text="Residents book a collection online")
    expect(must).to_contain_text("Must have with no acceptance test")
    assert_accessible(page)
    screenshot(page, "toolkit-traceability")

    # Compare two options with the do-nothing baseline and carry one into the business case.
    tabs(page).get_by_role("link", name="Options", exact=True).click()
    page.get_by_role("link", name="Add a criterion").click()
    page.get_by_label("Criterion").fill("Value for money")
    page.get_by_label("Weight").fill("3")
    page.get_by_role("button", name="Add criterion").click()
    for name in ("Lease a depot", "Buy a depot"):
        page.get_by_role("link", name="Add an option").click()
        page.get_by_label("Option", exact=True).fill(name)
        page.get_by_role("button", name="Add option").click()
    for name, score in (("Do nothing", "1"), ("Lease a depot", "8"), ("Buy a depot", "5")):
        page.get_by_role("link", name=f"Score {name}").click()
        page.get_by_label("Value for money (weight 3)").fill(score)
        page.get_by_role("button", name="Save scores").click()
    expect(page.get_by_text("Recommended option: Lease a depot")).to_be_visible()
    assert_accessible(page)
    lease = page.get_by_role("row").filter(has_text="Lease a depot")
    lease.get_by_role("button", name="Carry into the business case").click()
    expect(page.get_by_text("Lease a depot carried into the business case")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Lease a depot")).to_contain_text(
        "Carried in by"
    )
    assert_accessible(page)
    screenshot(page, "toolkit-options")


def test_the_other_tabs_and_registers_are_accessible(page: Page, org) -> None:
    load_demo(org.a)
    project = project_create(council=org.a, title="New waste round")
    sign_in(page, "project_manager")
    page.goto("/risks/service/")
    expect(page.get_by_role("heading", name="Service risk register")).to_be_visible()
    heat_map = page.get_by_role("table", name="Service risk register: number of risks")
    expect(heat_map).to_be_visible()
    assert_accessible(page)
    screenshot(page, "toolkit-service-risks")
    page.goto("/risks/matrix/")
    assert_accessible(page)
    page.goto("/decisions/")
    assert_accessible(page)
    for tab in ("RAID", "Stakeholders", "Budget"):
        page.goto(project.get_absolute_url())
        tabs(page).get_by_role("link", name=tab, exact=True).click()
        assert_accessible(page)
    page.get_by_role("link", name="Add a budget line").click()
    page.get_by_role("button", name="Add budget line").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter budget line")
    assert_accessible(page)
