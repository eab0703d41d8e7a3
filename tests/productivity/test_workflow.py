"""The plan's workflow, its versions, who may do what, and what other councils see."""

import re
from datetime import date

import pytest

from civicp3.productivity import services
from civicp3.productivity.models import Plan, PlanStatus, PlanVersion, ReturnTemplate
from civicp3.productivity.selectors import compare


def _to_endorsed(plan: Plan) -> Plan:
    services.plan_move(plan=plan, to=PlanStatus.REVIEW)
    return services.plan_move(
        plan=plan,
        to=PlanStatus.ENDORSED,
        committee="Cabinet",
        on=date(2024, 7, 9),
        amendments="With the addition of wording to articulate SEND challenges",
    )


def test_a_plan_goes_from_draft_to_published_keeping_every_version(plan_a: Plan) -> None:
    plan = _to_endorsed(plan_a)
    theme = plan.template.themes.get(order=4)
    services.plan_edit(
        plan=plan, foreword="", narratives={theme.pk: "SEND challenges: high-needs deficit."}
    )
    services.plan_move(plan=plan, to=PlanStatus.SUBMITTED, on=date(2024, 7, 12))
    plan = services.plan_move(plan=plan, to=PlanStatus.PUBLISHED, on=date(2024, 7, 15))
    assert plan.status == PlanStatus.PUBLISHED
    labels = list(plan.versions.values_list("label", flat=True))
    assert labels == [
        "Draft started",
        "Sent to the leadership team for review",
        "Member endorsement recorded",
        "Text edited",
        "Submission recorded",
        "Published",
    ]
    endorsed, edited = plan.versions.get(number=3), plan.versions.get(number=4)
    added = [line.text for line in compare(endorsed, edited) if line.kind == "added"]
    assert added == ["SEND challenges: high-needs deficit."]


@pytest.mark.parametrize(
    ("to", "message"),
    [
        (PlanStatus.PUBLISHED, "A plan that is draft cannot be moved to published"),
        (PlanStatus.ENDORSED, "A plan that is draft cannot be moved to endorsed by members"),
    ],
)
def test_illegal_moves_are_refused_with_a_clear_message(
    plan_a: Plan, to: str, message: str
) -> None:
    with pytest.raises(services.PlanError, match=message):
        services.plan_move(plan=plan_a, to=to, on=date(2024, 7, 1))
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.DRAFT


def test_endorsement_needs_a_committee_and_submission_follows_it(plan_a: Plan) -> None:
    services.plan_move(plan=plan_a, to=PlanStatus.REVIEW)
    with pytest.raises(services.PlanError, match="Enter the committee that endorsed the plan"):
        services.plan_move(plan=plan_a, to=PlanStatus.ENDORSED, on=date(2024, 7, 9))
    _ = services.plan_move(
        plan=plan_a, to=PlanStatus.ENDORSED, committee="Cabinet", on=date(2024, 7, 9)
    )
    with pytest.raises(services.PlanError, match="cannot be submitted before members endorsed"):
        services.plan_move(plan=plan_a, to=PlanStatus.SUBMITTED, on=date(2024, 7, 1))


def test_the_text_cannot_change_under_review(plan_a: Plan) -> None:
    services.plan_move(plan=plan_a, to=PlanStatus.REVIEW)
    with pytest.raises(services.PlanError, match="cannot be changed while it is leadership"):
        services.plan_edit(plan=plan_a, foreword="Changed", narratives={})


def test_the_page_refuses_an_illegal_move_in_the_error_summary(org, plan_a: Plan) -> None:  # type: ignore[no-untyped-def]
    response = org.client_for("pmo").post(f"/productivity-plan/{plan_a.pk}/move/published/")
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "A plan that is draft cannot be moved to published" in response.content.decode()


def test_the_endorsement_form_says_what_is_missing(org, plan_a: Plan) -> None:  # type: ignore[no-untyped-def]
    services.plan_move(plan=plan_a, to=PlanStatus.REVIEW)
    response = org.client_for("sponsor").post(
        f"/productivity-plan/{plan_a.pk}/move/endorsed/", {"endorsed-on": "2024-07-09"}
    )
    assert "Enter committee" in response.content.decode()
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.REVIEW


def test_unsafe_markdown_is_stripped(org, plan_a: Plan) -> None:  # type: ignore[no-untyped-def]
    theme = plan_a.template.themes.get(order=1)
    services.plan_edit(
        plan=plan_a,
        foreword="**Bold** <script>alert('x')</script> [link](javascript:alert(1))",
        narratives={theme.pk: '<img src=x onerror="alert(1)"> ## Heading'},
    )
    html = org.client_for("councillor").get(plan_a.get_absolute_url()).content.decode()
    assert "<strong>Bold</strong>" in html
    assert "<script>alert" not in html
    assert 'href="javascript' not in html
    assert "<img src=x" not in html


