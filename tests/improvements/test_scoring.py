"""The technical matrix: scoring, its breakdown and version, re-scoring, the waiting list."""

from decimal import Decimal

import pytest

from civicp3.improvements.models import Score, ScoringQuestion
from civicp3.improvements.selectors import waiting_list_for
from civicp3.improvements.services import (
    ImprovementError,
    improvement_score,
    improvement_settings,
    scoring_question_save,
)
from tests.improvements.conftest import make_request

pytestmark = pytest.mark.django_db


def best_answers(council, pick=0):
    """Each active question's answer at position `pick` (0 = first listed)."""
    questions = ScoringQuestion.objects.filter(council=council, active=True)
    return {q.pk: list(q.options.all())[pick].pk for q in questions}


def top(council):
    return {
        q.pk: q.options.order_by("-points").first().pk
        for q in ScoringQuestion.objects.filter(council=council, active=True)
    }


def test_every_council_starts_with_the_default_matrix_as_its_own_data(org):
    assert ScoringQuestion.objects.filter(council=org.a).count() == 7
    assert ScoringQuestion.objects.filter(council=org.b).count() == 7


def test_it_scores_a_request_with_its_breakdown_and_matrix_version(org):
    improvement = make_request(org.a)
    team = org.people_a["improvement_team"]
    score = improvement_score(improvement=improvement, answers=top(org.a), actor=team)
    improvement.refresh_from_db()
    assert score.total == Decimal("64")
    assert improvement.score == Decimal("64")
    assert improvement.status == "scored"
    assert score.matrix_version == 1
    assert len(score.breakdown) == 7
    assert score.breakdown[0] == {
        "question": "How many customers or staff does the process affect?",
        "answer": "Many (over 500 a year)",
        "points": "10.00",
    }


def test_changing_the_matrix_never_changes_an_old_score_and_re_scoring_adds_one(org):
    improvement = make_request(org.a)
    team = org.people_a["improvement_team"]
    first = improvement_score(improvement=improvement, answers=top(org.a), actor=team)
    question = ScoringQuestion.objects.filter(council=org.a).first()
    scoring_question_save(
        council=org.a,
        question=question,
        text=question.text,
        weight=Decimal("2"),
        options=[("Few", Decimal("1")), ("Many", Decimal("10"))],
    )
    first.refresh_from_db()
    improvement.refresh_from_db()
    assert (first.total, first.matrix_version, improvement.score) == (
        Decimal("64"),
        1,
        Decimal("64"),
    )
    second = improvement_score(improvement=improvement, answers=top(org.a), actor=team)
    improvement.refresh_from_db()
    assert (second.total, second.matrix_version) == (Decimal("74"), 2)
    assert improvement.score == Decimal("74")
    assert Score.objects.filter(improvement=improvement).count() == 2


def test_it_refuses_a_score_with_an_unanswered_question(org):
    improvement = make_request(org.a)
    answers = top(org.a)
    answers.popitem()
    with pytest.raises(ImprovementError, match="Select an answer to"):
        improvement_score(improvement=improvement, answers=answers, actor=None)
    assert not Score.objects.exists()


def test_it_refuses_to_score_work_already_in_delivery(org):
    improvement = make_request(org.a, "in_delivery", score=Decimal("10"), pathway="QW")
    with pytest.raises(
        ImprovementError,
        match="Score against the technical matrix is for requests that are submitted",
    ):
        improvement_score(improvement=improvement, answers=top(org.a), actor=None)


def test_a_scored_request_takes_its_place_on_the_waiting_list(seeded):
    improvement = make_request(seeded.a, pathway="QW", process_impacted="New quick win")
    answers = best_answers(seeded.a, pick=0)  # the lowest answers: 2+2+0+0+0+2+0 = 6
    improvement_score(improvement=improvement, answers=answers, actor=None)
    quick_wins = [r.process_impacted for r in waiting_list_for(seeded.a, pathway="QW")]
    assert quick_wins[-2:] == ["New quick win", "Committee Services"]


def test_the_scoring_page_is_the_improvement_teams(org):
    make_request(org.a)
    assert (
        org.client_for("improvement_team").get("/improvements/IMP-0001/score/").status_code == 200
    )
    assert org.client_for("sponsor").get("/improvements/IMP-0001/score/").status_code == 403


def test_the_scoring_page_scores_and_shows_the_breakdown(org):
    make_request(org.a)
    client = org.client_for("improvement_team")
    data = {f"q{question}": option for question, option in top(org.a).items()}
    response = client.post("/improvements/IMP-0001/score/", data, follow=True)
    text = response.content.decode()
    assert "IMP-0001 scored 64" in text
    assert "Current score: 64 (technical matrix version 1" in text


def test_another_councils_request_is_not_found(org):
    make_request(org.b)
    client = org.client_for("improvement_team")
    for page in ("score", "pathway", "feasibility", "phase-return", "sign-off", "close"):
        assert client.get(f"/improvements/IMP-0001/{page}/").status_code == 404, page


def test_the_team_edits_the_matrix_in_the_app_and_the_version_goes_up(org):
    client = org.client_for("improvement_team")
    assert client.get("/improvements/matrix/").status_code == 200
    response = client.post(
        "/improvements/matrix/add/",
        {
            "text": "Is it in the IT strategy?",
            "weight": "1",
            "options": "No: 0\nYes: 5",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert ScoringQuestion.objects.filter(council=org.a, text="Is it in the IT strategy?").exists()
    assert improvement_settings(org.a).matrix_version == 2
    bad = client.post(
        "/improvements/matrix/add/", {"text": "Q", "weight": "1", "options": "Yes five"}
    )
    assert "Line 1: write the answer, a colon and its points" in bad.content.decode()
