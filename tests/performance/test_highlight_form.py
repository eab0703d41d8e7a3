"""The highlight report form asks for quality and benefits RAG too, and the summary and
highlight report compares them with last period."""

import re
from html import unescape

import pytest

from civicp3.portfolio.models import HighlightReport, Project
from tests.clock import next_month

pytestmark = pytest.mark.django_db

# The demo holds a report for every month up to this one: the new report is for next month.
NEXT_MONTH = next_month()

RAG = {
    "overall": "amber",
    "schedule": "green",
    "cost": "green",
    "scope": "green",
    "risk": "amber",
}


def _active(demo) -> Project:
    return Project.objects.for_council(demo.a).get(stage="active", kind="project")


def _post(client, project: Project, **fields: str):
    data = {
        "period": NEXT_MONTH.isoformat(),
        "progress": "Residents tested the form.",
        "next_steps": "Go live.",
        **RAG,
        **fields,
    }
    return client.post(f"/projects/{project.number}/highlight-reports/new/", data)


def test_the_form_asks_for_quality_and_benefits_with_hints(demo):
    project = _active(demo)
    page = demo.client_for("project_manager").get(
        f"/projects/{project.number}/highlight-reports/new/"
    )
    html = page.content.decode()
    assert "Quality RAG" in html
    assert "Are the products meeting the quality agreed in the brief" in html
    assert "Benefits RAG" in html
    assert "Will the project still deliver the benefits in its business case" in html


def test_a_report_without_quality_and_benefits_is_refused_with_a_clear_message(demo):
    project = _active(demo)
    response = _post(demo.client_for("project_manager"), project)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Select the quality RAG status" in html
    assert "Select the benefits RAG status" in html
    assert not project.highlights.filter(period=NEXT_MONTH).exists()


def test_quality_and_benefits_are_saved_and_compared_with_last_period(demo):
    project = _active(demo)
    response = _post(demo.client_for("project_manager"), project, quality="red", benefits="green")
    assert response.status_code == 302
    report = project.highlights.get(period=NEXT_MONTH)
    assert (report.quality, report.benefits) == ("red", "green")
    previous = project.highlights.exclude(pk=report.pk).order_by("-period").first()
    page = demo.client_for("sponsor").get(f"/projects/{project.number}/summary-report/")
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", page.content.decode())).split())
    assert f"against last period ({previous.period:%B %Y})" in text
    quality_was = previous.get_quality_display() or "Not reported"
    assert f"Quality Red {quality_was}" in text
    assert "Benefits Green" in text


def test_older_reports_without_quality_and_benefits_stay_valid(demo):
    report = HighlightReport.objects.for_council(demo.a).order_by("period").first()
    HighlightReport.objects.filter(pk=report.pk).update(quality="", benefits="")
    report.refresh_from_db()
    report.full_clean()
    page = demo.client_for("sponsor").get(f"/projects/{report.project.number}/summary-report/")
    assert page.status_code == 200
    assert "Not reported" in page.content.decode()
