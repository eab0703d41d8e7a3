"""The demo loads seed 001's member champions, their committees and dates, and feedback."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from civicp3.engagement.models import ChampionAppointment, ChampionMeeting, ServiceFeedback
from civicp3.organisation.models import Council

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_four_champions_and_their_committees(immediate_tasks):
    call_command("load_demo", stdout=StringIO())
    maldon = Council.objects.get(slug="maldon")
    champions = {
        (a.councillor, a.committee, a.appointed_on)
        for a in ChampionAppointment.objects.filter(council=maldon)
    }
    assert champions == {
        ("Cllr Vanessa Bell", "Performance, Governance and Audit Committee", date(2023, 6, 15)),
        ("Cllr Maddie Thompson", "Performance, Governance and Audit Committee", date(2023, 6, 15)),
        ("Cllr Simon Morgan", "Overview and Scrutiny Committee", date(2023, 8, 1)),
        ("Cllr Emma Stephens", "Overview and Scrutiny Committee", date(2023, 8, 1)),
    }
    assert ChampionMeeting.objects.get(council=maldon).held_on == date(2022, 3, 10)
    low = ServiceFeedback.objects.get(council=maldon, stars=1)
    assert low.improvement is not None
    assert ServiceFeedback.objects.filter(council=maldon, comment="Life changing - Marvellous.")
    # Safe to run again.
    call_command("load_demo", stdout=StringIO())
    assert ChampionAppointment.objects.filter(council=maldon).count() == 4
    assert ServiceFeedback.objects.filter(council=maldon).count() == 6
