"""A board's gate decisions on the register appear in the council-wide decisions log."""

import pytest
from django.urls import reverse

from civicp3.toolkit.models import Decision
from tests.portfolio.helpers import MEETING, decide, score, to_board

pytestmark = pytest.mark.django_db


def test_a_board_decision_is_written_to_the_decisions_log(org):
    pmo, board_member = org.people_a["pmo"], org.people_a["board_member"]
    project = to_board(org.a, pmo)
    score(project, pmo, 3)
    decide(project, board_member, "approve")
    decide(project, board_member, "defer", notes="Wait for the budget round")

    logged = list(Decision.objects.filter(project=project).order_by("number"))
    assert [(d.decided_on, d.board.name, d.made_by) for d in logged] == [
        (MEETING, "CLT governance board", "CLT governance board")
    ] * 2
    assert logged[1].decision.endswith("Wait for the budget round")
    assert logged[1].other_links == f"Gate decision on {project.reference}"
    assert logged[1].history.first().history_user == board_member

    page = org.client_for("councillor").get(reverse("toolkit-decisions-log")).content.decode()
    assert f"Gate decision on {project.reference}" in page
    assert "Wait for the budget round" in page
