"""The person who raised a request follows it: staff signed in through "Your requests", the
public through the status page whose unguessable link their acknowledgement e-mail carries."""

import pytest
from django.urls import reverse

from civicp3.improvements.services import (
    improvement_acknowledge,
    improvement_raise,
    improvement_transition,
    rating_url,
    status_url,
)
from tests.improvements.conftest import make_request

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Staff disciplinary case handling"


def raise_as(org, role: str, council: str = "a", **fields):
    people = org.people_a if council == "a" else org.people_b
    return improvement_raise(
        council=org.a if council == "a" else org.b,
        process_impacted=fields.pop("process_impacted", "Garden waste renewals"),
        problem_statement="Renewals are keyed in by hand",
        raised_by=people[role],
        **fields,
    )


def test_staff_see_their_own_requests_and_no_one_elses(org):
    raise_as(org, "staff", process_impacted="Garden waste renewals")
    raise_as(org, "project_manager", process_impacted=SECRET_TITLE)
    page = org.client_for("staff").get(reverse("improvement-mine"))
    assert page.status_code == 200
    assert "Garden waste renewals" in page.text
    assert SECRET_TITLE not in page.text


def test_staff_open_their_own_request_and_see_where_it_has_got_to(org):
    improvement = raise_as(org, "staff")
    improvement_transition(
        improvement=improvement, to="triaged", actor=org.people_a["improvement_team"]
    )
    page = org.client_for("staff").get(reverse("improvement-mine-detail", args=["0001"]))
    assert page.status_code == 200
    assert "Triaged" in page.text
    assert "scoring your request against the technical matrix" in page.text
    # the team's names and notes are theirs, not the requester's
    assert "improvement_team" not in page.text


def test_someone_elses_request_is_not_found_on_your_requests(org):
    raise_as(org, "project_manager", process_impacted=SECRET_TITLE)
    page = org.client_for("staff").get(reverse("improvement-mine-detail", args=["0001"]))
    assert page.status_code == 404
    assert SECRET_TITLE not in page.text


def test_a_request_of_another_council_is_not_on_your_requests(org):
    raise_as(org, "staff", council="b", process_impacted=SECRET_TITLE)  # IMP-0001 in B
    client = org.client_for("staff")  # council A's member of staff
    assert SECRET_TITLE not in client.get(reverse("improvement-mine")).text
    assert client.get(reverse("improvement-mine-detail", args=["0001"])).status_code == 404


def test_the_public_follow_their_request_from_the_link_in_their_acknowledgement(
    org, client, mailoutbox
):
    improvement = make_request(org.a, "waiting_list", contact_email="sam@example.com")
    improvement_acknowledge(improvement=improvement)
    link = status_url(improvement=improvement)
    assert link in mailoutbox[0].body
    page = client.get(link)
    assert page.status_code == 200
    assert "On the waiting list" in page.text
    assert "work starts when there is capacity" in page.text
    assert "Rate this service" not in page.text


def test_a_live_requests_status_page_links_to_its_rating(org, client):
    improvement = make_request(org.a, "live")
    page = client.get(status_url(improvement=improvement))
    assert rating_url(improvement=improvement) in page.text


def test_a_guessed_status_link_shows_nothing(org, client):
    first = make_request(org.a, "submitted")
    make_request(org.a, "submitted", process_impacted=SECRET_TITLE)
    guessed = status_url(improvement=first).replace("IMP-0001", "IMP-0002")
    for url in (guessed, "/improvements/status/alpha/IMP-0002/guess/"):
        page = client.get(url)
        assert page.status_code == 404
        assert SECRET_TITLE not in page.text


def test_a_status_link_does_not_open_the_same_number_in_another_council(org, client):
    first = make_request(org.a, "submitted")
    make_request(org.b, "submitted", process_impacted=SECRET_TITLE)
    other = status_url(improvement=first).replace("/alpha/", "/beta/")
    assert client.get(other).status_code == 404
