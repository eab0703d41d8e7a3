"""The improvement team imports a work list in the browser: upload, preview, confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from civicp3.improvements.models import ImprovementRequest
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
