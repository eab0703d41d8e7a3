"""PMO drafts a Best Value self-assessment, rates a theme's characteristics, and the sponsor
takes it through review and member endorsement to publication, in a browser with axe-core."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_self_assessment_is_drafted_endorsed_and_published(page: Page, org) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "pmo")
    page.goto("/productivity-plan/")
    page.get_by_role("link", name="Start a Best Value self-assessment").click()
    expect(page.get_by_role("heading", name="Start a Best Value self-assessment")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Start the self-assessment").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter title")
    assert_accessible(page)
    page.get_by_label("Title").fill("Alpha Best Value self-assessment 2026")
    page.get_by_role("button", name="Start the self-assessment").click()

    expect(page.get_by_text("started in draft")).to_be_visible()
    for theme in (
        "1. Continuous Improvement",
        "3. Governance",
        "7. Partnerships and Community Engagement",
    ):
        expect(page.get_by_role("heading", name=theme)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Characteristics", exact=True).click()
    expect(page.get_by_role("heading", name="Characteristics", level=1)).to_be_visible()
    page.get_by_role("button", name="Load the characteristics").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter characteristics file")
    assert_accessible(page)
    page.go_back()
    page.go_back()
    page.get_by_role("link", name="Rate the characteristics: Governance").click()
    expect(page.get_by_role("heading", name="3. Governance")).to_be_visible()
    expect(page.get_by_text("Sample characteristics shipped with Civic P3")).to_be_visible()
    assert_accessible(page)
    first = "Sample: decisions are taken at the right level and recorded"
    page.get_by_role("group", name=first).get_by_label("Strong").check()
    page.get_by_label(f"Narrative: {first}").fill("Every board decision is logged with its date.")
    page.get_by_role("button", name="Save the ratings").click()
    expect(page.get_by_text("Ratings saved: Governance")).to_be_visible()
    expect(
        page.get_by_role("cell", name="Every board decision is logged with its date.")
    ).to_be_visible()
    screenshot(page, "best-value-draft")

    page.get_by_role("button", name="Send for leadership team review").click()
    expect(page.get_by_text("is now: Leadership team review")).to_be_visible()
    page.get_by_label("Committee", exact=True).fill("Cabinet")
    page.get_by_label("Date of the meeting").fill("2026-11-10")
    page.get_by_role("button", name="Record member endorsement").click()
    expect(page.get_by_text("is now: Endorsed by members")).to_be_visible()
    expect(page.get_by_role("button", name="Record submission")).to_have_count(0)
    page.get_by_label("Date").fill("2026-11-12")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("is now: Published")).to_be_visible()
    expect(page.get_by_role("heading", name="The plan of record")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="public page").click()
    expect(
        page.get_by_role("heading", name="Alpha Best Value self-assessment 2026")
    ).to_be_visible()
    expect(page.get_by_text("Every board decision is logged with its date.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "best-value-published")
