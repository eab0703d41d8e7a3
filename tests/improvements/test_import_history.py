"""A council's past work imported with its real dates and status, every bad cell named, lands
in the demand and delivery trends and in the measures."""

from datetime import timedelta

import pytest
from django.utils import timezone

from civicp3.improvements.models import ImprovementRequest
from civicp3.improvements.services import ImportRejected, improvements_import
from civicp3.improvements.worklist import HEADERS
from civicp3.performance import measures
from civicp3.performance.selectors import demand_trend
from tests import clock

pytestmark = pytest.mark.django_db

HEADER = [*HEADERS, "Raised on", "Went live on", "Status"]


def _row(process: str, raised: str, live: str = "", status: str = "") -> list[str]:
    return ["", process, "", "", f"{process} is slow", "", "", "", raised, live, status]


def test_past_work_lands_in_the_month_it_was_raised_and_went_live(org):
    today = clock.today()
    raised = (today.replace(day=1) - timedelta(days=80)).replace(day=3)
    live = (today.replace(day=1) - timedelta(days=20)).replace(day=5)
    improvements_import(
        council=org.a,
        rows_or_file=[
            HEADER,
            _row("Garden waste", raised.strftime("%d/%m/%Y"), live.isoformat()),
            _row("Licensing", raised.isoformat(), status="Submitted"),
        ],
        actor=None,
    )
    garden = ImprovementRequest.objects.get(council=org.a, process_impacted="Garden waste")
    assert timezone.localtime(garden.created).date() == raised
    assert timezone.localtime(garden.went_live_at).date() == live
    assert garden.status == "live"
    trend = {m.month: m for m in demand_trend(org.a, today)}
    assert trend[raised.replace(day=1)].improvements == 2
    assert trend[live.replace(day=1)].delivered == 1
    assert trend[today.replace(day=1)].improvements == 0  # not the month of the import
    assert measures.value_of(org.a, "improvements_delivered", today).shown == "1"
    page = org.client_for("pmo").get("/performance/reports/governance/").content.decode()
    assert "Improvements delivered" in page


def test_every_bad_history_cell_is_named_and_nothing_is_written(org):
    future = (clock.today() + timedelta(days=3)).isoformat()
    with pytest.raises(ImportRejected) as rejected:
        improvements_import(
            council=org.a,
            rows_or_file=[
                HEADER,
                _row("Garden waste", "31/02/2021"),
                _row("Licensing", future),
                _row("Parking", "2022-05-01", "2022-04-01"),
                _row("Planning", "2022-05-01", status="Closed"),
                _row("Cemeteries", "2022-05-01", status="Finished"),
            ],
            actor=None,
        )
    problems = [(e.row, e.column, e.reason) for e in rejected.value.errors]
    assert (
        2,
        "Raised on",
        '"31/02/2021" is not a date: write it like 2021-03-31 or 31/03/2021',
    ) in problems
    assert (3, "Raised on", "The date cannot be in the future") in problems
    assert (4, "Went live on", "It cannot go live before it was raised") in problems
    assert (
        5,
        "Went live on",
        "Enter the date it went live: the status says it is live",
    ) in problems
    assert any(row == 6 and column == "Status" for row, column, _ in problems)
    assert not ImprovementRequest.objects.filter(council=org.a).exists()
