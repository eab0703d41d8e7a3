"""PMO writes a committee report with the plan attached, and a shared section, in a browser."""

import pytest
from playwright.sync_api import Page, expect

from civicp3.productivity.defaults import (
    OADBY_WIGSTON_PRESET,
    committee_templates_create,
    return_templates_create,
)
from civicp3.productivity.services import plan_create
from tests.browser_support import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_committee_report_and_a_shared_section(page: Page, org) -> None:  # type: ignore[no-untyped-def]
    plan_create(council=org.a, template=return_templates_create(org.a), title="Alpha plan")
    sign_in(page, "pmo")
    page.goto("/committee-reports/")
    assert_accessible(page)
    page.get_by_role("link", name="Write a committee report").click()
    page.get_by_role("button", name="Save the report").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter title")
    assert_accessible(page)
    page.get_by_label("Title", exact=True).fill("Council Productivity Plan (2024/25)")
    page.get_by_label("Committee", exact=True).fill("Council")
    page.get_by_label("Date of the meeting").fill("2024-07-09")
    page.get_by_label("Report of").fill("Interim Strategic Director")
    page.get_by_label("Purpose of the report").fill("To seek approval of the Productivity Plan")
    page.get_by_label("Recommendations").fill("That Council endorses the Productivity Plan")
    page.get_by_role("button", name="Save the report").click()
    expect(page.get_by_text("Nothing is attached to this report.")).to_be_visible()
    page.get_by_role("link", name="Attach an appendix").click()
    page.get_by_role("button", name="Attach the appendix").click()
    expect(page.get_by_role("alert")).to_contain_text("Select what to attach")
    assert_accessible(page)
    page.get_by_label("A plan or self-assessment").check()
    page.get_by_label("Plan", exact=True).select_option(label="Alpha plan")
    page.get_by_role("button", name="Attach the appendix").click()
    expect(page.get_by_role("heading", name="Appendix 1: Alpha plan")).to_be_visible()
    expect(page.get_by_role("heading", name="Statutory officers' approvals")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "committee-report")

    page.goto("/productivity-plan/shared-sections/")
    page.get_by_role("link", name="Write a shared section").click()
    page.get_by_label("Title").fill("County barriers")
    page.get_by_label("Text").fill("- SEND high-needs deficit")
    page.get_by_label("Beta Borough Council").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save the section").click()
    expect(page.get_by_role("cell", name="Beta Borough Council")).to_be_visible()
    assert_accessible(page)


def test_the_pmo_changes_a_committee_template_in_the_app(page: Page, org) -> None:  # type: ignore[no-untyped-def]
    committee_templates_create(org.a)
    sign_in(page, "pmo")
    page.goto("/committee-reports/templates/")
    assert_accessible(page)
    page.get_by_role("link", name=f"Add a section to {OADBY_WIGSTON_PRESET}").click()
    page.get_by_label("What it shows").select_option(value="impact_climate")
    page.get_by_label("Heading").fill("Climate emergency")
    page.get_by_label("Set out as").select_option(value="implication")
    assert_accessible(page)
    page.get_by_role("button", name="Save the section").click()
    expect(page.get_by_text("Section saved: Climate emergency")).to_be_visible()
    page.get_by_role("button", name="Climate emergency").filter(has_text="Up").click()
    expect(page.get_by_text("Section moved: Climate emergency")).to_be_visible()
    rows = page.get_by_role("table", name=f"Sections of {OADBY_WIGSTON_PRESET}").get_by_role("row")
    headings = rows.locator("th[scope=row]").all_inner_texts()
    assert headings[-2] == "Climate emergency"  # moved above what was the last section
    page.get_by_label(f"How appendices are numbered in {OADBY_WIGSTON_PRESET}").select_option(
        label="Appendix A, Appendix B …"
    )
    page.get_by_role("button", name=f"Save the numbering of {OADBY_WIGSTON_PRESET}").click()
    expect(page.get_by_text(f"{OADBY_WIGSTON_PRESET}: Appendix A, Appendix B …")).to_be_visible()
    assert_accessible(page)


def test_a_new_return_template_is_added_in_the_app(page: Page, org) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "pmo")
    page.goto("/productivity-plan/templates/")
    expect(page.get_by_role("heading", name="Productivity Plan 2024")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add a template").click()
    page.get_by_label("Name").fill("Local Outcomes Framework report")
    page.get_by_role("button", name="Add the template").click()
    expect(page.get_by_role("heading", name="Add a theme")).to_be_visible()
    page.get_by_label("Theme").fill("Healthy lives")
    page.get_by_label("Improvements delivered").check()
    assert_accessible(page)
    page.get_by_role("button", name="Add the theme").click()
    expect(page.get_by_text("Theme 1 added to Local Outcomes Framework report")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Healthy lives")).to_be_visible()
    assert_accessible(page)
