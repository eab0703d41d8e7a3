"""The gated lifecycle through the services: gates, threshold outcomes, tiers, decisions."""

from datetime import date
from decimal import Decimal

import pytest

from civicp3.organisation.models import Board
from civicp3.portfolio import services
from civicp3.portfolio.lifecycle import MOVES, Stage, allowed
from civicp3.portfolio.models import ChangeRequest, Decision, KeyCriterion, TierBand
from tests.portfolio.helpers import MEETING, decide, score, to_board

pytestmark = pytest.mark.django_db


def test_every_stage_can_be_left_or_is_an_end():
    ends = {Stage.CLOSED, Stage.REJECTED}
    for stage in Stage:
        assert bool(allowed(stage)) != (stage in ends), stage
    reached = {move.to for move in MOVES.values()} | {Stage.CONCEPT}
    assert reached == set(Stage)


def test_skipping_a_gate_is_refused_with_the_next_step(org):
    pmo = org.people_a["pmo"]
    project = services.project_create(council=org.a, title="Leisure centre", actor=pmo)
    with pytest.raises(services.GateRefused) as refused:
        services.appraisal_record(
            project=project,
            meeting_date=date(2026, 1, 5),
            invited_stakeholders="x",
            challenges="y",
            pmo_recommendation="z",
            actor=pmo,
        )
    assert "record the pre-project appraisal yet" in str(refused.value)
    assert "“Concept” stage" in str(refused.value)
    assert "PMO classifies it" in str(refused.value)
    project.refresh_from_db()
    assert project.stage == Stage.CONCEPT


def test_an_incomplete_business_case_cannot_go_to_appraisal(org):
    pmo = org.people_a["pmo"]
    project = services.project_create(council=org.a, title="Leisure centre", actor=pmo)
    services.project_classify(project=project, kind="project", rationale="One", actor=pmo)
    with pytest.raises(services.GateRefused, match="Complete the project brief"):
        services.brief_submit(project=project, actor=pmo)
    services.brief_save(
        project=project, actor=pmo, background="a", objectives="b", scope="c", deliverables="d"
    )
    services.brief_submit(project=project, actor=pmo)
    services.business_case_save_section(project=project, section="strategic", text="Why", actor=pmo)
    with pytest.raises(services.GateRefused, match="Economic case, Commercial case"):
        services.business_case_submit(project=project, actor=pmo)


def test_threshold_outcomes(org):
    pmo = org.people_a["pmo"]
    all_met = to_board(org.a, pmo)
    assert all_met.stage == Stage.BOARD
    some_met = to_board(org.a, pmo, title="Some", all_criteria=False)
    assert some_met.stage == Stage.BOARD
    assert some_met.threshold_notes == "Name a sponsor"
    below = to_board(org.a, pmo, title="Below", all_criteria=False)
    # Re-run the threshold on a project fresh at that stage, with too few criteria met.
    below.stage = Stage.THRESHOLD
    below.save()
    criteria = list(KeyCriterion.objects.for_council(org.a))
    with pytest.raises(services.ProjectError, match="Enter the reasons"):
        services.threshold_assess(project=below, met=criteria[:1], notes="", actor=pmo)
    outcome = services.threshold_assess(
        project=below, met=criteria[:1], notes="No funding", actor=pmo
    )
    assert outcome.code == "return_to_initiator"
    below.refresh_from_db()
    assert below.stage == Stage.BUSINESS_CASE


def test_scores_place_projects_in_tiers_by_the_councils_bands(org):
    pmo = org.people_a["pmo"]
    board = org.people_a["board_member"]
    gold, bronze = to_board(org.a, pmo, "Gold one"), to_board(org.a, pmo, "Bronze one")
    score(gold, pmo, 5)  # 11 x 5 = 55
    score(bronze, pmo, 1)  # 11
    assert (gold.tier, gold.score) == ("Gold", Decimal(55))
    assert bronze.tier == "Bronze"
    TierBand.objects.filter(council=org.a, name="Gold").update(min_score=60)
    score(gold, pmo, 5)
    assert gold.tier == "Silver"
    decide(gold, board, "approve")
    decide(bronze, board, "approve")
    from civicp3.portfolio.selectors import waiting_list

    assert list(waiting_list(org.a)) == [gold, bronze]


def test_approval_needs_a_score_and_each_decision_is_logged(org):
    pmo, board = org.people_a["pmo"], org.people_a["board_member"]
    project = to_board(org.a, pmo)
    with pytest.raises(services.GateRefused, match="score"):
        decide(project, board, "approve")
    with pytest.raises(services.GateRefused, match="First score it"):
        decide(project, board, "start")
    # Start now, regardless of score: at the board's discretion, with its reason.
    decide(project, board, "start", "Statutory deadline", at_discretion=True)
    with pytest.raises(services.ProjectError, match="reasons to pause"):
        decide(project, board, "pause")
    decide(project, board, "pause", "Corporate priorities changed")
    decide(project, board, "resume")
    with pytest.raises(services.GateRefused, match="closure report"):
        decide(project, board, "close")
    assert list(
        Decision.objects.filter(project=project).order_by("pk").values_list("decision", flat=True)
    ) == ["start", "pause", "resume"]


def test_change_requests_route_by_tolerance(org):
    pmo, board = org.people_a["pmo"], org.people_a["board_member"]
    project = to_board(org.a, pmo)
    score(project, pmo, 3)
    decide(project, board, "start")

    def raise_change(cost: str, days: int) -> ChangeRequest:
        return services.change_request_raise(
            project=project,
            title="Change",
            scope_impact="",
            time_impact_days=days,
            cost_impact=Decimal(cost),
            benefit_impact="",
            actor=pmo,
        )

    assert raise_change("1000", 5).route == "manager"
    assert raise_change("20000", 5).route == "sponsor"
    beyond = raise_change("90000", 5)
    assert beyond.route == "board"
    with pytest.raises(services.ProjectError, match="your role cannot decide"):
        services.change_request_decide(
            change=beyond, approve=True, notes="", roles=frozenset({"sponsor"}), actor=pmo
        )
    services.change_request_decide(
        change=beyond,
        approve=True,
        notes="",
        roles=frozenset({"board_member"}),
        actor=board,
        board=Board.objects.get(council=org.a),
        meeting_date=MEETING,
    )
    beyond.refresh_from_db()
    assert beyond.status == "approved"


def test_carrying_the_recommended_option_keeps_history(org):
    pmo = org.people_a["pmo"]
    project = services.project_create(council=org.a, title="Depot", actor=pmo)
    services.business_case_carry_option(project=project, summary="Option B: refurbish", actor=pmo)
    case = project.business_case
    assert case.economic_recommended_option == "Option B: refurbish"
    assert case.history.latest().history_change_reason.startswith("Recommended option")
