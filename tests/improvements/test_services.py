"""Raising requests and moving them through the lifecycle, through the service functions."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine

from civicp3.improvements.lifecycle import Status, move_for
from civicp3.improvements.models import ImprovementRequest, Pathway
from civicp3.improvements.services import (
    IllegalTransition,
    ImprovementError,
    improvement_close_with_benefits,
    improvement_raise,
    improvement_sign_off_confirm,
    improvement_sign_off_request,
    improvement_transition,
)
from civicp3.organisation.models import ServiceArea, WageRate
from tests import clock
from tests.improvements.conftest import file_all_returns, make_request, record_feasible

pytestmark = pytest.mark.django_db


def test_it_numbers_requests_per_council_from_imp_0001(org):
    first = make_request(org.a)
    second = make_request(org.a)
    other = make_request(org.b)
    assert (first.reference, second.reference, other.reference) == (
        "IMP-0001",
        "IMP-0002",
        "IMP-0001",
    )


def test_it_raises_a_request_as_submitted_with_its_service_area_and_ad_area(org):
    area = ServiceArea.objects.get(council=org.a)
    improvement = improvement_raise(
        council=org.a,
        process_impacted="Bulky waste",
        problem_statement="Bookings come in by phone",
        service_area=area,
        form_required="yes",
        raised_by=org.people_a["staff"],
    )
    improvement.refresh_from_db()
    assert improvement.status == Status.SUBMITTED
    assert improvement.service_area_text == area.name
    assert improvement.directorate == area.directorate
    assert improvement.history.get().history_user == org.people_a["staff"]


def test_it_refuses_a_service_area_of_another_council(org):
    theirs = ServiceArea.objects.get(council=org.b)
    with pytest.raises(ImprovementError, match="is not part of Alpha District Council"):
        improvement_raise(
            council=org.a, process_impacted="X", problem_statement="Y", service_area=theirs
        )
    assert not ImprovementRequest.objects.exists()


def test_it_moves_a_request_and_records_who_and_why(org):
    improvement = make_request(org.a, Status.WAITING_LIST, score=Decimal("40"), pathway="QW")
    team = org.people_a["improvement_team"]
    record_feasible(improvement)
    improvement_transition(improvement=improvement, to="in_delivery", actor=team)
    improvement_transition(
        improvement=improvement, to="on_hold", actor=team, reason="Waiting for Uniform upgrade"
    )
    improvement.refresh_from_db()
    assert improvement.status == Status.ON_HOLD
    latest = improvement.history.order_by("-history_id").first()
    assert latest.history_user == team
    assert latest.history_change_reason == "Waiting for Uniform upgrade"


def test_it_refuses_live_without_sign_off_with_a_clear_message(org):
    improvement = make_request(org.a, Status.IN_DELIVERY, score=Decimal("40"), pathway="PIP")
    with pytest.raises(IllegalTransition) as refused:
        improvement_transition(
            improvement=improvement, to="live", actor=org.people_a["improvement_team"]
        )
    assert str(refused.value) == (
        "An improvement can only go live when it is signed off. This one is in delivery"
    )
    improvement.refresh_from_db()
    assert improvement.status == Status.IN_DELIVERY
    assert improvement.history.count() == 2  # raised, and set up for the test


def test_it_refuses_every_move_the_table_does_not_allow(org):
    improvement = make_request(org.a, score=Decimal("10"), pathway="GBC")
    for current in Status:
        for wanted in Status:
            if move_for(current, wanted) is not None:
                continue
            ImprovementRequest.objects.filter(pk=improvement.pk).update(status=current)
            with pytest.raises(IllegalTransition):
                improvement_transition(improvement=improvement, to=wanted, actor=None)


def test_it_says_so_when_the_request_is_already_there(org):
    improvement = make_request(org.a, Status.LIVE)
    with pytest.raises(IllegalTransition, match="This improvement is already live"):
        improvement_transition(improvement=improvement, to="live", actor=None)


def test_it_refuses_an_unknown_status(org):
    improvement = make_request(org.a)
    with pytest.raises(ImprovementError, match="not a status"):
        improvement_transition(improvement=improvement, to="done", actor=None)


def test_it_needs_a_reason_to_reject(org):
    improvement = make_request(org.a)
    with pytest.raises(ImprovementError) as refused:
        improvement_transition(improvement=improvement, to="rejected", actor=None, reason="  ")
    assert refused.value.field == "reason"
    assert refused.value.message == "Enter why IMP-0001 should be rejected"


def test_it_needs_a_score_and_a_pathway_for_the_waiting_list(org):
    improvement = make_request(org.a, Status.FEASIBILITY, score=Decimal("30"))
    with pytest.raises(ImprovementError, match="First record the pathway decision; and a feas"):
        improvement_transition(improvement=improvement, to="waiting_list", actor=None)
    ImprovementRequest.objects.filter(pk=improvement.pk).update(pathway=Pathway.QW)
    record_feasible(improvement)
    improvement.refresh_from_db()
    assert improvement.status == Status.WAITING_LIST


def test_it_needs_a_score_to_be_marked_as_scored(org):
    improvement = make_request(org.a, Status.TRIAGED)
    with pytest.raises(ImprovementError, match="First record a score against the technical"):
        improvement_transition(improvement=improvement, to="scored", actor=None)


def test_the_whole_lifecycle_runs_from_submitted_to_closed(org):
    improvement = make_request(org.a, score=Decimal("45"), pathway="PIP")
    for status in ("triaged", "scored", "feasibility"):
        improvement_transition(improvement=improvement, to=status, actor=None)
    record_feasible(improvement)  # the analysis moves it to the waiting list
    improvement_transition(improvement=improvement, to="in_delivery", actor=None)
    file_all_returns(improvement)
    owner = org.people_a["sponsor"]
    improvement_sign_off_request(improvement=improvement, owner=owner, actor=None)
    improvement_sign_off_confirm(
        improvement=improvement,
        testing_confirmed=True,
        retention_number=6,
        retention_unit="years",
        actor=owner,
    )
    improvement_transition(improvement=improvement, to="live", actor=None)
    rate = WageRate.objects.create(council=org.a, grade="Scale 4", hourly_cost=Decimal("15"))
    improvement_close_with_benefits(
        improvement=improvement,
        hours_saved_per_year=Decimal("10"),
        wage_rate=rate,
        one_off_costs=Decimal("0"),
        cashable_savings=Decimal("0"),
        online_form_delivered=True,
        actor=None,
    )
    improvement.refresh_from_db()
    assert improvement.status == Status.CLOSED
    # raised and set up, eight moves, five returns and the sign-off request
    assert improvement.history.count() == 2 + 8 + 5 + 1


def test_it_records_when_a_request_was_first_decided_and_when_it_was_closed(org):
    improvement = make_request(org.a, Status.FEASIBILITY, score=Decimal("45"), pathway="PIP")
    decided = clock.now()
    record_feasible(improvement)  # feasible: it joins the waiting list, which decides it
    improvement_transition(improvement=improvement, to="on_hold", actor=None, reason="Budget")
    later = decided + timedelta(days=30)
    with time_machine.travel(later, tick=False):
        improvement_transition(improvement=improvement, to="waiting_list", actor=None)
        improvement_transition(improvement=improvement, to="closed", actor=None, reason="Done")
    improvement.refresh_from_db()
    assert improvement.decided_at is not None
    assert abs(improvement.decided_at - decided) < timedelta(minutes=1)
    assert improvement.closed_at == later
