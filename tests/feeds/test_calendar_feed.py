"""A person's calendar feed: a secret, revocable URL whose events keep their UIDs."""

from datetime import timedelta

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from civicp3.portfolio.models import Project
from civicp3.portfolio.services import project_create
from civicp3.toolkit.models import Risk
from civicp3.toolkit.services import risk_save
from tests import clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def dated(org) -> tuple[Project, Risk]:  # type: ignore[no-untyped-def]
    today = clock.today()
    project = project_create(council=org.a, title="New waste round")
    Project.objects.filter(pk=project.pk).update(committed_finish=today + timedelta(days=90))
    risk = risk_save(
        council=org.a,
        project=project,
        actor=None,
        fields={
            "title": "Vehicles late",
            "likelihood": 3,
            "impact": 4,
            "target_likelihood": 2,
            "target_impact": 2,
            "review_date": today + timedelta(days=7),
        },
    )
    project.refresh_from_db()
    beta = project_create(council=org.b, title="Beta's secret project")
    Project.objects.filter(pk=beta.pk).update(committed_finish=today + timedelta(days=30))
    return project, risk


def feed_url(client: Client) -> str:
    page = client.post(reverse("calendar-settings")).content.decode()
    return page.split('id="feed-url">')[1].split("<")[0].replace("http://testserver", "")


def events_of(body: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(body)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_the_feed_lists_the_persons_dates_as_valid_icalendar(org, dated) -> None:
    project, risk = dated
    url = feed_url(org.client_for("project_manager"))
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = events_of(response.content)
    finish = events[f"project-finish-{project.pk}@alpha.civicp3"]
    assert finish.decoded("dtstart") == project.committed_finish
    assert str(finish["summary"]).startswith(f"Deadline: {project.reference}")
    review = events[f"risk-review-{risk.pk}@alpha.civicp3"]
    assert review.decoded("dtstart") == risk.review_date
    assert "Beta's secret project" not in response.content.decode()


def test_an_event_keeps_its_uid_when_its_date_moves(org, dated) -> None:
    _, risk = dated
    url = feed_url(org.client_for("project_manager"))
    uid = f"risk-review-{risk.pk}@alpha.civicp3"
    before = events_of(Client().get(url).content)[uid].decoded("dtstart")
    Risk.objects.filter(pk=risk.pk).update(review_date=risk.review_date + timedelta(days=14))
    after_events = events_of(Client().get(url).content)
    assert after_events[uid].decoded("dtstart") == before + timedelta(days=14)
    assert sum(1 for u in after_events if u.startswith("risk-review-")) == 1


def test_the_feed_holds_only_what_the_persons_roles_see(org, dated) -> None:
    # A member of staff follows no projects or risks.
    events = events_of(Client().get(feed_url(org.client_for("staff"))).content)
    assert events == {}


def test_a_revoked_or_replaced_address_stops_working(org, dated) -> None:
    client = org.client_for("project_manager")
    first = feed_url(client)
    second = feed_url(client)
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    client.post(reverse("calendar-settings"), {"action": "revoke"})
    assert Client().get(second).status_code == 404


def test_a_made_up_address_is_refused(org) -> None:
    assert Client().get("/calendar/not-a-real-secret.ics").status_code == 404


def test_the_feed_dies_with_the_persons_role(org, dated) -> None:
    pm = org.people_a["project_manager"]
    url = feed_url(org.client_for("project_manager"))
    pm.memberships.all().delete()
    assert Client().get(url).status_code == 404


def test_another_councils_feed_shows_only_that_council(org, dated) -> None:
    url = feed_url(org.client_for("project_manager", council="b"))
    body = Client().get(url).content.decode()
    assert "Beta's secret project" in body
    assert "New waste round" not in body


def test_the_feed_page_needs_a_sign_in(client) -> None:
    response = client.get(reverse("calendar-settings"))
    assert response.status_code == 302
