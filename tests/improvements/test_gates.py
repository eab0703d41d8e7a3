"""Each bypass of the improvement framework that issue 19 found is refused, on the page and in
the API, with a message naming what is missing; the offered buttons follow the same table."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command

from civicp3.improvements.models import FeasibilityQuestion, ImprovementRequest
from civicp3.improvements.services import (
    ImprovementError,
    improvement_assess_feasibility,
    improvement_transition,
)
from tests import clock
from tests.improvements.conftest import api_transition, make_request, record_feasible

pytestmark = pytest.mark.django_db


def status_of(improvement: ImprovementRequest) -> str:
    improvement.refresh_from_db()
    return improvement.status


def page_move(org, improvement, to, reason=""):  # type: ignore[no-untyped-def]
    client = org.client_for("improvement_team")
    return client.post(improvement.get_absolute_url(), {"to": to, "reason": reason})


def test_on_hold_to_delivery_without_score_pathway_or_analysis_is_refused_on_the_page(org):
    improvement = make_request(org.a, "triaged")
    page_move(org, improvement, "on_hold", "Waiting for budget")
    assert status_of(improvement) == "on_hold"
    body = page_move(org, improvement, "in_delivery").content.decode()
    assert "There is a problem" in body
    assert (
        "IMP-0001 cannot start delivery yet. First record a score against the technical matrix; "
        "the pathway decision; and a feasibility analysis whose outcome is feasible"
    ) in body
    assert status_of(improvement) == "on_hold"
    # The page does not offer the move, and says what it needs.
    page = org.client_for("improvement_team").get(improvement.get_absolute_url()).content.decode()
    assert 'value="in_delivery"' not in page
    assert "Start delivery: first record a score against the technical matrix" in page


def test_on_hold_to_delivery_without_score_pathway_or_analysis_is_refused_in_the_api(org):
    improvement = make_request(org.a, "on_hold")
    response = api_transition(org, 1, "in_delivery")
    assert response.status_code == 409
    assert "First record a score against the technical matrix" in response.json()["detail"]
    assert status_of(improvement) == "on_hold"


def test_feasibility_to_waiting_list_without_an_analysis_is_refused(org):
    improvement = make_request(org.a, "feasibility", score=Decimal("30"), pathway="QW")
    body = page_move(org, improvement, "waiting_list").content.decode()
    assert "First record a feasibility analysis whose outcome is feasible" in body
    response = api_transition(org, 1, "waiting_list")
    assert response.status_code == 409
    assert "a feasibility analysis whose outcome is feasible" in response.json()["detail"]
    assert status_of(improvement) == "feasibility"


def test_feasibility_cannot_start_without_a_pathway(org):
    improvement = make_request(org.a, "scored", score=Decimal("30"))
    response = api_transition(org, 1, "feasibility")
    assert response.status_code == 409
    assert "First record the pathway decision" in response.json()["detail"]
    assert status_of(improvement) == "scored"


def all_no(improvement, **extra):  # type: ignore[no-untyped-def]
    questions = FeasibilityQuestion.objects.filter(council=improvement.council)
    return improvement_assess_feasibility(
        improvement=improvement,
        answers={question.pk: (False, "") for question in questions},
        actor=None,
        **{"outcome": "feasible", **extra},
    )


def test_an_analysis_answered_no_cannot_be_recorded_feasible_without_a_reason(org):
    improvement = make_request(org.a, "scored", score=Decimal("30"), pathway="QW")
    with pytest.raises(ImprovementError, match="13 questions are answered No, so it is not"):
        all_no(improvement)
    assert status_of(improvement) == "scored"
    all_no(improvement, reason="The board funds a new system")
    assert status_of(improvement) == "waiting_list"


def test_the_feasibility_page_refuses_feasible_when_answers_are_no(org):
    make_request(org.a, "scored", score=Decimal("30"), pathway="QW")
    data = {"outcome": "feasible"}
    for question in FeasibilityQuestion.objects.filter(council=org.a):
        data[f"feasible_{question.pk}"] = "no"
    body = (
        org.client_for("improvement_team")
        .post("/improvements/IMP-0001/feasibility/", data)
        .content.decode()
    )
    assert "answered No, so it is not feasible" in body
    assert ImprovementRequest.objects.get().status == "scored"


def test_on_hold_until_a_date_comes_back_by_the_daily_job_with_a_reminder(org, mailoutbox):
    improvement = make_request(org.a, "scored", score=Decimal("30"), pathway="QW")
    team = org.people_a["improvement_team"]
    team.email = "team@alpha.example"
    team.save()
    all_no(improvement, outcome="on_hold", on_hold_until=clock.today() + timedelta(days=1))
    assert status_of(improvement) == "on_hold"
    call_command("release_holds")
    assert status_of(improvement) == "on_hold"  # not yet due
    improvement.feasibility_assessments.update(on_hold_until=clock.today())
    call_command("release_holds")
    assert status_of(improvement) == "feasibility"
    assert mailoutbox[-1].to == ["team@alpha.example"]
    assert "IMP-0001" in mailoutbox[-1].body


def self_serve(org, **fields):  # type: ignore[no-untyped-def]
    improvement = make_request(org.a, "waiting_list", score=Decimal("30"), pathway="GBC", **fields)
    record_feasible(improvement)
    return improvement


def test_self_serve_work_cannot_start_without_a_champion(org):
    improvement = self_serve(org)
    body = page_move(org, improvement, "in_delivery").content.decode()
    assert "First record the green belt champion who will run it" in body
    response = api_transition(org, 1, "in_delivery")
    assert response.status_code == 409
    assert "the green belt champion" in response.json()["detail"]
    assert status_of(improvement) == "waiting_list"


def test_self_serve_work_cannot_be_signed_off_or_go_live_in_define(org):
    improvement = self_serve(org, champion=org.people_a["green_belt_champion"])
    improvement_transition(improvement=improvement, to="in_delivery", actor=None)
    assert improvement.phase == "define"
    response = api_transition(org, 1, "signed_off")
    assert response.status_code == 409
    assert "a phase-completion return for each phase of its pathway" in response.json()["detail"]
    ImprovementRequest.objects.filter(pk=improvement.pk).update(status="signed_off")
    response = api_transition(org, 1, "live")
    assert response.status_code == 409
    assert "a phase-completion return for each phase" in response.json()["detail"]
    assert "the process owner's go-live sign-off" in response.json()["detail"]
    body = page_move(org, improvement, "live").content.decode()
    assert "a phase-completion return for each phase of its pathway" in body
    assert status_of(improvement) == "signed_off"
