"""Backups: every record (with history) and every uploaded file, in one zip, and back.

The zip holds `manifest.json` (when, the schema it came from, how many records of each model),
`data.json` (Django's serialised records with natural keys) and `media/` (the uploads, read and
written through the storage API, so it works with any storage backend).
"""

import io
import json
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import override_settings
from django.utils import timezone

FORMAT = 1
# Rebuilt by `migrate` from the code; copying them would clash with the new database's own.
EXCLUDED = ["contenttypes", "auth.permission", "sessions.session"]


class BackupError(Exception):
    """The backup cannot be made or restored; the message says why."""


def _schema() -> dict[str, str]:
    """The newest applied migration of each app: a restore needs the same."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def _media_files(directory: str = "") -> Iterator[str]:
    if directory and not default_storage.exists(directory):
        return
    try:
        folders, files = default_storage.listdir(directory or ".")
    except FileNotFoundError:
        return
    for name in files:
        yield f"{directory}/{name}" if directory else name
    for folder in folders:
        yield from _media_files(f"{directory}/{folder}" if directory else folder)


def _counts(records: list[dict[str, Any]]) -> dict[str, int]:
    return dict(sorted(Counter(record["model"] for record in records).items()))


def backup(destination: Path) -> dict[str, Any]:
    """Write the whole service's records and uploads to the zip at `destination`."""
    data = io.StringIO()
    with transaction.atomic():  # one consistent snapshot on PostgreSQL
        call_command(
            "dumpdata",
            exclude=EXCLUDED,
            natural_foreign=True,
            natural_primary=True,
            stdout=data,
            verbosity=0,
        )
    records = json.loads(data.getvalue())
    media = sorted(_media_files())
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "schema": _schema(),
        "records": _counts(records),
        "media": media,
    }
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
        archive.writestr("data.json", data.getvalue())
        for name in media:
            with default_storage.open(name, "rb") as handle:
                archive.writestr(f"media/{name}", handle.read())
    return manifest


def _read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupError("This is not a Civic P3 backup: it has no readable manifest") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"This backup's format {manifest.get('format')!r} is not {FORMAT}")
    media = manifest.get("media")
    if not isinstance(media, list) or not isinstance(manifest.get("schema"), dict):
        raise BackupError("This backup's manifest does not list its schema and its files")
    held = set(archive.namelist())
    for name in media:
        if not _inside_the_uploads(name):
            raise BackupError(
                f"This backup's file {name!r} would be written outside the uploads folder: "
                "nothing was restored"
            )
        if f"media/{name}" not in held:
            raise BackupError(f"This backup lists the file {name} but does not hold it")
    return manifest


def _inside_the_uploads(name: object) -> bool:
    """A relative path below the storage's root: no `..`, no root, no backslash or NUL."""
    if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
        return False
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts


def _database_is_empty() -> bool:
    Council = apps.get_model("organisation", "Council")
    User = apps.get_model("auth", "User")
    return not Council.objects.exists() and not User.objects.exists()


def restore(source: Path) -> dict[str, Any]:
    """Load a backup into an empty, migrated database and put its uploads back.

    All or nothing: a backup from another schema, a database that already holds records, or
    a record that will not load leaves the database and the storage as they were.
    """
    try:
        archive = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(f"{source} is not a backup zip: {error}") from error
    with archive:
        manifest = _read_manifest(archive)
        if manifest["schema"] != _schema():
            raise BackupError(
                "This backup was made by another version of Civic P3: run the same version's "
                "`civicp3 migrate` first (the schemas differ)"
            )
        if not _database_is_empty():
            raise BackupError("The database already holds records: restore into an empty one")
        written: list[str] = []
        try:
            for name in manifest["media"]:
                if default_storage.exists(name):
                    raise BackupError(f"The file {name} is already in storage")
                saved = default_storage.save(name, ContentFile(archive.read(f"media/{name}")))
                written.append(saved)
            with tempfile.TemporaryDirectory() as folder:
                data = Path(folder) / "data.json"
                data.write_bytes(archive.read("data.json"))
                # The backup holds the records' history: loading them writes none of its own
                # (django-simple-history would add a "changed" row per many-to-many field).
                with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
                    call_command("loaddata", str(data), verbosity=0)
        except Exception:
            for name in written:
                default_storage.delete(name)
            raise
    return manifest
