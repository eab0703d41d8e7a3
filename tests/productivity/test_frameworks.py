"""The framework as a document of record, attached for adoption; deadlines and reminders."""

import io
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from docx import Document as Word

from civicp3.organisation.models import Council
from civicp3.productivity import services
from civicp3.productivity.documents import committee_document
from civicp3.productivity.models import CommitteeReport, Framework, Plan, PlanStatus
from civicp3.productivity.selectors import deadlines
from civicp3.reminders.sources import SOURCES
from civicp3.reports.render import render_docx
from tests import clock

FRAMEWORK = {
    "title": "PMO and Improvement Framework",
    "version": "2024 - 2027",
    "approving_committee": "Strategy and Resources Committee",
    "next_review": date(2027, 3, 31),
    "body": "## Introduction\n\nThe PMO supports corporate projects.",
}


def test_the_pmo_records_a_framework_and_others_only_read_it(org) -> None:  # type: ignore[no-untyped-def]
    pmo = org.client_for("pmo")
    refused = pmo.post("/frameworks/new/", {**FRAMEWORK, "approved_on": "2027-04-01"})
    assert "The next review must be after the date it was approved" in refused.content.decode()
    response = pmo.post("/frameworks/new/", FRAMEWORK)
    framework = Framework.objects.get(council=org.a)
    assert response["Location"] == f"/frameworks/{framework.pk}/"
    page = org.client_for("councillor").get(response["Location"]).content.decode()
    assert "For approval by Strategy and Resources Committee" in page
    assert "31 March 2027" in page
    assert org.client_for("councillor").post("/frameworks/new/", FRAMEWORK).status_code == 403
    assert org.client_for("pmo", council="b").get(response["Location"]).status_code == 404
    word = Word(io.BytesIO(org.client_for("auditor").get(f"{response['Location']}docx/").content))
    assert "Introduction" in [p.text for p in word.paragraphs if p.style.name == "Heading 3"]


def test_the_demo_report_reproduces_seed_000s_recommendations_and_appendices(
    maldon: Council,
) -> None:
    report = CommitteeReport.objects.get(council=maldon, status=CommitteeReport.Status.ISSUED)
    assert report.status == CommitteeReport.Status.ISSUED
    word = Word(io.BytesIO(report.snapshots.get().read("docx")))
    paragraphs = [p.text for p in word.paragraphs]
    recommendations = paragraphs.index("2. Recommendations")
    assert paragraphs[recommendations + 1].startswith("(i) That the Project Management Office")
    assert "(APPENDIX 1) be adopted;" in paragraphs[recommendations + 1]
    assert paragraphs[recommendations + 2].startswith("(ii) That the Committee approves")
    assert any(p.startswith("1.1 To provide the Corporate Project Management") for p in paragraphs)
    listed = paragraphs[paragraphs.index("Appendices") + 1 : paragraphs.index("Appendices") + 3]
    assert listed[0].startswith("Appendix 1: Project Management Office (PMO) and Improvement")
    assert listed[1] == "Appendix 2: Maldon District Council Productivity Plan 2024"
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings[0].startswith("Appendix 1: Project Management Office")
    assert headings[1] == "Appendix 2: Maldon District Council Productivity Plan 2024"
    body = " ".join(paragraphs)
    # Inside the paper that asks members to endorse and adopt, neither is shown as done.
    assert "Endorsed by Strategy and Resources Committee on 13 June 2024" not in body
    approvals = [[c.text for c in row.cells] for t in word.tables for row in t.rows]
    assert ["Approved by", "For approval by Strategy and Resources Committee"] in approvals
    assert ["Next review due", "31 March 2027"] in approvals


def test_a_report_attaches_only_its_own_councils_framework(org) -> None:  # type: ignore[no-untyped-def]
    framework = services.framework_save(council=org.b, values=FRAMEWORK)
    values = {
        "title": "Framework",
        "committee": "Cabinet",
        "meeting_date": date(2024, 7, 9),
        "author": "Director",
        "purpose": "To adopt the framework",
        "recommendations": "That the framework be adopted.",
    }
    report = services.committee_report_save(council=org.a, values=values)
    with pytest.raises(services.PlanError, match="your council's frameworks"):
        services.committee_appendix_add(report=report, kind="framework", framework=framework)
    assert not report.appendices.exists()
    own = services.framework_save(council=org.a, values=FRAMEWORK)
    services.committee_appendix_add(report=report, kind="framework", framework=own)
    word = Word(io.BytesIO(render_docx(committee_document(report, org.a, date(2024, 7, 1)))))
    assert "Appendix 1: PMO and Improvement Framework 2024 - 2027" in [
        p.text for p in word.paragraphs
    ]


def test_deadlines_show_as_they_near_and_pass_on_the_pmos_attention_panel_and_remind_them(
    org, plan_a: Plan
) -> None:  # type: ignore[no-untyped-def]
    today = clock.today()
    User.objects.filter(pk=org.people_a["pmo"].pk).update(email="pmo@alpha.example")
    plan_a.template.deadline = today + timedelta(days=10)
    plan_a.template.save()
    services.framework_save(
        council=org.a, values=FRAMEWORK | {"next_review": today - timedelta(days=1)}
    )
    services.plan_move(plan=plan_a, to=PlanStatus.REVIEW)
    services.plan_move(
        plan=plan_a, to=PlanStatus.ENDORSED, committee="Cabinet", on=today - timedelta(days=170)
    )
    found = {d.label: d for d in deadlines(org.a, today)}
    assert found["Submit the Alpha Productivity Plan"].due == today + timedelta(days=10)
    assert found["Review the PMO and Improvement Framework 2024 - 2027"].passed(today)
    update = found["Six-monthly update on the Alpha Productivity Plan to Cabinet"]
    assert today < update.due <= today + timedelta(days=30)
    assert deadlines(org.b, today) == []

    page = org.client_for("councillor").get("/productivity-plan/").content.decode()
    assert "Overdue</strong> was due" in page
    review = "Review the PMO and Improvement Framework 2024 - 2027: was due"
    home = org.client_for("pmo").get("/").content.decode()
    assert review in home
    assert f"Submit the Alpha Productivity Plan: is due {today + timedelta(days=10):%-d %B %Y}" in (
        home
    )
    assert review not in org.client_for("councillor").get("/").content.decode()
    due = list(SOURCES["document_deadlines"].find(org.a, today))
    assert {item.user.username for item in due} == {"pmo"}
    assert "Review the PMO and Improvement Framework 2024 - 2027: was due" in [
        item.text.rsplit(" ", 3)[0] for item in due
    ]
