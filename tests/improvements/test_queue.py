"""The improvement team's work queue, and each person's next steps on their home page."""

from decimal import Decimal

import pytest

from civicp3.improvements.services import improvement_sign_off_request
from civicp3.performance.attention import attention
from tests.improvements.conftest import file_all_returns, make_request

pytestmark = pytest.mark.django_db


def test_the_queue_lists_every_request_by_status_with_filters(org):
    make_request(org.a, process_impacted="New bins")
    make_request(org.a, "in_delivery", process_impacted="Permits", pathway="QW", phase="define")
    make_request(org.a, "on_hold", process_impacted="Parking")
    make_request(org.b, process_impacted="Beta's request")
    client = org.client_for("improvement_team")
    page = client.get("/improvements/requests/").content.decode()
    assert all(name in page for name in ("New bins", "Permits", "Parking"))
    assert "Beta&#x27;s request" not in page
    assert "Beta's request" not in page
    assert "New: 1" in page
    assert "In delivery: 1" in page
    assert "On hold: 1" in page
    new = client.get("/improvements/requests/", {"status": "new"}).content.decode()
    assert "New bins" in new
    assert "Permits" not in new
    by_reference = client.get("/improvements/requests/", {"q": "IMP-0002"}).content.decode()
    assert "Permits" in by_reference
    assert "New bins" not in by_reference
    qw = client.get("/improvements/requests/", {"pathway": "QW"}).content.decode()
    assert "Permits" in qw
    assert "Parking" not in qw


def test_the_queue_is_the_improvement_teams(org):
    assert org.client_for("staff").get("/improvements/requests/").status_code == 403


def test_new_requests_link_to_the_queue_of_new_ones(org):
    make_request(org.a)
    items = attention(org.a, frozenset({"improvement_team"}), user=org.people_a["improvement_team"])
    item = next(item for item in items if "new request" in item.label)
    assert item.url == "/improvements/requests/?status=new"
    assert org.client_for("improvement_team").get(item.url).status_code == 200


def test_the_owner_is_asked_to_sign_off_with_a_link_to_the_confirmation(org):
    improvement = make_request(
        org.a, "in_delivery", score=Decimal("40"), pathway="QW", phase="define"
    )
    file_all_returns(improvement)
    improvement_sign_off_request(improvement=improvement, owner=org.people_a["sponsor"], actor=None)
    sponsor = org.people_a["sponsor"]
    items = attention(org.a, frozenset({"sponsor"}), user=sponsor)
    item = next(item for item in items if "sign-off waits for you" in item.label)
    assert item.url == "/improvements/IMP-0001/sign-off/confirm/"
    assert item.urgent
    assert org.client_for("sponsor").get(item.url).status_code == 200


def test_urgent_only_for_what_the_person_can_act_on(org):
    make_request(org.a)
    for role in ("councillor", "auditor", "staff"):
        items = attention(org.a, frozenset({role}), user=org.people_a[role])
        assert not any(item.urgent for item in items), role
