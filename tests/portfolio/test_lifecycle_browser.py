"""A project walks every gate in a real browser, from concept to closure, accessible throughout."""

import pytest
from playwright.sync_api import Page, expect

from civicp3.organisation.models import Board
from tests.browser_support import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def as_user(page: Page, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, username)


def open_project(page: Page) -> None:
    page.goto("/projects/1/")
    expect(page.get_by_role("heading", name="Digital parking permits", level=1)).to_be_visible()


def step(page: Page, link: str) -> None:
    open_project(page)
    with page.expect_navigation():
        page.get_by_role("link", name=link).click()
    assert_accessible(page)


def expect_done(page: Page, text: str) -> None:
    expect(page.get_by_text(text)).to_be_visible()
    assert_accessible(page)


def test_a_project_from_concept_to_closure(page: Page, org) -> None:
    Board.objects.create(council=org.a, name="ELT project board", kind="elt_project")

    # Concept: anyone may put an idea on the register.
    as_user(page, "project_manager")
    page.goto("/projects/new/")
    assert_accessible(page)
    page.get_by_label("Title").fill("Digital parking permits")
    page.get_by_label("Project", exact=True).check()
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_text("Concept", exact=True)).to_be_visible()
    assert_accessible(page)

    # Skipping a gate: PMO cannot record an appraisal for work still at concept.
    as_user(page, "pmo")
    page.goto("/projects/1/appraisal/")
    page.get_by_label("Date of the meeting").fill("2026-02-10")
    page.get_by_label("Invited stakeholders").fill("Parking services")
    page.get_by_label("Challenges raised and the responses").fill("None")
    page.get_by_label("PMO's recommendation").fill("Proceed")
    page.get_by_role("button", name="Record the appraisal").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "You cannot record the pre-project appraisal yet"
    )
    expect(page.get_by_role("alert")).to_contain_text("Next: PMO classifies it")
    assert_accessible(page)

    # Classification against the seed's definitions, with the rationale.
    step(page, "Classify the work")
    page.get_by_label("Project", exact=True).check()
    page.get_by_label("Why is it this classification?").fill(
        "A specific, single initiative with tangible outputs"
    )
    page.get_by_role("button", name="Record the classification").click()
    expect_done(page, "PRJ-0001 is classified as a project")

    # The project brief.
    as_user(page, "project_manager")
    step(page, "Write the project brief")
    page.get_by_label("Background").fill("Permits are issued on paper")
    page.get_by_label("Objectives").fill("Residents apply online")
    page.get_by_label("Scope").fill("Residents' and visitors' permits")
    page.get_by_label("Deliverables").fill("An online form integrated with the back office")
    page.get_by_role("button", name="Save and submit the brief").click()
    expect_done(page, "Project brief submitted")

    # The business case, case by case, with its completeness shown.
    step(page, "Write the business case")
    expect(page.get_by_text("0 of 5 cases complete")).to_be_visible()
    for case in ("Strategic", "Economic", "Commercial", "Financial", "Management"):
        with page.expect_navigation():
            page.get_by_role("link", name=f"{case} case").click()
        assert_accessible(page)
        page.get_by_label(f"{case} case").fill(f"The {case.lower()} case for permits")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text(f"{case} case saved")).to_be_visible()
    expect(page.get_by_text("5 of 5 cases complete")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "portfolio-business-case")
    page.get_by_role("button", name="Submit for pre-project appraisal").click()
    expect_done(page, "Business case submitted for pre-project appraisal")

    # Pre-project appraisal, the key criteria threshold and the prioritisation matrix.
    as_user(page, "pmo")
    step(page, "Record the pre-project appraisal")
    page.get_by_label("Date of the meeting").fill("2026-02-10")
    page.get_by_label("Invited stakeholders").fill("Parking services\nICT\nFinance")
    page.get_by_label("Challenges raised and the responses").fill(
        "Can the back office integrate? Yes, the supplier has an API."
    )
    page.get_by_label("PMO's recommendation").fill("Proceed to the CLT governance board")
    page.get_by_role("button", name="Record the appraisal").click()
    expect_done(page, "Pre-project appraisal recorded")

    step(page, "Check the key criteria threshold")
    for checkbox in (
        page.get_by_role("group", name="Which key criteria does it meet?")
        .get_by_role("checkbox")
        .all()
    ):
        checkbox.check()
    page.get_by_role("button", name="Record the check").click()
    expect_done(page, "It met all 5 key criteria: sent to the CLT governance board")

    step(page, "Score on the prioritisation matrix")
    for field in page.get_by_role("spinbutton").all():
        field.fill("4")
    page.get_by_role("button", name="Save the scores").click()
    expect_done(page, "PRJ-0001 scores 44")
    expect(page.get_by_text("Gold (score 44)")).to_be_visible()

    # The CLT governance board approves it to the waiting list; it shows with its tier.
    as_user(page, "board_member")
    page.goto("/projects/boards/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="CLT governance board board pack").click()
    expect(page.get_by_role("link", name="PRJ-0001: Digital parking permits")).to_be_visible()
    assert_accessible(page)
    step(page, "Record a board decision")
    page.get_by_label("Approve to the waiting list").check()
    page.get_by_label("Date of the meeting").fill("2026-02-20")
    page.get_by_role("button", name="Record the decision").click()
    expect_done(page, "PRJ-0001 is now on the waiting list")
    page.goto("/projects/waiting-list/")
    row = page.get_by_role("row", name="PRJ-0001")
    expect(row).to_contain_text("Gold")
    expect(row).to_contain_text("44")
    assert_accessible(page)

    # The board starts it.
    step(page, "Record a board decision")
    page.get_by_label("Start now").check()
    page.get_by_label("Date of the meeting").fill("2026-03-02")
    page.get_by_role("button", name="Record the decision").click()
    expect_done(page, "PRJ-0001 is now active")

    # Two monthly highlight reports.
    as_user(page, "project_manager")
    for month, overall in (("2026-03-31", "Green"), ("2026-04-30", "Amber")):
        step(page, "Submit a highlight report")
        page.get_by_label("Month", exact=True).fill(month)
        for rag in ("Overall", "Schedule", "Cost", "Scope", "Quality", "Benefits", "Risk"):
            group = page.get_by_role("group", name=f"{rag} RAG")
            group.get_by_label(overall if rag == "Overall" else "Green").check()
        page.get_by_label("Progress this month").fill("Form built")
        page.get_by_label("Next steps").fill("Testing")
        page.get_by_role("button", name="Submit the highlight report").click()
        expect_done(page, "Highlight report for")
    expect(page.get_by_role("row", name="April 2026")).to_contain_text("Amber")
    screenshot(page, "portfolio-project-active")

    # A change request beyond tolerance goes to the board, which decides it.
    step(page, "Raise a change request")
    page.get_by_label("What is the change?").fill("Add business permits")
    page.get_by_label("Time impact").fill("40")
    page.get_by_label("Cost impact").fill("60000")
    page.get_by_role("button", name="Raise the change request").click()
    expect_done(page, "CR-001 raised: beyond tolerance: to the clt governance board")

    as_user(page, "board_member")
    page.goto("/projects/boards/")
    page.get_by_role("link", name="CLT governance board board pack").click()
    with page.expect_navigation():
        page.get_by_role("link", name="PRJ-0001 CR-001: Add business permits").click()
    assert_accessible(page)
    page.get_by_label("Approve the change").check()
    page.get_by_label("Date of the board meeting").fill("2026-05-04")
    page.get_by_role("button", name="Record the decision").click()
    expect_done(page, "CR-001 approved")

    # Closure: report, lessons learned, benefits handed to a business-as-usual owner.
    as_user(page, "project_manager")
    step(page, "Record the closure")
    page.get_by_label("Closure report").fill("Delivered the online permits")
    page.get_by_label("Lessons learned").fill(
        "Involve the supplier at the pre-project appraisal\nTest with residents early"
    )
    page.get_by_label("Benefit to hand over").fill("Fewer paper permits processed")
    page.get_by_label("Business-as-usual owner").fill("Parking services manager")
    page.get_by_label("First benefits review date").fill("2026-10-01")
    for item in (
        page.get_by_role("group", name="Business-as-usual transition checklist")
        .get_by_role("checkbox")
        .all()
    ):
        item.check()
    page.get_by_role("button", name="Record the closure").click()
    expect_done(page, "Closure recorded")

    as_user(page, "board_member")
    step(page, "Record a board decision")
    page.get_by_label("Close", exact=True).check()
    page.get_by_label("Date of the meeting").fill("2026-06-01")
    page.get_by_role("button", name="Record the decision").click()
    expect_done(page, "PRJ-0001 is now closed")
    expect(page.get_by_role("cell", name="Parking services manager")).to_be_visible()
    screenshot(page, "portfolio-project-closed")

    page.goto("/projects/lessons/?q=supplier")
    expect(
        page.get_by_role("cell", name="Involve the supplier at the pre-project appraisal")
    ).to_be_visible()
    assert_accessible(page)
