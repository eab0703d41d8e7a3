"""A document render killed part-way leaves no partial rows (PostgreSQL, a real process).

Moving a Productivity Plan on in its workflow changes its status and renders the whole plan as
a document for the new version, in one transaction. The process is killed while it renders —
after it has written the status, before the version — and nothing of the move remains.
"""

import signal
import subprocess
import time

import pytest
from django.db import connection

from civicp3.productivity.defaults import return_templates_create
from civicp3.productivity.models import Plan, PlanStatus, PlanVersion
from civicp3.productivity.services import plan_create
from tests.scaleout.processes import BIN, ROOT, process_env

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="kills a PostgreSQL client"),
]

MOVE = (
    "from civicp3.productivity.models import Plan\n"
    "from civicp3.productivity.services import plan_move\n"
    "plan_move(plan=Plan.objects.get(pk={pk}), to='review')\n"
)


def rendering_backend() -> tuple[int, str] | None:
    """Another client's open transaction that has written rows: (pid, state) or None."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, state FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
            "AND datname = current_database() AND backend_xid IS NOT NULL"
        )
        row = cursor.fetchone()
    return None if row is None else (row[0], row[1])


def test_a_plan_move_killed_while_rendering_its_version_leaves_nothing(org):
    plan = plan_create(council=org.a, template=return_templates_create(org.a), title="Alpha plan")
    # A long foreword: seconds of rendering, so the process is caught in the middle of it.
    foreword = "\n\n".join(
        f"Paragraph {n} with **emphasis** and a [link](https://example.org/{n})."
        for n in range(8000)
    )
    Plan.objects.filter(pk=plan.pk).update(foreword=foreword)
    mover = subprocess.Popen(
        [str(BIN / "civicp3"), "shell", "-c", MOVE.format(pk=plan.pk)],
        env=process_env(),
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 60
        while (found := rendering_backend()) is None:
            assert mover.poll() is None, "the move finished before it could be killed"
            assert time.monotonic() < deadline, "the move never started writing"
            time.sleep(0.01)
        # The status is written; the process is now rendering the plan with its transaction
        # open (idle in the database while Python works). Kill it there.
        time.sleep(0.3)
        assert rendering_backend() == (found[0], "idle in transaction")
        mover.send_signal(signal.SIGKILL)
    finally:
        mover.wait(timeout=30)
    assert mover.returncode == -signal.SIGKILL
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert list(PlanVersion.objects.filter(plan=plan).values_list("label", flat=True)) == [
        "Draft started"
    ]
