"""Invitations: the operator's command, the e-mailed link, and links that are used or expired."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from civicp3.onboarding.services import invitation_link
from civicp3.organisation.models import Council

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-long-council-password-42"


def _link_in_last_email() -> str:
    match = re.search(r"http://testserver(/onboarding/invitation/\S+/)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def _create() -> None:
    call_command(
        "create_council",
        name="Tendring District Council",
        slug="tendring",
        admin_email="pmo.lead@tendring.gov.uk",
        site_url="http://testserver",
    )


def test_create_council_invites_its_administrator_who_sets_a_password_once(client) -> None:
    _create()
    council = Council.objects.get(slug="tendring")
    admin = User.objects.get(username="pmo.lead")
    assert admin.memberships.get().role == "council_admin"
    assert admin.memberships.get().council == council
    assert mail.outbox[-1].to == ["pmo.lead@tendring.gov.uk"]
    link = _link_in_last_email()

    page = client.get(link)
    assert "Set your password" in page.content.decode()
    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/onboarding/"
    assert client.get("/onboarding/").status_code == 200

    client.logout()
    again = client.get(link)
    assert again.status_code == 410
    assert "expired or has already been used" in again.content.decode()
    assert User.objects.get(username="pmo.lead").check_password(NEW_PASSWORD)


def test_an_expired_invitation_is_refused_with_a_clear_message(client, settings) -> None:
    _create()
    link = _link_in_last_email()
    settings.PASSWORD_RESET_TIMEOUT = -1
    response = client.get(link)
    assert response.status_code == 410
    assert "This invitation link has expired or has already been used" in response.content.decode()
    posted = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert posted.status_code == 410
    assert not User.objects.get(username="pmo.lead").has_usable_password()


def test_a_tampered_invitation_link_is_refused(client, org) -> None:
    link = invitation_link(org.people_a["pmo"], "")
    assert client.get(link[:-3] + "xx/").status_code == 410
    assert client.get("/onboarding/invitation/not-a-user/abc-def/").status_code == 410


def test_create_council_refuses_a_council_that_exists(org) -> None:
    with pytest.raises(CommandError, match="already exists"):
        call_command(
            "create_council", name=org.a.name, slug="another", admin_email="x@example.gov.uk"
        )


def test_the_administrator_sends_a_new_invitation_only_to_their_own_people(org) -> None:
    person = User.objects.create_user("newbie", "newbie@example.gov.uk")
    person.memberships.create(council=org.a, role="pmo")
    admin = org.client_for("council_admin")
    assert "Send a new invitation" in admin.get("/onboarding/people/").content.decode()
    admin.post(f"/onboarding/people/{person.pk}/invite/")
    assert mail.outbox[-1].to == ["newbie@example.gov.uk"]
    assert "/onboarding/invitation/" in mail.outbox[-1].body
    other = org.client_for("council_admin", "b")
    assert other.post(f"/onboarding/people/{person.pk}/invite/").status_code == 404
    assert len(mail.outbox) == 1
