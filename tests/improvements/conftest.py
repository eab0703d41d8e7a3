"""Improvement fixtures: council A given the seed's AD areas and service areas, and requests."""

import csv
from decimal import Decimal

import pytest

from civicp3.improvements.lifecycle import Status
from civicp3.improvements.models import ImprovementRequest
from civicp3.improvements.services import improvement_raise, improvements_import
from civicp3.organisation.management.commands.load_demo import WORKLIST
from civicp3.organisation.models import Council, Directorate, ServiceArea

SEED_ROWS = list(csv.DictReader(WORKLIST.open(newline="", encoding="utf-8")))


@pytest.fixture(autouse=True)
def imports_run_inline(immediate_tasks) -> None:  # type: ignore[no-untyped-def]
    """The browser import runs as a background job; here inside the request that confirms it."""


def give_seed_structure(council: Council) -> None:
    """The AD areas and service areas the seed's work list names, as load_demo makes them."""
    for row in SEED_ROWS:
        directorate, _ = Directorate.objects.get_or_create(council=council, name=row["AD area"])
        ServiceArea.objects.get_or_create(
            council=council, name=row["Service Area"], defaults={"directorate": directorate}
        )


@pytest.fixture
def seeded(org):
    """Council A with the seed's structure and its 26 requests imported."""
    give_seed_structure(org.a)
    improvements_import(council=org.a, rows_or_file=WORKLIST, actor=None)
    return org


def make_request(council: Council, status: str = Status.SUBMITTED, **fields) -> ImprovementRequest:
    """A request raised through the service, then put straight into `status` for a test
    (a second history record, as if it had got there step by step)."""
    improvement = improvement_raise(
        council=council,
        process_impacted=fields.pop("process_impacted", "Garden waste renewals"),
        problem_statement=fields.pop("problem_statement", "Renewals are keyed in by hand"),
        what_we_require=fields.pop("what_we_require", "An online renewal form"),
    )
    fields.setdefault("status", status)
    for name, value in fields.items():
        setattr(improvement, name, value)
    improvement.save()
    return improvement


SCORE = Decimal("50")


def record_feasible(improvement: ImprovementRequest, actor=None) -> None:  # type: ignore[no-untyped-def]
    """Record a feasibility analysis answered Yes throughout, through the service."""
    from civicp3.improvements.models import FeasibilityQuestion
    from civicp3.improvements.services import (
        improvement_assess_feasibility,
    )

    questions = FeasibilityQuestion.objects.filter(council=improvement.council)
    improvement_assess_feasibility(
        improvement=improvement,
        answers={question.pk: (True, "") for question in questions},
        outcome="feasible",
        actor=actor,
    )


def file_all_returns(improvement: ImprovementRequest, actor=None) -> None:  # type: ignore[no-untyped-def]
    """File a phase-completion return for every phase of the request's pathway."""
    from civicp3.improvements.services import phase_completion_file

    improvement.refresh_from_db()
    while improvement.phase != "done":
        phase_completion_file(
            improvement=improvement,
            templates_used="Project brief",
            documentation_complete=True,
            actor=actor,
        )


def api_transition(org, number: int, to: str, reason: str = ""):  # type: ignore[no-untyped-def]
    """POST a move to the API as the improvement team of council A, with a token."""
    from django.test import Client

    from civicp3.api.services import token_issue

    _token, raw = token_issue(
        council=org.a, user=org.people_a["improvement_team"], name="Test", scope="write"
    )
    return Client().post(
        f"/api/improvements/{number}/transition",
        {"to": to, "reason": reason},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
