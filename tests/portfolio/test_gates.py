"""The project gates issue 19 found walkable are refused, with what is missing named: the
board's kind is checked, the board's discretion is explicit and logged, and closure needs its
checklist. On the page (the board decision form) and through the service."""

from datetime import date

import pytest

from civicp3.organisation.models import Board
from civicp3.portfolio import services
from civicp3.portfolio.models import Closure, Decision
from tests.portfolio.helpers import MEETING, decide, score, to_board

pytestmark = pytest.mark.django_db


def elt(council):  # type: ignore[no-untyped-def]
    return Board.objects.create(council=council, name="ELT project board", kind="elt_project")


def test_an_elt_board_cannot_start_a_project_through_the_service(org):
    project = to_board(org.a, org.people_a["pmo"])
    score(project, org.people_a["pmo"], 3)
    with pytest.raises(services.GateRefused, match="the CLT governance board makes this"):
        services.board_decide(
            project=project,
            decision="start",
            board=elt(org.a),
            meeting_date=MEETING,
            actor=org.people_a["board_member"],
        )
    project.refresh_from_db()
    assert project.stage == "board"


def test_an_elt_board_cannot_start_a_project_on_the_page(org):
    project = to_board(org.a, org.people_a["pmo"])
    score(project, org.people_a["pmo"], 3)
    board = elt(org.a)
    client = org.client_for("board_member")
    body = client.post(
        f"/projects/{project.number}/decide/",
        {
            "decision": "start",
            "board": board.pk,
            "meeting_date": "2026-03-10",
            "stage_seen": "board",
        },
    ).content.decode()
    assert "There is a problem" in body
    assert "the CLT governance board makes this decision" in body
    project.refresh_from_db()
    assert project.stage == "board"


def test_an_unscored_project_starts_only_at_the_boards_explicit_discretion(org):
    project = to_board(org.a, org.people_a["pmo"])
    member = org.people_a["board_member"]
    with pytest.raises(services.GateRefused, match="First score it on the prioritisation"):
        decide(project, member, "start")
    with pytest.raises(services.ProjectError, match="reason for deciding at its discretion"):
        services.board_decide(
            project=project,
            decision="start",
            board=Board.objects.get(council=org.a),
            meeting_date=MEETING,
            actor=member,
            at_discretion=True,
        )
    services.board_decide(
        project=project,
        decision="start",
        board=Board.objects.get(council=org.a),
        meeting_date=MEETING,
        notes="Statutory deadline in April",
        actor=member,
        at_discretion=True,
    )
    project.refresh_from_db()
    assert project.stage == "active"
    logged = Decision.objects.get(project=project)
    assert logged.notes.startswith("At the board's discretion, without the gate to score it")
    assert logged.notes.endswith("Statutory deadline in April")


def test_the_page_refuses_an_unscored_start_and_takes_the_discretion_with_its_reason(org):
    project = to_board(org.a, org.people_a["pmo"])
    board = Board.objects.get(council=org.a)
    client = org.client_for("board_member")
    url = f"/projects/{project.number}/decide/"
    data = {"decision": "start", "board": board.pk, "meeting_date": "2026-03-10"}
    refused = client.post(url, {**data, "stage_seen": "board"}).content.decode()
    assert "First score it on the prioritisation matrix" in refused
    client.post(
        url, {**data, "stage_seen": "board", "at_discretion": "on", "notes": "Statutory deadline"}
    )
    project.refresh_from_db()
    assert project.stage == "active"
    log = client.get("/projects/boards/").content.decode()
    assert "At the board&#x27;s discretion" in log or "At the board's discretion" in log


def started(org):  # type: ignore[no-untyped-def]
    project = to_board(org.a, org.people_a["pmo"])
    score(project, org.people_a["pmo"], 3)
    decide(project, org.people_a["board_member"], "start")
    return project


def closure(project, user, checklist=()):  # type: ignore[no-untyped-def]
    services.closure_record(
        project=project,
        report="Delivered",
        lessons="Start the data migration earlier",
        benefit="Fewer phone calls",
        bau_owner="Customer services manager",
        review_date=date(2026, 9, 1),
        checklist=checklist,
        actor=user,
    )


def test_closure_needs_every_checklist_item_ticked(org):
    project = started(org)
    manager = org.people_a["project_manager"]
    member = org.people_a["board_member"]
    with pytest.raises(services.GateRefused, match="First record the closure report"):
        decide(project, member, "close")
    closure(project, manager, checklist=["handover_support"])
    with pytest.raises(services.GateRefused, match="tick every item of the closure checklist"):
        decide(project, member, "close")
    closure(project, manager, checklist=[code for code, _ in project.closure.CHECKLIST])
    decide(project, member, "close")
    project.refresh_from_db()
    assert project.stage == "closed"


