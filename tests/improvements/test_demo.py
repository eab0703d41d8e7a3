"""The improvement demo data, loaded for the demo council by calling load_demo directly."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from civicp3.improvements.demo import load_demo
from civicp3.improvements.models import ImprovementRequest, Score, ScoringQuestion
from civicp3.improvements.selectors import success_headlines
from civicp3.organisation.models import Council

pytestmark = pytest.mark.django_db


def test_load_demo_adds_configuration_and_examples_once(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-secret-1")
    call_command("load_demo", stdout=StringIO())
    maldon = Council.objects.get(slug="maldon")
    load_demo(maldon)
    load_demo(maldon)
    requests = ImprovementRequest.objects.filter(council=maldon)
    assert requests.count() == 28  # the work list's 26, the form's example, the one-star rating's
    assert ScoringQuestion.objects.filter(council=maldon).count() == 7
    assert Score.objects.filter(council=maldon).count() == 1
    assert requests.filter(status="in_delivery").count() == 2
    assert requests.get(number=1).phase == "analyse"
    headlines = success_headlines(maldon)
    assert headlines.improvements_delivered == 1
    assert headlines.hours_saved == Decimal("120")
