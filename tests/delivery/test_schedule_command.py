"""`civicp3 schedule`: the critical path of a plan file, from the command line."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from civicp3.engine.mspdi import read_mspdi

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "mspdi"

PLAN = {
    "name": "Garden waste form",
    "start": "2025-01-06",
    "calendar": {"hours_per_day": 7.5, "holidays": "england-and-wales", "closures": []},
    "tasks": [
        {"id": "A", "name": "Design the form", "duration": 5},
        {"id": "B", "name": "Build and test", "duration": 3},
        {"id": "C", "name": "Tell customers", "duration": 2},
    ],
    "links": [{"from": "A", "to": "B", "type": "FS", "lag": 0}],
}


def run(*args):
    out = StringIO()
    call_command("schedule", *args, stdout=out)
    return out.getvalue()


def test_it_prints_the_critical_path_of_a_json_plan(tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(PLAN))
    result = json.loads(run(str(plan)))
    tasks = {t["id"]: t for t in result["tasks"]}
    # A: Mon 6 to Fri 10 January; B starts the next working day and takes three days.
    assert (result["start"], result["finish"]) == ("2025-01-06", "2025-01-15")
    assert (tasks["B"]["start"], tasks["B"]["finish"]) == ("2025-01-13", "2025-01-15")
    assert tasks["A"]["critical"]
    assert tasks["B"]["critical"]
    assert not tasks["C"]["critical"]
    assert tasks["C"]["total_float"] == 6
    assert (tasks["C"]["late_start"], tasks["C"]["late_finish"]) == ("2025-01-14", "2025-01-15")


def test_it_prints_a_table(tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(PLAN))
    output = run(str(plan), "--format", "table")
    assert output.splitlines()[0].split() == [
        "id", "name", "start", "finish", "late_start", "late_finish", "total_float", "critical",
    ]  # fmt: skip
    assert "Start 2025-01-06, finish 2025-01-15" in output


def test_it_matches_ms_project_on_a_reference_file():
    path = REFERENCE / "mpxj_mspdirelations.xml"
    result = json.loads(run(str(path)))
    stored = {str(t.uid): t for t in read_mspdi(path).tasks}
    assert result["tasks"]
    for task in result["tasks"]:
        assert task["start"] == stored[task["id"]].start.date().isoformat(), task["name"]
        # MS Project may store a finish at 08:00 on the next working day, which is the same
        # instant of working time; the engine's own tests compare positions, so here the
        # critical flag stands in for the finish.
        assert task["critical"] == stored[task["id"]].critical, task["name"]


def test_it_names_the_task_at_fault_and_exits_2(tmp_path):
    bad = dict(PLAN, tasks=[*PLAN["tasks"], {"id": "D", "name": "Oops", "duration": -1}])
    plan = tmp_path / "bad.json"
    plan.write_text(json.dumps(bad))
    with pytest.raises(CommandError) as error:
        run(str(plan))
    assert error.value.returncode == 2
    assert "task D" in str(error.value)


def test_it_names_the_tasks_in_a_cycle(tmp_path):
    cyclic = dict(
        PLAN,
        links=[{"from": "A", "to": "B"}, {"from": "B", "to": "C"}, {"from": "C", "to": "A"}],
    )
    plan = tmp_path / "cycle.json"
    plan.write_text(json.dumps(cyclic))
    with pytest.raises(CommandError) as error:
        run(str(plan))
    assert all(name in str(error.value) for name in ("A", "B", "C"))


def test_the_console_script_exits_2_on_a_broken_file(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text("<Project><Tasks>")
    result = subprocess.run(
        [sys.executable, "-m", "civicp3.manage", "schedule", str(broken)],
        capture_output=True,
        text=True,
        env={**os.environ, "DEBUG": "1"},
        check=False,
    )
    assert result.returncode == 2
    assert "broken.xml" in result.stderr


def test_the_console_script_schedules_without_setting_up_django(tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"start": "2025-01-06", "tasks": [{"id": "A", "duration": 2}]}))
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['civicp3', 'schedule', sys.argv[1]]\n"
        "try:\n"
        "    runpy.run_module('civicp3.manage', run_name='__main__')\n"
        "except SystemExit as done:\n"
        "    assert done.code == 0, done.code\n"
        "sys.stderr.write('django loaded' if 'django' in sys.modules else 'no django')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(plan)], capture_output=True, text=True, check=True
    )
    assert result.stderr.strip().endswith("no django")
    assert json.loads(result.stdout)["tasks"][0]["finish"] == "2025-01-07"
    other = subprocess.run(
        [sys.executable, "-m", "civicp3.manage", "check", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "DEBUG": "1"},
        check=False,
    )
    assert other.returncode == 0  # anything else is still Django's manage.py
    assert "--deploy" in other.stdout


def test_an_upload_with_a_constraint_the_app_cannot_keep_is_refused_by_name():
    from dataclasses import replace

    from civicp3.delivery.exchange import ImportProblem, read_mspdi_upload
    from civicp3.engine.mspdi import write_mspdi

    project = read_mspdi(REFERENCE / "mpxj_mspdirelations.xml")
    task = next(t for t in project.tasks if (t.outline_level or 0) > 0 and not t.summary)
    must = replace(task, constraint_type=2, constraint_date=project.start_date)
    tasks = tuple(must if t.uid == task.uid else t for t in project.tasks)
    with pytest.raises(ImportProblem, match=r"'must start on' constraint"):
        read_mspdi_upload(write_mspdi(replace(project, tasks=tasks)))
    assert read_mspdi_upload(write_mspdi(project)).data["tasks"]
