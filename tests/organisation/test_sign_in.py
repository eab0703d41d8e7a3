import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_it_sends_an_anonymous_visitor_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_signs_in_and_shows_the_council(org, client):
    response = client.post(reverse("login"), {"username": "pmo", "password": PASSWORD}, follow=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Alpha District Council" in body
    assert "PMO" in body


def test_it_explains_a_wrong_password_in_the_error_summary(org, client):
    response = client.post(reverse("login"), {"username": "pmo", "password": "wrong"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter a correct username and password" in body


def test_it_asks_for_both_fields(org, client):
    body = client.post(reverse("login"), {}).content.decode()
    assert "Enter username" in body
    assert "Enter password" in body


def test_it_locks_out_after_repeated_failures(org, client):
    for _ in range(5):
        client.post(reverse("login"), {"username": "pmo", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "pmo", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()


def test_it_signs_out_only_by_post(org):
    client = org.client_for("pmo")
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get("/").status_code == 302
