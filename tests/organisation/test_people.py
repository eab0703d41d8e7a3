import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from civicp3.organisation.models import Membership

pytestmark = pytest.mark.django_db


def test_it_adds_a_person_with_roles(org):
    client = org.client_for("council_admin")
    response = client.post(
        reverse("person-add"),
        {
            "username": "jsmith",
            "first_name": "Jo",
            "last_name": "Smith",
            "email": "jo@example.invalid",
            "roles": ["sponsor", "project_manager"],
        },
    )
    assert response.status_code == 302
    person = User.objects.get(username="jsmith")
    assert not person.has_usable_password()
    assert set(
        Membership.objects.filter(user=person, council=org.a).values_list("role", flat=True)
    ) == {
        "sponsor",
        "project_manager",
    }


def test_it_refuses_a_taken_username_and_no_roles(org):
    client = org.client_for("council_admin")
    response = client.post(
        reverse("person-add"),
        {"username": "PMO", "first_name": "A", "last_name": "B", "email": "not-an-email"},
    )
    body = response.content.decode()
    assert "That username is already taken" in body
    assert "Select at least one role" in body
    assert "Enter a valid email address" in body


def test_it_changes_roles_only_in_the_current_council(org):
    person = org.people_a["staff"]
    person.first_name, person.last_name, person.email = "Sam", "Staff", "s@example.invalid"
    person.save()
    person.memberships.create(council=org.b, role="auditor")
    client = org.client_for("council_admin")
    response = client.post(
        reverse("person-edit", kwargs={"pk": person.pk}),
        {"first_name": "Sam", "last_name": "Staff", "email": "s@example.invalid", "roles": ["pmo"]},
    )
    assert response.status_code == 302
    assert list(person.memberships.filter(council=org.a).values_list("role", flat=True)) == ["pmo"]
    assert list(person.memberships.filter(council=org.b).values_list("role", flat=True)) == [
        "auditor"
    ]
