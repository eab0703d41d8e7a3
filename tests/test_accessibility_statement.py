"""The accessibility statement public-sector bodies must publish, linked from every page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

REQUIRED_SECTIONS = [
    "Feedback and contact information",
    "Reporting accessibility problems with this service",
    "Enforcement procedure",
    "Compliance status",
    "partially compliant",
    "Web Content Accessibility Guidelines version 2.2",
    "Non-accessible content",
    "Preparation of this accessibility statement",
]


def test_anyone_can_read_it_without_signing_in(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "access@alpha.example.gov.uk"
    response = client.get(reverse("accessibility"))
    body = response.content.decode()
    assert response.status_code == 200
    for section in REQUIRED_SECTIONS:
        assert section in body, section
    assert 'href="mailto:access@alpha.example.gov.uk"' in body


def test_every_page_footer_links_to_it(org, client):
    link = f'href="{reverse("accessibility")}">Accessibility statement</a>'
    assert link in client.get(reverse("login")).content.decode()
    signed_in = org.client_for("pmo")
    for name in ("home", "settings"):
        assert link in signed_in.get(reverse(name)).content.decode(), name
    assert link in signed_in.get("/no-such-page/").content.decode()


def test_it_names_the_council_for_someone_signed_in(org):
    body = org.client_for("staff").get(reverse("accessibility")).content.decode()
    assert "run by Alpha District Council" in body
