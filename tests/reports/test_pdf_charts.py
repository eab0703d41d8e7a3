"""The charts are drawn in the PDF reports (as vector graphics from their SVG), beside their
data tables: RAG trend, benefits planned against realised, KPI trend with its target line,
demand against capacity and the demand trend."""

import io
import re

import pytest
from pypdf import PdfReader

from civicp3.performance.models import Kpi
from civicp3.reports.charts import PALETTE, RAG_COLOURS
from civicp3.reports.document import number

pytestmark = pytest.mark.django_db


def fill(colour: str) -> str:
    """The PDF operator that sets this fill colour, as WeasyPrint writes it."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return " ".join(f"{c:.6f}".rstrip("0").rstrip(".") or "0" for c in (red, green, blue)) + " rg"


def pdf(client, slug: str) -> tuple[str, str]:
    reader = PdfReader(io.BytesIO(client.get(f"/performance/reports/{slug}/pdf/").content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    drawing = " ".join(page.get_contents().get_data().decode("latin-1") for page in reader.pages)
    return text, re.sub(r"\s+", " ", drawing)


def test_the_headline_pdf_draws_the_rag_trend_demand_and_benefits_charts(demo):
    text, drawing = pdf(demo.client_for("pmo"), "headline")
    assert "Green Amber Red" in text  # the RAG trend's legend
    for colour in RAG_COLOURS.values():
        assert fill(colour) in drawing, colour
    # Each bar chart's legend repeats its table's column headings once more.
    assert text.count("Demand (hours) Capacity (hours)") == 2
    assert text.count("Planned (£) Realised (£)") == 2
    assert fill(PALETTE[0]) in drawing


def test_the_exceptions_pdf_draws_each_kpi_trend_with_its_target_line(demo):
    text, _ = pdf(demo.client_for("councillor"), "exceptions")
    kpis = Kpi.objects.for_council(demo.a).filter(measure="")  # reported: with actuals
    red_or_amber = [k for k in kpis if k.actuals.order_by("-period")[0].status != "green"]
    assert red_or_amber
    for kpi in red_or_amber:
        assert f"Target ({number(kpi.target)}" in text, kpi.name  # the dashed line's legend


def test_the_governance_pdf_draws_the_demand_trend(demo):
    text, _ = pdf(demo.client_for("pmo"), "governance")
    assert text.count("Improvement requests Improvements delivered Projects") == 2
    assert "Requests raised and improvements delivered by month" in text
