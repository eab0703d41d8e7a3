"""L15: page titles read "Error: Error: …" when a form had errors, and a digest of one
reminder said "1 thing need your attention"."""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from tests.reminders.test_send_reminders import reviews_due  # noqa: F401

pytestmark = pytest.mark.django_db


def title(html: str) -> str:
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    assert found is not None
    return found.group(1).strip()


@pytest.mark.parametrize(
    ("path", "data", "expected"),
    [
        ("/projects/new/", {"title": ""}, "Error: Add to the register \u2013 Civic P3"),
        ("/settings/api-tokens/", {"name": ""}, "Error: API tokens \u2013 Civic P3"),
    ],
)
def test_a_page_with_errors_says_error_once_in_its_title(org, path, data, expected):
    page = org.client_for("pmo").post(path, data)
    assert title(page.text).startswith(expected)
    assert "Error: Error:" not in page.text


def test_a_digest_of_one_reminder_reads_well(reviews_due, capsys):  # noqa: F811
    call_command("send_reminders")
    sponsor = next(m for m in mail.outbox if m.to == ["sponsor@alpha.example.gov.uk"])
    assert sponsor.subject == "Civic P3: 1 thing needs your attention"
    pmo = next(m for m in mail.outbox if m.to == ["pmo@alpha.example.gov.uk"])
    assert pmo.subject == "Civic P3: 2 things need your attention"
    assert "Found 3 things due (3 new); sent 3 reminders in 2 digests" in capsys.readouterr().out
