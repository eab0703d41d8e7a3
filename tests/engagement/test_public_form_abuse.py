"""The public "rate this service" form has the request form's protections: the same hourly
limit per address, the honeypot, and text refused at the door."""

import pytest

from civicp3.engagement.models import ServiceFeedback
from civicp3.improvements.models import ImprovementRequest, IntakeAttempt
from civicp3.improvements.services import improvement_settings

pytestmark = pytest.mark.django_db

PUBLIC = "/feedback/alpha/"


def answers(**extra):
    return {"service_area_text": "Parking permits", "stars": "1", "comment": "Slow", **extra}


def test_it_limits_ratings_from_one_address_with_a_429(org, client):
    limits = improvement_settings(org.a)
    limits.public_submissions_per_hour = 2
    limits.save()
    for _ in range(2):
        assert client.post(PUBLIC, answers()).status_code == 302
    refused = client.post(PUBLIC, answers())
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    assert ServiceFeedback.objects.count() == 2
    assert ImprovementRequest.objects.count() == 2  # nothing raised for the refused one
    # Another address has its own count, and the request form's count is its own too.
    assert client.post(PUBLIC, answers(), REMOTE_ADDR="10.0.0.9").status_code == 302
    assert set(IntakeAttempt.objects.values_list("kind", flat=True)) == {"feedback"}


def test_a_bot_that_fills_in_the_honeypot_is_thanked_and_ignored(org, client):
    response = client.post(PUBLIC, answers(website="http://spam.example"))
    assert response.status_code == 302
    assert "Thank you for your feedback" in client.get(response["Location"]).content.decode()
    assert not ServiceFeedback.objects.exists()
    assert not ImprovementRequest.objects.exists()


def test_text_a_document_cannot_hold_is_refused_naming_the_field(org, client):
    response = client.post(PUBLIC, answers(comment="Keyed\x0bin"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_comment"' in page
    assert "Remove the control character (\\u000b)" in page
    assert not ServiceFeedback.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"stars": "0"},
        {"stars": "6"},
        {"stars": "five"},
        {"service_area": "999999"},
        {"service_area": "'; DROP TABLE x; --"},
        {"comment": "x" * 2001},
        {"service_area_text": "y" * 201},
        {"contact_email": "not-an-address"},
    ],
)
def test_bad_input_gets_a_message_and_writes_nothing(org, client, bad):
    response = client.post(PUBLIC, answers(**bad))
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not ServiceFeedback.objects.exists()
    assert not ImprovementRequest.objects.exists()


def test_an_unknown_council_has_no_public_form(org, client):
    assert client.get("/feedback/nowhere/").status_code == 404
    assert client.post("/feedback/nowhere/", answers()).status_code == 404


def test_the_public_form_needs_no_sign_in_and_the_staff_form_does(org, client):
    assert client.get(PUBLIC).status_code == 200
    assert client.get("/engagement/feedback/give/").status_code == 302
    assert not ServiceFeedback.objects.exists()
