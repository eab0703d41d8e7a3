"""A person signs in, switches council and changes a setting, as they would in a browser."""

import pytest
from playwright.sync_api import Page, expect

from civicp3.organisation.models import ServiceArea
from tests.browser_support import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_switch_council_and_settings_are_accessible(page: Page, org) -> None:
    admin = org.people_a["council_admin"]
    admin.memberships.create(council=org.b, role="council_admin")

    page.goto("/")
    expect(page.get_by_role("heading", name="Sign in to Civic P3")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement").click()
    expect(page.get_by_role("heading", name="Accessibility statement for Civic P3")).to_be_visible()
    assert_accessible(page)
    page.go_back()

    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)

    sign_in(page, "council_admin")
    expect(page.get_by_role("heading", name="Alpha District Council", level=1)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "home")

    page.get_by_label("Council").select_option(label="Beta Borough Council")
    page.get_by_role("button", name="Switch council").click()
    expect(page.get_by_role("heading", name="Beta Borough Council", level=1)).to_be_visible()
    expect(page.get_by_text("You are now working in Beta Borough Council")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Council settings").first.click()
    expect(page.get_by_role("heading", name="Council settings")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "council-settings")

    page.get_by_role("link", name="Service areas").click()
    page.get_by_role("link", name="Add a service area").click()
    page.get_by_label("Monthly capacity (hours)").fill("-5")
    page.get_by_role("button", name="Save service area").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Name").fill("Parks")
    page.get_by_label("Directorate or AD area").select_option(label="Beta Borough Council AD area")
    page.get_by_label("Monthly capacity (hours)").fill("35")
    page.get_by_role("button", name="Save service area").click()
    expect(page.get_by_text("Service area added")).to_be_visible()
    expect(page.get_by_role("cell", name="Parks", exact=True)).to_be_visible()
    assert_accessible(page)
    assert ServiceArea.objects.get(name="Parks").council == org.b