def test_the_decision_page_names_the_unticked_closure_checklist(org):
    project = started(org)
    closure(project, org.people_a["project_manager"])
    board = Board.objects.get(council=org.a)
    body = (
        org.client_for("board_member")
        .post(
            f"/projects/{project.number}/decide/",
            {
                "decision": "close",
                "board": board.pk,
                "meeting_date": "2026-03-10",
                "stage_seen": "active",
            },
        )
        .content.decode()
    )
    assert "tick every item of the closure checklist" in body


def test_closure_lists_open_risks_and_incomplete_tasks_and_needs_each_acknowledged(org):
    from civicp3.delivery.services import ImportedPlan, plan_create, plan_replace
    from civicp3.toolkit.services import risk_save
    from tests.api.conftest import PLAN

    project = started(org)
    manager = org.people_a["project_manager"]
    risk_save(
        council=org.a,
        project=project,
        actor=manager,
        fields={
            "title": "Supplier fails",
            "likelihood": 4,
            "impact": 4,
            "target_likelihood": 2,
            "target_impact": 2,
            "review_date": date(2026, 4, 1),
        },
    )
    plan = plan_create(project=project, start=date(2026, 1, 5))
    plan_replace(plan=plan, imported=ImportedPlan(PLAN))
    with pytest.raises(services.ProjectError) as refused:
        closure(project, manager)
    assert "open risks: RSK-0001 Supplier fails (score 16)" in str(refused.value)
    assert "incomplete tasks: Design (0% complete), Build (0% complete)" in str(refused.value)
    assert not Closure.objects.filter(project=project).exists()
    page = (
        org.client_for("project_manager")
        .get(f"/projects/{project.number}/closure/")
        .content.decode()
    )
    assert "RSK-0001 Supplier fails (score 16)" in page
    assert "I have handed the open risks to the service" in page
    services.closure_record(
        project=project,
        report="Delivered",
        lessons="Start earlier",
        benefit="Fewer calls",
        bau_owner="Customer services manager",
        review_date=date(2026, 9, 1),
        acknowledged=["open_risks", "incomplete_tasks"],
        actor=manager,
    )
    project.refresh_from_db()
    assert project.closure.report == "Delivered"


def raised(project, user, cost: str, days: int, scope: str = ""):  # type: ignore[no-untyped-def]
    from decimal import Decimal

    return services.change_request_raise(
        project=project,
        title="Extra phase",
        scope_impact=scope,
        time_impact_days=days,
        cost_impact=Decimal(cost),
        benefit_impact="",
        actor=user,
    )


def test_an_approved_change_moves_the_committed_finish_and_the_scope(org):
    project = started(org)
    Project = type(project)
    Project.objects.filter(pk=project.pk).update(committed_finish=date(2026, 6, 5))  # a Friday
    change = raised(project, org.people_a["project_manager"], "100", 3, "Add online payments")
    services.change_request_decide(
        change=change,
        approve=True,
        notes="",
        roles=frozenset({"project_manager"}),
        actor=org.people_a["project_manager"],
    )
    project.refresh_from_db()
    assert project.committed_finish == date(2026, 6, 10)  # three working days later
    assert "CR-001 approved: Extra phase: Add online payments" in project.brief.scope
    latest = project.history.order_by("-history_id").first()
    assert latest.history_change_reason == "CR-001 approved: Extra phase"


def test_a_change_beyond_tolerance_is_decided_at_a_board_meeting_and_logged(org):
    project = started(org)
    change = raised(project, org.people_a["project_manager"], "50000", 60)
    assert change.route == "board"
    member = org.people_a["board_member"]
    with pytest.raises(services.ProjectError, match="choose the board and the date of the"):
        services.change_request_decide(
            change=change, approve=True, notes="", roles=frozenset({"board_member"}), actor=member
        )
    with pytest.raises(services.GateRefused, match="the CLT governance board decides changes"):
        services.change_request_decide(
            change=change,
            approve=True,
            notes="",
            roles=frozenset({"board_member"}),
            actor=member,
            board=elt(org.a),
            meeting_date=MEETING,
        )
    page = org.client_for("board_member").post(
        f"/projects/{project.number}/change-requests/{change.number}/",
        {
            "approve": "yes",
            "notes": "Funded from reserves",
            "board": Board.objects.get(council=org.a, kind="clt_governance").pk,
            "meeting_date": "2026-03-10",
        },
    )
    assert page.status_code == 302
    logged = Decision.objects.get(project=project, decision="change_approved")
    assert logged.meeting_date == MEETING
    assert logged.notes == "CR-001 Extra phase: Funded from reserves"
    from civicp3.toolkit.models import Decision as LoggedDecision

    assert LoggedDecision.objects.filter(
        project=project, decision__contains="CR-001 Extra phase"
    ).exists()
