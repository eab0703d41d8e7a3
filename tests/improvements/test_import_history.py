"""A council's past work imported with its real dates, status and savings, every bad cell
named, lands in the demand and delivery trends, on its page and in the measures."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from civicp3.improvements.models import Benefits, ImprovementRequest
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


FULL = [
    *HEADERS,
    "Raised on",
    "Decided on",
    "Went live on",
    "Closed on",
    "Status",
    "Hours saved a year",
    "£ saved a year",
]


def _past(process: str, *history: str) -> list[str]:
    """A row of FULL: the seed's columns, then the history cells in FULL's order."""
    return ["", process, "", "", f"{process} is slow", "", "", "", *history]


def test_closed_past_work_lands_with_its_decision_closure_and_savings(org):
    today = clock.today()
    raised, decided, live, closed = (today - timedelta(days=days) for days in (400, 300, 200, 100))
    improvements_import(
        council=org.a,
        rows_or_file=[
            FULL,
            _past(
                "Garden waste",
                raised.isoformat(),
                decided.strftime("%d/%m/%Y"),
                live.isoformat(),
                closed.isoformat(),
                "",
                "120.5",
                "£1,500.25",
            ),
            _past("Licensing", raised.isoformat(), decided.isoformat()),
        ],
        actor=None,
    )
    garden = ImprovementRequest.objects.get(council=org.a, process_impacted="Garden waste")
    assert garden.status == "closed"  # a closed date makes it closed
    assert timezone.localtime(garden.decided_at).date() == decided
    assert timezone.localtime(garden.went_live_at).date() == live
    assert timezone.localtime(garden.closed_at).date() == closed
    assert garden.benefits.hours_saved_per_year == Decimal("120.5")
    assert garden.benefits.cashable_savings == Decimal("1500.25")
    licensing = ImprovementRequest.objects.get(council=org.a, process_impacted="Licensing")
    assert timezone.localtime(licensing.decided_at).date() == decided
    assert licensing.closed_at is None
    assert not Benefits.objects.filter(improvement=licensing).exists()
    assert measures.value_of(org.a, "officer_hours_saved", today).exact == Decimal("120.5")
    assert measures.value_of(org.a, "cashable_savings_a_year", today).exact == Decimal("1500.25")

    page = org.client_for("improvement_team").get(garden.get_absolute_url()).content.decode()
    for label, day in (("Decided", decided), ("Went live", live), ("Closed", closed)):
        assert f'{label}</dt><dd class="govuk-summary-list__value">{day:%-d %B %Y}' in page
    assert "120.50" in page
    assert "£1,500.25" in page
    assert "Not valued: no wage rate was recorded" in page


def test_every_bad_decision_closure_and_savings_cell_is_named_and_nothing_is_written(org):
    future = (clock.today() + timedelta(days=3)).isoformat()
    rows = [
        FULL,
        _past("Good", "2022-01-01", "2022-02-01", "2022-03-01", "2022-04-01", "", "10", "5"),
        _past("Parking", "2022-05-01", "2022-04-01"),
        _past("Planning", "2022-01-01", "2022-05-01", "2022-04-01"),
        _past("Cemeteries", "2022-01-01", "", "2022-05-01", "2022-04-01"),
        _past("Libraries", "2022-01-01", "", "2022-03-01", future),
        _past("Markets", "2022-01-01", "1st May", "2022-03-01", "2022-04-01", "Live"),
        _past("Allotments", "2022-01-01", "", "2022-03-01", "2022-04-01", "", "lots", "-5"),
        _past("Museums", "2022-01-01", "", "2022-03-01", "2022-04-01", "", "1.234", "£"),
        _past("Parks", "2022-01-01", "", "2022-03-01", "", "Live", "10"),
    ]
    with pytest.raises(ImportRejected) as rejected:
        improvements_import(council=org.a, rows_or_file=rows, actor=None)
    problems = [(e.row, e.column, e.reason) for e in rejected.value.errors]
    date_words = "write it like 2021-03-31 or 31/03/2021"
    for expected in (
        (3, "Decided on", "It cannot be decided before it was raised"),
        (4, "Went live on", "It cannot go live before it was decided"),
        (5, "Closed on", "It cannot be closed before it went live"),
        (6, "Closed on", "The date cannot be in the future"),
        (7, "Decided on", f'"1st May" is not a date: {date_words}'),
        (7, "Status", "A request with a closed date is Closed"),
        (
            8,
            "Hours saved a year",
            '"lots" is not a number: enter the hours saved a year, like 120',
        ),
        (8, "£ saved a year", "Enter a number from 0 to 9,999,999,999.99"),
        (9, "Hours saved a year", "Enter a number with no more than 2 decimal places"),
        (9, "£ saved a year", '"£" is not a number: enter the pounds saved a year, like 120'),
        (
            10,
            "Hours saved a year",
            "Savings are recorded when the work is closed: the status must be Closed",
        ),
    ):
        assert expected in problems
    assert not any(row == 2 for row, _, _ in problems)
    assert not ImprovementRequest.objects.filter(council=org.a).exists()
    assert not Benefits.objects.filter(council=org.a).exists()
