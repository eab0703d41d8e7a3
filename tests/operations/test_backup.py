"""`civicp3 backup` and `civicp3 restore`: every record and every upload comes back."""

import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from civicp3.improvements.services import improvement_raise, improvement_transition
from civicp3.productivity.models import SharedSection
from civicp3.productivity.services import shared_section_save

pytestmark = pytest.mark.django_db(transaction=True)


def everything() -> list[dict]:
    out = io.StringIO()
    call_command(
        "dumpdata",
        exclude=["contenttypes", "auth.permission", "sessions.session"],
        natural_foreign=True,
        natural_primary=True,
        stdout=out,
    )
    return sorted(json.loads(out.getvalue()), key=lambda r: json.dumps(r, sort_keys=True))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_a_backup_restores_every_record_and_upload(org, media, tmp_path):
    improvement = improvement_raise(
        council=org.a, process_impacted="Garden waste", problem_statement="Re-keyed"
    )
    improvement_transition(improvement=improvement, to="triaged", actor=org.people_a["pmo"])
    default_storage.save("evidence/2026/form.pdf", ContentFile(b"%PDF-1.7 evidence"))
    before = everything()
    backup = tmp_path / "civicp3-backup.zip"

    call_command("backup", str(backup), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    default_storage.delete("evidence/2026/form.pdf")
    assert everything() != before

    out = io.StringIO()
    call_command("restore", str(backup), stdout=out)
    after = everything()
    missing = [r for r in before if r not in after]
    extra = [r for r in after if r not in before]
    assert (missing, extra) == ([], [])
    with default_storage.open("evidence/2026/form.pdf", "rb") as handle:
        assert handle.read() == b"%PDF-1.7 evidence"
    assert "files from" in out.getvalue()
    manifest = json.loads(zipfile.ZipFile(backup).read("manifest.json"))
    assert manifest["records"]["improvements.improvementrequest"] == 1
    assert manifest["records"]["improvements.historicalimprovementrequest"] == 2


def test_restoring_over_live_data_is_refused_and_changes_nothing(org, media, tmp_path):
    backup = tmp_path / "b.zip"
    call_command("backup", str(backup), stdout=io.StringIO())
    before = everything()
    with pytest.raises(CommandError, match="already holds records: restore into an empty one"):
        call_command("restore", str(backup))
    assert everything() == before


def test_a_file_that_is_not_a_backup_is_refused(db, media, tmp_path):
    bogus = tmp_path / "notes.zip"
    bogus.write_bytes(b"just some text")
    with pytest.raises(CommandError, match="is not a backup zip"):
        call_command("restore", str(bogus))
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(CommandError, match="has no readable manifest"):
        call_command("restore", str(other))


def test_a_bad_record_leaves_no_partial_rows_or_files(org, media, tmp_path):
    default_storage.save("evidence/a.png", ContentFile(b"\x89PNG"))
    backup = tmp_path / "b.zip"
    call_command("backup", str(backup), stdout=io.StringIO())
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            payload = source.read(item.filename)
            if item.filename == "data.json":
                records = json.loads(payload)
                ghost = {"council": 424242, "name": "Ghost AD area", "assistant_director": ""}
                records.append({"model": "organisation.directorate", "pk": 999, "fields": ghost})
                payload = json.dumps(records).encode()
            target.writestr(item, payload)
    call_command("flush", interactive=False, verbosity=0)
    default_storage.delete("evidence/a.png")

    with pytest.raises(Exception, match=r"(?i)foreign key|integrity|does not exist"):
        call_command("restore", str(broken))
    assert everything() == []
    assert not default_storage.exists("evidence/a.png")


def _tampered(backup, target, name: str):
    """The backup with one more upload listed in its manifest (and held) under `name`."""
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            payload = source.read(item.filename)
            if item.filename == "manifest.json":
                manifest = json.loads(payload)
                manifest["media"].append(name)
                payload = json.dumps(manifest).encode()
            out.writestr(item, payload)
        out.writestr(f"media/{name}", b"#!/bin/sh\necho owned\n")
    return target


@pytest.mark.parametrize(
    "name",
    ["../escape.sh", "evidence/../../escape.sh", "/tmp/escape.sh", "..\\escape.sh", ""],
)
def test_a_backup_naming_a_file_outside_the_uploads_is_refused_naming_it(
    org, media, tmp_path, name
):
    """Issue 25, L13 (zip slip): a clean refusal naming the entry, and nothing restored."""
    default_storage.save("evidence/a.png", ContentFile(b"\x89PNG"))
    backup = tmp_path / "b.zip"
    call_command("backup", str(backup), stdout=io.StringIO())
    evil = _tampered(backup, tmp_path / "evil.zip", name)
    call_command("flush", interactive=False, verbosity=0)
    default_storage.delete("evidence/a.png")

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(evil))
    assert str(refused.value) == (
        f"This backup's file {name!r} would be written outside the uploads folder: "
        "nothing was restored"
    )
    assert everything() == []
    assert not default_storage.exists("evidence/a.png")
    assert not (media.parent / "escape.sh").exists()
    assert not (tmp_path / "escape.sh").exists()


def test_a_backup_listing_a_file_it_does_not_hold_is_refused_naming_it(org, media, tmp_path):
    backup = tmp_path / "b.zip"
    call_command("backup", str(backup), stdout=io.StringIO())
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(broken, "w") as out:
        for item in source.infolist():
            payload = source.read(item.filename)
            if item.filename == "manifest.json":
                manifest = json.loads(payload)
                manifest["media"].append("evidence/missing.pdf")
                payload = json.dumps(manifest).encode()
            out.writestr(item, payload)
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(
        CommandError, match=r"lists the file evidence/missing\.pdf but does not hold it"
    ):
        call_command("restore", str(broken))
    assert everything() == []


def test_a_restore_adds_no_history_of_its_own(org, media, tmp_path):
    """Issue 25, L13: the backup holds the history; loading it writes none (a shared section's
    councils, a many-to-many field with history, would add a "changed" row)."""
    shared_section_save(
        council=org.a, title="Barriers", text="County-wide barriers", shared_with=[org.b]
    )
    before = SharedSection.history.count()
    backup = tmp_path / "b.zip"
    call_command("backup", str(backup), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)

    call_command("restore", str(backup), stdout=io.StringIO())
    assert SharedSection.history.count() == before
    section = SharedSection.objects.get()
    assert [c.slug for c in section.shared_with.all()] == ["beta"]
