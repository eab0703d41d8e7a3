"""The project gates issue 19 found walkable are refused, with what is missing named: the
board's kind is checked, the board's discretion is explicit and logged, and closure needs its
checklist. On the page (the board decision form) and through the service."""

from datetime import date

import pytest

from civicp3.organisation.models import Board
from civicp3.portfolio import services
from civicp3.portfolio.models import Decision
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
