"""Go-live sign-off: the delivery team asks a named process owner, who confirms it in the app
themselves; nothing goes live without it. Refused through the service, the page and the API."""

from decimal import Decimal

import pytest

from civicp3.improvements.models import GoLiveSignOff
from civicp3.improvements.services import (
    GateNotMet,
    ImprovementError,
    improvement_sign_off_confirm,
    improvement_sign_off_request,
    improvement_transition,
)
from tests.improvements.conftest import api_transition, file_all_returns, make_request

pytestmark = pytest.mark.django_db


def in_delivery(org, returned=True):  # type: ignore[no-untyped-def]
    improvement = make_request(
        org.a, "in_delivery", score=Decimal("40"), pathway="QW", phase="define"
    )
    if returned:
        file_all_returns(improvement)
    return improvement


def asked(org, improvement):  # type: ignore[no-untyped-def]
    return improvement_sign_off_request(
        improvement=improvement,
        owner=org.people_a["sponsor"],
        actor=org.people_a["improvement_team"],
    )


def confirm(org, improvement, **extra):  # type: ignore[no-untyped-def]
    fields = {"testing_confirmed": True, "retention_number": 6, "retention_unit": "years"}
    fields.update(extra)
    actor = fields.pop("actor", org.people_a["sponsor"])
    return improvement_sign_off_confirm(improvement=improvement, actor=actor, **fields)


def test_the_owner_confirms_and_the_record_shows_who_and_when(org, mailoutbox):
    improvement = in_delivery(org)
    org.people_a["sponsor"].email = "sponsor@alpha.example"
    org.people_a["sponsor"].save()
    asked(org, improvement)
    assert mailoutbox[-1].to == [org.people_a["sponsor"].email]
    assert "/improvements/IMP-0001/sign-off/confirm/" in mailoutbox[-1].body
    record = confirm(org, improvement)
    improvement.refresh_from_db()
    assert improvement.status == "signed_off"
    assert record.retention == "6 years"
    assert record.recorded_by == org.people_a["sponsor"]
    assert record.confirmed_at is not None


def test_only_the_named_owner_can_confirm(org):
    improvement = in_delivery(org)
    asked(org, improvement)
    with pytest.raises(ImprovementError, match=r"Only .* the process owner asked to sign off"):
        confirm(org, improvement, actor=org.people_a["improvement_team"])
    improvement.refresh_from_db()
    assert improvement.status == "in_delivery"


def test_sign_off_is_refused_before_every_phase_is_returned(org):
    improvement = in_delivery(org, returned=False)
    with pytest.raises(GateNotMet, match="a phase-completion return for each phase"):
        asked(org, improvement)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"testing_confirmed": False}, "Confirm that you have carried out testing"),
        ({"retention_number": None}, "Enter the case retention period as a number"),
    ],
)
def test_it_refuses_an_incomplete_confirmation(org, extra, message):
    improvement = in_delivery(org)
    asked(org, improvement)
    with pytest.raises(ImprovementError, match=message):
        confirm(org, improvement, **extra)
    assert not GoLiveSignOff.objects.filter(confirmed_at__isnull=False).exists()


def test_the_plain_sign_off_move_is_refused_without_the_owners_confirmation(org):
    improvement = in_delivery(org)
    asked(org, improvement)
    with pytest.raises(GateNotMet, match="the process owner's go-live sign-off"):
        improvement_transition(improvement=improvement, to="signed_off", actor=None)


def test_going_back_into_delivery_withdraws_the_sign_off(org):
    improvement = in_delivery(org)
    asked(org, improvement)
    confirm(org, improvement)
    improvement_transition(improvement=improvement, to="in_delivery", actor=None)
    # Forced back to signed off without a new sign-off, live is still refused.
    improvement.status = "signed_off"
    improvement.save()
    with pytest.raises(GateNotMet, match="the process owner's go-live sign-off"):
        improvement_transition(improvement=improvement, to="live", actor=None)


def test_going_live_records_when(org):
    improvement = in_delivery(org)
    asked(org, improvement)
    confirm(org, improvement)
    improvement_transition(improvement=improvement, to="live", actor=None)
    improvement.refresh_from_db()
    assert improvement.status == "live"
    assert improvement.went_live_at is not None


def test_the_page_refuses_live_without_sign_off_in_the_error_summary(org):
    in_delivery(org)
    client = org.client_for("improvement_team")
    response = client.post("/improvements/IMP-0001/", {"to": "live"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in text
    assert "An improvement can only go live when it is signed off. This one is in delivery" in text
    assert "Put live" not in text


def test_the_api_refuses_signed_off_without_the_owners_confirmation(org):
    in_delivery(org)
    response = api_transition(org, 1, "signed_off")
    assert response.status_code == 409
    assert "the process owner's go-live sign-off" in response.json()["detail"]


def test_the_team_requests_and_the_sponsor_confirms_on_the_pages(org):
    in_delivery(org)
    team = org.client_for("improvement_team")
    form = team.get("/improvements/IMP-0001/sign-off/").content.decode()
    assert 'name="process_owner"' not in form  # the team cannot type the owner's name
    sponsor = org.people_a["sponsor"]
    team.post("/improvements/IMP-0001/sign-off/", {"owner": sponsor.pk})
    # The team cannot confirm for the owner: the confirmation page is the sponsor's.
    assert team.get("/improvements/IMP-0001/sign-off/confirm/").status_code == 403
    owner = org.client_for("sponsor")
    page = owner.get("/improvements/IMP-0001/").content.decode()
    assert "Confirm the go-live sign-off" in page
    incomplete = owner.post(
        "/improvements/IMP-0001/sign-off/confirm/", {"retention_unit": "weeks"}
    ).content.decode()
    assert "Confirm that you have carried out testing" in incomplete
    done = owner.post(
        "/improvements/IMP-0001/sign-off/confirm/",
        {"testing_confirmed": "on", "retention_number": "4", "retention_unit": "weeks"},
        follow=True,
    )
    text = done.content.decode()
    assert "IMP-0001 is now signed off" in text
    assert "4 weeks" in text
