"""Feasibility analysis: the seed's six categories; feasible, on hold until a date, or closed."""

from datetime import timedelta
from decimal import Decimal

import pytest

from civicp3.improvements.models import FeasibilityAssessment, FeasibilityQuestion
from civicp3.improvements.services import (
    IllegalTransition,
    ImprovementError,
    improvement_assess_feasibility,
)
from tests import clock
from tests.improvements.conftest import make_request

pytestmark = pytest.mark.django_db


def all_yes(council):
    return {q.pk: (True, "Fine") for q in FeasibilityQuestion.objects.filter(council=council)}


def test_the_seeds_six_categories_and_thirteen_questions_are_the_default(org):
    questions = FeasibilityQuestion.objects.filter(council=org.a)
    assert questions.count() == 13
    assert set(questions.values_list("category", flat=True)) == {
        "technical",
        "compliance",
        "organisational",
        "customer",
        "economic",
        "barriers",
    }


def test_a_feasible_request_joins_the_waiting_list(org):
    improvement = make_request(org.a, "scored", score=Decimal("40"), pathway="QW")
    improvement_assess_feasibility(
        improvement=improvement, answers=all_yes(org.a), outcome="feasible", actor=None
    )
    improvement.refresh_from_db()
    assert improvement.status == "waiting_list"
    assessment = FeasibilityAssessment.objects.get()
    assert assessment.answers[0]["category"] == "Technical feasibility"
    assert assessment.answers[0]["feedback"] == "Fine"


def test_on_hold_needs_a_future_date_and_is_recorded_in_the_history(org):
    improvement = make_request(org.a, "scored", score=Decimal("40"), pathway="QW")
    answers = all_yes(org.a)
    with pytest.raises(ImprovementError, match="Enter the date it is on hold until"):
        improvement_assess_feasibility(
            improvement=improvement, answers=answers, outcome="on_hold", actor=None
        )
    later = clock.today() + timedelta(days=60)
    improvement_assess_feasibility(
        improvement=improvement, answers=answers, outcome="on_hold", on_hold_until=later, actor=None
    )
    improvement.refresh_from_db()
    assert improvement.status == "on_hold"
    reason = improvement.history.order_by("-history_id").first().history_change_reason
    assert reason.startswith("Not feasible yet: on hold until")


def test_closing_needs_a_reason(org):
    improvement = make_request(org.a, "feasibility", score=Decimal("40"), pathway="QW")
    with pytest.raises(ImprovementError, match="Enter why it is closed"):
        improvement_assess_feasibility(
            improvement=improvement, answers=all_yes(org.a), outcome="closed", actor=None
        )
    improvement_assess_feasibility(
        improvement=improvement,
        answers=all_yes(org.a),
        outcome="closed",
        reason="No budget for the upgrade",
        actor=None,
    )
    improvement.refresh_from_db()
    assert improvement.status == "closed"


def test_every_question_must_be_answered(org):
    improvement = make_request(org.a, "scored", score=Decimal("40"), pathway="QW")
    answers = all_yes(org.a)
    answers.popitem()
    with pytest.raises(ImprovementError, match="Answer yes or no to"):
        improvement_assess_feasibility(
            improvement=improvement, answers=answers, outcome="feasible", actor=None
        )


def test_it_refuses_a_request_that_is_not_scored(org):
    improvement = make_request(org.a)
    with pytest.raises(
        IllegalTransition, match="Feasibility analysis is for requests that are scored"
    ):
        improvement_assess_feasibility(
            improvement=improvement, answers=all_yes(org.a), outcome="feasible", actor=None
        )


def test_the_feasibility_page_shows_a_missing_answer_in_the_error_summary(org):
    make_request(org.a, "scored", score=Decimal("40"), pathway="QW")
    client = org.client_for("improvement_team")
    assert (
        "Technical feasibility"
        in client.get("/improvements/IMP-0001/feasibility/").content.decode()
    )
    response = client.post("/improvements/IMP-0001/feasibility/", {"outcome": "feasible"})
    assert "Select yes or no for" in response.content.decode()
