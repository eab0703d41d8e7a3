"""Plans in and out of Microsoft Project XML and Excel: all or nothing, errors that say where."""

import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from civicp3.delivery import exchange, selectors, services
from civicp3.delivery.models import Plan
from civicp3.engine.mspdi import read_mspdi

pytestmark = pytest.mark.django_db
REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "mspdi"


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, plan: Plan, data: bytes, name: str):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("delivery-import", kwargs={"number": plan.project.number}),
        {"file": SimpleUploadedFile(name, data)},
    )


def schedule_of(plan: Plan) -> dict[str, tuple[date, date, bool]]:
    return {
        r.task.code: (r.s.start, r.s.finish, r.s.critical)
        for r in selectors.plan_view(plan).scheduled.rows
    }


def test_an_excel_plan_replaces_the_tasks_and_links(org, plan) -> None:
    data = xlsx(
        [
            [
                *list(exchange.COLUMNS[:5]),
                "Optimistic",
                "Most likely",
                "Pessimistic",
                "Distribution",
                "% complete",
            ],
            ["S", "Survey", 3, None, None, 2, 3, 6, "pert", 50],
            ["P", "Pilot", 4, None, "S SS+1", None, None, None, None, 0],
            ["L", "Launch", 0, None, "P; S", None, None, None, None, None],
        ]
    )
    response = upload(org.client_for("project_manager"), plan, data, "plan.xlsx")
    assert response.status_code == 302
    assert schedule_of(plan) == {
        "S": (date(2026, 1, 5), date(2026, 1, 7), True),  # its start drives P (SS)
        "P": (date(2026, 1, 6), date(2026, 1, 9), True),
        "L": (date(2026, 1, 9), date(2026, 1, 9), True),
    }
    survey = plan.tasks.get(code="S")
    assert (survey.distribution, survey.estimate_max, survey.percent_complete) == ("pert", 6, 50)


def test_a_bad_excel_file_changes_nothing_and_names_row_and_column(org, plan) -> None:
    data = xlsx(
        [
            ["ID", "Name", "Duration (working days)", "Predecessors", "Colour"],
            ["S", "Survey", "three", None, None],
            ["S", "Again", 1, "Q", None],
        ]
    )
    response = upload(org.client_for("pmo"), plan, data, "plan.xlsx")
    text = response.content.decode()
    assert "Row 1, Colour: is not a column of the plan layout" in text
    data = xlsx(
        [
            ["ID", "Name", "Duration (working days)", "Predecessors"],
            ["S", "Survey", "three", None],
            ["S", "Again", 1, None],
            ["T", "Test", 1, "Q"],
            ["U", "Use", 1, "T FX+1"],
        ]
    )
    text = upload(org.client_for("pmo"), plan, data, "plan.xlsx").content.decode()
    assert "Row 2, Duration (working days): &#x27;three&#x27; is not a number" in text
    assert "Row 3, ID: S is also the ID of row 2" in text
    assert "Row 4, Predecessors: Q is not a task ID in the file" in text
    assert "Row 5, Predecessors: &#x27;T FX+1&#x27; is not like" in text
    assert set(schedule_of(plan)) == {"A", "B", "C", "D"}


def test_an_excel_loop_is_refused_with_the_tasks_named(org, plan) -> None:
    data = xlsx(
        [
            ["ID", "Name", "Duration (working days)", "Predecessors"],
            ["S", "Survey", 1, "T"],
            ["T", "Test", 1, "S"],
        ]
    )
    text = upload(org.client_for("pmo"), plan, data, "plan.xlsx").content.decode()
    assert "depend on each other in a loop" in text
    assert "S → T → S" in text or "T → S → T" in text
    assert set(schedule_of(plan)) == {"A", "B", "C", "D"}


def test_the_excel_export_imports_back_to_the_same_plan(org, plan) -> None:
    services.link_add(
        plan=plan, predecessor=plan.tasks.get(code="A"), successor=plan.tasks.get(code="D"),
        type="SF", lag=-2,
    )  # fmt: skip
    before = schedule_of(plan)
    client = org.client_for("project_manager")
    body = client.get(
        reverse("delivery-export", kwargs={"number": plan.project.number, "fmt": "xlsx"})
    ).content
    sheet = load_workbook(io.BytesIO(body)).active
    assert [c.value for c in sheet[1]] == list(exchange.COLUMNS)
    assert sheet["E5"].value == "B; C; A SF-2"
    assert upload(client, plan, body, "again.xlsx").status_code == 302
    assert schedule_of(plan) == before


def test_the_ms_project_export_reads_back_with_the_same_schedule(org, plan) -> None:
    services.baseline_set(plan=plan, name="Gateway 2")
    before = schedule_of(plan)
    client = org.client_for("project_manager")
    body = client.get(
        reverse("delivery-export", kwargs={"number": plan.project.number, "fmt": "xml"})
    ).content
    project = read_mspdi(body)
    names = [t.name for t in project.tasks]
    assert names[1:] == ["A Task A", "B Task B", "C Task C", "D Go live"]
    assert project.tasks[2].baselines[0].finish.date() == date(2026, 1, 14)
    assert upload(client, plan, body, "plan.xml").status_code == 302
    after = {
        r.task.name: (r.s.start, r.s.finish, r.s.critical)
        for r in selectors.plan_view(plan).scheduled.rows
    }
    assert list(after.values()) == list(before.values())
    assert plan.baselines.filter(name="Baseline from Microsoft Project").exists()


