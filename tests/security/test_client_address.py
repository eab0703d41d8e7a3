"""Issue 25, L4: the sign-in lockout and the public forms' hourly limit count the client's
address. Behind the HTTPS proxy every connection comes from the proxy, so that address is the
right-most X-Forwarded-For entry (the one the proxy appended); entries to its left are the
client's own and change nothing. Without the proxy setting, X-Forwarded-For is ignored."""

import pytest
from django.urls import reverse

from civicp3.improvements.services import improvement_settings
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"  # every request reaches the app from the proxy
RAISE = "/improvements/raise/alpha/"


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_HTTPS_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1


def fail_to_sign_in(client, forwarded_for):
    client.post(
        reverse("login"),
        {"username": "pmo", "password": "wrong"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def sign_in(client, forwarded_for):
    return client.post(
        reverse("login"),
        {"username": "pmo", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def raise_request(client, forwarded_for):
    answers = {
        "process_impacted": "Garden waste renewals",
        "service_area_text": "Waste",
        "problem_statement": "Renewals are keyed in by hand",
        "what_we_require": "An online renewal form",
        "form_required": "yes",
        "contact_name": "Sam Resident",
        "contact_email": "sam@example.com",
    }
    return client.post(RAISE, answers, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def test_behind_the_proxy_two_clients_do_not_share_a_lockout(org, client, behind_proxy):
    for _ in range(5):
        fail_to_sign_in(client, "198.51.100.7")
    assert sign_in(client, "198.51.100.7").status_code == 429
    assert sign_in(client, "203.0.113.9").status_code == 302


def test_behind_the_proxy_a_forged_left_most_entry_does_not_escape_the_lockout(
    org, client, behind_proxy
):
    for n in range(5):
        fail_to_sign_in(client, f"192.0.2.{n}, 198.51.100.7")
    locked = sign_in(client, "192.0.2.99, 198.51.100.7")
    assert locked.status_code == 429
    assert "Too many attempts to sign in" in locked.content.decode()


def test_behind_the_proxy_an_entry_that_is_no_address_counts_as_the_proxy(
    org, client, behind_proxy
):
    for n in range(5):
        fail_to_sign_in(client, f"198.51.100.7, nonsense-{n}")
    assert sign_in(client, "nonsense").status_code == 429


def test_without_the_proxy_setting_x_forwarded_for_is_ignored_by_the_lockout(org, client):
    for n in range(5):
        fail_to_sign_in(client, f"198.51.100.{n}")
    assert sign_in(client, "203.0.113.9").status_code == 429


def test_with_two_proxies_the_address_is_the_second_from_the_right(org, client, settings):
    settings.BEHIND_HTTPS_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 2
    for n in range(5):
        fail_to_sign_in(client, f"192.0.2.{n}, 198.51.100.7, 10.0.0.2")
    assert sign_in(client, "198.51.100.7, 10.0.0.2").status_code == 429
    assert sign_in(client, "203.0.113.9, 10.0.0.2").status_code == 302


@pytest.fixture
def two_an_hour(org):
    limits = improvement_settings(org.a)
    limits.public_submissions_per_hour = 2
    limits.save()


def test_behind_the_proxy_two_clients_do_not_share_the_public_forms_limit(
    org, client, behind_proxy, two_an_hour
):
    for _ in range(2):
        assert raise_request(client, "198.51.100.7").status_code == 302
    assert raise_request(client, "198.51.100.7").status_code == 429
    assert raise_request(client, "203.0.113.9").status_code == 302


def test_behind_the_proxy_a_forged_left_most_entry_does_not_escape_the_public_forms_limit(
    org, client, behind_proxy, two_an_hour
):
    for n in range(2):
        assert raise_request(client, f"192.0.2.{n}, 198.51.100.7").status_code == 302
    refused = raise_request(client, "192.0.2.99, 198.51.100.7")
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()


def test_without_the_proxy_setting_x_forwarded_for_is_ignored_by_the_public_forms_limit(
    org, client, two_an_hour
):
    for n in range(2):
        assert raise_request(client, f"198.51.100.{n}").status_code == 302
    assert raise_request(client, "203.0.113.9").status_code == 429
