"""M5: the public rating page showed the title of any request in any status (the references
are sequential) and let anyone rate any request. Now only the person who raised it, through the
feedback link of their acknowledgement, may rate it, and only once the work is finished."""

import pytest

from civicp3.improvements.models import Rating
from civicp3.improvements.services import (
    ImprovementError,
    improvement_acknowledge,
    rating_give,
    rating_url,
    requester_token,
)
from tests.improvements.conftest import make_request

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Staff disciplinary case handling"


def test_a_guessed_reference_shows_nothing_and_takes_no_rating(org, client):
    make_request(org.a, "closed", process_impacted=SECRET_TITLE)
    for guess in ("", "x/", "not-the-token/"):
        url = f"/improvements/feedback/alpha/IMP-0001/{guess}"
        assert SECRET_TITLE not in client.get(url).text
        assert client.post(url, {"stars": "1"}).status_code == 404
    assert not Rating.objects.exists()


def test_one_requests_link_does_not_open_another(org, client):
    first = make_request(org.a, "closed")
    make_request(org.a, "closed", process_impacted=SECRET_TITLE)
    url = rating_url(improvement=first).replace("IMP-0001", "IMP-0002")
    assert client.get(url).status_code == 404


def test_the_requester_rates_finished_work_from_their_acknowledgement(org, client, mailoutbox):
    improvement = make_request(org.a, "closed", contact_email="sam@example.com")
    improvement_acknowledge(improvement=improvement)
    link = rating_url(improvement=improvement)
    assert link in mailoutbox[0].body
    page = client.get(link)
    assert "Rate this service: Garden waste renewals" in page.text
    assert "Thank you for your feedback" in client.post(link, {"stars": "4"}).text
    assert Rating.objects.get(improvement=improvement).stars == 4


@pytest.mark.parametrize("status", ["submitted", "waiting_list", "rejected", "withdrawn"])
def test_work_that_is_not_finished_cannot_be_rated(org, client, status):
    improvement = make_request(org.a, status)
    link = rating_url(improvement=improvement)
    page = client.get(link)
    assert "is not finished yet" in page.text
    assert 'name="stars"' not in page.text
    client.post(link, {"stars": "1"})
    with pytest.raises(ImprovementError, match="not finished yet"):
        rating_give(
            improvement=improvement, token=requester_token(improvement=improvement), stars=1
        )
    assert not Rating.objects.exists()


def test_the_service_refuses_a_rating_without_the_requesters_token(org):
    improvement = make_request(org.a, "live")
    with pytest.raises(ImprovementError, match="feedback link"):
        rating_give(improvement=improvement, token="guessed", stars=5)
    assert not Rating.objects.exists()