def test_a_file_that_is_not_xml_or_a_spreadsheet_is_refused(org, plan) -> None:
    client = org.client_for("pmo")
    text = upload(client, plan, b"<Project><Tasks><Task>", "broken.xml").content.decode()
    assert "The Microsoft Project file could not be read: not XML" in text
    text = upload(client, plan, b"<html></html>", "page.xml").content.decode()
    assert "not MSPDI" in text
    text = upload(client, plan, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "old.xls").content.decode()
    assert "old Excel (.xls) file" in text
    assert set(schedule_of(plan)) == {"A", "B", "C", "D"}


@pytest.mark.parametrize("name", sorted(p.name for p in REFERENCE.glob("*.xml")))
def test_the_ms_project_reference_files_import(plan, name: str) -> None:
    imported = exchange.read_mspdi_upload((REFERENCE / name).read_bytes())
    services.plan_replace(plan=plan, imported=imported)
    view = selectors.plan_view(plan)
    assert len(view.scheduled.rows) == len(imported.data["tasks"]) > 0


def test_a_ms_project_file_survives_import_export_and_import(org, plan) -> None:
    imported = exchange.read_mspdi_upload((REFERENCE / "mpxj_sample.xml").read_bytes())
    services.plan_replace(plan=plan, imported=imported)
    before = schedule_of(plan)
    client = org.client_for("pmo")
    body = client.get(
        reverse("delivery-export", kwargs={"number": plan.project.number, "fmt": "xml"})
    ).content
    assert upload(client, plan, body, "again.xml").status_code == 302
    after = [
        (r.s.start, r.s.finish, r.s.critical) for r in selectors.plan_view(plan).scheduled.rows
    ]
    assert after == list(before.values())


def export_json(client, plan: Plan) -> bytes:  # type: ignore[no-untyped-def]
    url = reverse("delivery-export", kwargs={"number": plan.project.number, "fmt": "json"})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.content


def risks_of(plan: Plan) -> list[tuple[str, str, str, str, list[str]]]:
    return [
        (
            r.title,
            f"{r.probability}",
            f"{r.delay_days}",
            f"{r.cost}",
            [t.code for t in r.tasks.all()],
        )
        for r in plan.risks.prefetch_related("tasks")
    ]


def test_a_json_export_imports_back_with_its_risks_and_cost_basis(org, plan) -> None:
    services.risk_save(
        plan=plan, risk=None, title="Late supplier", probability=Decimal("37.5"),
        delay_days=Decimal("2.5"), cost=Decimal("1200.00"), task_codes=["B", "C"],
    )  # fmt: skip
    services.risk_save(
        plan=plan, risk=None, title="Audit finding", probability=Decimal(10),
        delay_days=Decimal(0), cost=Decimal("300.00"), task_codes=[],
    )  # fmt: skip
    b = plan.tasks.get(code="B")
    b.cost_basis = "time"
    b.save()
    client = org.client_for("project_manager")
    before = (risks_of(plan), schedule_of(plan))
    exported = export_json(client, plan)
    # change the plan, then bring the export back
    plan.risks.all().delete()
    plan.tasks.filter(code="B").update(cost_basis="fixed")
    services.risk_save(
        plan=plan, risk=None, title="Something else", probability=Decimal(50),
        delay_days=Decimal(1), cost=Decimal(0), task_codes=["A"],
    )  # fmt: skip

    response = upload(client, plan, exported, "plan.json")

    assert response.status_code == 302
    assert (risks_of(plan), schedule_of(plan)) == before
    assert risks_of(plan)[0] == ("Late supplier", "37.50", "2.50", "1200.00", ["B", "C"])
    assert plan.tasks.get(code="B").cost_basis == "time"
    assert export_json(client, plan) == exported


def test_a_json_plan_with_a_bad_risk_changes_nothing_and_names_it(org, plan) -> None:
    client = org.client_for("project_manager")
    data = json.loads(export_json(client, plan))
    data["risks"] = [{"title": "Flood", "probability": "40%", "delay_days": 3, "tasks": ["Q"]}]
    before = schedule_of(plan)

    response = upload(client, plan, json.dumps(data).encode(), "plan.json")

    text = response.content.decode()
    assert response.status_code == 200
    assert "Risks[0] (risk Flood).tasks: &#x27;Q&#x27; is not a task of the plan" in text
    assert schedule_of(plan) == before
    assert not plan.risks.exists()


def test_a_json_export_is_for_the_councils_own_plans(org, plan) -> None:
    url = reverse("delivery-export", kwargs={"number": plan.project.number, "fmt": "json"})
    assert org.client_for("project_manager", council="b").get(url).status_code == 404
