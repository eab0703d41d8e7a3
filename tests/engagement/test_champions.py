"""Member Improvement Champions: appointments with their committee and term, meetings with
notes and actions, and customer insight that can raise an improvement request."""

from datetime import date, timedelta

import pytest

from civicp3.engagement import services
from civicp3.engagement.models import (
    ChampionAppointment,
    ChampionMeeting,
    InsightNote,
    MeetingAction,
)
from civicp3.improvements.lifecycle import Status
from civicp3.improvements.models import ImprovementRequest
from civicp3.lib.errors import Conflict
from tests import clock

pytestmark = pytest.mark.django_db


def appointment(org, **extra):
    fields = {
        "councillor": "Cllr Emma Stephens",
        "committee": "Overview and Scrutiny Committee",
        "appointed_on": date(2023, 8, 1),
        "term_start": date(2023, 8, 1),
        **extra,
    }
    return services.appointment_save(
        council=org.a, actor=org.people_a["improvement_team"], **fields
    )


def test_the_team_records_an_appointment_from_the_page(org):
    client = org.client_for("improvement_team")
    response = client.post(
        "/engagement/champions/appoint/",
        {
            "councillor": "Cllr Vanessa Bell",
            "committee": "Performance, Governance and Audit Committee",
            "appointed_on": "2023-06-15",
            "term_start": "2023-06-15",
            "term_end": "",
        },
    )
    assert response.status_code == 302
    record = ChampionAppointment.objects.get()
    assert record.council == org.a
    # Appointed annually: with no end given, the term runs to the end of the next annual
    # council's month (May by default).
    assert record.term_end == date(2024, 5, 31)
    assert record.history.first().history_user == org.people_a["improvement_team"]
    page = client.get("/engagement/champions/").content.decode()
    assert "Cllr Vanessa Bell" in page
    assert "Performance, Governance and Audit Committee" in page


