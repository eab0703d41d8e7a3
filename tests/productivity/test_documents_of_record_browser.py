"""PMO adapts a committee report template, records a framework and tries to issue an
incomplete report, in a browser."""

import pytest
from playwright.sync_api import Page, expect

from civicp3.productivity.services import save_committee_report
from tests.browser_support import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_templates_frameworks_and_issuing(page: Page, org) -> None:  # type: ignore[no-untyped-def]
    report = save_committee_report(
        council=org.a,
        values={
            "title": "Council Productivity Plan (2024/25)",
            "committee": "Council",
            "meeting_date": "2024-07-09",
            "author": "Interim Strategic Director",
            "purpose": "To seek approval of the Council's Productivity Plan",
            "recommendations": "That Council endorses the Productivity Plan",
        },
    )
    sign_in(page, "pmo")
    page.goto("/committee-reports/")
    page.get_by_role("link", name="Committee report templates").click()
    expect(
        page.get_by_role("heading", name="Oadby and Wigston Borough Council (Council)")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Down: Purpose of Report").click()
    expect(page.get_by_text("Section moved: Purpose of Report")).to_be_visible()
    page.get_by_role("link", name="Change Report Summary").first.click()
    page.get_by_label("Heading").fill("Summary of the report")
    page.get_by_role("button", name="Save the section").click()
    expect(page.get_by_role("rowheader", name="Summary of the report")).to_be_visible()
    screenshot(page, "committee-report-templates")

    page.goto("/frameworks/")
    page.get_by_role("link", name="Add a strategy or framework").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter title")
    assert_accessible(page)
    page.get_by_label("Title").fill("PMO and Improvement Framework")
    page.get_by_label("Version").fill("2024 - 2027")
    page.get_by_label("Committee that approves it").fill("Strategy and Resources Committee")
    page.get_by_label("Next review due").fill("2027-03-31")
    page.get_by_label("Text").fill("## Introduction\n\nThe PMO supports corporate projects.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("For approval by Strategy and Resources Committee")).to_be_visible()
    assert_accessible(page)

    page.goto(report.get_absolute_url())
    expect(page.get_by_text("Not yet completed").first).to_be_visible()
    page.get_by_role("button", name="Issue the report").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the summary of key issues")
    expect(page.get_by_role("alert")).to_contain_text(
        "The Monitoring Officer has not signed the report off"
    )
    assert_accessible(page)
    screenshot(page, "committee-report-gaps")
