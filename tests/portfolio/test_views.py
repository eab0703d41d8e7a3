"""Pages a person uses: permissions, other councils, capacity red flags, what fits, exports."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from civicp3.organisation.models import Board, ServiceArea
from civicp3.portfolio import services
from civicp3.portfolio.models import AuditSampleRecord, Project
from civicp3.portfolio.selectors import month_starts
from tests import clock
from tests.portfolio.helpers import decide, score, to_board

pytestmark = pytest.mark.django_db

PROJECT_PAGES = [
    "project-detail",
    "project-classify",
    "project-brief",
    "project-business-case",
    "project-appraisal",
    "project-threshold",
    "project-prioritise",
    "project-decide",
    "project-highlight",
    "project-change",
    "project-closure",
    "project-demand",
    "project-health-check",
]


def test_another_councils_project_is_not_found_on_any_page(org):
    project = services.project_create(council=org.b, title="Beta's project")
    for role in ("pmo", "project_manager", "board_member"):
        client = org.client_for(role)
        for name in PROJECT_PAGES:
            status = client.get(reverse(name, kwargs={"number": project.number})).status_code
            assert status in (403, 404), (role, name, status)
            if status == 403:
                continue
            assert status == 404
    board_b = Board.objects.get(council=org.b)
    assert (
        org.client_for("board_member")
        .get(reverse("project-board-pack", kwargs={"pk": board_b.pk}))
        .status_code
        == 404
    )


def test_a_gate_page_is_only_for_the_role_that_keeps_it(org):
    project = services.project_create(council=org.a, title="Depot")
    url = reverse("project-classify", kwargs={"number": project.number})
    assert org.client_for("project_manager").post(url, {"kind": "project"}).status_code == 403
    assert org.client_for("pmo").get(url).status_code == 200
    decide_url = reverse("project-decide", kwargs={"number": project.number})
    assert org.client_for("pmo").get(decide_url).status_code == 403
    assert org.client_for("board_member").get(decide_url).status_code == 200


def test_a_refused_gate_shows_in_the_error_summary_not_a_500(org):
    project = services.project_create(council=org.a, title="Depot")
    response = org.client_for("board_member").post(
        reverse("project-decide", kwargs={"number": project.number}),
        {
            "decision": "approve",
            "board": Board.objects.get(council=org.a).pk,
            "meeting_date": "2026-03-01",
        },
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "You cannot approve to the waiting list yet" in response.content.decode()
    project.refresh_from_db()
    assert project.stage == "concept"


def test_demand_above_capacity_raises_the_red_flag_on_the_board_pack(org):
    pmo, board_member = org.people_a["pmo"], org.people_a["board_member"]
    area = ServiceArea.objects.get(council=org.a)  # 60 hours a month
    project = to_board(org.a, pmo)
    next_month = month_starts(clock.today(), 2)[1]
    pack_url = reverse("project-board-pack", kwargs={"pk": Board.objects.get(council=org.a).pk})
    services.demand_set(
        project=project, service_area=area, month=next_month, hours=Decimal(60), actor=pmo
    )
    page = org.client_for("board_member").get(pack_url).content.decode()
    assert "No red flags" in page
    services.demand_set(
        project=project, service_area=area, month=next_month, hours=Decimal("60.5"), actor=pmo
    )
    page = org.client_for("board_member").get(pack_url).content.decode()
    assert "Red flag" in page
    assert f"{area.name} in {next_month:%B %Y}: 60.50 hours asked for, 60 available" in page
    assert "PRJ-0001" in page
    capacity = org.client_for("board_member").get(reverse("project-capacity")).content.decode()
    assert "Red flag" in capacity
    decide(project, board_member, "reject", "Not now")
    page = org.client_for("board_member").get(pack_url).content.decode()
    assert "No red flags" in page


def test_what_fits_chooses_the_best_set_within_capacity_and_says_why(org):
    pmo, board_member = org.people_a["pmo"], org.people_a["board_member"]
    area = ServiceArea.objects.get(council=org.a)  # 60 hours a month
    months = month_starts(clock.today(), 12)
    projects = []
    for title, value, hours in (("High", 5, 40), ("Middle", 3, 40), ("Low", 1, 20)):
        project = to_board(org.a, pmo, title)
        score(project, pmo, value)
        decide(project, board_member, "approve")
        for month in months[:12]:
            services.demand_set(
                project=project, service_area=area, month=month, hours=Decimal(hours), actor=pmo
            )
        projects.append(project)
    page = org.client_for("pmo").get(reverse("project-what-fits")).content.decode()
    chosen, _, rest = page.partition("Left out, and why")
    # High (55) and Low (11) fit together in 60 hours; Middle (33) with either does not.
    assert "PRJ-0001: High" in chosen
    assert "PRJ-0003: Low" in chosen
    assert "PRJ-0002: Middle" not in chosen.split("Capacity that binds")[0]
    assert "PRJ-0002: Middle" in rest
    binds = chosen.split("Capacity that binds")[1]
    assert f"{area.name} in 20" in binds


def test_the_register_filters_sorts_and_exports(org):
    pmo = org.people_a["pmo"]
    first = to_board(org.a, pmo, "Alpha permits")
    score(first, pmo, 5)
    services.project_create(council=org.a, title="Beta depot")
    services.project_create(council=org.b, title="Other council's")
    client = org.client_for("pmo")
    page = client.get(reverse("project-register"), {"stage": "board"}).content.decode()
    assert "Alpha permits" in page
    assert "Beta depot" not in page
    response = client.get(
        reverse("project-register-export", kwargs={"fmt": "xlsx"}), {"sort": "title"}
    )
    import io

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Reference", "Title")
    assert [row[1] for row in rows[1:]] == ["Alpha permits", "Beta depot"]
    assert rows[1][6] == "Gold"
    csv = client.get(reverse("project-register-export", kwargs={"fmt": "csv"}), {"q": "beta"})
    assert "Beta depot" in csv.content.decode()
    assert "Alpha" not in csv.content.decode()


def test_an_audit_sample_is_reproducible_from_its_recorded_seed(org):
    pmo = org.people_a["pmo"]
    for index in range(6):
        project = to_board(org.a, pmo, f"Project {index}")
        score(project, pmo, index % 3 + 1)
    client = org.client_for("pmo")
    client.post(reverse("project-audit"), {"size": "3"})
    first = AuditSampleRecord.objects.get(council=org.a)
    assert len(first.selected) == 3
    client.post(reverse("project-audit"), {"size": "3", "seed": first.seed})
    again = AuditSampleRecord.objects.filter(council=org.a).order_by("-pk").first()
    assert again.selected == first.selected
    assert set(first.allocation) == {"Bronze", "Silver"}
    assert client.get(reverse("project-audit")).content.decode().count(first.seed) == 2
    assert org.client_for("auditor").get(reverse("project-audit")).status_code == 403


def test_overdue_highlight_reports_are_flagged_to_pmo(org):
    pmo, board_member = org.people_a["pmo"], org.people_a["board_member"]
    project = to_board(org.a, pmo)
    score(project, pmo, 3)
    decide(project, board_member, "start")  # meeting 10 March 2026, long ago in these tests
    pack_url = reverse("project-board-pack", kwargs={"pk": Board.objects.get(council=org.a).pk})
    page = org.client_for("pmo").get(pack_url).content.decode()
    assert "Highlight reports overdue" in page
    services.highlight_submit(
        project=project,
        period=clock.today(),
        actor=pmo,
        overall="red",
        schedule="red",
        cost="green",
        scope="green",
        quality="green",
        benefits="green",
        risk="amber",
        progress="Slipping",
        next_steps="Replan",
        issues="",
        decisions_needed="More budget",
    )
    page = org.client_for("pmo").get(pack_url).content.decode()
    assert "Highlight reports overdue" not in page
    assert "Projects reporting red overall" in page
    assert "More budget" in page
    assert Project.objects.get(pk=project.pk).highlights.get().period == date(
        clock.today().year, clock.today().month, 1
    )


def _management(prefix: str, total: int, initial: int) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_pmo_changes_the_tier_thresholds_and_the_next_score_uses_them(org):
    from civicp3.portfolio.models import KeyCriterion, PriorityCriterion, TierBand
    from civicp3.portfolio.selectors import portfolio_settings

    pmo = org.people_a["pmo"]
    settings = portfolio_settings(org.a)
    data = {
        "key_criteria_threshold": "4",
        "manager_cost_tolerance": str(settings.manager_cost_tolerance),
        "manager_time_tolerance_days": "10",
        "sponsor_cost_tolerance": str(settings.sponsor_cost_tolerance),
        "sponsor_time_tolerance_days": "30",
        "highlight_due_days": "35",
    }
    for prefix, queryset in (
        ("key", KeyCriterion.objects.for_council(org.a)),
        ("criteria", PriorityCriterion.objects.for_council(org.a)),
        ("tiers", TierBand.objects.for_council(org.a)),
    ):
        rows = list(queryset)
        data.update(_management(prefix, len(rows), len(rows)))
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = str(row.pk)
            for field in ("name", "order", "weight", "max_score", "min_score"):
                if hasattr(row, field):
                    data[f"{prefix}-{index}-{field}"] = str(getattr(row, field))
            if prefix == "tiers" and row.name == "Gold":
                data[f"{prefix}-{index}-min_score"] = "60"
    url = reverse("project-configuration-edit")
    assert org.client_for("project_manager").get(url).status_code == 403
    response = org.client_for("pmo").post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert portfolio_settings(org.a).key_criteria_threshold == 4
    project = to_board(org.a, pmo)
    score(project, pmo, 5)  # 55: Gold was 40, now 60
    assert project.tier == "Silver"
    page = org.client_for("pmo").get(reverse("project-configuration")).content.decode()
    assert "at least 4 of these" in page

    # Two tiers at the same score are refused, and nothing is saved.
    for index in range(3):
        data[f"tiers-{index}-min_score"] = "10"
    response = org.client_for("pmo").post(url, data)
    assert "Two tiers cannot start at the same score" in response.content.decode()
    assert TierBand.objects.get(council=org.a, name="Gold").min_score == 60


def test_what_fits_respects_a_start_window(org):
    pmo, board_member = org.people_a["pmo"], org.people_a["board_member"]
    area = ServiceArea.objects.get(council=org.a)
    months = month_starts(clock.today(), 12)
    project = to_board(org.a, pmo, "Windowed")
    score(project, pmo, 3)
    decide(project, board_member, "approve")
    services.demand_set(
        project=project, service_area=area, month=months[0], hours=Decimal(10), actor=pmo
    )
    response = org.client_for("project_manager").post(
        reverse("project-start-window", kwargs={"number": project.number}),
        {"earliest_start": f"{months[4]:%Y-%m}-15", "latest_start": f"{months[5]:%Y-%m}-01"},
    )
    assert response.status_code == 302
    page = org.client_for("pmo").get(reverse("project-what-fits")).content.decode()
    assert f"{months[4]:%B %Y}" in page.split("Capacity that binds")[0]
    refused = org.client_for("project_manager").post(
        reverse("project-start-window", kwargs={"number": project.number}),
        {"earliest_start": f"{months[5]:%Y-%m}-01", "latest_start": f"{months[4]:%Y-%m}-01"},
    )
    assert "must be on or after the earliest" in refused.content.decode()