def test_a_term_that_ends_before_it_starts_is_refused_naming_the_field(org):
    client = org.client_for("improvement_team")
    response = client.post(
        "/engagement/champions/appoint/",
        {
            "councillor": "Cllr Simon Morgan",
            "committee": "Overview and Scrutiny Committee",
            "appointed_on": "2023-08-01",
            "term_start": "2023-08-01",
            "term_end": "2023-07-01",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_term_end"' in page
    assert "The term must end on or after the day it starts" in page
    assert not ChampionAppointment.objects.exists()


def test_only_the_improvement_team_records_appointments(org):
    for role in ("councillor", "pmo", "staff", "auditor"):
        client = org.client_for(role)
        assert client.get("/engagement/champions/appoint/").status_code == 403, role
    with pytest.raises(services.NotAllowed):
        services.appointment_save(
            council=org.a,
            actor=org.people_a["pmo"],
            councillor="Cllr X",
            committee="Council",
            appointed_on=date(2023, 5, 1),
            term_start=date(2023, 5, 1),
        )
    assert not ChampionAppointment.objects.exists()
    assert org.client_for("auditor").get("/engagement/champions/").status_code == 200
    assert org.client_for("staff").get("/engagement/champions/").status_code == 403


def test_another_councils_appointment_is_not_found(org):
    theirs = services.appointment_save(
        council=org.b,
        actor=org.people_b["improvement_team"],
        councillor="Cllr Beta",
        committee="Scrutiny",
        appointed_on=date(2023, 5, 20),
        term_start=date(2023, 5, 20),
    )
    client = org.client_for("improvement_team")
    assert client.get(f"/engagement/champions/{theirs.pk}/").status_code == 404
    assert "Cllr Beta" not in client.get("/engagement/champions/").content.decode()


def test_a_meeting_keeps_its_notes_and_actions_and_an_action_is_done_once(org):
    client = org.client_for("improvement_team")
    response = client.post(
        "/engagement/champions/meetings/add/", {"held_on": "2023-09-14", "notes": "First one"}
    )
    meeting = ChampionMeeting.objects.get()
    assert response["Location"] == f"/engagement/champions/meetings/{meeting.pk}/"
    client.post(
        response["Location"],
        {
            "text": "Review the website journey",
            "owner": "Cllr Emma Stephens",
            "due_on": "2023-12-01",
        },
    )
    action = MeetingAction.objects.get()
    assert (action.meeting, action.owner, action.done) == (meeting, "Cllr Emma Stephens", False)
    page = client.get(response["Location"]).content.decode()
    assert "Review the website journey" in page
    assert "Overdue" in page  # due in 2023, open at the tests' date
    client.post(f"/engagement/champions/actions/{action.pk}/done/")
    action.refresh_from_db()
    assert action.done
    with pytest.raises(Conflict):
        services.action_complete(action=action, actor=org.people_a["improvement_team"])


def test_an_action_due_before_its_meeting_is_refused(org):
    client = org.client_for("improvement_team")
    client.post("/engagement/champions/meetings/add/", {"held_on": "2023-09-14"})
    meeting = ChampionMeeting.objects.get()
    response = client.post(
        f"/engagement/champions/meetings/{meeting.pk}/",
        {"text": "Too early", "owner": "Someone", "due_on": "2023-09-01"},
    )
    assert 'href="#id_due_on"' in response.content.decode()
    assert not MeetingAction.objects.exists()


def test_a_reader_cannot_change_a_meeting(org):
    meeting = services.meeting_record(
        council=org.a, actor=org.people_a["improvement_team"], held_on=date(2023, 9, 14)
    )
    reader = org.client_for("councillor")
    url = f"/engagement/champions/meetings/{meeting.pk}/"
    assert reader.get(url).status_code == 200
    response = reader.post(url, {"text": "Mine", "owner": "Me", "due_on": "2023-12-01"})
    assert response.status_code == 403
    assert not MeetingAction.objects.exists()
    other = org.client_for("improvement_team", council="b")
    assert other.get(url).status_code == 404


def test_the_team_records_a_members_insight_and_raises_a_request_from_it_once(org):
    champion = appointment(org)
    member = org.client_for("improvement_team")
    response = member.post(
        "/engagement/champions/insight/add/",
        {
            "summary": "Residents cannot find the bulky waste form",
            "detail": "Three residents at surgery said the search gives old pages.",
            "heard_on": clock.today().isoformat(),
            "appointment": champion.pk,
        },
    )
    assert response.status_code == 302
    note = InsightNote.objects.get()
    assert note.recorded_by == org.people_a["improvement_team"]
    member.post(f"/engagement/champions/insight/{note.pk}/raise/")
    note.refresh_from_db()
    request = ImprovementRequest.objects.get()
    assert note.improvement == request
    assert request.status == Status.SUBMITTED
    assert request.raised_by == org.people_a["improvement_team"]
    assert "Cllr Emma Stephens" in request.problem_statement
    again = member.post(f"/engagement/champions/insight/{note.pk}/raise/", follow=True)
    assert f"already raised {request.reference}" in again.content.decode()
    assert ImprovementRequest.objects.count() == 1


def test_insight_names_only_this_councils_champions(org):
    theirs = services.appointment_save(
        council=org.b,
        actor=org.people_b["improvement_team"],
        councillor="Cllr Beta",
        committee="Scrutiny",
        appointed_on=date(2023, 5, 20),
        term_start=date(2023, 5, 20),
    )
    with pytest.raises(services.EngagementError):
        services.insight_record(
            council=org.a,
            actor=org.people_a["improvement_team"],
            heard_on=clock.today(),
            summary="X",
            appointment=theirs,
        )
    response = org.client_for("improvement_team").post(
        "/engagement/champions/insight/add/",
        {"summary": "X", "heard_on": clock.today().isoformat(), "appointment": theirs.pk},
    )
    assert response.status_code == 200
    assert not InsightNote.objects.exists()
    assert org.client_for("pmo").get("/engagement/champions/insight/add/").status_code == 403


def test_serving_champions_are_those_whose_term_includes_today(org):
    today = clock.today()
    appointment(org, councillor="Cllr Now", appointed_on=today, term_start=today)
    appointment(
        org,
        councillor="Cllr Then",
        appointed_on=today - timedelta(days=800),
        term_start=today - timedelta(days=800),
        term_end=today - timedelta(days=400),
    )
    page = org.client_for("councillor").get("/engagement/champions/").content.decode()
    serving = page.split('id="current"')[1].split("</ul>")[0]
    assert "Cllr Now" in serving
    assert "Cllr Then" not in serving
