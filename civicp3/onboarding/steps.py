"""The onboarding task list: its steps, in order, and how far the council has got with each."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import User

from civicp3.improvements.models import ImprovementRequest, ScoringQuestion
from civicp3.organisation.models import Board, CorporatePriority, Council, ServiceArea
from civicp3.portfolio.models import PriorityCriterion

NOT_STARTED, IN_PROGRESS, COMPLETED = "Not yet started", "In progress", "Completed"


def _count(model: type) -> Callable[[Council], int]:
    return lambda council: model.objects.for_council(council).count()  # type: ignore[attr-defined,no-any-return]


def _plans(council: Council) -> int:
    from civicp3.delivery.models import Plan

    return Plan.objects.for_council(council).filter(tasks__isnull=False).distinct().count()


def _people(council: Council) -> int:
    return User.objects.filter(memberships__council=council).distinct().count() - 1


def _scoring(council: Council) -> int:
    return (
        ScoringQuestion.objects.for_council(council).count()
        + PriorityCriterion.objects.for_council(council).count()
    )


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    hint: str
    count: Callable[[Council], int]


STEPS: tuple[Step, ...] = (
    Step(
        "council",
        "Council details and working-day settings",
        "Your council's name, the hours in a working day and the on-cost percentage.",
        lambda council: 0,
    ),
    Step(
        "service-areas",
        "Directorates, AD areas and service areas",
        "Each service area, its AD area and the hours a month it can give to projects and "
        "improvements.",
        _count(ServiceArea),
    ),
    Step(
        "priorities",
        "Corporate priorities",
        "The priorities in your corporate plan: projects are scored against them.",
        _count(CorporatePriority),
    ),
    Step(
        "boards",
        "Boards",
        "The CLT governance board, the ELT project board and any others that decide on work.",
        _count(Board),
    ),
    Step(
        "people",
        "People and roles",
        "Who uses Civic P3 and what each may do. Each person gets an invitation email.",
        _people,
    ),
    Step(
        "scoring",
        "Scoring matrix and prioritisation criteria",
        "How the improvement team scores requests and PMO ranks projects.",
        _scoring,
    ),
    Step(
        "work-list",
        "Import the improvement work list",
        "The improvement requests you already keep in a spreadsheet.",
        _count(ImprovementRequest),
    ),
    Step(
        "plans",
        "Import MS Project plans",
        "Project plans saved from Microsoft Project as XML.",
        _plans,
    ),
)
BY_SLUG = {step.slug: step for step in STEPS}
