"""`make demo`'s data is built relative to today: on an awkward day (a month-end, the year-end,
a bank holiday, 29 February, the night the clocks go forward) it still loads, tells a story
that has already happened, and every report renders."""

from datetime import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from civicp3.improvements.models import ImprovementRequest
from civicp3.organisation.models import Council
from civicp3.performance.documents import REPORTS
from civicp3.performance.models import BenefitPeriod, KpiActual
from civicp3.portfolio.models import HealthCheck, HighlightReport
from tests import clock

pytestmark = pytest.mark.django_db

AWKWARD = {
    "month-end": "2027-01-31T17:00:00+00:00",
    "year-end": "2027-12-31T23:30:00+00:00",
    "bank holiday": "2027-12-27T10:00:00+00:00",  # Christmas Day falls on a Saturday
    "leap day": "2028-02-29T12:00:00+00:00",
    "clocks go forward": "2027-03-28T00:30:00+00:00",
}


@pytest.mark.parametrize("instant", AWKWARD.values(), ids=AWKWARD.keys())
def test_the_demo_tells_a_story_that_has_already_happened(frozen_clock, monkeypatch, instant):
    frozen_clock.move_to(datetime.fromisoformat(instant))
    monkeypatch.setenv("DEMO_PASSWORD", "any-day-demo-1")
    call_command("load_demo", stdout=StringIO())
    today, now = clock.today(), clock.now()
    this_month = today.replace(day=1)
    maldon = Council.objects.get(slug="maldon")

    assert HighlightReport.objects.for_council(maldon).exists()
    assert not HighlightReport.objects.filter(period__gt=today).exists()
    assert not KpiActual.objects.filter(period__gt=this_month).exists()
    assert not BenefitPeriod.objects.filter(period__gt=this_month, realised__isnull=False).exists()
    assert not HealthCheck.objects.filter(date__gt=today).exists()
    assert not ImprovementRequest.objects.filter(went_live_at__gt=now).exists()

    client = Client()
    client.force_login(User.objects.get(username="pmo"))
    for url in ["/", *(f"/performance/reports/{report.slug}/" for report in REPORTS.values())]:
        assert client.get(url).status_code == 200, url
