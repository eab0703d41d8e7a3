"""H1: one council's administrator must not take over a person who also belongs to another
council by changing their email (or name) and mailing a set-password link there."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from civicp3.organisation.roles import Role

pytestmark = pytest.mark.django_db


def shared_person(org, *, password: bool = True) -> User:
    """A person with a role in Alpha who is also a member of staff in Beta."""
    person = User.objects.create_user(
        username="shared", email="shared@alpha.example", first_name="Sam", last_name="Shared"
    )
    if password:
        person.set_password("s3cret-pass-phrase")
        person.save()
    person.memberships.create(council=org.a, role=Role.PMO)
    person.memberships.create(council=org.b, role=Role.STAFF)
    return person


def edit(client, person: User, **changes: str):
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "roles": ["staff"],
        **changes,
    }
    return client.post(reverse("person-edit", args=[person.pk]), data)


def test_another_councils_admin_cannot_change_a_shared_persons_email(org):
    person = shared_person(org)
    response = edit(org.client_for("council_admin", "b"), person, email="attacker@evil.example")
    assert response.status_code == 200
    assert "only they, an administrator of every council they belong to" in response.text
    person.refresh_from_db()
    assert person.email == "shared@alpha.example"


def test_another_councils_admin_cannot_rename_a_shared_person(org):
    person = shared_person(org)
    edit(org.client_for("council_admin", "b"), person, last_name="Hijacked")
    person.refresh_from_db()
    assert person.last_name == "Shared"


def test_another_councils_admin_may_still_change_their_roles_there(org):
    person = shared_person(org)
    response = edit(org.client_for("council_admin", "b"), person, roles=["staff", "auditor"])
    assert response.status_code == 302
    assert set(person.memberships.filter(council=org.b).values_list("role", flat=True)) == {
        "staff",
        "auditor",
    }


def test_an_admin_of_every_council_they_belong_to_can_change_it(org):
    person = shared_person(org)
    admin = org.people_b["council_admin"]
    admin.memberships.create(council=org.a, role=Role.COUNCIL_ADMIN)
    response = edit(org.client_for("council_admin", "b"), person, email="sam@new.example")
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email == "sam@new.example"


def test_an_installation_administrator_can_change_it(org):
    person = shared_person(org)
    admin = org.people_b["council_admin"]
    admin.is_superuser = True
    admin.save()
    edit(org.client_for("council_admin", "b"), person, email="sam@new.example")
    person.refresh_from_db()
    assert person.email == "sam@new.example"


def test_a_single_council_persons_admin_can_still_change_it(org):
    person = org.people_b["pmo"]
    person.email, person.last_name = "pmo@beta.example", "Officer"
    person.save()
    response = edit(org.client_for("council_admin", "b"), person, email="p@beta.example")
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email == "p@beta.example"


def test_another_councils_admin_cannot_send_a_set_password_link(org):
    person = shared_person(org, password=False)
    client = org.client_for("council_admin", "b")
    response = client.post(reverse("onboarding-invite", args=[person.pk]), follow=True)
    assert mail.outbox == []
    assert "only they, an administrator of every council they belong to" in response.text


def test_a_resend_goes_when_the_admin_may_change_the_identity(org):
    person = org.people_b["pmo"]
    person.email = "pmo@beta.example"
    person.set_unusable_password()
    person.save()
    org.client_for("council_admin", "b").post(reverse("onboarding-invite", args=[person.pk]))
    assert [m.to for m in mail.outbox] == [["pmo@beta.example"]]


def test_an_invalid_username_is_refused_with_a_message(org):
    response = org.client_for("council_admin").post(
        reverse("person-add"),
        {
            "username": "bad name!",
            "first_name": "A",
            "last_name": "B",
            "email": "a@b.example",
            "roles": ["staff"],
        },
    )
    assert response.status_code == 200
    assert "Enter a valid username" in response.text
    assert not User.objects.filter(username="bad name!").exists()
