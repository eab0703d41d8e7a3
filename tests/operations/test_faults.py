"""Concurrency and faults on PostgreSQL: two imports at once, and an import killed part-way."""

import csv
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, connections

from civicp3.improvements.models import ImprovementRequest
from civicp3.improvements.services import ImportRejected, improvements_import
from civicp3.organisation.management.commands.load_demo import WORKLIST, load_maldon

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's"),
]


def test_two_imports_of_one_file_at_once_write_it_once():
    council = load_maldon()
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def run() -> None:
        try:
            start.wait()
            improvements_import(council=council, rows_or_file=WORKLIST, actor=None)
            outcomes.append("imported")
        except ImportRejected as error:
            outcomes.append(f"refused: {error.errors[0].reason}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcome.split(":")[0] for outcome in outcomes) == ["imported", "refused"]
    assert ImprovementRequest.objects.filter(council=council).count() == 26
    numbers = ImprovementRequest.objects.values_list("number", flat=True)
    assert sorted(numbers) == list(range(1, 27))


def big_worklist(path: Path, copies: int) -> Path:
    with WORKLIST.open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for n in range(copies):
            for row in rows:
                writer.writerow([row[0], f"{row[1]} ({n})", *row[2:]])
    return path


def test_an_import_killed_part_way_leaves_no_rows(tmp_path):
    council = load_maldon()
    worklist = big_worklist(tmp_path / "big.csv", copies=800)  # 20,800 rows
    settings_dict = connection.settings_dict
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": (
            f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:"
            f"{settings_dict['PORT']}/{settings_dict['NAME']}"
        ),
    }
    command = [sys.executable, "-m", "civicp3.manage", "import_improvements", str(worklist)]
    importer = subprocess.Popen([*command, "--council", council.slug], env=env)
    try:
        # Wait until the importer is writing rows inside its transaction, then kill it.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and importer.poll() is None:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                    "AND query LIKE 'INSERT INTO \"improvements_improvementrequest\"%%'"
                )
                if cursor.fetchone()[0]:
                    break
            time.sleep(0.01)
        else:
            pytest.fail("the importer never started writing")
        importer.send_signal(signal.SIGKILL)
    finally:
        importer.wait(timeout=30)
    assert importer.returncode == -signal.SIGKILL
    assert ImprovementRequest.objects.filter(council=council).count() == 0
