"""Committee report templates as data: three presets reproduce the councils' papers (seeds 000,
003 and 004) section by section, and a council edits its own."""

import io
import re
from datetime import date

import pytest
from docx import Document as Word
from pypdf import PdfReader

from civicp3.productivity import services
from civicp3.productivity.defaults import (
    DERBYSHIRE_DALES_PRESET,
    MALDON_PRESET,
    OADBY_WIGSTON_PRESET,
    committee_templates_create,
)
from civicp3.productivity.documents import committee_document
from civicp3.productivity.models import CommitteeTemplate, Plan
from civicp3.reports.render import PRINT_TEMPLATE, render_docx, render_pdf

# Each seed's headings and labelled fields, in the order the paper prints them.
SEED_SECTIONS = {
    MALDON_PRESET: [  # 000
        "1. Purpose of the report",
        "2. Recommendations",
        "3. Summary of key issues",
        "4. Conclusion",
        "5. Impact on priorities as set out in the Corporate Plan",
        "6. Implications",
        "Appendices",
        "Background Papers",
        "Enquiries to",
        "Statutory officers' approvals",
    ],
    DERBYSHIRE_DALES_PRESET: [  # 003 (which numbers "Risk Management" 11 a second time)
        "Open or exempt report",
        "Report Author and Contact Details",
        "Wards Affected",
        "Report Summary",
        "Recommendations",
        "List of Appendices",
        "Background Papers",
        "Consideration of report by Council or other committee",
        "Council Approval Required",
        "Exempt from Press or Public",
        "1. Background",
        "2. Key Issues",
        "3. Options Considered and Recommended Proposal",
        "4. Consultation",
        "5. Timetable for Implementation",
        "6. Policy Implications",
        "7. Financial and Resource Implications",
        "8. Procurement Implications",
        "9. Legal Advice and Implications",
        "10. Equalities Implications",
        "11. Climate Change Implications",
        "12. Risk Management",
        "Report Authorisation",
    ],
    OADBY_WIGSTON_PRESET: [  # 004
        "Purpose of Report",
        "Report Summary",
        "Recommendation(s)",
        "Senior Leadership, Head of Service, Manager, Officer and Other Contact(s)",
        "Strategic Objectives",
        "Legal",
        "Financial",
        "Corporate Risk Management",
        "Equalities and Equalities Assessment (EA)",
        "Human Rights",
        "Health and Safety",
        "Statutory Officers' Comments",
        "Consultees",
        "Background Papers",
        "Appendices",
        "1. Background and Approach",
    ],
}
NONE = "There are no implications directly arising from this report."
WRITTEN = {
    "title": "Council Productivity Plan (2024/25)",
    "committee": "Council",
    "meeting_date": date(2024, 7, 9),
    "author": "Sal Khan (Interim Strategic Director)",
    "contact": "Anne Court (Chief Executive / Head of Paid Service) (0116) 257 2602",
    "open_or_exempt": "OPEN REPORT",
    "wards_affected": "District Wide",
    "purpose": "To seek approval of the Council's Productivity Plan",
    "summary": "This report sets out the Council's proposed Productivity Plan for 2024/25.",
    "recommendations": "That Council endorses and approves the proposed Plan at Appendix 1.",
    "background": "Local Authority Productivity Plans are a new requirement.\n\n"
    "Guidance has recently been provided by DLUHC.\n\n- a bullet keeps its place",
    "strategic_objectives": "Our Council (SO1)",
    "other_committee": "N/A",
    "council_approval": "Council approval is essential for the endorsement of the plan.",
    "exempt": "No",
    "key_issues": "The DLUHC wrote to the Council on 16 April 2024.",
    "options": "As this is a requirement, no other options have been considered.",
    "consultation": "Senior Leadership Team.",
    "timetable": "Submitted and published online by 19 July 2024.",
    "conclusion": "The plan is presented for member endorsement.",
    "priorities_impact": "Smarter finances.",
    "impact_customers": "Better service delivery for our residents.",
    "impact_equalities": NONE,
    "impact_risk": "Failure to approve the plan would miss the deadline.",
    "impact_financial": NONE,
    "impact_human": NONE,
    "impact_legal": NONE,
    "impact_climate": NONE,
    "impact_procurement": NONE,
    "impact_policy": "It aligns with the corporate plan objective.",
    "impact_human_rights": NONE,
    "impact_health_safety": NONE,
    "corporate_risks": "Decreasing Financial Resources / Increasing Financial Pressures (CR1) "
    "Political Dynamics (CR3) Reputation Damage (CR4)",
    "background_papers": "None.",
    "enquiries_to": "Cheryl Hughes, Assistant Director",
    "chief_executive": "Anne Court",
    "chief_executive_on": date(2024, 7, 1),
    "chief_executive_comment": "The report is satisfactory.",
    "s151_officer": "Sal Khan",
    "s151_officer_on": date(2024, 7, 1),
    "s151_officer_comment": "As the author, the report is satisfactory.",
    "monitoring_officer": "Helen Mitchell",
    "monitoring_officer_on": date(2024, 7, 2),
    "monitoring_officer_comment": "The report is satisfactory.",
}


def _template(org, name: str) -> CommitteeTemplate:  # type: ignore[no-untyped-def]
    return next(t for t in committee_templates_create(org.a) if t.name == name)


