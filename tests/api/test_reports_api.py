"""Reports through the API: the list, and downloads as PDF, Word or Excel."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from civicp3.performance.services import kpi_actual_record, kpi_save

pytestmark = pytest.mark.django_db


def test_the_reports_are_listed(api_for):
    body = api_for("councillor", scope="read").get("/api/reports/").json()
    assert {r["slug"] for r in body} == {"exceptions", "success", "headline", "governance"}


@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK")])
def test_a_report_downloads_in_each_format(org, api_for, fmt, magic):
    response = api_for("sponsor", scope="read").get(f"/api/reports/headline/{fmt}")
    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert 'filename="headline-report-alpha-' in response["Content-Disposition"]


def test_the_report_holds_only_the_tokens_councils_figures(org, api_for):
    for council, name in ((org.a, "Alpha's KPI"), (org.b, "Beta's KPI")):
        kpi = kpi_save(
            council=council, name=name, perspective="internal", owner="PMO", unit="%",
            target=95, tolerance=5, polarity="higher", frequency="monthly",
        )  # fmt: skip
        kpi_actual_record(kpi=kpi, period=date(2026, 5, 1), value=Decimal(50), commentary="Late")
    response = api_for("pmo").get("/api/reports/exceptions/xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    text = " ".join(workbook.sheetnames) + " ".join(
        str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row
    )
    assert "Alpha's KPI" in text
    assert "Beta's KPI" not in text


def test_unknown_reports_and_formats_and_roles_are_refused(api_for):
    api = api_for("pmo")
    assert api.get("/api/reports/nonsense/pdf").status_code == 404
    bad = api.get("/api/reports/headline/odt")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "path.fmt"
    assert api_for("staff").get("/api/reports/").status_code == 403
