"""The demo council's 26 requests are loaded through the importer, once."""

from io import StringIO

import pytest
from django.core.management import call_command

from civicp3.improvements.models import ImprovementRequest
from civicp3.organisation.models import Council

pytestmark = pytest.mark.django_db


def test_load_demo_imports_maldons_work_list_once(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-secret-1")
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    maldon = Council.objects.get(slug="maldon")
    requests = ImprovementRequest.objects.filter(council=maldon)
    # The 26 in the file's order, imported once, the one the demo raises through the form and
    # the one its one-star service feedback raises for triage.
    assert requests.filter(import_row__isnull=False).count() == 26
    assert requests.count() == 28
    assert requests.get(number=26).process_impacted == (
        "Report issues with a car parking machine or request refund"
    )
    assert not ImprovementRequest.objects.exclude(council=maldon).exists()
