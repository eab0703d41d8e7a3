"""A councillor and the PMO open the scorecard, benefits and each report in a browser."""

import pytest
from playwright.sync_api import Page, expect

from civicp3.performance.documents import REPORTS
from civicp3.portfolio.models import HighlightReport
from tests.browser_support import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_reports_and_registers_are_accessible(page: Page, demo, live_server) -> None:
    sign_in(page, "pmo")
    page.goto(f"{live_server.url}/performance/reports/")
    expect(page.get_by_role("heading", name="Reports", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="KPIs are red")).to_be_visible()
    assert_accessible(page)
    for report in REPORTS.values():
        page.goto(f"{live_server.url}/performance/reports/")
        page.get_by_role("link", name=report.title).click()
        expect(page.get_by_role("heading", name=report.title, level=1)).to_be_visible()
        assert_accessible(page)
        screenshot(page, f"performance-report-{report.slug}")
    page.goto(f"{live_server.url}/performance/scorecard/")
    expect(page.get_by_role("table", name="Financial: 2 red, 0 amber, 0 green")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Projects delivered within budget").click()
    page.get_by_label("Month").fill("2026-12-01")
    page.get_by_label("Actual").fill("70")
    page.get_by_role("button", name="Record actual").click()
    expect(page.get_by_role("alert")).to_contain_text("is red this period")
    assert_accessible(page)
    page.goto(f"{live_server.url}/performance/benefits/")
    expect(page.get_by_role("heading", name="Benefits register")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Printing and postage").click()
    assert_accessible(page)
    page.goto(f"{live_server.url}/performance/channel-costs/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/performance/benefits/new/")
    page.get_by_role("button", name="Add benefit").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    report = HighlightReport.objects.for_council(demo.a).select_related("project").first()
    page.goto(f"{live_server.url}{report.project.get_absolute_url()}")
    page.get_by_role("link", name="Summary report").click()
    expect(page.get_by_role("heading", name="Summary and highlight report")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "performance-project-summary-report")
