"""Walk a project through the gates by the services, for tests that need one at a stage."""

from datetime import date

from civicp3.organisation.models import Board
from civicp3.portfolio import services
from civicp3.portfolio.models import BusinessCase, KeyCriterion, PriorityCriterion, Project

MEETING = date(2026, 3, 10)


def to_board(council, user, title="Digital parking permits", all_criteria=True) -> Project:  # type: ignore[no-untyped-def]
    project = services.project_create(council=council, title=title, actor=user)
    services.project_classify(
        project=project, kind="project", rationale="A single initiative", actor=user
    )
    services.brief_save(
        project=project,
        actor=user,
        background="Paper permits",
        objectives="Online permits",
        scope="Residents' permits",
        deliverables="An online form",
    )
    services.brief_submit(project=project, actor=user)
    for code, _title, _hint in BusinessCase.SECTIONS:
        services.business_case_save_section(
            project=project, section=code, text=f"The {code} case", actor=user
        )
    services.business_case_submit(project=project, actor=user)
    services.appraisal_record(
        project=project,
        meeting_date=MEETING,
        invited_stakeholders="Parking team",
        challenges="Cost? Within budget.",
        pmo_recommendation="Proceed",
        actor=user,
    )
    criteria = list(KeyCriterion.objects.for_council(council))
    services.threshold_assess(
        project=project,
        met=criteria if all_criteria else criteria[:3],
        notes="" if all_criteria else "Name a sponsor",
        actor=user,
    )
    return project


def score(project: Project, user, value: int) -> None:  # type: ignore[no-untyped-def]
    criteria = PriorityCriterion.objects.for_council(project.council)
    services.project_prioritise(project=project, scores={c.pk: value for c in criteria}, actor=user)


def decide(project: Project, user, code: str, notes: str = "", **extra) -> None:  # type: ignore[no-untyped-def]
    board = Board.objects.for_council(project.council).get(kind=Board.Kind.CLT_GOVERNANCE)
    services.board_decide(
        project=project,
        decision=code,
        board=board,
        meeting_date=MEETING,
        notes=notes,
        actor=user,
        **extra,
    )
