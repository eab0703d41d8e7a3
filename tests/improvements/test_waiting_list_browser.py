"""The improvement team opens the waiting list, filters it and acts on a request, in a browser."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_waiting_list_and_a_request_are_accessible(page: Page, seeded) -> None:
    sign_in(page, "improvement_team")
    page.get_by_role("link", name="Waiting list").click()
    expect(page.get_by_role("heading", name="Improvement waiting list")).to_be_visible()
    expect(page.get_by_role("table", name="Fully managed (PIP): 7 requests")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "improvement-waiting-list")

    page.get_by_label("Pathway").select_option(label="Supported quick win (QW)")
    page.get_by_label("AD area").select_option(label="Hannah")
    page.get_by_role("button", name="Apply filters").click()
    table = page.get_by_role("table", name="Supported quick win (QW): 4 requests")
    expect(table.get_by_role("rowheader").first).to_contain_text("noise complaint")
    assert_accessible(page)

    table.get_by_role("link", name="Report a nuisance").click()
    expect(page.get_by_role("heading", name="Report a nuisance", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Put on hold").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Enter why IMP-0013 should be put on hold")
    assert_accessible(page)

    page.get_by_label("Reason").fill("Waiting for the Civica upgrade")
    page.get_by_role("button", name="Put on hold").click()
    expect(page.get_by_text("IMP-0013 is now on hold")).to_be_visible()
    expect(page.get_by_role("cell", name="Waiting for the Civica upgrade")).to_be_visible()
    assert_accessible(page)
