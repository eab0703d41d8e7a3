"""Single sign-on in Chromium against a real OpenID Connect provider on loopback."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from civicp3.identity.models import SignInIdentity
from tests.browser_support import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def start(page: Page, council_name: str) -> None:
    page.goto("/sign-in/")
    expect(page.get_by_role("heading", name="Sign in to Civic P3")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=f"Sign in with Microsoft for ({council_name})").click()


def provider_sign_in(page: Page, login: str) -> None:
    """The loopback provider's own sign-in and consent forms."""
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any password")
    page.locator("button[type=submit]").click()
    consent = page.get_by_role("button", name="Continue")
    if consent.count():
        consent.click()


def test_an_invited_person_signs_in_and_comes_back(page: Page, org, sso) -> None:
    start(page, "Alpha District Council")
    provider_sign_in(page, "alice")
    expect(page.get_by_role("heading", name="Alpha District Council", level=1)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "sso-signed-in")
    identity = SignInIdentity.objects.get()
    assert identity.user == org.people_a["pmo"]

    page.get_by_role("button", name="Sign out").click()
    start(page, "Alpha District Council")
    if page.locator("input[name=login]").count():
        provider_sign_in(page, "alice")
    expect(page.get_by_role("heading", name="Alpha District Council", level=1)).to_be_visible()
    assert SignInIdentity.objects.count() == 1
    assert User.objects.filter(email__iexact="alice@alpha.example").count() == 1


def test_someone_from_an_allowed_domain_gets_an_account_with_no_roles(page: Page, org, sso) -> None:
    start(page, "Alpha District Council")
    provider_sign_in(page, "newton")
    expect(page.get_by_text("You do not have a role in any council yet")).to_be_visible()
    assert_accessible(page)
    newton = User.objects.get(email="newton@alpha.example")
    assert not newton.memberships.exists()
    assert not newton.has_usable_password()


def test_an_unknown_domain_is_refused_with_a_clear_page(page: Page, org, sso) -> None:
    start(page, "Alpha District Council")
    provider_sign_in(page, "mallory")
    expect(page.get_by_role("heading", name="You have not been signed in")).to_be_visible()
    expect(page.get_by_text("mallory@elsewhere.example is not an address")).to_be_visible()
    assert_accessible(page)
    assert not User.objects.filter(email="mallory@elsewhere.example").exists()


def test_a_person_of_council_a_cannot_use_council_bs_provider(page: Page, org, sso) -> None:
    start(page, "Beta Borough Council")
    provider_sign_in(page, "alice")
    expect(page.get_by_role("heading", name="You have not been signed in")).to_be_visible()
    expect(page.get_by_text("is not an address Beta Borough Council signs in")).to_be_visible()
    page.goto("/")
    expect(page.get_by_role("heading", name="Sign in to Civic P3")).to_be_visible()


def test_a_provider_that_is_down_gets_a_clear_page(page: Page, org, sso, real_provider) -> None:
    real_provider.stop()
    start(page, "Alpha District Council")
    expect(page.get_by_role("heading", name="You have not been signed in")).to_be_visible()
    expect(page.get_by_text("sign-in service is not answering")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("expired", "had expired before it reached Civic P3"),
        ("wrong_audience", "signed you in to a different application"),
        ("tampered", "could not confirm that the sign-in really came from Microsoft"),
    ],
)
def test_a_bad_id_token_is_refused(page: Page, org, crafted, mode: str, reason: str) -> None:
    crafted.mode = mode
    start(page, "Alpha District Council")
    expect(page.get_by_role("heading", name="You have not been signed in")).to_be_visible()
    expect(page.get_by_text(reason)).to_be_visible()
    assert not SignInIdentity.objects.exists()


def test_a_good_crafted_token_signs_in(page: Page, org, crafted) -> None:
    start(page, "Alpha District Council")
    expect(page.get_by_role("heading", name="Alpha District Council", level=1)).to_be_visible()
