"""An improvement's page: its details, its history, and the next moves as buttons."""

from decimal import Decimal

import pytest

from civicp3.improvements.lifecycle import Status
from tests.improvements.conftest import make_request, record_feasible

pytestmark = pytest.mark.django_db


def waiting(org):
    improvement = make_request(
        org.a,
        Status.WAITING_LIST,
        process_impacted="Bulky waste bookings",
        score=Decimal("44"),
        pathway="QW",
    )
    record_feasible(improvement)
    return improvement


def test_it_shows_the_request_and_the_moves_it_can_make(org):
    improvement = waiting(org)
    response = org.client_for("improvement_team").get(improvement.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Bulky waste bookings</h1>' in body
    assert "IMP-0001" in body
    assert "On the waiting list</strong>" in body
    assert 'name="to" value="in_delivery"' in body
    assert ">Start delivery</button>" in body
    assert ">Put on hold</button>" in body
    assert 'value="live"' not in body


def test_it_moves_the_request_and_shows_it_in_the_history(org):
    improvement = waiting(org)
    client = org.client_for("improvement_team")
    response = client.post(improvement.get_absolute_url(), {"to": "in_delivery"}, follow=True)
    body = response.content.decode()
    assert "IMP-0001 is now in delivery" in body
    assert "Status: On the waiting list → In delivery" in body
    improvement.refresh_from_db()
    assert improvement.status == Status.IN_DELIVERY


def test_it_keeps_the_reason_for_putting_it_on_hold(org):
    improvement = waiting(org)
    client = org.client_for("improvement_team")
    response = client.post(
        improvement.get_absolute_url(),
        {"to": "on_hold", "reason": "Waiting for the new Uniform release"},
        follow=True,
    )
    assert "Waiting for the new Uniform release" in response.content.decode()


def test_a_refused_move_is_shown_as_an_error_summary(org):
    improvement = waiting(org)
    client = org.client_for("improvement_team")
    response = client.post(improvement.get_absolute_url(), {"to": "live"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert (
        "An improvement can only go live when it is signed off. This one is on the waiting list"
        in body
    )
    assert "<title>Error: " in body
    improvement.refresh_from_db()
    assert improvement.status == Status.WAITING_LIST


def test_a_missing_reason_is_shown_beside_the_reason_field(org):
    improvement = waiting(org)
    response = org.client_for("improvement_team").post(
        improvement.get_absolute_url(), {"to": "withdrawn"}
    )
    body = response.content.decode()
    assert '<a href="#id_reason">Enter why IMP-0001 should be withdrawn</a>' in body
    assert 'id="id_reason-error"' in body


def test_a_post_without_a_choice_is_an_error_not_a_500(org):
    improvement = waiting(org)
    response = org.client_for("improvement_team").post(improvement.get_absolute_url(), {})
    assert response.status_code == 200
    assert "Choose what happens next" in response.content.decode()


def test_people_who_may_only_look_see_no_buttons_and_cannot_post(org):
    improvement = waiting(org)
    client = org.client_for("auditor")
    body = client.get(improvement.get_absolute_url()).content.decode()
    assert "Bulky waste bookings" in body
    assert 'name="to"' not in body
    assert client.post(improvement.get_absolute_url(), {"to": "in_delivery"}).status_code == 403
    improvement.refresh_from_db()
    assert improvement.status == Status.WAITING_LIST


def test_staff_cannot_open_it(org):
    improvement = waiting(org)
    assert org.client_for("staff").get(improvement.get_absolute_url()).status_code == 403


def test_another_councils_request_is_404(org):
    improvement = waiting(org)
    client = org.client_for("improvement_team", council="b")
    assert client.get(improvement.get_absolute_url()).status_code == 404
    response = client.post(improvement.get_absolute_url(), {"to": "in_delivery"})
    assert response.status_code == 404
    improvement.refresh_from_db()
    assert improvement.status == Status.WAITING_LIST
