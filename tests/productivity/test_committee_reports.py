"""Committee reports: written in the councils' template, kept to the council that wrote them."""

from datetime import date

from civicp3.productivity.models import CommitteeReport, Plan
from civicp3.productivity.services import committee_report_save

REQUIRED = {
    "title": "Productivity Plan",
    "committee": "Cabinet",
    "meeting_date": "2024-07-09",
    "author": "Director of Performance and Partnerships",
    "purpose": "To seek approval of the Council's Productivity Plan",
    "recommendations": "That the Productivity Plan be approved for submission.",
}


def test_pmo_writes_a_report_with_the_plan_as_an_appendix(org, plan_a: Plan) -> None:  # type: ignore[no-untyped-def]
    client = org.client_for("pmo")
    response = client.post("/committee-reports/new/", {"title": ""})
    assert "Enter title" in response.content.decode()
    response = client.post("/committee-reports/new/", REQUIRED | {"impact_legal": "None"})
    report = CommitteeReport.objects.get(council=org.a)
    assert response["Location"] == f"/committee-reports/{report.number}/"
    assert (
        "Nothing is attached to this report." in client.get(response["Location"]).content.decode()
    )
    attach = f"/committee-reports/{report.number}/appendices/new/"
    refused = client.post(attach, {"kind": "plan"}).content.decode()
    assert "Choose one of your council&#x27;s plans" in refused
    response = client.post(attach, {"kind": "plan", "plan": plan_a.pk})
    assert response["Location"] == f"/committee-reports/{report.number}/"
    page = client.get(response["Location"]).content.decode()
    assert "Appendix 1: Alpha Productivity Plan" in page
    assert "Statutory officers&#x27; approvals" in page


def test_roles_and_councils(org, plan_a: Plan) -> None:  # type: ignore[no-untyped-def]
    report = committee_report_save(
        council=org.a,
        values={**REQUIRED, "meeting_date": date(2024, 7, 9)},
    )
    url = report.get_absolute_url()
    assert org.client_for("councillor").get(url).status_code == 200
    assert org.client_for("councillor").get(url + "edit/").status_code == 403
    assert org.client_for("staff").get(url).status_code == 403
    other = org.client_for("pmo", council="b")
    assert other.get(url).status_code == 404
    assert other.get(url + "docx/").status_code == 404
    assert (
        other.post(url + "appendices/new/", {"kind": "plan", "plan": plan_a.pk}).status_code == 404
    )
    # Council B cannot attach council A's plan to its own report.
    own = committee_report_save(
        council=org.b, values={**REQUIRED, "meeting_date": date(2024, 7, 9)}
    )
    response = other.post(
        f"{own.get_absolute_url()}appendices/new/", {"kind": "plan", "plan": plan_a.pk}
    )
    assert "Select a valid choice" in response.content.decode()
    assert not own.appendices.exists()


def test_the_list_is_paginated(org) -> None:  # type: ignore[no-untyped-def]
    for index in range(26):
        committee_report_save(
            council=org.a,
            values={**REQUIRED, "title": f"Report {index}", "meeting_date": date(2024, 1, 1)},
        )
    client = org.client_for("councillor")
    first = client.get("/committee-reports/").content.decode()
    assert first.count('<th scope="row"') == 25
    assert 'aria-label="Page 2"' in first
    second = client.get("/committee-reports/?page=2").content.decode()
    assert second.count('<th scope="row"') == 1
