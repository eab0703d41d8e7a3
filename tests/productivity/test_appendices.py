"""A committee report's appendices: any mix of frameworks, plans, six-monthly updates and PMO
reports, in the order and with the numbering the council uses, listed in the report."""

import io
from datetime import timedelta

import pytest
from docx import Document as Word

from civicp3.productivity import services
from civicp3.productivity.defaults import OADBY_WIGSTON_PRESET, committee_templates_create
from civicp3.productivity.documents import committee_document
from civicp3.productivity.models import CommitteeTemplate, Plan, PlanStatus
from civicp3.reports.render import render_docx
from tests import clock
from tests.productivity.test_frameworks import FRAMEWORK
from tests.productivity.test_issuing import COMPLETE


@pytest.fixture
def report(org, plan_a: Plan):  # type: ignore[no-untyped-def]
    template = next(t for t in committee_templates_create(org.a) if t.name == OADBY_WIGSTON_PRESET)
    return services.committee_report_save(council=org.a, values=COMPLETE | {"template": template})


def _word(report, org) -> Word:  # type: ignore[no-untyped-def]
    return Word(io.BytesIO(render_docx(committee_document(report, org.a, clock.today()))))


def test_any_mix_in_the_councils_order_and_numbering_with_the_list_of_appendices(
    org, report, plan_a: Plan
) -> None:  # type: ignore[no-untyped-def]
    framework = services.framework_save(council=org.a, values=FRAMEWORK)
    services.committee_appendix_add(report=report, kind="report", pmo_report="success")
    services.committee_appendix_add(report=report, kind="update", plan=plan_a)
    services.committee_appendix_add(report=report, kind="plan", plan=plan_a)
    adopted = services.committee_appendix_add(report=report, kind="framework", framework=framework)
    for _ in range(3):
        services.committee_appendix_move(appendix=adopted, up=True)
    with pytest.raises(services.PlanError, match="already the first"):
        services.committee_appendix_move(appendix=adopted, up=True)
    with pytest.raises(services.PlanError, match="already an appendix"):
        services.committee_appendix_add(report=report, kind="plan", plan=plan_a)
    services.committee_template_numbering(
        template=report.template, numbering=CommitteeTemplate.Numbering.LETTERS
    )

    word = _word(report, org)
    expected = [
        "Appendix A: PMO and Improvement Framework 2024 - 2027",
        "Appendix B: Success report",
        "Appendix C: Six-monthly update on the Alpha Productivity Plan",
        "Appendix D: Alpha Productivity Plan",
    ]
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert [h for h in headings if h.startswith("Appendix ")] == expected
    listed = [
        p.text for p in word.paragraphs if p.text in expected and p.style.name == "List Bullet"
    ]
    assert listed == expected  # the report's own list of appendices, in the same order

    page = org.client_for("councillor").get(report.get_absolute_url()).content.decode()
    assert page.index("Appendix A</th>") < page.index("Appendix D</th>")
    assert "Remove<span" not in page  # councillors read; only the PMO changes appendices


def test_the_update_shows_each_figure_as_endorsed_beside_the_figure_now(
    org, report, plan_a: Plan
) -> None:  # type: ignore[no-untyped-def]
    forms = services.commitment_add(
        plan=plan_a,
        text="Ten forms online",
        owner="Digital",
        due=clock.today() + timedelta(days=90),
    )
    services.plan_move(plan=plan_a, to=PlanStatus.REVIEW)
    services.plan_move(plan=plan_a, to=PlanStatus.ENDORSED, committee="Cabinet", on=clock.today())
    services.commitment_status_set(commitment=forms, status="done")
    services.committee_appendix_add(report=report, kind="update", plan=plan_a)

    word = _word(report, org)
    compared = next(t for t in word.tables if t.rows[0].cells[-1].text == "Now")
    header = [cell.text for cell in compared.rows[0].cells]
    assert header == ["Figure", f"As endorsed ({clock.today():%-d %B %Y})", "Now"]
    rows = {row.cells[0].text: (row.cells[1].text, row.cells[2].text) for row in compared.rows}
    assert rows["Commitments: Ten forms online: Status"] == ("In progress", "Done")


def test_the_pmo_attaches_and_orders_on_the_page_and_others_cannot(org, report, plan_a) -> None:  # type: ignore[no-untyped-def]
    pmo, url = org.client_for("pmo"), report.get_absolute_url()
    assert pmo.post(f"{url}appendices/new/", {"kind": "plan", "plan": plan_a.pk}).status_code == 302
    update = pmo.post(f"{url}appendices/new/", {"kind": "update", "plan": plan_a.pk})
    assert update.status_code == 302
    second = report.appendices.get(kind="update")
    assert org.client_for("councillor").post(f"{url}appendices/{second.pk}/up/").status_code == 403
    assert (
        org.client_for("pmo", council="b").post(f"{url}appendices/{second.pk}/up/").status_code
        == 404
    )
    pmo.post(f"{url}appendices/{second.pk}/up/")
    assert list(report.appendices.values_list("kind", flat=True)) == ["update", "plan"]
    pmo.post(f"{url}appendices/{second.pk}/remove/")
    assert list(report.appendices.values_list("kind", flat=True)) == ["plan"]

    templates = "/committee-reports/templates/"
    numbering = f"{templates}{report.template.pk}/numbering/"
    assert (
        org.client_for("councillor").post(numbering, {"appendix_numbering": "roman"}).status_code
        == 403
    )
    pmo.post(numbering, {"appendix_numbering": "roman"})
    assert "Appendix i</th>" in pmo.get(url).content.decode()


def test_an_issued_reports_appendices_cannot_change(org, report, plan_a: Plan) -> None:  # type: ignore[no-untyped-def]
    attached = services.committee_appendix_add(report=report, kind="plan", plan=plan_a)
    services.committee_report_issue(report=report)
    report.refresh_from_db()
    for change in (
        lambda: services.committee_appendix_add(report=report, kind="update", plan=plan_a),
        lambda: services.committee_appendix_move(appendix=attached, up=False),
        lambda: services.committee_appendix_remove(appendix=attached),
    ):
        with pytest.raises(services.PlanError, match="has been issued"):
            change()
    assert report.appendices.count() == 1
