"""L8: evidence files were judged by a shallow look: any zip holding a [Content_Types].xml
passed as an Office document, whatever it declared, and a file's name need not match what it
held. Now the content decides (a PDF starts %PDF-, an Office file declares its main part), the
name must end as the content says, and a refusal names the file; nothing is kept."""

import io

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from civicp3.improvements.models import Evidence, ImprovementRequest
from tests.improvements.test_intake import OFFICE_TYPES, PNG, answers, office
from tests.security.test_public_upload_caps import stored_files

pytestmark = pytest.mark.django_db

NOT_A_KIND = "must be a PDF, an image (JPEG, PNG, GIF or WebP) or a Word, Excel or PowerPoint file"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def a_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def a_word_document() -> bytes:
    document = docx.Document()
    document.add_paragraph("Minutes of the process workshop")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def a_spreadsheet() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Step", "Minutes"])  # type: ignore[union-attr]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def send(client, name: str, content: bytes, content_type: str = "application/pdf"):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post("/improvements/raise/alpha/", answers(evidence=[upload]))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "invoice.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode",
            f"invoice.pdf {NOT_A_KIND}",
        ),
        (
            "letter.pdf",
            b"<!DOCTYPE html><html><script>alert(document.cookie)</script>",
            f"letter.pdf {NOT_A_KIND}",
        ),
        # A zip whose [Content_Types].xml declares no document, with a page inside.
        ("minutes.docx", office("word/evil.html"), f"minutes.docx {NOT_A_KIND}"),
        # A macro-enabled Word file dressed as a plain one.
        (
            "minutes.docx",
            office("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
            f"minutes.docx {NOT_A_KIND}",
        ),
        ("scan.pdf", PNG, "scan.pdf is a PNG image, so its name must end .png"),
        ("page.html", a_pdf(), "page.html is a PDF, so its name must end .pdf"),
        (
            "budget.xlsx",
            office("word/document.xml", f"{OFFICE_TYPES}wordprocessingml.document.main+xml"),
            "budget.xlsx is a Word document, so its name must end .docx",
        ),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused_naming_it(
    org, client, settings, name, content, message
):
    response = send(client, name, content)
    assert response.status_code == 200
    assert message in response.text
    assert 'href="#id_evidence"' in response.text
    assert not ImprovementRequest.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("survey.pdf", a_pdf(), "application/pdf"),
        ("Minutes.DOCX", a_word_document(), "application/octet-stream"),
        ("timings.xlsx", a_spreadsheet(), ""),
    ],
)
def test_real_pdf_word_and_excel_files_are_kept_with_their_real_type(
    org, client, name, content, content_type
):
    response = send(client, name, content, content_type)
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.original_name == name
    assert (
        evidence.content_type
        == {
            "survey.pdf": "application/pdf",
            "Minutes.DOCX": f"{OFFICE_TYPES}wordprocessingml.document",
            "timings.xlsx": f"{OFFICE_TYPES}spreadsheetml.sheet",
        }[name]
    )
