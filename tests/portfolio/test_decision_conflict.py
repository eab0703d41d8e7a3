"""Two board members deciding the same gate at once: one wins, the other is told who did what."""

import threading

import pytest
from django.contrib.auth.models import User
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from civicp3.organisation.models import Board
from civicp3.organisation.roles import Role
from civicp3.portfolio import services
from civicp3.portfolio.lifecycle import MOVES
from civicp3.portfolio.models import Decision, Project
from tests.portfolio.helpers import MEETING, score, to_board


def second_board_member(org) -> User:  # type: ignore[no-untyped-def]
    user = User.objects.create_user(username="chair", first_name="Pat", last_name="Chair")
    user.memberships.create(council=org.a, role=Role.BOARD_MEMBER)
    return user


def decide(project: Project, user: User, code: str, stage_seen: str) -> Decision:
    return services.board_decide(
        project=project,
        decision=code,
        board=Board.objects.for_council(project.council).first(),
        meeting_date=MEETING,
        notes="Not this year" if code == "defer" else "",
        actor=user,
        stage_seen=stage_seen,
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's")
def test_two_decisions_on_one_gate_at_once_record_one(org):
    project = to_board(org.a, org.people_a["pmo"])
    score(project, org.people_a["pmo"], 3)
    seen = project.stage
    members = [(org.people_a["board_member"], "start"), (second_board_member(org), "defer")]
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def run(user: User, code: str) -> None:
        try:
            start.wait()
            decide(Project.objects.get(pk=project.pk), user, code, seen)
            outcomes[user.username] = "recorded"
        except services.DecisionConflict as error:
            outcomes[user.username] = str(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=member) for member in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    decisions = list(Decision.objects.filter(project=project))
    assert len(decisions) == 1
    winner = decisions[0].recorded_by.username
    loser = next(name for name in outcomes if name != winner)
    assert outcomes[winner] == "recorded"
    assert "while you were deciding" in outcomes[loser]
    assert project.reference in outcomes[loser]


def test_a_decision_on_a_stale_page_is_refused_and_names_the_first(org):
    project = to_board(org.a, org.people_a["pmo"])
    score(project, org.people_a["pmo"], 3)
    url = reverse("project-decide", args=[project.number])
    late = Client()
    late.force_login(org.people_a["board_member"])
    page = late.get(url).content.decode()
    assert f'name="stage_seen" value="{project.stage}"' in page

    decide(project, second_board_member(org), "start", project.stage)
    response = late.post(
        url,
        {
            "stage_seen": "board",
            "decision": "defer",
            "board": Board.objects.for_council(org.a).first().pk,
            "meeting_date": "2026-03-10",
            "notes": "Not this year",
        },
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert f"Pat Chair recorded a decision on {project.reference} while you were deciding" in text
    assert f"({MOVES['start'].label.lower()}, at" in text
    assert 'name="stage_seen" value="active"' in text  # the page now shows the stage as it is
    assert list(Decision.objects.filter(project=project).values_list("decision", flat=True)) == [
        "start"
    ]
