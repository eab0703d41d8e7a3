"""Raising a request: the staff form, the public form, evidence checks, rate limit, honeypot."""

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from civicp3.improvements.models import Evidence, ImprovementRequest, IntakeAttempt
from civicp3.improvements.services import improvement_settings
from civicp3.organisation.models import ServiceArea

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


OFFICE_TYPES = "application/vnd.openxmlformats-officedocument."


def office(name: str, main_type: str = "", *, content_types: bool = True) -> bytes:
    """A zip holding the part `name`; [Content_Types].xml, if any, declares it `main_type`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if content_types:
            archive.writestr(
                "[Content_Types].xml",
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                f'<Override PartName="/{name}" ContentType="{main_type}"/></Types>',
            )
        archive.writestr(name, "<x/>")
    return buffer.getvalue()


def answers(**extra):
    return {
        "process_impacted": "Garden waste renewals",
        "service_area_text": "Waste",
        "problem_statement": "Renewals are keyed in by hand",
        "what_we_require": "An online renewal form",
        "form_required": "yes",
        "contact_name": "Sam Resident",
        "contact_email": "sam@example.com",
        **extra,
    }


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_public_form_raises_a_request_and_acknowledges_it(org, client, mailoutbox):
    upload = SimpleUploadedFile("photo.png", PNG, content_type="image/png")
    response = client.post("/improvements/raise/alpha/", answers(evidence=[upload]))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "IMP-0001" in page.content.decode()
    improvement = ImprovementRequest.objects.get(council=org.a)
    assert (improvement.reference, improvement.status, improvement.raised_by) == (
        "IMP-0001",
        "submitted",
        None,
    )
    assert improvement.service_area_text == "Waste"
    assert mailoutbox[0].to == ["sam@example.com"]
    assert "IMP-0001" in mailoutbox[0].subject
    assert "IMP-0001" in mailoutbox[0].body
    evidence = Evidence.objects.get()
    assert (evidence.original_name, evidence.content_type) == ("photo.png", "image/png")
    assert default_storage.exists(evidence.file.name)


def test_the_staff_form_records_who_raised_it_and_their_service_area(org, mailoutbox):
    client = org.client_for("staff")

    waste = ServiceArea.objects.get(council=org.a)
    data = answers(service_area=waste.pk)
    data.pop("service_area_text")
    response = client.post("/improvements/raise/", data)
    assert response.status_code == 302
    assert "IMP-0001" in client.get(response["Location"]).content.decode()
    improvement = ImprovementRequest.objects.get()
    assert improvement.raised_by == org.people_a["staff"]
    assert improvement.service_area == waste
    assert improvement.directorate == waste.directorate


def test_text_a_word_file_cannot_hold_is_refused_naming_the_field(org, client):
    # Pasted from an old system: a vertical tab, which would stop every Word or Excel download.
    response = client.post("/improvements/raise/alpha/", answers(problem_statement="Keyed\x0bin"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="#id_problem_statement"' in page
    assert "Remove the control character (\\u000b)" in page
    assert not ImprovementRequest.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "minutes.docx",
            office("word/document.xml", f"{OFFICE_TYPES}wordprocessingml.document.main+xml"),
        ),
        ("budget.xlsx", office("xl/workbook.xml", f"{OFFICE_TYPES}spreadsheetml.sheet.main+xml")),
        (
            "slides.pptx",
            office("ppt/presentation.xml", f"{OFFICE_TYPES}presentationml.presentation.main+xml"),
        ),
        ("scan.pdf", PDF),
    ],
)
def test_it_accepts_office_documents_and_pdfs_by_their_content(org, client, name, content):
    upload = SimpleUploadedFile(name, content)
    response = client.post("/improvements/raise/alpha/", answers(evidence=[upload]))
    assert response.status_code == 302
    assert Evidence.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("invoice.pdf", b"MZ\x90\x00 this is really a program"),
        ("notes.docx", office("word/document.xml", content_types=False)),
        ("report.pdf", b"just some text pretending to be a PDF"),
    ],
)
def test_it_refuses_a_file_whose_content_is_not_what_its_name_says(org, client, name, content):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post("/improvements/raise/alpha/", answers(evidence=[upload]))
    assert response.status_code == 200
    assert f"{name} must be a PDF, an image" in response.content.decode()
    assert not ImprovementRequest.objects.exists()
    assert not Evidence.objects.exists()


def test_it_refuses_a_file_over_the_councils_size_limit(org, client):
    limits = improvement_settings(org.a)
    limits.max_upload_mb = 1
    limits.save()
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024))
    response = client.post("/improvements/raise/alpha/", answers(evidence=[big]))
    assert "big.pdf must be smaller than 1MB" in response.content.decode()
    assert not ImprovementRequest.objects.exists()


def test_it_shows_what_is_missing_in_the_designs_words(org, client):
    response = client.post("/improvements/raise/alpha/", {})
    text = response.content.decode()
    assert "There is a problem" in text
    assert "Enter which process needs improving?" in text
    assert "Select is an online form required?" in text
    assert not ImprovementRequest.objects.exists()


def test_a_bot_that_fills_in_the_honeypot_is_thanked_and_ignored(org, client, mailoutbox):
    response = client.post("/improvements/raise/alpha/", answers(website="http://spam.example"))
    assert response.status_code == 302
    assert "Improvement request sent" in client.get(response["Location"]).content.decode()
    assert not ImprovementRequest.objects.exists()
    assert mailoutbox == []


def test_it_limits_public_requests_from_one_address_with_a_429(org, client):
    limits = improvement_settings(org.a)
    limits.public_submissions_per_hour = 2
    limits.save()
    for _ in range(2):
        assert client.post("/improvements/raise/alpha/", answers()).status_code == 302
    refused = client.post("/improvements/raise/alpha/", answers())
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    assert ImprovementRequest.objects.count() == 2
    # Another address, or another council, has its own count.
    other = client.post("/improvements/raise/alpha/", answers(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302
    assert IntakeAttempt.objects.count() == 3


def test_an_unknown_council_has_no_public_form(org, client):
    assert client.get("/improvements/raise/nowhere/").status_code == 404


def test_the_public_form_needs_no_sign_in_and_the_staff_form_does(org, client):
    assert client.get("/improvements/raise/alpha/").status_code == 200
    assert client.get("/improvements/raise/").status_code == 302


def test_the_team_downloads_evidence_but_another_council_cannot(org, client):
    upload = SimpleUploadedFile("scan.pdf", PDF)
    client.post("/improvements/raise/alpha/", answers(evidence=[upload]))
    evidence = Evidence.objects.get()
    url = f"/improvements/IMP-0001/evidence/{evidence.pk}/"
    response = org.client_for("improvement_team").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'attachment; filename="scan.pdf"' in response["Content-Disposition"]
    assert org.client_for("improvement_team", "b").get(url).status_code == 404
