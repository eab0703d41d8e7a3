"""For the Maldon demo council (the whole demo, loaded by `civicp3 load_demo`), every report
renders as a web page, PDF, Word and XLSX file with the database's figures."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from docx import Document as Word
from openpyxl import load_workbook

from civicp3.organisation.models import Council
from civicp3.performance import demo, measures, selectors
from civicp3.performance.documents import REPORTS
from civicp3.portfolio.models import HighlightReport
from tests import clock
from tests.reports.test_report_files import docx_text, pdf_text
from tests.reports.test_word_files import extended_properties

pytestmark = pytest.mark.django_db


@pytest.fixture
def maldon(monkeypatch, client):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-secret-1")
    call_command("load_demo", stdout=io.StringIO())
    client.force_login(User.objects.get(username="pmo"))
    return Council.objects.get(slug="maldon")


def test_each_report_renders_in_each_format_with_the_demo_figures(maldon, client):
    delivered = measures.value_of(maldon, "improvements_delivered", clock.today())
    assert delivered.shown == "102"
    gates = selectors.gate_compliance(maldon)
    for slug in REPORTS:
        assert client.get(f"/performance/reports/{slug}/").status_code == 200, slug
        pdf = pdf_text(client.get(f"/performance/reports/{slug}/pdf/").content)
        word = client.get(f"/performance/reports/{slug}/docx/").content
        assert_the_council_wrote(word, maldon)
        docx = docx_text(word)
        workbook = load_workbook(
            io.BytesIO(client.get(f"/performance/reports/{slug}/xlsx/").content)
        )
        assert workbook.sheetnames, slug
        if slug == "success":
            for text in (pdf, docx):
                assert f"have delivered {delivered.shown} improvements" in text
        if slug == "governance":
            brief = gates[0]
            for text in (pdf, docx):
                assert f"Project brief a complete project brief {len(brief.passed)}" in text


def test_each_projects_summary_and_highlight_report_renders(maldon, client):
    reports = HighlightReport.objects.for_council(maldon).select_related("project")
    assert reports.count() >= 3  # the demo's active project has three months to compare
    for project in {report.project for report in reports}:
        base = f"/projects/{project.number}/summary-report/"
        assert client.get(base).status_code == 200
        for fmt in ("pdf", "docx", "xlsx"):
            response = client.get(f"{base}{fmt}/")
            assert response.status_code == 200, fmt
            assert len(response.content) > 1000, fmt
        word = client.get(f"{base}docx/").content
        assert "against last period" in docx_text(word)
        assert_the_council_wrote(word, maldon)


def assert_the_council_wrote(docx: bytes, council: Council) -> None:
    """The council, not the project or the library, is the Word file's author and company."""
    word = Word(io.BytesIO(docx))
    assert word.core_properties.author == council.name
    assert extended_properties(word)["Company"] == council.name


def test_the_performance_demo_can_run_twice(maldon):
    before = HighlightReport.objects.for_council(maldon).count()
    demo.load_demo(maldon)
    assert HighlightReport.objects.for_council(maldon).count() == before