def test_roles(org, plan_a: Plan) -> None:  # type: ignore[no-untyped-def]
    assert org.client_for("staff").get(plan_a.get_absolute_url()).status_code == 403
    assert org.client_for("councillor").get(plan_a.get_absolute_url()).status_code == 200
    edit = f"/productivity-plan/{plan_a.pk}/edit/"
    assert org.client_for("councillor").get(edit).status_code == 403
    assert org.client_for("sponsor").get(edit).status_code == 403
    assert org.client_for("pmo").get(edit).status_code == 200
    move = f"/productivity-plan/{plan_a.pk}/move/review/"
    assert org.client_for("project_manager").post(move).status_code == 403
    assert org.client_for("pmo").post(move).status_code == 302
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.REVIEW


def test_another_council_gets_a_404(org, plan_a: Plan) -> None:  # type: ignore[no-untyped-def]
    other = org.client_for("pmo", council="b")
    for url in (
        plan_a.get_absolute_url(),
        f"/productivity-plan/{plan_a.pk}/edit/",
        f"/productivity-plan/{plan_a.pk}/versions/",
        f"/productivity-plan/{plan_a.pk}/download/docx/",
    ):
        assert other.get(url).status_code == 404
    assert other.post(f"/productivity-plan/{plan_a.pk}/move/review/").status_code == 404


def test_the_public_page_shows_only_a_published_plan(org, plan_a: Plan, client) -> None:  # type: ignore[no-untyped-def]
    url = f"/published/alpha/productivity-plan/{plan_a.pk}/"
    assert client.get(url).status_code == 404
    plan = _to_endorsed(plan_a)
    services.plan_move(plan=plan, to=PlanStatus.SUBMITTED, on=date(2024, 7, 12))
    services.plan_move(plan=plan, to=PlanStatus.PUBLISHED, on=date(2024, 7, 15))
    response = client.get(url)
    assert response.status_code == 200
    assert "Endorsed by Cabinet on 9 July 2024" in response.content.decode()
    assert client.get(f"/published/beta/productivity-plan/{plan_a.pk}/").status_code == 404


def test_a_second_template_is_data_added_in_the_app(org) -> None:  # type: ignore[no-untyped-def]
    pmo = org.client_for("pmo")
    response = pmo.post(
        "/productivity-plan/templates/new/",
        {"name": "Local Outcomes Framework report", "min_pages": 1, "max_pages": 10},
    )
    template = ReturnTemplate.objects.get(council=org.a, name="Local Outcomes Framework report")
    assert response["Location"] == f"/productivity-plan/templates/{template.pk}/themes/new/"
    for title in ("Healthy lives", "Thriving places"):
        pmo.post(response["Location"], {"title": title, "evidence": ["improvements_delivered"]})
    assert (
        org.client_for("councillor").post(response["Location"], {"title": "x"}).status_code == 403
    )
    assert org.client_for("pmo", council="b").get(response["Location"]).status_code == 404
    refused = pmo.post(
        "/productivity-plan/templates/new/", {"name": "X", "min_pages": 5, "max_pages": 4}
    )
    assert "The fewest pages must not be more than the most pages" in refused.content.decode()

    plan = services.plan_create(council=org.a, template=template, title="Outcomes 2025")
    text = PlanVersion.objects.get(plan=plan).text
    assert "1. Healthy lives" in text
    assert "2. Thriving places" in text
    assert "0 improvements delivered" in text
    assert (
        "Local Outcomes Framework report"
        in pmo.get("/productivity-plan/templates/").content.decode()
    )


def test_commitments_are_tracked_in_the_six_monthly_update(org, plan_a: Plan) -> None:  # type: ignore[no-untyped-def]
    services.commitment_add(plan=plan_a, text="Ten online forms", owner="PMO", due=date(2020, 1, 1))
    services.commitment_add(plan=plan_a, text="New ledger", owner="S151", due=date(2099, 1, 1))
    html = org.client_for("councillor").get(f"/productivity-plan/{plan_a.pk}/update/").content
    page = html.decode()
    assert "Ten online forms" in page
    assert "Overdue" in page
    assert "In progress" in page


def test_the_editor_shows_the_page_count_and_warns_outside_three_to_four(org, plan_a) -> None:  # type: ignore[no-untyped-def]
    page = org.client_for("pmo").get(f"/productivity-plan/{plan_a.pk}/edit/").content.decode()
    pages = int(re.search(r"The PDF is (\d+) pages? as last saved", page).group(1))
    assert pages < 3
    assert f"The plan is expected to be 3 to 4 pages long; it is {pages}." in page
    plan_a.template.min_pages = 1
    plan_a.template.save()
    page = org.client_for("pmo").get(f"/productivity-plan/{plan_a.pk}/edit/").content.decode()
    assert "The plan is expected to be" not in page
