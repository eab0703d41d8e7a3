"""The acceptance journey: one request from the public form to closure with benefits, in a
browser, with axe-core checking every page on the way."""

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from civicp3.organisation.models import WageRate
from tests.browser_support import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def check(page: Page) -> None:
    assert_accessible(page)


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def follow(page: Page, link: str, heading: str) -> None:
    """Click a link and wait for the next page's heading before checking it."""
    page.get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    check(page)


def open_request(page: Page) -> None:
    page.goto("/improvements/IMP-0027/")
    check(page)


def file_phase_return(page: Page, phase: str) -> None:
    follow(
        page,
        f"File the phase-completion return for the {phase} phase",
        f"Phase-completion return: {phase.capitalize()} phase",
    )
    page.get_by_label("Which templates did you use in this phase?").fill(f"{phase} templates")
    page.get_by_role("group", name="Has all the correct documentation").get_by_label("Yes").check()
    page.get_by_role("button", name="Submit phase-completion return").click()
    expect(page.get_by_text(f"IMP-0027: {phase.capitalize()} phase complete")).to_be_visible()
    check(page)


def test_a_request_goes_from_the_public_form_to_the_success_headlines(
    page: Page, seeded, mailoutbox
) -> None:
    WageRate.objects.create(council=seeded.a, grade="Scale 5", hourly_cost=Decimal("20.00"))

    # A member of the public raises a request, with evidence.
    page.goto("/improvements/raise/alpha/")
    check(page)
    page.get_by_label("Which process needs improving?").fill("Garden waste renewals")
    page.get_by_label("Which council service is it about?").fill("Waste")
    page.get_by_label("Problem statement: what is the issue?").fill("Renewals are keyed by hand")
    page.get_by_label("What is required?").fill("An online renewal form")
    page.get_by_role("group", name="Is an online form required?").get_by_label("Yes").check()
    page.get_by_label("Evidence (optional)").set_input_files(
        [{"name": "complaints.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_label("Your name").fill("Sam Resident")
    page.get_by_label("Email address").fill("sam@example.com")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_text("IMP-0027")).to_be_visible()
    check(page)
    screenshot(page, "improvement-raised")
    assert mailoutbox[-1].to == ["sam@example.com"]
    assert "IMP-0027" in mailoutbox[-1].subject
    # The acknowledgement holds the requester's own feedback link, for when the work is done.
    feedback_link = next(
        line for line in mailoutbox[-1].body.splitlines() if "/improvements/feedback/" in line
    )
    feedback_path = feedback_link[feedback_link.index("/improvements/feedback/") :]

    # The improvement team scores it: 42 puts it third among the quick wins (45, 45, then 42).
    sign_in(page, "improvement_team")
    open_request(page)
    expect(page.get_by_text("complaints.pdf")).to_be_visible()
    follow(page, "Score against the technical matrix", "Score against the technical matrix")
    for question, answer in (
        ("How many customers", "Many"),
        ("How much officer time", "A lot"),
        ("Does it support a corporate plan", "Directly"),
        ("Is there a compliance", "None"),
        ("Have customers given feedback", "No"),
        ("How complex is the technical work", "Simple"),
        ("Can the process move online", "Partly"),
    ):
        page.get_by_role("group", name=question).get_by_label(answer).check()
    page.get_by_role("button", name="Save score").click()
    expect(page.get_by_text("IMP-0027 scored 42")).to_be_visible()
    check(page)

    # Pathway: the decision tree recommends a quick win, and the team confirms it.
    follow(page, "Decide the pathway", "Decide the pathway")
    page.get_by_role("group", name="Does it need technical work").get_by_label("Yes").check()
    page.get_by_role("group", name="Can the improvement team deliver").get_by_label("Yes").check()
    page.get_by_role("button", name="Get a recommendation").click()
    expect(page.locator("#recommendation")).to_contain_text("Supported quick win (QW)")
    check(page)
    page.get_by_role("group", name="Pathway").get_by_label("Supported quick win (QW)").check()
    page.get_by_role("button", name="Confirm pathway").click()
    expect(page.get_by_text("IMP-0027 pathway: Supported quick win (QW)")).to_be_visible()
    check(page)

    # Feasibility: every question answered yes; feasible, so it joins the waiting list.
    follow(page, "Feasibility analysis", "Feasibility analysis")
    for radio in page.locator("input[type=radio][value=yes]").all():
        radio.check()
    page.get_by_role("group", name="Outcome").get_by_label("Feasible").check()
    page.get_by_role("button", name="Save feasibility analysis").click()
    expect(page.get_by_text("IMP-0027 is now on the waiting list")).to_be_visible()
    check(page)

    page.get_by_role("link", name="Waiting list").first.click()
    quick_wins = page.get_by_role("table", name="Supported quick win (QW): 11 requests")
    expect(quick_wins.get_by_role("row").nth(3)).to_contain_text("Garden waste renewals")
    expect(quick_wins.get_by_role("row").nth(3)).to_contain_text("42")
    check(page)

    # Delivery through the five DMAIC phases, each ended by a phase-completion return.
    open_request(page)
    page.get_by_role("button", name="Start delivery").click()
    expect(page.get_by_text("IMP-0027 is now in delivery")).to_be_visible()
    for phase in ("define", "measure", "analyse", "improve", "control"):
        file_phase_return(page, phase)

    # A change request, which the sponsor agrees.
    follow(page, "Raise a change request", "Raise a change request")
    page.get_by_label("What needs to change?").fill("Add a second property to the form")
    page.get_by_label("Why is it needed?").fill("Customers with two properties apply twice")
    page.get_by_role("button", name="Send to the sponsor").click()
    expect(page.get_by_text("Change request sent to the sponsor")).to_be_visible()
    sign_out(page)
    sign_in(page, "sponsor")
    open_request(page)
    follow(page, "Decide the change request", "Decide a change request")
    page.get_by_label("Agree").check()
    page.get_by_label("Reason for the decision").fill("Small change, no extra cost")
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text("Change request agreed")).to_be_visible()
    check(page)
    sign_out(page)

    # Go-live sign-off: the team asks the process owner, who confirms it themselves.
    sign_in(page, "improvement_team")
    open_request(page)
    expect(page.get_by_role("button", name="Put live")).to_have_count(0)
    follow(
        page,
        "Request go-live sign-off from the process owner",
        "Request go-live sign-off for Garden waste renewals",
    )
    expect(page.get_by_label("Process owner's name")).to_have_count(0)
    page.get_by_label("Process owner").select_option(index=1)
    page.get_by_role("button", name="Request sign-off").click()
    expect(page.get_by_role("alert", name="Success")).to_contain_text(
        "Go-live sign-off requested from"
    )
    check(page)
    sign_out(page)
    sign_in(page, "sponsor")
    open_request(page)
    follow(page, "Confirm the go-live sign-off", "Go-live sign-off for Garden waste renewals")
    page.get_by_label("I have carried out testing").check()
    page.get_by_label("Case retention period").fill("6")
    page.get_by_role("group", name="Retention period in").get_by_label("Years").check()
    page.get_by_role("button", name="Confirm go-live sign-off").click()
    expect(page.get_by_text("IMP-0027 is now signed off")).to_be_visible()
    check(page)
    sign_out(page)
    sign_in(page, "improvement_team")
    open_request(page)
    page.get_by_role("button", name="Put live").click()
    expect(page.get_by_text("IMP-0027 is now live")).to_be_visible()
    check(page)

    # The person who raised it rates the new process from their link, twice.
    for stars in ("4 stars", "5 stars"):
        page.goto(feedback_path)
        check(page)
        page.get_by_label(stars).check()
        page.get_by_label("Tell us about your experience").fill("Much easier now")
        page.get_by_role("button", name="Send feedback").click()
        expect(page.get_by_role("heading", name="Thank you for your feedback")).to_be_visible()
        check(page)
    open_request(page)
    expect(page.get_by_text("4.5 stars on average from 2 ratings")).to_be_visible()

    # Closure with benefits: 100 hours a year at £20 an hour plus 30% on-cost is £2,600.
    follow(page, "Close with benefits", "Close with benefits")
    page.get_by_label("Officer hours saved a year").fill("100")
    page.get_by_label("Wage rate of the officers").select_option(label="Scale 5: £20.00/hour")
    page.get_by_label("One-off costs (£)").fill("500")
    page.get_by_label("Cashable savings a year (£)").fill("1000")
    page.get_by_label("An online form was delivered").check()
    page.get_by_role("button", name="Close and record benefits").click()
    expect(page.get_by_text("IMP-0027 is now closed")).to_be_visible()
    check(page)

    page.goto("/improvements/dashboard/")
    for headline, figure in (
        ("Improvements delivered", "1"),
        ("Online forms (accessible 24/7)", "1"),
        ("Officer hours saved", "100"),
        ("Working days saved", "13"),
        ("Saved in officer time", "£2,600"),
        ("Cashable savings a year", "£1,000"),
    ):
        # The row whose term is the headline (another row's "How this is counted" may name it).
        row = page.locator("#headlines .govuk-summary-list__row").filter(
            has=page.locator("dt", has_text=headline)
        )
        expect(row.locator("dd.govuk-summary-list__value")).to_contain_text(figure)
    check(page)
    screenshot(page, "improvement-success-headlines")
