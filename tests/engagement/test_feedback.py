"""Service feedback: the public and staff "rate this service" forms, the low-rating rule, and
the staff list with each service area's average."""

import io

import pytest
from openpyxl import load_workbook

from civicp3.engagement.models import ServiceFeedback
from civicp3.engagement.services import EngagementError, engagement_settings, feedback_give
from civicp3.improvements.lifecycle import Status
from civicp3.improvements.models import ImprovementRequest
from civicp3.organisation.models import ServiceArea

pytestmark = pytest.mark.django_db

PUBLIC = "/feedback/alpha/"


def answers(**extra):
    return {"service_area_text": "Paying council tax", "stars": "4", "comment": "Quick", **extra}


def test_the_public_form_records_a_rating_without_sign_in(org, client):
    response = client.post(PUBLIC, answers())
    assert response.status_code == 302
    assert "Thank you for your feedback" in client.get(response["Location"]).content.decode()
    feedback = ServiceFeedback.objects.get()
    assert (feedback.council, feedback.stars, feedback.service_name) == (
        org.a,
        4,
        "Paying council tax",
    )
    assert feedback.channel == ServiceFeedback.Channel.PUBLIC
    assert feedback.given_by is None
    assert feedback.improvement is None  # 4 stars is above the default threshold of 2


def test_a_low_rating_becomes_an_improvement_request_for_triage(org, client):
    waste = ServiceArea.objects.get(council=org.a)
    client.post(PUBLIC, answers(service_area=waste.pk, stars="1", comment="Form kept failing"))
    feedback = ServiceFeedback.objects.get()
    request = feedback.improvement
    assert request is not None
    assert request.status == Status.SUBMITTED
    assert request.council == org.a
    assert request.service_area == waste
    assert request.process_impacted == waste.name
    assert "1 star rating given" in request.problem_statement
    assert "Form kept failing" in request.problem_statement
    # The team sees it on its home page's attention panel as new work to triage.
    home = org.client_for("improvement_team").get("/").content.decode()
    assert "1 new request to triage" in home


def test_the_threshold_is_the_councils_own_and_0_turns_it_off(org):
    rules = engagement_settings(org.a)
    rules.raise_at_or_below = 0
    rules.save()
    feedback_give(council=org.a, stars=1, service_area_text="Parking")
    assert not ImprovementRequest.objects.exists()
    rules.raise_at_or_below = 4
    rules.save()
    feedback_give(council=org.a, stars=4, service_area_text="Parking")
    assert ImprovementRequest.objects.count() == 1
    # Council B's rule is untouched.
    assert engagement_settings(org.b).raise_at_or_below == 2


def test_the_staff_form_records_who_gave_it(org):
    client = org.client_for("staff")
    waste = ServiceArea.objects.get(council=org.a)
    response = client.post("/engagement/feedback/give/", answers(service_area=waste.pk))
    assert response.status_code == 302
    feedback = ServiceFeedback.objects.get()
    assert feedback.given_by == org.people_a["staff"]
    assert feedback.channel == ServiceFeedback.Channel.STAFF
    assert feedback.service_area == waste
    assert feedback.service_area_text == ""
    assert feedback.history.count() == 1


