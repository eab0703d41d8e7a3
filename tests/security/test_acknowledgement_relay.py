"""L7: the public request form e-mailed its acknowledgement, with the sender's own text in it,
to whatever address they typed: anyone could send anyone a message in the council's name.
Now the acknowledgement carries only the council's wording, the reference and the links."""

import pytest

from civicp3.improvements.models import ImprovementRequest
from civicp3.improvements.services import status_url
from tests.improvements.test_intake import answers

pytestmark = pytest.mark.django_db

SPAM = "Cheap pills at https://spam.example/buy — reply with your bank details"


def test_the_acknowledgement_to_a_typed_address_carries_none_of_the_senders_text(
    org, client, mailoutbox
):
    data = answers(
        process_impacted=SPAM[:300],
        problem_statement=SPAM,
        what_we_require=SPAM,
        contact_name=SPAM[:100],
        service_area_text=SPAM[:200],
        contact_email="victim@example.com",
    )
    response = client.post("/improvements/raise/alpha/", data)
    assert response.status_code == 302
    (sent,) = mailoutbox
    assert sent.to == ["victim@example.com"]
    everything = sent.subject + sent.body
    for words in ("spam.example", "pills", "bank details"):
        assert words not in everything
    assert "IMP-0001" in sent.subject
    assert "Alpha" in sent.body


def test_the_acknowledgement_still_gives_the_requester_their_status_link(org, client, mailoutbox):
    client.post("/improvements/raise/alpha/", answers())
    improvement = ImprovementRequest.objects.get()
    assert status_url(improvement=improvement) in mailoutbox[0].body