@pytest.mark.parametrize("preset", list(SEED_SECTIONS))
def test_each_preset_reproduces_its_seeds_sections_in_order(org, plan_a: Plan, preset: str) -> None:  # type: ignore[no-untyped-def]
    values = WRITTEN | {"template": _template(org, preset)}
    report = services.committee_report_save(council=org.a, values=values)
    services.committee_appendix_add(report=report, kind="plan", plan=plan_a)
    document = committee_document(report, org.a, date(2024, 7, 1))
    word = Word(io.BytesIO(render_docx(document)))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    appendix = headings.index("Appendix 1: Alpha Productivity Plan")
    assert headings[:appendix] == SEED_SECTIONS[preset]

    pdf = PdfReader(io.BytesIO(render_pdf(PRINT_TEMPLATE, {"document": document})))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pdf.pages))
    position = -1
    for heading in SEED_SECTIONS[preset]:
        found = text.find(heading, position + 1)
        assert found > position, f"{heading!r} missing or out of order in the PDF"
        position = found
    report.refresh_from_db()
    assert services.committee_gaps(report) == []


def test_oadby_and_wigston_numbers_its_paragraphs_and_prints_the_officers_comments(
    org, plan_a: Plan
) -> None:  # type: ignore[no-untyped-def]
    values = WRITTEN | {"template": _template(org, OADBY_WIGSTON_PRESET)}
    report = services.committee_report_save(council=org.a, values=values)
    services.committee_appendix_add(report=report, kind="plan", plan=plan_a)
    word = Word(io.BytesIO(render_docx(committee_document(report, org.a, date(2024, 7, 1)))))
    paragraphs = [p.text for p in word.paragraphs]
    assert "1.1 Local Authority Productivity Plans are a new requirement." in paragraphs
    assert "1.2 Guidance has recently been provided by DLUHC." in paragraphs
    assert "a bullet keeps its place" in paragraphs
    assert "Appendix 1: Alpha Productivity Plan" in paragraphs  # the list of appendices
    assert any("(CR1)" in p and "(CR3)" in p and "(CR4)" in p for p in paragraphs)
    officers = [[c.text for c in row.cells] for row in word.tables[0].rows]
    assert officers[0] == ["Officer", "Name", "Comments", "Date approved"]
    assert [
        "Chief Finance Officer",
        "Sal Khan",
        "As the author, the report is satisfactory.",
        "1 July 2024",
    ] in officers


def test_maldon_lists_its_implications_under_one_numbered_section(org) -> None:  # type: ignore[no-untyped-def]
    values = WRITTEN | {"template": _template(org, MALDON_PRESET)}
    report = services.committee_report_save(council=org.a, values=values)
    word = Word(io.BytesIO(render_docx(committee_document(report, org.a, date(2024, 7, 1)))))
    paragraphs = [p.text for p in word.paragraphs]
    start = paragraphs.index("6. Implications")
    assert (
        paragraphs[start + 1]
        == "(i) Impact on Customers: Better service delivery for our residents."
    )
    assert paragraphs[start + 2] == f"(ii) Impact on Equalities: {NONE}"
    assert paragraphs[start + 5].startswith("(v) Impact on Resources (human)")
    assert paragraphs[paragraphs.index("Appendices") + 1] == "None."


def test_a_council_edits_its_template_and_reports_follow_it(org) -> None:  # type: ignore[no-untyped-def]
    template = _template(org, OADBY_WIGSTON_PRESET)
    pmo = org.client_for("pmo")
    base = f"/committee-reports/templates/{template.pk}/sections/"
    first, second = template.sections.all()[:2]
    assert pmo.post(f"{base}{second.pk}/up/").status_code == 302
    pmo.post(f"{base}{first.pk}/", {"heading": "Purpose", "part": "body", "required": ""})
    pmo.post(f"{base}{template.sections.get(field='impact_health_safety').pk}/remove/")
    refused = pmo.post(f"{base}new/", {"field": "nonsense", "heading": "X", "part": "field"})
    assert "Select a valid choice" in refused.content.decode()
    pmo.post(f"{base}new/", {"field": "wards_affected", "heading": "Wards", "part": "field"})
    headings = list(template.sections.values_list("heading", "part", "required"))
    assert headings[:2] == [("Report Summary", "field", True), ("Purpose", "body", False)]
    assert headings[-1] == ("Wards", "field", False)
    assert "Health and Safety" not in [h for h, _, _ in headings]
    page = pmo.get("/committee-reports/templates/").content.decode()
    assert "Wards" in page

    report = services.committee_report_save(
        council=org.a, values=WRITTEN | {"template": template, "purpose": "x", "summary": ""}
    )
    gaps = services.committee_gaps(report)
    assert ("summary", "Enter the report summary") in gaps
    assert not any(field == "purpose" for field, _ in gaps)


def test_only_the_pmo_changes_templates_and_only_its_own(org) -> None:  # type: ignore[no-untyped-def]
    template = _template(org, MALDON_PRESET)
    section = template.sections.first()
    url = f"/committee-reports/templates/{template.pk}/sections/{section.pk}/remove/"
    assert org.client_for("councillor").get("/committee-reports/templates/").status_code == 200
    assert org.client_for("councillor").post(url).status_code == 403
    assert org.client_for("pmo", council="b").post(url).status_code == 404
    other = _template(org, MALDON_PRESET)
    assert other.sections.filter(pk=section.pk).exists()
    values = WRITTEN | {"template": template}
    with pytest.raises(services.PlanError, match="your council's report templates"):
        services.committee_report_save(council=org.b, values=values)