def test_it_shows_what_is_missing_in_the_designs_words(org, client):
    response = client.post(PUBLIC, {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Select a rating from 1 to 5 stars" in page
    assert "Select the service you used, or say which it was" in page
    assert 'href="#id_service_area"' in page
    assert not ServiceFeedback.objects.exists()


def test_another_councils_service_area_is_refused(org, client):
    theirs = ServiceArea.objects.get(council=org.b)
    response = client.post(PUBLIC, answers(service_area=theirs.pk))
    assert "Select one of the services in the list" in response.content.decode()
    assert not ServiceFeedback.objects.exists()
    with pytest.raises(EngagementError):
        feedback_give(council=org.a, stars=3, service_area=theirs)
    assert not ServiceFeedback.objects.exists()


def test_the_service_refuses_a_rating_outside_1_to_5(org):
    with pytest.raises(EngagementError, match="Select a rating from 1 to 5 stars"):
        feedback_give(council=org.a, stars=6, service_area_text="Parking")
    assert not ServiceFeedback.objects.exists()


def test_a_role_the_table_does_not_name_cannot_give_staff_feedback(org):
    outsider = org.people_b["staff"]  # a person of council B only
    with pytest.raises(EngagementError, match="Your role does not allow this"):
        feedback_give(council=org.a, stars=3, service_area_text="Parking", given_by=outsider)
    assert not ServiceFeedback.objects.exists()


def test_the_list_shows_each_service_areas_average_and_filters(org):
    waste = ServiceArea.objects.get(council=org.a)
    for stars in (5, 4, 4):
        feedback_give(council=org.a, stars=stars, service_area=waste, comment=f"{stars} here")
    feedback_give(council=org.a, stars=3, service_area_text="Parking", comment="three")
    feedback_give(council=org.b, stars=1, service_area_text="Beta's own", comment="elsewhere")
    client = org.client_for("improvement_team")
    page = client.get("/engagement/feedback/").content.decode()
    averages = page.split('id="averages"')[1].split("</table>")[0]
    assert "Alpha District Council Waste" in averages
    assert "4.3" in averages
    assert "Other services (described by the customer)" in averages
    assert "3.0" in averages
    assert "elsewhere" not in page
    assert "Beta&#x27;s own" not in page
    filtered = client.get("/engagement/feedback/", {"stars": "4"}).content.decode()
    rows = filtered.split('id="feedback"')[1]
    assert rows.count("4 here") == 2
    assert "5 here" not in rows
    assert "three" not in rows
    by_area = client.get("/engagement/feedback/", {"service_area": waste.pk}).content.decode()
    assert "three" not in by_area.split('id="feedback"')[1]


def test_the_list_is_paginated(org):
    for _ in range(27):
        feedback_give(council=org.a, stars=5, service_area_text="Parking", comment="row")
    client = org.client_for("improvement_team")
    first = client.get("/engagement/feedback/").content.decode()
    second = client.get("/engagement/feedback/", {"page": "2"}).content.decode()
    assert first.split('id="feedback"')[1].count(">row<") == 25
    assert second.split('id="feedback"')[1].count(">row<") == 2


def test_it_exports_the_filtered_list_as_a_workbook(org):
    feedback_give(council=org.a, stars=1, service_area_text="Parking", comment="=SUM(A1)")
    feedback_give(council=org.a, stars=5, service_area_text="Parking", comment="fine")
    client = org.client_for("auditor")
    response = client.get("/engagement/feedback/export/xlsx/", {"stars": "1"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Given", "Service", "Stars", "Comment")
    assert len(rows) == 2
    assert rows[1][1:4] == ("Parking", 1, "=SUM(A1)")
    assert sheet["D2"].data_type == "s"  # the comment is text, never a formula
    assert rows[1][5] == ImprovementRequest.objects.get().reference
    assert client.get("/engagement/feedback/export/pdf/").status_code == 404


def test_only_the_roles_the_table_names_read_feedback(org):
    assert org.client_for("staff").get("/engagement/feedback/").status_code == 403
    assert org.client_for("sponsor").get("/engagement/feedback/").status_code == 403
    assert org.client_for("councillor").get("/engagement/feedback/").status_code == 200


def test_the_rules_are_changed_by_the_team_and_kept_in_history(org):
    client = org.client_for("improvement_team")
    response = client.post(
        "/engagement/rules/",
        {"raise_at_or_below": "3", "annual_council_month": "6", "term_reminder_days": "45"},
    )
    assert response.status_code == 302
    rules = engagement_settings(org.a)
    assert (rules.raise_at_or_below, rules.annual_council_month) == (3, 6)
    assert rules.history.first().history_user == org.people_a["improvement_team"]
    refused = client.post(
        "/engagement/rules/",
        {"raise_at_or_below": "6", "annual_council_month": "13", "term_reminder_days": "45"},
    )
    assert refused.status_code == 200
    assert engagement_settings(org.a).annual_council_month == 6
    assert org.client_for("pmo").get("/engagement/rules/").status_code == 403


def test_a_new_council_is_given_its_rules_when_it_is_made(org):
    # Made by `council_configure` (the fixture calls it, as `council_create` does).
    assert engagement_settings(org.b).raise_at_or_below == 2
    assert engagement_settings(org.b).annual_council_month == 5
