"""Importing a work list in the seed's layout: all or nothing, every bad row named."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from civicp3.improvements.lifecycle import Status
from civicp3.improvements.models import ImprovementRequest
from civicp3.improvements.services import ImportRejected, improvements_import
from civicp3.improvements.worklist import HEADERS
from civicp3.organisation.management.commands.load_demo import WORKLIST
from tests.improvements.conftest import SEED_ROWS, give_seed_structure

pytestmark = pytest.mark.django_db


def seed_table():
    with WORKLIST.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def as_csv(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def rejected(council, rows) -> list[str]:
    with pytest.raises(ImportRejected) as refused:
        improvements_import(council=council, rows_or_file=rows, actor=None)
    return [str(error) for error in refused.value.errors]


def test_it_imports_the_seeds_26_requests_in_the_seeds_order(org):
    give_seed_structure(org.a)
    created = improvements_import(council=org.a, rows_or_file=WORKLIST, actor=None)
    assert len(created) == 26
    assert ImprovementRequest.objects.filter(council=org.a).count() == 26
    for pathway in ("PIP", "QW", "GBC"):
        imported = ImprovementRequest.objects.filter(council=org.a, pathway=pathway).order_by(
            "-score", "number"
        )
        expected = [row["Process Impacted"] for row in SEED_ROWS if row["Pathway"] == pathway]
        assert [i.process_impacted for i in imported] == expected, pathway
    first = ImprovementRequest.objects.get(council=org.a, number=1)
    assert first.reference == "IMP-0001"
    assert first.score == Decimal("67")
    assert first.status == Status.WAITING_LIST
    assert first.directorate.name == "Sue"
    assert first.service_area.name == "CSA / ALL STAFF"
    assert first.form_required == "yes"
    assert (first.import_file, first.import_row) == ("maldon-improvement-worklist-2024.csv", 2)
    committee = ImprovementRequest.objects.get(council=org.a, process_impacted="Committee Services")
    assert committee.form_required == ""


def test_a_file_with_one_bad_row_writes_nothing_and_names_the_row_and_column(org):
    give_seed_structure(org.a)
    rows = seed_table()
    rows[10][7] = "QQW"  # the seed's own typo, on spreadsheet row 11
    assert rejected(org.a, rows) == ['Row 11, Pathway: Unknown pathway "QQW": use PIP, QW or GBC']
    assert not ImprovementRequest.objects.exists()


def test_it_reports_every_bad_row_not_just_the_first(org):
    give_seed_structure(org.a)
    rows = seed_table()
    rows[2][0] = "sixty"
    rows[5][4] = ""
    rows[20][6] = "Maybe"
    rows[26][7] = "GBC ?"
    assert rejected(org.a, rows) == [
        'Row 3, Score: "sixty" is not a number: enter a score like 45',
        "Row 6, Problem statement - 'what is the issue?': Enter the problem statement",
        'Row 21, Form Required?: "Maybe" is not an answer: use Yes, No, Not sure or leave it blank',
        'Row 27, Pathway: Unknown pathway "GBC ?": use PIP, QW or GBC',
    ]
    assert not ImprovementRequest.objects.exists()


def test_it_names_an_ad_area_and_service_area_the_council_does_not_have(org):
    rows = [
        HEADERS,
        ["45", "Parking permits", "Sue", "Parking", "Paper permits", "A form", "Yes", "QW"],
    ]
    assert rejected(org.a, rows) == [
        'Row 2, AD area: "Sue" is not one of Alpha District Council\'s directorates or AD areas: '
        "add it in council settings first",
        'Row 2, Service Area: "Parking" is not one of Alpha District Council\'s service areas: '
        "add it in council settings first",
    ]


def test_it_refuses_a_file_without_the_layouts_columns(org):
    errors = rejected(org.a, [["Score", "Process"], ["4", "X"]])
    assert len(errors) == 1
    assert errors[0].startswith("Row 1, Process Impacted, AD area, Service Area")
    assert "Missing columns" in errors[0]


def test_it_refuses_an_empty_file_and_a_file_that_is_not_a_table(org):
    assert rejected(org.a, io.BytesIO(b"")) == ["The file is empty"]
    assert rejected(org.a, [list(HEADERS)]) == ["The file has headings but no improvements"]
    damaged = io.BytesIO(b"PK\x03\x04 not really a workbook")
    assert rejected(org.a, damaged) == [
        "The Excel file could not be opened: save it again as .xlsx"
    ]


def test_it_accepts_headers_in_any_case_and_spacing(org):
    give_seed_structure(org.a)
    rows = seed_table()
    rows[0] = [
        " score ",
        "PROCESS  IMPACTED",
        "Ad Area",
        "service area",
        "Problem Statement \u2013 \u2018What is the issue?\u2019",  # as Excel autocorrects it
        "what we REQUIRE",
        "form required",
        "pathway ",
    ]
    created = improvements_import(council=org.a, rows_or_file=io.BytesIO(as_csv(rows)), actor=None)
    assert len(created) == 26
    assert created[0].problem_statement == "Low star rating"


def test_it_imports_an_xlsx_file(org, tmp_path):
    give_seed_structure(org.a)
    workbook = Workbook()
    sheet = workbook.active
    for index, row in enumerate(seed_table()):
        sheet.append([int(row[0]) if index else row[0], *row[1:]])
    sheet.append([None] * 8)  # a trailing empty row, as spreadsheets often have
    path = tmp_path / "worklist.xlsx"
    workbook.save(path)
    created = improvements_import(council=org.a, rows_or_file=path, actor=None)
    assert len(created) == 26
    assert created[1].score == Decimal("65")
    assert created[1].import_file == "worklist.xlsx"


def test_importing_the_same_file_twice_writes_nothing_the_second_time(org):
    give_seed_structure(org.a)
    improvements_import(council=org.a, rows_or_file=WORKLIST, actor=None)
    errors = rejected(org.a, WORKLIST)
    assert len(errors) == 26
    assert errors[0] == "Row 2, Process Impacted: This request is already recorded (IMP-0001)"
    assert ImprovementRequest.objects.filter(council=org.a).count() == 26


def test_it_refuses_the_same_request_twice_in_one_file(org):
    give_seed_structure(org.a)
    rows = seed_table()[:3]
    rows.append([*rows[1]])
    rows[3][1] = rows[3][1].upper()
    assert rejected(org.a, rows) == [
        "Row 4, Process Impacted: This request is already recorded (row 2)"
    ]


def test_the_same_file_imports_into_each_council_separately(org):
    give_seed_structure(org.a)
    give_seed_structure(org.b)
    improvements_import(council=org.a, rows_or_file=WORKLIST, actor=None)
    created = improvements_import(council=org.b, rows_or_file=WORKLIST, actor=None)
    assert created[0].reference == "IMP-0001"
    assert ImprovementRequest.objects.filter(council=org.b).count() == 26


def test_the_command_imports_a_file(org):
    give_seed_structure(org.a)
    out = io.StringIO()
    call_command("import_improvements", str(WORKLIST), council="alpha", stdout=out)
    assert "Imported 26 improvement requests into Alpha District Council" in out.getvalue()
    assert "(IMP-0001 to IMP-0026)" in out.getvalue()


def test_the_command_exits_2_with_every_problem_on_stderr(org, tmp_path):
    give_seed_structure(org.a)
    rows = seed_table()
    rows[4][7] = "XX"
    rows[9][0] = "-3"
    path = tmp_path / "bad.csv"
    path.write_bytes(as_csv(rows))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("import_improvements", str(path), council="alpha", stdout=out, stderr=err)
    assert exited.value.code == 2
    assert "Nothing was imported: the file has 2 problems from bad.csv" in err.getvalue()
    assert 'Row 5, Pathway: Unknown pathway "XX"' in err.getvalue()
    assert "Row 10, Score: Enter a score from 0 to 99,999.99" in err.getvalue()
    assert out.getvalue() == ""
    assert not ImprovementRequest.objects.exists()


def test_the_command_refuses_an_unknown_council_or_file(org, tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="no council with the slug 'nowhere'") as error:
        call_command("import_improvements", str(WORKLIST), council="nowhere")
    assert error.value.returncode == 2
    with pytest.raises(CommandError, match="There is no file at"):
        call_command("import_improvements", str(tmp_path / "missing.csv"), council="alpha")
