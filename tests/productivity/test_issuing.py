"""Nothing blank by accident: a draft shows each gap, and issuing is refused until it is filled."""

import io
import re
from datetime import date

from docx import Document as Word
from pypdf import PdfReader

from civicp3.productivity import services
from civicp3.productivity.documents import APPENDICES, OFFICERS, SECTION_FIELDS
from civicp3.productivity.models import CommitteeReport, Plan

HEADER = {
    "title": "Productivity Plan",
    "committee": "Cabinet",
    "meeting_date": date(2024, 7, 9),
    "author": "Director of Performance and Partnerships",
    "purpose": "To seek approval of the Council's Productivity Plan",
    "recommendations": "That the Productivity Plan be approved for submission.",
}
COMPLETE = (
    HEADER
    | {
        name: f"The {label}."[:100]
        for name, label in SECTION_FIELDS.items()
        if name not in (OFFICERS, APPENDICES)
    }
    | {
        "background_papers": "None.",
        "chief_executive": "Paul Wilson",
        "chief_executive_on": date(2024, 7, 1),
        "s151_officer": "Karen Henriksen",
        "s151_officer_on": date(2024, 7, 1),
        "monitoring_officer": "Helen Mitchell",
        "monitoring_officer_on": date(2024, 7, 2),
    }
)


def _report(org, values: dict) -> CommitteeReport:  # type: ignore[no-untyped-def]
    return services.committee_report_save(council=org.a, values=values)


def test_a_draft_shows_each_gap_and_is_marked_draft(org) -> None:  # type: ignore[no-untyped-def]
    report = _report(org, HEADER)
    client = org.client_for("councillor")
    word = Word(io.BytesIO(client.get(f"{report.get_absolute_url()}docx/").content))
    assert word.sections[0].header.paragraphs[0].text == "DRAFT"
    paragraphs = [p.text for p in word.paragraphs]
    key_issues = paragraphs.index("3. Summary of key issues")
    assert paragraphs[key_issues + 1] == "Not yet completed"
    assert paragraphs.count("None.") == 1  # no appendices: the only "None." on purpose
    assert paragraphs[paragraphs.index("Appendices") + 1] == "None."
    officers = [[c.text for c in row.cells] for row in word.tables[-1].rows]
    assert ["Chief Executive", "Awaiting", "None.", "Awaiting"] in officers
    pdf = PdfReader(io.BytesIO(client.get(f"{report.get_absolute_url()}pdf/").content))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pdf.pages))
    assert "(ii) Impact on Equalities: Not yet completed" in text
    assert all("DRAFT" in page.extract_text() for page in pdf.pages)


def test_issuing_is_refused_naming_each_gap(org) -> None:  # type: ignore[no-untyped-def]
    report = _report(org, {**COMPLETE, "impact_equalities": "", "s151_officer_on": None})
    response = org.client_for("pmo").post(f"{report.get_absolute_url()}issue/")
    assert response.status_code == 400
    page = response.content.decode()
    start = page.index("govuk-error-summary")
    summary = page[start : page.index("</ul>", start)]
    edit = f"/committee-reports/{report.number}/edit/"
    assert f'<a href="{edit}#id_impact_equalities">Enter the impact on equalities</a>' in summary
    officer = "The Director of Resources (S151 officer) has not signed the report off"
    assert f'<a href="{edit}#id_s151_officer">{officer}</a>' in summary
    assert summary.count("<li>") == 2
    report.refresh_from_db()
    assert report.status == CommitteeReport.Status.DRAFT
    assert not report.snapshots.exists()


def test_an_issued_report_is_the_snapshot_and_cannot_change(org, plan_a: Plan) -> None:  # type: ignore[no-untyped-def]
    report = _report(org, COMPLETE)
    services.committee_appendix_add(report=report, kind="plan", plan=plan_a)
    pmo, issue = org.client_for("pmo"), f"{report.get_absolute_url()}issue/"
    assert org.client_for("councillor").post(issue).status_code == 403
    assert org.client_for("pmo", council="b").post(issue).status_code == 404
    response = pmo.post(issue)
    assert response["Location"] == report.get_absolute_url()
    report.refresh_from_db()
    assert report.status == CommitteeReport.Status.ISSUED
    record = report.snapshots.get()
    assert record.status == "Issued"
    for fmt in ("pdf", "docx", "html"):
        assert pmo.get(f"{report.get_absolute_url()}{fmt}/").content == record.read(fmt)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(record.read("pdf"))).pages)
    assert "DRAFT" not in text
    assert "Issued" in text
    refused = pmo.post(f"{report.get_absolute_url()}edit/", {**COMPLETE, "title": "Changed"})
    assert "The report has been issued" in refused.content.decode()
    again = pmo.post(issue)
    assert "The report has already been issued" in again.content.decode()
    report.refresh_from_db()
    assert report.title == "Productivity Plan"
