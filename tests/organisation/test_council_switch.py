import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_switches_to_another_of_my_councils(org):
    person = org.people_a["pmo"]
    person.memberships.create(council=org.b, role="auditor")
    client = org.client_for("pmo")
    assert "Alpha District Council" in client.get(reverse("home")).content.decode()
    response = client.post(reverse("council-switch"), {"council": org.b.pk, "next": "/settings/"})
    assert response.status_code == 302
    assert response["Location"] == "/settings/"
    body = client.get(reverse("home")).content.decode()
    assert '<h1 class="govuk-heading-xl">Beta Borough Council</h1>' in body
    # The auditor role in Beta allows no changes there.
    assert client.get(reverse("council-edit")).status_code == 403


def test_it_refuses_to_switch_into_a_council_i_do_not_belong_to(org):
    client = org.client_for("pmo")
    client.post(reverse("council-switch"), {"council": org.b.pk})
    assert "Alpha District Council" in client.get(reverse("home")).content.decode()


def test_it_ignores_an_unsafe_next_address(org):
    client = org.client_for("pmo")
    response = client.post(
        reverse("council-switch"), {"council": org.a.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


def test_it_rejects_a_get(org):
    assert org.client_for("pmo").get(reverse("council-switch")).status_code == 405


def test_a_person_with_no_council_is_told_so(db, django_user_model, client):
    loner = django_user_model.objects.create_user(username="loner", password="x")
    client.force_login(loner)
    response = client.get(reverse("home"))
    assert response.status_code == 403
    assert "You do not have a role in any council yet" in response.content.decode()
