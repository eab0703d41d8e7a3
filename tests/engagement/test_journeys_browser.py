"""In the browser, with axe-core on every page: a resident rates a service on the public form,
and the improvement team records a member champion's appointment."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from civicp3.engagement import services
from civicp3.engagement.models import ChampionAppointment, ServiceFeedback
from tests.browser_support import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_rates_a_service_on_the_public_form(page: Page, org) -> None:
    page.goto("/feedback/alpha/")
    expect(page.get_by_role("heading", name="Rate this service", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Select a rating from 1 to 5 stars")
    assert_accessible(page)
    page.get_by_label("Which service did you use?").select_option(
        label="Alpha District Council Waste"
    )
    page.get_by_role("group", name="How would you rate this service?").get_by_label(
        "1 star", exact=True
    ).check()
    page.get_by_label("Tell us about your experience (optional)").fill(
        "The garden waste form timed out twice"
    )
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("heading", name="Thank you for your feedback")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "engagement-public-feedback")
    feedback = ServiceFeedback.objects.get()
    assert feedback.stars == 1
    assert feedback.improvement is not None  # a low rating goes to the team for triage

    sign_in(page, "improvement_team")
    page.goto("/engagement/feedback/")
    expect(page.locator("#averages")).to_contain_text("Alpha District Council Waste")
    expect(page.locator("#feedback")).to_contain_text(feedback.improvement.reference)
    assert_accessible(page)


def test_the_team_records_a_champions_appointment(page: Page, org) -> None:
    sign_in(page, "improvement_team")
    page.goto("/engagement/champions/")
    expect(page.get_by_role("heading", name="Member Improvement Champions")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Record an appointment").click()
    page.get_by_label("Councillor").fill("Cllr Simon Morgan")
    page.get_by_label("Appointing committee").fill("Overview and Scrutiny Committee")
    page.get_by_label("Date the committee appointed them").fill("2023-08-01")
    page.get_by_label("Term start").fill("2023-08-01")
    page.get_by_label("Term end (optional)").fill("2023-07-31")
    page.get_by_role("button", name="Save appointment").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "The term must end on or after the day it starts"
    )
    assert_accessible(page)
    page.get_by_label("Term end (optional)").fill("")
    page.get_by_role("button", name="Save appointment").click()
    expect(page.get_by_text("Cllr Simon Morgan's appointment recorded")).to_be_visible()
    expect(page.locator("#appointments")).to_contain_text("Overview and Scrutiny Committee")
    expect(page.locator("#appointments")).to_contain_text("31 May 2024")
    assert_accessible(page)
    screenshot(page, "engagement-champion-appointment")
    assert ChampionAppointment.objects.get().councillor == "Cllr Simon Morgan"


def test_the_other_feedback_and_champion_pages_are_accessible(page: Page, org) -> None:
    team = org.people_a["improvement_team"]
    appointment = services.appointment_save(
        council=org.a,
        actor=team,
        councillor="Cllr Emma Stephens",
        committee="Overview and Scrutiny Committee",
        appointed_on=date(2023, 8, 1),
        term_start=date(2023, 8, 1),
    )
    meeting = services.meeting_record(council=org.a, actor=team, held_on=date(2023, 9, 14))
    services.action_add(
        meeting=meeting, actor=team, text="Walk the journey", owner="Cllr", due_on=date(2023, 12, 1)
    )
    services.insight_record(
        council=org.a,
        actor=team,
        heard_on=date(2023, 9, 14),
        summary="The bulky waste form is hard to find",
        appointment=appointment,
    )
    sign_in(page, "improvement_team")
    for url, heading in (
        ("/engagement/feedback/give/", "Rate this service"),
        ("/engagement/rules/", "Feedback and champion rules"),
        ("/engagement/champions/appoint/", "Record a champion's appointment"),
        (f"/engagement/champions/{appointment.pk}/", f"Change {appointment}"),
        ("/engagement/champions/meetings/add/", "Record a champions' meeting"),
        (meeting.get_absolute_url(), str(meeting)),
        ("/engagement/champions/insight/add/", "Record customer insight"),
    ):
        page.goto(url)
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        assert_accessible(page)
    page.goto(meeting.get_absolute_url())
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.locator("#actions").get_by_role("button", name="Mark done").click()
    expect(page.get_by_text("“Walk the journey” marked done")).to_be_visible()
    assert_accessible(page)
    page.goto("/engagement/champions/")
    page.get_by_role(
        "button", name="Raise a request from “The bulky waste form is hard to find”"
    ).click()
    expect(page.get_by_text("raised for the improvement team")).to_be_visible()
    assert_accessible(page)
