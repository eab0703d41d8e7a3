"""Go-live sign-off: nothing goes live without it, refused through the service and the page."""

from decimal import Decimal

import pytest

from civicp3.improvements.models import GoLiveSignOff
from civicp3.improvements.services import (
    ImprovementError,
    improvement_sign_off,
    improvement_transition,
)
from tests.improvements.conftest import make_request

pytestmark = pytest.mark.django_db


def sign(improvement, **extra):
    fields = {
        "process_owner": "Waste team leader",
        "testing_confirmed": True,
        "retention_number": 6,
        "retention_unit": "years",
        **extra,
    }
    return improvement_sign_off(improvement=improvement, actor=None, **fields)


def test_it_records_the_sign_off_and_the_case_retention_period(org):
    improvement = make_request(org.a, "in_delivery", score=Decimal("40"), pathway="QW")
    record = sign(improvement)
    improvement.refresh_from_db()
    assert improvement.status == "signed_off"
    assert record.retention == "6 years"
    assert (
        sign(
            make_request(org.a, "in_delivery"),
            retention_unit="not_applicable",
            retention_number=None,
        ).retention
        == "Not applicable"
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"testing_confirmed": False}, "must confirm they have carried out testing"),
        ({"retention_number": None}, "Enter the case retention period as a number"),
        ({"process_owner": ""}, "Enter the name of the process owner"),
    ],
)
def test_it_refuses_an_incomplete_sign_off(org, extra, message):
    improvement = make_request(org.a, "in_delivery")
    with pytest.raises(ImprovementError, match=message):
        sign(improvement, **extra)
    assert not GoLiveSignOff.objects.exists()


def test_the_plain_sign_off_move_is_refused_without_the_record(org):
    improvement = make_request(org.a, "in_delivery")
    with pytest.raises(ImprovementError, match="Record the process owner's go-live sign-off"):
        improvement_transition(improvement=improvement, to="signed_off", actor=None)


def test_going_back_into_delivery_withdraws_the_sign_off(org):
    improvement = make_request(org.a, "in_delivery")
    sign(improvement)
    improvement_transition(improvement=improvement, to="in_delivery", actor=None)
    # Forced back to signed off without a new sign-off, live is still refused.
    improvement.status = "signed_off"
    improvement.save()
    with pytest.raises(ImprovementError, match="cannot go live without the process owner's"):
        improvement_transition(improvement=improvement, to="live", actor=None)


def test_going_live_records_when(org):
    improvement = make_request(org.a, "in_delivery")
    sign(improvement)
    improvement_transition(improvement=improvement, to="live", actor=None)
    improvement.refresh_from_db()
    assert improvement.status == "live"
    assert improvement.went_live_at is not None


def test_the_page_refuses_live_without_sign_off_in_the_error_summary(org):
    make_request(org.a, "in_delivery")
    client = org.client_for("improvement_team")
    response = client.post("/improvements/IMP-0001/", {"to": "live"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in text
    assert "An improvement can only go live when it is signed off. This one is in delivery" in text
    assert "Put live" not in text


def test_the_sign_off_page_records_it(org):
    make_request(org.a, "in_delivery")
    client = org.client_for("improvement_team")
    incomplete = client.post(
        "/improvements/IMP-0001/sign-off/", {"process_owner": "Pat", "retention_unit": "weeks"}
    )
    assert "must confirm they have carried out testing" in incomplete.content.decode()
    done = client.post(
        "/improvements/IMP-0001/sign-off/",
        {
            "process_owner": "Pat",
            "testing_confirmed": "on",
            "retention_number": "4",
            "retention_unit": "weeks",
        },
        follow=True,
    )
    text = done.content.decode()
    assert "IMP-0001 is now signed off" in text
    assert "4 weeks" in text
    assert "Put live" in text
