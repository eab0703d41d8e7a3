"""The Best Value self-assessment: a built-in return made when the council first starts one,
rated characteristic by characteristic, endorsed and published as a snapshot of record, and
attached to a committee report."""

import io
from datetime import date
from html import unescape

import pytest
from openpyxl import Workbook

from civicp3.productivity import best_value, best_value_services, services
from civicp3.productivity.models import (
    Assessment,
    Characteristic,
    Plan,
    PlanStatus,
    ReturnTemplate,
)
from tests.reports.test_report_files import docx_text, pdf_text

THEME_NAMES = [
    "Continuous Improvement",
    "Leadership",
    "Governance",
    "Culture",
    "Use of Resources",
    "Service Delivery",
    "Partnerships and Community Engagement",
]


@pytest.fixture
def assessment(org) -> Plan:  # type: ignore[no-untyped-def]
    return best_value_services.self_assessment_start(
        council=org.a, title="Alpha Best Value self-assessment 2026"
    )


def _rate_all(plan: Plan, rating: str = "Good") -> None:
    for theme in plan.template.themes.all():
        values = {c.pk: (rating, f"Narrative for {c.text}") for c in theme.characteristics.all()}
        best_value_services.assessment_save(plan=plan, theme=theme, values=values)


def test_looking_at_the_plans_page_creates_no_best_value_template(org) -> None:  # type: ignore[no-untyped-def]
    assert org.client_for("pmo").get("/productivity-plan/").status_code == 200
    assert not ReturnTemplate.objects.filter(name=best_value.BEST_VALUE).exists()


def test_starting_one_makes_the_template_with_the_seven_themes_and_marked_samples(org) -> None:  # type: ignore[no-untyped-def]
    response = org.client_for("pmo").post(
        "/productivity-plan/self-assessment/new/", {"title": "Best Value self-assessment 2026"}
    )
    plan = Plan.objects.get(council=org.a)
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url()
    assert list(plan.template.themes.values_list("title", flat=True)) == THEME_NAMES
    assert plan.template.built_in
    assert not plan.template.submitted
    samples = Characteristic.objects.filter(theme__template=plan.template)
    assert samples.count() > 0
    assert all(c.sample for c in samples)
    page = unescape(org.client_for("pmo").get(plan.get_absolute_url()).content.decode())
    assert best_value.SAMPLE_NOTE in page
    # A second self-assessment reuses the council's template.
    best_value_services.self_assessment_start(council=org.a, title="Next year")
    assert ReturnTemplate.objects.filter(council=org.a, name=best_value.BEST_VALUE).count() == 1


def test_only_pmo_starts_one_and_a_blank_title_is_named(org) -> None:  # type: ignore[no-untyped-def]
    url = "/productivity-plan/self-assessment/new/"
    assert org.client_for("councillor").post(url, {"title": "X"}).status_code == 403
    response = org.client_for("pmo").post(url, {"title": ""})
    assert response.status_code == 200
    assert "Enter title" in response.content.decode()
    assert not ReturnTemplate.objects.filter(name=best_value.BEST_VALUE).exists()


def test_ratings_are_saved_from_the_theme_page_and_shown_in_the_document(org, assessment) -> None:  # type: ignore[no-untyped-def]
    theme = assessment.template.themes.get(order=3)
    first = theme.characteristics.first()
    url = f"/productivity-plan/{assessment.pk}/ratings/3/"
    client = org.client_for("pmo")
    response = client.post(
        url, {f"rating_{first.pk}": "Strong", f"narrative_{first.pk}": "Every gate documented."}
    )
    assert response.status_code == 302
    saved = Assessment.objects.get(plan=assessment, characteristic=first)
    assert (saved.rating, saved.narrative) == ("Strong", "Every gate documented.")
    page = client.get(f"/productivity-plan/{assessment.pk}/download/html/").content.decode()
    assert "Every gate documented." in page
    assert "Strong" in page
    assert assessment.versions.last().label == "Ratings saved: Governance"


