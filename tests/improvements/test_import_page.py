"""The improvement team imports a work list in the browser: upload, preview, confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from civicp3.improvements.models import ImprovementRequest
from civicp3.improvements.worklist import HEADERS
from civicp3.organisation.management.commands.load_demo import WORKLIST
from tests.improvements.conftest import give_seed_structure

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, content: bytes, name: str = "worklist.csv"):
    return client.post(
        "/improvements/import/", {"file": SimpleUploadedFile(name, content), "step": "preview"}
    )


def test_it_previews_then_imports_the_seed_file(org):
    give_seed_structure(org.a)
    client = org.client_for("improvement_team")
    preview = upload(client, WORKLIST.read_bytes())
    text = preview.content.decode()
    assert "Import 26 requests" in text
    assert "Contact us form and process" in text
    assert not ImprovementRequest.objects.exists()
    done = client.post("/improvements/import/", {"step": "confirm"})
    assert done.status_code == 302
    assert ImprovementRequest.objects.filter(council=org.a).count() == 26


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row(org):
    give_seed_structure(org.a)
    lines = WORKLIST.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",PIP", ",XYZ", 1)
    response = upload(org.client_for("improvement_team"), "\n".join(lines).encode())
    text = response.content.decode()
    assert "Nothing was imported" in text
    assert "Row 4, Pathway: Unknown pathway &quot;XYZ&quot;" in text
    assert not ImprovementRequest.objects.exists()


def test_only_the_improvement_team_imports(org):
    assert org.client_for("pmo").get("/improvements/import/").status_code == 403


def _csv(rows: int, pathway: str = "PIP") -> bytes:
    lines = [",".join(f'"{header}"' for header in HEADERS)]
    lines += [f",Process {n},,,Process {n} is slow,,,{pathway}" for n in range(1, rows + 1)]
    return "\n".join(lines).encode()


def test_the_preview_shows_the_first_rows_of_a_long_file_and_counts_the_rest(org):
    client = org.client_for("improvement_team")
    text = upload(client, _csv(1234)).content.decode()
    assert "Import 1,234 requests" in text
    assert "first 50 of the 1,234 requests" in text
    assert "and 1,184 more rows" in text
    assert "Process 50<" in text
    assert "Process 51<" not in text
    assert not ImprovementRequest.objects.exists()
    client.post("/improvements/import/", {"step": "confirm"})
    assert ImprovementRequest.objects.filter(council=org.a).count() == 1234


def test_a_long_file_of_bad_rows_lists_the_first_problems_and_counts_the_rest(org):
    text = upload(org.client_for("improvement_team"), _csv(250, "XYZ")).content.decode()
    assert "The file has 250 problems" in text
    assert "Row 2, Pathway: Unknown pathway" in text
    assert "Row 101, Pathway: Unknown pathway" in text
    assert "Row 102, Pathway" not in text
    assert "and 150 more problems not listed here" in text
    assert not ImprovementRequest.objects.exists()
