"""The pathway decision tree recommends; the team confirms or overrides with a reason."""

from decimal import Decimal

import pytest

from civicp3.improvements.models import DecisionNode, PathwayDecision
from civicp3.improvements.services import (
    ImprovementError,
    improvement_decide_pathway,
    pathway_recommend,
)
from tests.improvements.conftest import make_request

pytestmark = pytest.mark.django_db


def nodes(council):
    return {node.order: node.pk for node in DecisionNode.objects.filter(council=council)}


@pytest.mark.parametrize(
    ("technical", "small", "champion", "expected"),
    [
        (True, True, None, "QW"),
        (True, False, None, "PIP"),
        (False, None, True, "GBC"),
        (False, None, False, "QW"),
    ],
)
def test_the_default_tree_recommends_a_pathway(org, technical, small, champion, expected):
    ids = nodes(org.a)
    answers = {ids[1]: technical}
    if small is not None:
        answers[ids[2]] = small
    if champion is not None:
        answers[ids[3]] = champion
    assert pathway_recommend(org.a, answers)[0] == expected


def test_following_the_recommendation_needs_no_reason(org):
    ids = nodes(org.a)
    improvement = make_request(org.a, "scored", score=Decimal("40"))
    improvement_decide_pathway(
        improvement=improvement, answers={ids[1]: True, ids[2]: False}, chosen="PIP", actor=None
    )
    improvement.refresh_from_db()
    assert improvement.pathway == "PIP"


def test_overriding_the_recommendation_needs_a_reason_which_is_kept(org):
    ids = nodes(org.a)
    improvement = make_request(org.a, "scored", score=Decimal("40"))
    answers = {ids[1]: False, ids[3]: True}
    with pytest.raises(ImprovementError, match="Enter why you chose Fully managed"):
        improvement_decide_pathway(
            improvement=improvement, answers=answers, chosen="PIP", actor=None
        )
    champion = org.people_a["green_belt_champion"]
    improvement_decide_pathway(
        improvement=improvement,
        answers=answers,
        chosen="GBC",
        champion=champion,
        actor=None,
    )
    decision = improvement_decide_pathway(
        improvement=improvement,
        answers=answers,
        chosen="PIP",
        reason="Needs a Uniform integration after all",
        actor=None,
    )
    improvement.refresh_from_db()
    assert (decision.recommended, decision.chosen) == ("GBC", "PIP")
    assert decision.override_reason == "Needs a Uniform integration after all"
    assert improvement.pathway == "PIP"
    assert improvement.champion is None
    assert PathwayDecision.objects.count() == 2


def test_the_pathway_page_recommends_then_confirms(org):
    ids = nodes(org.a)
    make_request(org.a, "scored", score=Decimal("40"))
    client = org.client_for("improvement_team")
    answers = {f"node{ids[1]}": "yes", f"node{ids[2]}": "yes"}
    shown = client.post("/improvements/IMP-0001/pathway/", {**answers, "step": "recommend"})
    assert (
        "Recommended pathway: <strong>Supported quick win (QW)</strong>" in shown.content.decode()
    )
    refused = client.post(
        "/improvements/IMP-0001/pathway/", {**answers, "step": "confirm", "chosen": "GBC"}
    )
    assert "Enter why you chose Self-serve" in refused.content.decode()
    done = client.post(
        "/improvements/IMP-0001/pathway/", {**answers, "step": "confirm", "chosen": "QW"}
    )
    assert done.status_code == 302