def test_a_rating_not_on_the_scale_is_refused_and_nothing_saved(org, assessment) -> None:  # type: ignore[no-untyped-def]
    theme = assessment.template.themes.get(order=1)
    first = theme.characteristics.first()
    with pytest.raises(services.PlanError, match="Select a rating"):
        best_value_services.assessment_save(
            plan=assessment, theme=theme, values={first.pk: ("Excellent", "")}
        )
    response = org.client_for("pmo").post(
        f"/productivity-plan/{assessment.pk}/ratings/1/", {f"rating_{first.pk}": "Excellent"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Assessment.objects.exists()


def test_another_council_cannot_reach_the_self_assessment(org, assessment) -> None:  # type: ignore[no-untyped-def]
    client = org.client_for("pmo", council="b")
    assert client.get(f"/productivity-plan/{assessment.pk}/ratings/1/").status_code == 404
    template = assessment.template.pk
    assert (
        client.get(f"/productivity-plan/templates/{template}/characteristics/").status_code == 404
    )


def test_a_councillor_reads_but_cannot_rate(org, assessment) -> None:  # type: ignore[no-untyped-def]
    client = org.client_for("councillor")
    assert client.get(assessment.get_absolute_url()).status_code == 200
    assert client.get(f"/productivity-plan/{assessment.pk}/ratings/1/").status_code == 403


def test_it_goes_from_endorsement_to_publication_as_a_snapshot_of_record(assessment) -> None:  # type: ignore[no-untyped-def]
    _rate_all(assessment)
    services.plan_move(plan=assessment, to=PlanStatus.REVIEW)
    services.plan_move(
        plan=assessment, to=PlanStatus.ENDORSED, committee="Cabinet", on=date(2026, 11, 10)
    )
    with pytest.raises(services.PlanError, match="cannot be moved to submitted"):
        services.plan_move(plan=assessment, to=PlanStatus.SUBMITTED, on=date(2026, 11, 11))
    plan = services.plan_move(plan=assessment, to=PlanStatus.PUBLISHED, on=date(2026, 11, 12))
    assert plan.status == PlanStatus.PUBLISHED
    published = plan.snapshots.get(status="Published")
    pdf = pdf_text(published.read("pdf"))
    word = docx_text(published.read("docx"))
    for name in THEME_NAMES:
        assert name in pdf
        assert name in word
    first = Characteristic.objects.filter(theme__template=plan.template).first()
    assert f"Narrative for {first.text}" in word
    assert "Good" in word
    assert "Not rated" not in word
    # A rating changed afterwards does not change the record.
    Assessment.objects.filter(plan=plan).update(rating="Developing")
    assert docx_text(plan.snapshots.get(status="Published").read("docx")) == word


def test_it_is_attached_to_a_committee_report(org, assessment) -> None:  # type: ignore[no-untyped-def]
    report = services.committee_report_save(
        council=org.a,
        values={
            "title": "Best Value self-assessment",
            "committee": "Cabinet",
            "meeting_date": date(2026, 11, 10),
            "author": "Chief Executive",
            "purpose": "To endorse the self-assessment",
            "recommendations": "That the self-assessment be endorsed.",
        },
    )
    services.committee_appendix_add(report=report, kind="plan", plan=assessment)
    response = org.client_for("councillor").get(f"{report.get_absolute_url()}docx/")
    text = docx_text(response.content)
    assert "Appendix 1: Alpha Best Value self-assessment 2026" in text
    assert "Governance: self-assessment" in text


def _xlsx(rows: list[list[str]]) -> io.BytesIO:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "characteristics.xlsx"
    return data


def test_the_council_loads_its_own_characteristics_from_a_spreadsheet(org, assessment) -> None:  # type: ignore[no-untyped-def]
    template = assessment.template
    rows = [["Theme", "Characteristic"]] + [
        [name, f"Our characteristic {n} for {name}"] for name in THEME_NAMES for n in (1, 2)
    ]
    response = org.client_for("pmo").post(
        f"/productivity-plan/templates/{template.pk}/characteristics/upload/",
        {"file": _xlsx(rows)},
    )
    assert response.status_code == 302
    loaded = Characteristic.objects.filter(theme__template=template)
    assert loaded.count() == 14
    assert not loaded.filter(sample=True).exists()
    governance = template.themes.get(title="Governance")
    assert list(governance.characteristics.values_list("text", flat=True)) == [
        "Our characteristic 1 for Governance",
        "Our characteristic 2 for Governance",
    ]


def test_a_bad_characteristics_file_names_every_bad_cell_and_changes_nothing(
    org, assessment
) -> None:  # type: ignore[no-untyped-def]
    template = assessment.template
    before = list(Characteristic.objects.filter(theme__template=template).values_list("text"))
    rows = [
        ["Theme", "Characteristic"],
        ["Governance", "Decisions are recorded"],
        ["Leadrship", "Leaders set direction"],
        ["Culture", ""],
        ["Governance", "decisions are recorded"],
    ]
    response = org.client_for("pmo").post(
        f"/productivity-plan/templates/{template.pk}/characteristics/upload/",
        {"file": _xlsx(rows)},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Row 3, Theme: &quot;Leadrship&quot; is not one of the themes" in page
    assert "Row 4, Characteristic: Enter the characteristic" in page
    assert "Row 5, Characteristic: already on row 2 under Governance" in page
    after = list(Characteristic.objects.filter(theme__template=template).values_list("text"))
    assert after == before


def test_the_list_cannot_be_replaced_while_a_self_assessment_in_progress_has_rated_it(
    org, assessment
) -> None:  # type: ignore[no-untyped-def]
    _rate_all(assessment)
    with pytest.raises(best_value_services.ImportRefused, match="1 problem"):
        best_value_services.characteristics_import(
            template=assessment.template,
            rows=[["Theme", "Characteristic"], ["Governance", "New"]],
        )
    assert Assessment.objects.filter(plan=assessment).count() > 0


def test_a_characteristic_is_added_to_a_theme_and_a_blank_one_is_refused(org, assessment) -> None:  # type: ignore[no-untyped-def]
    template = assessment.template
    url = f"/productivity-plan/templates/{template.pk}/themes/4/characteristics/new/"
    client = org.client_for("pmo")
    response = client.post(url, {"theme4-text": ""})
    assert response.status_code == 400
    assert "Enter characteristic" in response.content.decode()
    assert client.post(url, {"theme4-text": "Staff are trusted to improve"}).status_code == 302
    culture = template.themes.get(order=4)
    assert culture.characteristics.last().text == "Staff are trusted to improve"
    assert not culture.characteristics.last().sample


def test_a_sample_characteristic_reworded_becomes_the_councils_own(org, assessment) -> None:  # type: ignore[no-untyped-def]
    item = Characteristic.objects.filter(theme__template=assessment.template).first()
    url = f"/productivity-plan/templates/{assessment.template.pk}/characteristics/{item.pk}/edit/"
    assert org.client_for("councillor").post(url, {"text": "Ours"}).status_code == 403
    response = org.client_for("pmo").post(url, {"text": "Our improvement work is tracked"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.text == "Our improvement work is tracked"
    assert not item.sample
