"""The champions' reminders on the attention panel: a term about to end, the year's champions
not yet appointed after the annual council, and overdue meeting actions."""

from datetime import timedelta

import pytest

from civicp3.engagement import services
from civicp3.engagement.selectors import last_annual_council
from civicp3.performance.attention import attention
from tests import clock

pytestmark = pytest.mark.django_db

TEAM = frozenset({"improvement_team"})


def labels(org, roles=TEAM):
    return [item.label for item in attention(org.a, roles, clock.today())]


def appoint(org, start, end=None):
    return services.appointment_save(
        council=org.a,
        actor=org.people_a["improvement_team"],
        councillor="Cllr Maddie Thompson",
        committee="Performance, Governance and Audit Committee",
        appointed_on=start,
        term_start=start,
        term_end=end,
    )


def test_a_term_ending_soon_is_on_the_teams_panel(org):
    today = clock.today()
    appoint(org, today - timedelta(days=100), today + timedelta(days=10))
    assert "1 member champion's term ends within 30 days" in labels(org)
    assert not any("champion" in label for label in labels(org, frozenset({"pmo"})))


def test_after_the_annual_council_it_asks_for_the_years_appointments(org):
    today = clock.today()
    since = last_annual_council(today, 5)
    # Appointed before the last annual council, term still running: the year's are due.
    appoint(org, since - timedelta(days=300), since + timedelta(days=200))
    due = f"1 set of member champions to appoint since the annual council ({since:%B %Y})"
    assert due in labels(org)
    appoint(org, since + timedelta(days=1) if since < today else today)
    assert due not in labels(org)


def test_the_annual_council_month_is_the_councils_own(org):
    today = clock.today()
    rules = services.engagement_settings(org.a)
    rules.annual_council_month = today.month % 12 + 1  # next month: the last one was a year ago
    rules.save()
    since = last_annual_council(today, rules.annual_council_month)
    assert since.year == today.year - (1 if today.month != 12 else 0)
    appoint(org, since + timedelta(days=1))
    assert not any("to appoint" in label for label in labels(org))


def test_a_council_that_never_had_champions_is_not_nagged(org):
    assert not any("champion" in label for label in labels(org))


def test_an_overdue_meeting_action_is_urgent(org):
    today = clock.today()
    meeting = services.meeting_record(
        council=org.a, actor=org.people_a["improvement_team"], held_on=today - timedelta(days=60)
    )
    services.action_add(
        meeting=meeting,
        actor=org.people_a["improvement_team"],
        text="Walk the website journey",
        owner="Cllr Emma Stephens",
        due_on=today - timedelta(days=1),
    )
    items = attention(org.a, TEAM, today)
    overdue = [item for item in items if "meeting action is overdue" in item.label]
    assert len(overdue) == 1
    assert overdue[0].urgent
    assert overdue[0].url == "/engagement/champions/"
    # Council B's panel is its own.
    assert not any("meeting action" in i.label for i in attention(org.b, TEAM, today))
