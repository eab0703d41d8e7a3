"""M2: the public request form took any number of 10 MB files in one unsigned-in submission
(about 1 GB stored). Now the council's caps on files per request and on their total size hold,
and nothing is stored when one is passed."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from civicp3.improvements.models import Evidence, ImprovementRequest
from civicp3.improvements.services import improvement_settings
from tests.improvements.test_intake import PDF, answers

pytestmark = pytest.mark.django_db


def pdf(n: int, padding: int = 0) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"scan-{n}.pdf", PDF + b"0" * padding, "application/pdf")


def stored_files(settings) -> list[str]:  # type: ignore[no-untyped-def]
    return [name for _root, _dirs, names in os.walk(settings.MEDIA_ROOT) for name in names]


def test_more_files_than_the_cap_are_refused_naming_the_field(org, client, settings):
    files = [pdf(n) for n in range(improvement_settings(org.a).max_evidence_files + 1)]
    response = client.post("/improvements/raise/alpha/", answers(evidence=files))
    assert response.status_code == 200
    assert "Choose 5 evidence files or fewer (you chose 6)" in response.text
    assert 'href="#id_evidence"' in response.text
    assert not ImprovementRequest.objects.exists()
    assert not Evidence.objects.exists()
    assert stored_files(settings) == []


def test_files_each_under_the_limit_but_too_big_together_are_refused(org, client, settings):
    limits = improvement_settings(org.a)
    limits.max_upload_mb, limits.max_evidence_total_mb = 1, 2
    limits.save()
    files = [pdf(n, padding=900 * 1024) for n in range(3)]  # 0.9 MB each, 2.7 MB together
    response = client.post("/improvements/raise/alpha/", answers(evidence=files))
    assert "The evidence files together must be smaller than 2MB" in response.text
    assert not ImprovementRequest.objects.exists()
    assert stored_files(settings) == []


def test_files_inside_both_caps_are_kept(org, client):
    files = [pdf(n) for n in range(5)]
    response = client.post("/improvements/raise/alpha/", answers(evidence=files))
    assert response.status_code == 302
    assert Evidence.objects.count() == 5


def test_the_form_says_what_the_caps_are(org, client):
    page = client.get("/improvements/raise/alpha/")
    assert "You can choose up to 5, smaller than 25MB together" in page.text
