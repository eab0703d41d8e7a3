"""The single sign-on and calendar feed settings pages, in Chromium with axe-core."""

import pytest
from playwright.sync_api import Page, expect

from civicp3.identity.models import IdentityProvider
from tests.browser_support import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_sets_up_single_sign_on_and_a_feed(page: Page, org) -> None:
    sign_in(page, "council_admin")
    page.get_by_role("link", name="Council settings").first.click()
    page.get_by_role("link", name="Single sign-on").click()
    expect(page.get_by_role("heading", name="Single sign-on", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Save single sign-on").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Issuer").fill("https://login.microsoftonline.com/tenant/v2.0")
    page.get_by_label("Application (client) ID").fill("app-id")
    page.get_by_label("Client secret", exact=True).fill("s3cret")
    page.get_by_label("Allowed e-mail domains").fill("alpha.gov.uk")
    page.get_by_role("button", name="Save single sign-on").click()
    expect(page.get_by_text("Single sign-on saved")).to_be_visible()
    assert IdentityProvider.objects.get(council=org.a).client_secret == "s3cret"

    page.goto("/settings/calendar/")
    expect(page.get_by_role("heading", name="Your calendar feed")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Get a feed address").click()
    expect(page.locator("#feed-url")).to_contain_text("/calendar/")
    assert_accessible(page)
