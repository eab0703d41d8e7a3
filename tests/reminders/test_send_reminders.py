"""`civicp3 send_reminders`: one digest per person, each reminder sent exactly once."""

import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections

from civicp3.reminders.models import Reminder
from civicp3.reminders.sources import SOURCES, Due, register
from tests.clock import today

TODAY = today()


@pytest.fixture
def reviews_due(org):
    """A source like the apps' own: two risk reviews for the PMO, one for the sponsor."""
    for person in (org.people_a["pmo"], org.people_a["sponsor"]):
        person.email = f"{person.username}@alpha.example.gov.uk"
        person.save()

    @register("test_review", "Reviews")
    def find(council, today):
        if council != org.a:
            return []
        pmo, sponsor = org.people_a["pmo"], org.people_a["sponsor"]
        return [
            Due(pmo, "risk:1", "Review risk R-001: Civica upgrade", "/risks/1/", today),
            Due(pmo, "risk:2", "Review risk R-002: Staff capacity", "/risks/2/", today),
            Due(sponsor, "signoff:IMP-0003", "Sign off IMP-0003 for go-live", "/x/", today),
        ]

    yield
    SOURCES.pop("test_review")


@pytest.mark.django_db
def test_each_person_gets_one_digest_and_a_second_run_sends_nothing(reviews_due):
    call_command("send_reminders")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "pmo@alpha.example.gov.uk",
        "sponsor@alpha.example.gov.uk",
    ]
    pmo_digest = next(m for m in mail.outbox if m.to == ["pmo@alpha.example.gov.uk"])
    assert pmo_digest.subject == "Civic P3: 2 things need your attention"
    assert "Review risk R-001: Civica upgrade" in pmo_digest.body
    assert "http://127.0.0.1:8000/risks/2/" in pmo_digest.body
    call_command("send_reminders")
    assert len(mail.outbox) == 2
    assert Reminder.objects.filter(sent__isnull=False).count() == 3


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's")
def test_two_runs_at_once_send_each_reminder_once(reviews_due):
    start = threading.Barrier(2)
    errors = []

    def run():
        try:
            start.wait()
            call_command("send_reminders")
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sent = [line for m in mail.outbox for line in m.body.splitlines() if line.startswith("- ")]
    assert len(sent) == 3
    assert len(set(sent)) == 3
    assert Reminder.objects.count() == 3


@pytest.mark.django_db
def test_the_digest_lists_what_the_home_page_panel_lists(org):
    from civicp3.improvements.services import improvement_raise

    improvement_raise(council=org.a, process_impacted="Bins", problem_statement="Missed")
    team = org.people_a["improvement_team"]
    team.email = "team@alpha.example.gov.uk"
    team.save()
    call_command("send_reminders")
    digest = next(m for m in mail.outbox if m.to == ["team@alpha.example.gov.uk"])
    assert "1 new request to triage" in digest.body
    home = org.client_for("improvement_team").get("/").content.decode()
    assert "1 new request to triage" in home
    call_command("send_reminders")
    assert [m.to for m in mail.outbox].count(["team@alpha.example.gov.uk"]) == 1
