"""Each report for the demo council, as PDF, Word and XLSX, holds the database's figures."""

import io
import re
from decimal import Decimal
from html import unescape

import pytest
from docx import Document as Word
from openpyxl import load_workbook
from pypdf import PdfReader

from civicp3.improvements.selectors import success_headlines
from civicp3.performance import selectors
from civicp3.performance.models import KpiActual
from civicp3.portfolio.models import Project
from civicp3.reports.document import money, number

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def docx_text(data: bytes) -> str:
    word = Word(io.BytesIO(data))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return " ".join(" ".join(parts).split())


def downloads(client, slug: str) -> dict[str, str]:
    texts = {}
    html = client.get(f"/performance/reports/{slug}/")
    assert html.status_code == 200
    texts["html"] = " ".join(unescape(re.sub(r"<[^>]+>", " ", html.content.decode())).split())
    pdf = client.get(f"/performance/reports/{slug}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    texts["pdf"] = pdf_text(pdf.content)
    texts["docx"] = docx_text(client.get(f"/performance/reports/{slug}/docx/").content)
    workbook = load_workbook(io.BytesIO(client.get(f"/performance/reports/{slug}/xlsx/").content))
    texts["xlsx"] = " ".join(
        str(v) for sheet in workbook for row in sheet.iter_rows(values_only=True) for v in row
    )
    return texts


def xlsx_numbers(client, slug: str) -> set[Decimal]:
    data = client.get(f"/performance/reports/{slug}/xlsx/").content
    return {
        Decimal(str(v)).quantize(Decimal("0.01"))
        for sheet in load_workbook(io.BytesIO(data))
        for row in sheet.iter_rows(values_only=True)
        for v in row
        if isinstance(v, int | float)
    }


def test_the_exceptions_report_shows_only_red_and_amber_kpis_with_commentary(demo):
    texts = downloads(demo.client_for("councillor"), "exceptions")
    latest = {}
    for actual in KpiActual.objects.for_council(demo.a).select_related("kpi").order_by("period"):
        latest[actual.kpi.name] = actual
    exceptions = [a for a in latest.values() if a.status in ("red", "amber")]
    greens = [a for a in latest.values() if a.status == "green"]
    assert exceptions
    assert greens
    for fmt in ("html", "pdf", "docx"):
        text = texts[fmt]
        for perspective in ("Customer", "Financial", "Internal process", "Learning and growth"):
            assert perspective in text, fmt
        for actual in exceptions:
            assert actual.kpi.name in text, (fmt, actual.kpi.name)
            assert number(actual.value) in text, (fmt, actual.kpi.name)
            assert actual.commentary in text, fmt
        for actual in greens:
            assert f"{actual.kpi.name}: Green" not in text, fmt
    red = sum(1 for a in latest.values() if a.status == "red")
    assert red >= 1
    assert "Red" in texts["xlsx"]


def test_the_success_report_carries_the_headlines_and_benefits(demo):
    heads = success_headlines(demo.a)
    rows = selectors.benefit_rows(demo.a, selectors.benefits_for(demo.a))
    realised = sum((row.realised_value for row in rows), Decimal(0))
    assert realised > 0
    texts = downloads(demo.client_for("sponsor"), "success")
    for fmt in ("html", "pdf", "docx"):
        text = texts[fmt]
        assert f"have delivered {heads.improvements_delivered} improvements" in text, fmt
        assert f"saved the Council {money(heads.officer_time_value)}" in text, fmt
        assert money(realised) in text, fmt
        for row in rows:
            assert row.benefit.title in text, fmt
    numbers = xlsx_numbers(demo.client_for("sponsor"), "success")
    assert {row.realised_value for row in rows} <= numbers


def test_the_headline_report_counts_the_register(demo):
    projects = Project.objects.for_council(demo.a)
    active = projects.filter(stage="active").count()
    texts = downloads(demo.client_for("board_member"), "headline")
    for fmt in ("html", "pdf", "docx"):
        text = texts[fmt]
        assert f"{projects.count()} on the P3 register" in text, fmt
        assert f"{active} active" in text, fmt
        assert "Demand against capacity" in text, fmt


def test_the_governance_report_renders_in_each_format(demo):
    texts = downloads(demo.client_for("pmo"), "governance")
    for fmt in ("html", "pdf", "docx"):
        assert "Health-check results" in texts[fmt], fmt
        assert "overdue highlight reports" in texts[fmt], fmt


def test_the_project_summary_and_highlight_report_shows_this_and_last_period(demo):
    from civicp3.portfolio.models import HighlightReport

    report = HighlightReport.objects.for_council(demo.a).select_related("project").first()
    assert report is not None
    project = report.project
    client = demo.client_for("sponsor")
    base = f"/projects/{project.number}/summary-report/"
    html = client.get(base)
    assert html.status_code == 200
    texts = {
        "pdf": pdf_text(client.get(base + "pdf/").content),
        "docx": docx_text(client.get(base + "docx/").content),
    }
    for fmt, text in texts.items():
        assert project.title in text, fmt
        assert " ".join(report.progress.split()) in text, fmt
        assert f"Overall {report.get_overall_display()}" in text, fmt
    assert demo.client_for("pmo", council="b").get(base).status_code == 404
