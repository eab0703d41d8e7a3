"""Proof that the gates hold: Hypothesis drives random sequences of service calls, as random
people, on both lifecycles, and checks after every step that no record is in a state whose
gates are unmet and that every refusal was a domain error (anything else fails the test)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from civicp3.improvements import services as improvements
from civicp3.improvements.lifecycle import READY, Status
from civicp3.improvements.models import (
    DecisionNode,
    FeasibilityQuestion,
    ImprovementRequest,
    ScoringQuestion,
)
from civicp3.organisation.models import Board, WageRate
from civicp3.portfolio import services as portfolio
from civicp3.portfolio.lifecycle import BOARD_DECISIONS, Stage
from civicp3.portfolio.models import (
    BusinessCase,
    Closure,
    Decision,
    KeyCriterion,
    PriorityCriterion,
    Project,
)
from tests import clock

pytestmark = pytest.mark.django_db

RUNS = settings(
    max_examples=8,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
ROLES = ("improvement_team", "sponsor", "green_belt_champion", "auditor", "pmo", "board_member")
people = st.sampled_from(ROLES)


class ImprovementMachine(RuleBasedStateMachine):
    """One improvement request per run, moved about by random calls."""

    org = None  # the test sets the two councils and their people
    seen: set[str] = set()  # every status the invariants were checked at, over all runs

    def __init__(self) -> None:
        super().__init__()
        self.council = self.org.a
        self.people = self.org.people_a
        self.refusals: list[str] = []
        self.improvement = improvements.improvement_raise(
            council=self.council, process_impacted="Bins", problem_statement="Keyed by hand"
        )

    def attempt(self, call, **kwargs) -> None:  # type: ignore[no-untyped-def]
        try:
            call(improvement=self.improvement, **kwargs)
        except improvements.ImprovementError as refusal:
            self.refusals.append(refusal.message)  # a refusal by the rules, in words
        self.improvement.refresh_from_db()

    @rule(to=st.sampled_from(list(Status)), reason=st.sampled_from(["", "Because"]), who=people)
    def move(self, to: Status, reason: str, who: str) -> None:
        self.attempt(
            improvements.improvement_transition, to=to, reason=reason, actor=self.people[who]
        )

    @rule(who=people)
    def score(self, who: str) -> None:
        questions = ScoringQuestion.objects.filter(council=self.council, active=True)
        answers = {q.pk: q.options.order_by("-points").first().pk for q in questions}  # type: ignore[union-attr]
        self.attempt(improvements.improvement_score, answers=answers, actor=self.people[who])

    @rule(chosen=st.sampled_from(["PIP", "QW", "GBC"]), champion=st.booleans(), who=people)
    def pathway(self, chosen: str, champion: bool, who: str) -> None:
        nodes = DecisionNode.objects.filter(council=self.council)
        self.attempt(
            improvements.improvement_decide_pathway,
            answers={node.pk: True for node in nodes},
            chosen=chosen,
            reason="The team's choice",
            champion=self.people["green_belt_champion"] if champion else None,
            actor=self.people[who],
        )

    @rule(
        all_yes=st.booleans(),
        outcome=st.sampled_from(["feasible", "on_hold", "closed"]),
        reason=st.sampled_from(["", "Funded anyway"]),
    )
    def feasibility(self, all_yes: bool, outcome: str, reason: str) -> None:
        questions = FeasibilityQuestion.objects.filter(council=self.council)
        self.attempt(
            improvements.improvement_assess_feasibility,
            answers={q.pk: (all_yes or q.order != 1, "") for q in questions},
            outcome=outcome,
            on_hold_until=clock.today() + timedelta(days=30),
            reason=reason,
            actor=self.people["improvement_team"],
        )

    @rule(who=people)
    def phase_return(self, who: str) -> None:
        self.attempt(
            improvements.phase_completion_file,
            templates_used="Project brief",
            documentation_complete=True,
            actor=self.people[who],
        )

    @rule(owner=st.sampled_from(["sponsor", "improvement_team"]))
    def ask_for_sign_off(self, owner: str) -> None:
        self.attempt(
            improvements.improvement_sign_off_request,
            owner=self.people[owner],
            actor=self.people["improvement_team"],
        )

    @rule(who=people, tested=st.booleans())
    def confirm_sign_off(self, who: str, tested: bool) -> None:
        self.attempt(
            improvements.improvement_sign_off_confirm,
            testing_confirmed=tested,
            retention_unit="years",
            retention_number=6,
            actor=self.people[who],
        )

    @rule()
    def close_with_benefits(self) -> None:
        rate, _ = WageRate.objects.get_or_create(
            council=self.council, grade="Scale 4", defaults={"hourly_cost": Decimal("15")}
        )
        self.attempt(
            improvements.improvement_close_with_benefits,
            hours_saved_per_year=Decimal("10"),
            wage_rate=rate,
            one_off_costs=Decimal("0"),
            cashable_savings=Decimal("0"),
            online_form_delivered=True,
            actor=self.people["improvement_team"],
        )

    @invariant()
    def refusals_say_why(self) -> None:
        assert all(message.strip() for message in self.refusals)

    @invariant()
    def its_gates_hold(self) -> None:
        current = ImprovementRequest.objects.get(pk=self.improvement.pk)
        ImprovementMachine.seen.add(current.status)
        needs: tuple[str, ...] = ()
        if current.status == Status.WAITING_LIST:
            needs = ("score", "pathway", "feasible")
        elif current.status == Status.IN_DELIVERY:
            needs = READY
        elif current.status in (Status.SIGNED_OFF, Status.LIVE):
            needs = (*READY, "phase_returns", "owner_sign_off")
        elif current.status == Status.CLOSED and current.went_live_at is not None:
            needs = ("benefits",)
        unmet = [gate for gate in needs if not improvements._GATE_CHECKS[gate](current)]
        assert not unmet, f"{current.reference} is {current.status} without {unmet}"
        signed = current.sign_offs.filter(confirmed_at__isnull=False)
        assert all(record.recorded_by_id == record.owner_id for record in signed)


class ProjectMachine(RuleBasedStateMachine):
    """One project per run, through random gate calls and board decisions."""

    org = None
    seen: set[str] = set()  # every stage the invariants were checked at, over all runs

    def __init__(self) -> None:
        super().__init__()
        self.council = self.org.a
        self.people = self.org.people_a
        self.refusals: list[str] = []
        self.clt = Board.objects.get(council=self.council, kind=Board.Kind.CLT_GOVERNANCE)
        self.elt, _ = Board.objects.get_or_create(
            council=self.council, name="ELT project board", kind=Board.Kind.ELT_PROJECT
        )
        self.project = portfolio.project_create(council=self.council, title="Leisure centre")

    def attempt(self, call, **kwargs) -> None:  # type: ignore[no-untyped-def]
        try:
            call(project=self.project, **kwargs)
        except portfolio.ProjectError as refusal:
            self.refusals.append(str(refusal))
        self.project.refresh_from_db()

    @rule()
    def classify(self) -> None:
        self.attempt(
            portfolio.project_classify,
            kind="project",
            rationale="One initiative",
            actor=self.people["pmo"],
        )

    @rule()
    def brief(self) -> None:
        fields = dict.fromkeys(("background", "objectives", "scope", "deliverables"), "Text")
        self.attempt(portfolio.brief_save, actor=self.people["project_manager"], **fields)
        self.attempt(portfolio.brief_submit, actor=self.people["project_manager"])

    @rule()
    def business_case(self) -> None:
        for code, _title, _hint in BusinessCase.SECTIONS:
            self.attempt(
                portfolio.business_case_save_section,
                section=code,
                text="Written",
                actor=self.people["project_manager"],
            )
        self.attempt(portfolio.business_case_submit, actor=self.people["project_manager"])

    @rule(all_met=st.booleans())
    def appraisal_and_threshold(self, all_met: bool) -> None:
        self.attempt(
            portfolio.appraisal_record,
            meeting_date=date(2026, 3, 1),
            invited_stakeholders="Leisure",
            challenges="Cost",
            pmo_recommendation="Proceed",
            actor=self.people["pmo"],
        )
        criteria = list(KeyCriterion.objects.for_council(self.council))
        self.attempt(
            portfolio.threshold_assess,
            met=criteria if all_met else criteria[:1],
            notes="" if all_met else "Below the threshold",
            actor=self.people["pmo"],
        )

    @rule()
    def prioritise(self) -> None:
        criteria = PriorityCriterion.objects.for_council(self.council)
        self.attempt(
            portfolio.project_prioritise,
            scores={c.pk: 3 for c in criteria},
            actor=self.people["pmo"],
        )

    @rule(
        decision=st.sampled_from(BOARD_DECISIONS),
        clt=st.booleans(),
        at_discretion=st.booleans(),
        notes=st.sampled_from(["", "Board's reasons"]),
    )
    def board(self, decision: str, clt: bool, at_discretion: bool, notes: str) -> None:
        self.attempt(
            portfolio.board_decide,
            decision=decision,
            board=self.clt if clt else self.elt,
            meeting_date=date(2026, 3, 10),
            notes=notes,
            at_discretion=at_discretion,
            actor=self.people["board_member"],
        )

    @rule(ticks=st.sets(st.sampled_from([code for code, _ in Closure.CHECKLIST])))
    def closure(self, ticks: set[str]) -> None:
        self.attempt(
            portfolio.closure_record,
            report="Done",
            lessons="Plan earlier",
            benefit="Lower bills",
            bau_owner="Leisure manager",
            review_date=date(2026, 9, 1),
            checklist=sorted(ticks),
            actor=self.people["project_manager"],
        )

    @invariant()
    def refusals_say_why(self) -> None:
        assert all(message.strip() for message in self.refusals)

    @invariant()
    def its_gates_hold(self) -> None:
        current = Project.objects.get(pk=self.project.pk)
        ProjectMachine.seen.add(current.stage)
        decisions = Decision.objects.filter(project=current)
        assert not decisions.exclude(board__kind=Board.Kind.CLT_GOVERNANCE).exists()
        if current.stage == Stage.WAITING_LIST:
            assert current.score is not None
        if current.stage in (Stage.ACTIVE, Stage.PAUSED, Stage.CLOSED) and current.score is None:
            assert decisions.filter(
                decision="start", notes__startswith="At the board's discretion"
            ).exists()
        if current.stage == Stage.CLOSED:
            closure = Closure.objects.get(project=current)
            assert all(ticked for _, ticked in closure.checklist())


def test_no_improvement_reaches_a_state_whose_gates_are_unmet(org):
    ImprovementMachine.org, ImprovementMachine.seen = org, set()
    run_state_machine_as_test(ImprovementMachine, settings=RUNS)  # the invariants assert
    assert len(ImprovementMachine.seen) > 1, "the random calls never moved a request"


def test_no_project_reaches_a_stage_whose_gates_are_unmet(org):
    ProjectMachine.org, ProjectMachine.seen = org, set()
    run_state_machine_as_test(ProjectMachine, settings=RUNS)  # the invariants assert
    assert len(ProjectMachine.seen) > 1, "the random calls never moved a project"


def test_the_machines_reach_the_late_states(org):
    """The random walk is not vacuous: a scripted walk by the same rules reaches live and
    closed, so the invariants above are checked on records that got there."""
    ImprovementMachine.org = org
    machine = ImprovementMachine()
    machine.pathway("QW", False, "improvement_team")
    machine.score("improvement_team")
    machine.move(Status.FEASIBILITY, "", "improvement_team")
    machine.feasibility(True, "feasible", "")
    machine.move(Status.IN_DELIVERY, "", "improvement_team")
    for _ in range(5):
        machine.phase_return("improvement_team")
    machine.ask_for_sign_off("sponsor")
    machine.confirm_sign_off("sponsor", True)
    machine.move(Status.LIVE, "", "improvement_team")
    machine.its_gates_hold()
    assert machine.improvement.status == Status.LIVE
    ProjectMachine.org = org
    projects = ProjectMachine()
    for step in (projects.classify, projects.brief, projects.business_case):
        step()
    projects.appraisal_and_threshold(True)
    projects.prioritise()
    projects.board("start", True, False, "")
    projects.closure({code for code, _ in Closure.CHECKLIST})
    projects.board("close", True, False, "")
    projects.its_gates_hold()
    assert projects.project.stage == Stage.CLOSED
