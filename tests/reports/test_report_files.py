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
from civicp3.performance import measures, selectors
from civicp3.performance.documents import REPORTS, month_label
from civicp3.performance.models import KpiActual
from civicp3.portfolio.models import HealthCheck, HighlightReport, Project
from civicp3.reports.document import money, number
from tests import clock

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
    realised = measures.value_of(demo.a, "benefits_realised", clock.today())
    assert realised.exact
    texts = downloads(demo.client_for("sponsor"), "success")
    for fmt in ("html", "pdf", "docx"):
        text = texts[fmt]
        assert f"have delivered {heads.improvements_delivered} improvements" in text, fmt
        assert f"saved the Council {money(heads.officer_time_value)}" in text, fmt
        assert f"{realised.shown} benefits realised to date" in " ".join(text.split()), fmt
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


def test_the_governance_report_shows_gate_compliance_and_demand_trends(demo):
    # A project on the register at the active stage with no brief, business case, appraisal,
    # criteria check or board decision: it moved on without any gate's document.
    stray = Project.objects.create(council=demo.a, number=99, title="Depot roof", stage="active")
    compliance = {r.gate.name: r for r in selectors.gate_compliance(demo.a)}
    brief = compliance["Project brief"]
    assert stray in brief.without
    assert len(brief.passed) >= 2
    trend = selectors.demand_trend(demo.a, clock.today())
    assert len(trend) == 12
    projects_raised = sum(m.projects for m in trend)
    assert projects_raised == Project.objects.for_council(demo.a).count()
    checks = HealthCheck.objects.for_council(demo.a).select_related("project")
    assert checks
    texts = downloads(demo.client_for("pmo"), "governance")
    for fmt in ("html", "pdf", "docx"):
        text = texts[fmt]
        assert "Compliance with the gates" in text, fmt
        assert (
            f"Project brief a complete project brief {len(brief.passed)} {brief.compliant} "
            f"{len(brief.without)} {brief.percent}%"
        ) in text, fmt
        assert f"{stray} Project brief a complete project brief" in text, fmt
        assert "overdue highlight reports" in text, fmt
        for check in checks:
            assert str(check.project) in text, fmt
        assert "Health-check results" in text, fmt
        assert "Requests raised and improvements delivered by month" in text, fmt
        this_month = trend[-1]
        assert (
            f"{month_label(this_month.month)} {this_month.improvements} {this_month.delivered} "
            f"{this_month.projects}"
        ) in text, fmt
        assert "Demand against capacity by month" in text, fmt
        assert "Benefits realisation by month" in text, fmt
    assert {Decimal(len(brief.passed)), Decimal(projects_raised)} <= xlsx_numbers(
        demo.client_for("pmo"), "governance"
    )


def test_the_project_summary_and_highlight_report_shows_this_and_last_period(demo):
    latest, previous = (
        HighlightReport.objects.for_council(demo.a)
        .filter(project__stage="active")
        .order_by("-period")[:2]
    )
    project = latest.project
    client = demo.client_for("sponsor")
    base = f"/projects/{project.number}/summary-report/"
    html = client.get(base)
    assert html.status_code == 200
    texts = {
        "html": " ".join(unescape(re.sub(r"<[^>]+>", " ", html.content.decode())).split()),
        "pdf": pdf_text(client.get(base + "pdf/").content),
        "docx": docx_text(client.get(base + "docx/").content),
    }
    for fmt, text in texts.items():
        assert project.title in text, fmt
        assert " ".join(latest.progress.split()) in text, fmt
        assert " ".join(latest.next_steps.split()) in text, fmt
        assert f"against last period ({previous.period:%B %Y})" in text, fmt
        assert f"Overall {latest.get_overall_display()} {previous.get_overall_display()}" in text, (
            fmt
        )
        # Amber last period, green this period: better. Cost amber both times: the same.
        assert "Time Green Amber ↑ Improved" in text, fmt
        assert "Cost Amber Amber → Same" in text, fmt
        assert f"Quality {latest.get_quality_display() or 'Not reported'}" in text, fmt
        assert f"Benefits {latest.get_benefits_display() or 'Not reported'}" in text, fmt
        for heading in ("Tolerances", "Change requests", "Issues and risks", "Lessons learned"):
            assert heading in text, (fmt, heading)
        assert "Project manager 5,000.00 10" in text, fmt
    assert demo.client_for("pmo", council="b").get(base).status_code == 404


def test_quality_and_benefits_getting_worse_shows_in_the_report(demo):
    latest = HighlightReport.objects.for_council(demo.a).filter(project__stage="active").first()
    HighlightReport.objects.filter(pk=latest.pk).update(quality="red", benefits="green")
    text = docx_text(
        demo.client_for("sponsor")
        .get(f"/projects/{latest.project.number}/summary-report/docx/")
        .content
    )
    assert "Quality Red Green ↓ Worse" in text
    assert "Benefits Green Amber ↑ Improved" in text


def test_a_council_with_no_data_is_told_what_would_fill_each_report(org):
    client = org.client_for("pmo", council="b")
    for slug in REPORTS:
        html = client.get(f"/performance/reports/{slug}/").content.decode()
        assert "app-report-empty" in html, slug
        data = client.get(f"/performance/reports/{slug}/docx/").content
        assert "None" not in docx_text(data).split(), slug
        # Council B has a service area with capacity, so only that chart has data to draw.
        pictures = [s._inline.docPr.get("descr") for s in Word(io.BytesIO(data)).inline_shapes]
        assert all(alt.startswith("Demand against capacity") for alt in pictures), slug
    governance = client.get("/performance/reports/governance/").content.decode()
    assert "No project has passed a gate yet" in governance
    assert "No health checks recorded yet" in governance
    assert "No requests raised in the last twelve months" in governance
    assert "No KPIs defined yet" in client.get("/performance/reports/exceptions/").content.decode()
