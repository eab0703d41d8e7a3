"""The demo council's plan and committee report, read back from the PDF and Word files."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from docx import Document as Word
from pypdf import PdfReader

from civicp3.improvements.models import Benefits
from civicp3.organisation.models import Council
from civicp3.performance import measures
from civicp3.productivity import best_value_demo, demo
from civicp3.productivity.defaults import MALDON_PRESET, THEMES_2024
from civicp3.productivity.demo import load_demo
from civicp3.productivity.documents import (
    PRINT_TEMPLATE,
    committee_document,
    plan_document,
)
from civicp3.productivity.models import CommitteeReport, Plan
from civicp3.reports.render import render_docx, render_pdf
from tests import clock
from tests.productivity.test_committee_templates import SEED_SECTIONS

THEME_TITLES = [title for title, _, _ in THEMES_2024]
COMMITTEE_SECTIONS = SEED_SECTIONS[MALDON_PRESET]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _in_order(text: str, parts: list[str]) -> None:
    position = -1
    for part in parts:
        found = text.find(part, position + 1)
        assert found > position, f"{part!r} missing or out of order"
        position = found


def _expected_figures(council: Council) -> list[str]:
    keys = ("improvements_delivered", "officer_hours_saved", "officer_time_saved")
    values = measures.values_of(council, (*keys, "benefits_realised"), clock.today())
    assert all(value.exact for value in values)
    return [f"{value.shown} {value.label}" for value in values]


def test_the_demo_plan_prints_to_three_or_four_pages_with_the_themes_and_live_figures(
    maldon: Council,
) -> None:
    plan = Plan.objects.get(council=maldon, title=demo.TITLE)
    pdf = PdfReader(io.BytesIO(render_pdf(PRINT_TEMPLATE, {"document": plan_document(plan)})))
    assert 3 <= len(pdf.pages) <= 4
    assert "/StructTreeRoot" in pdf.trailer["/Root"]  # a tagged PDF
    assert pdf.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4
    text = _flat(" ".join(page.extract_text() for page in pdf.pages))
    _in_order(text, [f"{i}. {title}" for i, title in enumerate(THEME_TITLES, start=1)])
    for figure in _expected_figures(maldon):
        assert _flat(figure) in text


def test_the_demo_plan_in_word_has_real_headings_in_order_and_the_figures(
    maldon: Council,
) -> None:
    plan = Plan.objects.get(council=maldon, title=demo.TITLE)
    word = Word(io.BytesIO(render_docx(plan_document(plan))))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 2"]
    themes = [h for h in headings if h[:2] in ("1.", "2.", "3.", "4.")]
    assert themes == [f"{i}. {title}" for i, title in enumerate(THEME_TITLES, start=1)]
    cells = [
        " ".join(cell.text for cell in row.cells) for table in word.tables for row in table.rows
    ]
    for figure in _expected_figures(maldon):
        assert figure in cells
    # The narrative's Markdown bullets are Word list paragraphs, not asterisks.
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    assert any(text.startswith("Funding certainty") for text in bullets)
    assert not any("**" in p.text for p in word.paragraphs)


def test_the_figures_follow_the_data(maldon: Council) -> None:
    plan = Plan.objects.get(council=maldon, title=demo.TITLE)
    before = plan_document(plan).text()
    benefits = Benefits.objects.for_council(maldon).first()
    benefits.hours_saved_per_year += 100
    benefits.save()
    after = plan_document(plan).text()
    hours = measures.value_of(maldon, "officer_hours_saved", clock.today())
    assert f"{hours.shown} officer hours saved" in after
    assert before != after


def test_the_committee_report_in_word_has_every_section_in_order_and_the_plan_appended(
    maldon: Council,
) -> None:
    report = CommitteeReport.objects.get(council=maldon, status=CommitteeReport.Status.ISSUED)
    document = committee_document(report, maldon, report.meeting_date)
    word = Word(io.BytesIO(render_docx(document)))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    _in_order(" | ".join(headings), COMMITTEE_SECTIONS)
    appendix = [h for h in headings if h.startswith("Appendix 2:")]
    assert appendix == [f"Appendix 2: {report.appendices.get(kind='plan').plan.title}"]
    after_appendix = headings[headings.index(appendix[0]) :]
    assert [h for h in after_appendix if h[:2] == "1."] == [f"1. {THEME_TITLES[0]}"]
    body = " ".join(p.text for p in word.paragraphs)
    assert (
        "Report of Director of Strategy and Resources to Strategy and Resources Committee" in body
    )
    approvals = [[c.text for c in row.cells] for t in word.tables for row in t.rows]
    assert [
        "Director of Resources (S151 officer)",
        "Director of Resources (S151 officer)",
        "None.",
        "3 June 2024",
    ] in approvals


def test_the_commands_write_each_format(maldon: Council, tmp_path: Path) -> None:
    for fmt in ("pdf", "docx", "html"):
        out = tmp_path / f"plan.{fmt}"
        call_command(
            "productivity_plan",
            "--council",
            "maldon",
            "--format",
            fmt,
            "--out",
            str(out),
            stdout=io.StringIO(),
        )
        assert out.stat().st_size > 1000
    assert b"%PDF" in (tmp_path / "plan.pdf").read_bytes()[:5]
    assert THEME_TITLES[3] in (tmp_path / "plan.html").read_text()
    out = tmp_path / "report.docx"
    call_command(
        "committee_report",
        "--council",
        "maldon",
        "--format",
        "docx",
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    assert "Statutory officers' approvals" in [p.text for p in Word(str(out)).paragraphs]


def test_the_demo_loads_once(maldon: Council) -> None:
    def counts() -> tuple[int, int]:
        return (
            Plan.objects.filter(council=maldon).count(),
            CommitteeReport.objects.filter(council=maldon).count(),
        )

    before = counts()
    load_demo(maldon)
    best_value_demo.load_demo(maldon)
    assert Plan.objects.filter(council=maldon, title=demo.TITLE).count() == 1
    assert CommitteeReport.objects.filter(council=maldon, status="issued").count() == 1
    assert counts() == before


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_the_plan_downloads(maldon: Council, fmt: str, client) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username="councillor"))
    plan = Plan.objects.get(council=maldon, title=demo.TITLE)
    response = client.get(f"/productivity-plan/{plan.pk}/download/{fmt}/")
    assert response.status_code == 200
    assert f'filename="productivity-plan-maldon-{plan.pk}.{fmt}"' in response["Content-Disposition"]
