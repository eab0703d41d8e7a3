"""The dashboard, the highlight report form and the reports of a council with no data, in a
browser: each page passes axe-core with zero violations."""

import pytest
from playwright.sync_api import Page, expect

from civicp3.performance.documents import REPORTS
from civicp3.portfolio.models import Project
from tests.browser_support import assert_accessible, screenshot, sign_in
from tests.clock import next_month

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_each_roles_dashboard_shows_what_needs_attention(page: Page, demo, live_server) -> None:
    for username, expected in (
        ("pmo", "KPIs are red"),
        ("board_member", "1 project awaits the board's decision"),
        ("staff", "Nothing needs your attention."),
    ):
        page.context.clear_cookies()
        sign_in(page, username)
        panel = page.locator(".app-attention")
        expect(panel.get_by_role("heading", name="What needs my attention")).to_be_visible()
        expect(panel).to_contain_text(expected)
        assert_accessible(page)
        screenshot(page, f"performance-dashboard-{username}")


def test_the_project_manager_reports_quality_and_benefits(page: Page, demo, live_server) -> None:
    month = next_month()  # the demo holds a report for every month up to this one
    project = Project.objects.for_council(demo.a).get(stage="active", kind="project")
    sign_in(page, "project_manager")
    page.goto(f"/projects/{project.number}/highlight-reports/new/")
    page.get_by_label("Month", exact=True).fill(month.isoformat())
    page.get_by_role("button", name="Submit the highlight report").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Select the quality RAG status")
    expect(summary).to_contain_text("Select the benefits RAG status")
    assert_accessible(page)
    for measure in ("Overall", "Schedule", "Cost", "Scope", "Quality", "Benefits", "Risk"):
        page.get_by_role("group", name=f"{measure} RAG").get_by_label("Green").check()
    page.get_by_label("Progress this month").fill("Residents tested the form.")
    page.get_by_label("Next steps").fill("Go live next month.")
    page.get_by_role("button", name="Submit the highlight report").click()
    page.get_by_role("link", name="Summary report").click()
    table = page.get_by_role("table", name=f"RAG status for {month:%B %Y} against last period")
    expect(table.get_by_role("row", name="Quality")).to_contain_text("Green")
    expect(table.get_by_role("row", name="Time")).to_contain_text("Same")
    assert_accessible(page)
    screenshot(page, "performance-summary-report-quality-benefits")


def test_a_council_with_no_data_sees_what_would_fill_each_report(page: Page, org, live_server):
    sign_in(page, "pmo-b")
    for report in REPORTS.values():
        page.goto(f"/performance/reports/{report.slug}/")
        expect(page.get_by_role("heading", name=report.title, level=1)).to_be_visible()
        expect(page.locator(".app-report-empty").first).to_be_visible()
        assert_accessible(page)
    screenshot(page, "performance-report-governance-empty")
