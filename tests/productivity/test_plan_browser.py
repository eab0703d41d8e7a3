"""PMO takes a Productivity Plan from draft to published, with the committee's amendment
recorded, and the public opens the published page, in a browser."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BARRIERS = "4. The barriers preventing progress that the Government can help to reduce or remove"


def test_a_plan_goes_from_draft_to_published(page: Page, org) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "pmo")
    page.goto("/productivity-plan/")
    expect(page.get_by_role("heading", name="Productivity Plan", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Start a plan").click()
    page.get_by_label("Return").select_option(label="Productivity Plan 2024")
    page.get_by_label("Title").fill("Alpha Productivity Plan 2024")
    page.get_by_role("button", name="Start the plan").click()

    expect(page.get_by_role("heading", name="Edit the plan's text")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Foreword").fill("Our plan, written from **live data**.")
    page.get_by_label(BARRIERS).fill("- Funding certainty\n- Legacy systems")
    page.get_by_role("button", name="Save the text").click()
    expect(page.get_by_text("The plan's text has been saved")).to_be_visible()
    expect(page.get_by_text("The plan is expected to be 3 to 4 pages long")).to_be_visible()
    expect(page.get_by_role("heading", name=BARRIERS)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "productivity-plan-draft")

    page.get_by_role("button", name="Send for leadership team review").click()
    expect(page.get_by_text("is now: Leadership team review")).to_be_visible()
    page.get_by_role("button", name="Record member endorsement").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Enter committee")
    assert_accessible(page)

    page.get_by_label("Committee", exact=True).fill("Cabinet")
    page.get_by_label("Date of the meeting").fill("2024-07-09")
    page.get_by_label("Amendments the committee made").fill(
        "With the addition of wording to articulate SEND challenges"
    )
    page.get_by_role("button", name="Record member endorsement").click()
    expect(page.get_by_text("is now: Endorsed by members")).to_be_visible()
    expect(page.get_by_text("Cabinet, 9 July 2024")).to_be_visible()

    page.get_by_role("link", name="Edit the plan's text").click()
    page.get_by_label(BARRIERS).fill("- Funding certainty\n- Legacy systems\n- SEND challenges")
    page.get_by_role("button", name="Save the text").click()

    page.get_by_label("Date").fill("2024-07-12")
    page.get_by_role("button", name="Record submission").click()
    expect(page.get_by_text("Deadline for submission")).to_be_visible()
    page.get_by_label("Date").fill("2024-07-15")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("is now: Published")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Versions").click()
    page.get_by_label("Older version").select_option(label="Version 4: Member endorsement recorded")
    page.get_by_label("Newer version").select_option(label="Version 5: Text edited")
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("listitem").filter(has_text="Added: • SEND challenges")).to_be_visible()
    assert_accessible(page)

    page.go_back()
    page.go_back()
    page.get_by_role("link", name="public page").click()
    expect(page.get_by_role("heading", name="Alpha Productivity Plan 2024")).to_be_visible()
    expect(page.get_by_text("Endorsed by Cabinet on 9 July 2024").first).to_be_visible()
    expect(page.get_by_text("SEND challenges", exact=True)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "productivity-plan-published")
