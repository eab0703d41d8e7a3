"""One measure, one number: every document and page that shows a measure shows its one value,
on the demo and on a fresh council; opening balances; rounding once; computed KPIs."""

import html
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from civicp3.improvements.models import Rating
from civicp3.improvements.services import improvement_close_with_benefits
from civicp3.organisation.models import Council, WageRate
from civicp3.performance import measures
from civicp3.performance.documents import REPORTS
from civicp3.performance.models import Kpi
from civicp3.performance.services import (
    PerformanceError,
    kpi_actual_record,
    kpi_save,
    opening_balance_save,
)
from civicp3.productivity.evidence import EVIDENCE
from civicp3.reports.document import Figures, Table
from tests import clock
from tests.improvements.conftest import make_request

pytestmark = pytest.mark.django_db

LABELS = {m.label: key for key, m in measures.MEASURES.items()}


def _shown(council: Council) -> dict[str, str]:
    today = clock.today()
    return {v.label: v.shown for v in measures.values_of(council, measures.MEASURES, today)}


def _figures_in(blocks) -> list[tuple[str, str]]:
    return [item for block in blocks if isinstance(block, Figures) for item in block.items]


def _page_text(response) -> str:
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(text).split())


def assert_one_value_everywhere(council: Council, client) -> int:
    """Every measure figure in every report, in the Productivity Plan evidence and on the
    pages that show measures has the measure's value. Returns how many figures were checked."""
    shown, checked = _shown(council), 0
    today = clock.today()
    sources = {slug: report.build(council, today).blocks for slug, report in REPORTS.items()}
    sources |= {key: item.build(council) for key, item in EVIDENCE.items()}
    for source, blocks in sources.items():
        for label, value in _figures_in(blocks):
            if label in shown:
                assert value == shown[label], f"{label} in {source}: {value} != {shown[label]}"
                checked += 1
    exceptions = REPORTS["exceptions"].build(council, today).blocks
    for kpi in Kpi.objects.for_council(council).exclude(measure=""):
        expected = measures.value_of(council, kpi.measure, today).shown
        tables = [b for b in exceptions if isinstance(b, Table) and b.caption.startswith(kpi.name)]
        for table in tables:
            assert ("Actual", expected) in [tuple(row) for row in table.rows], kpi.name
            checked += 1
        rows = client.get("/performance/scorecard/").content.decode().split("</tr>")
        row = next(r for r in rows if html.escape(kpi.name) in r)
        assert f">{expected}<" in row, kpi.name
        checked += 1
    dashboard = _page_text(client.get("/improvements/dashboard/"))
    listing = _page_text(client.get("/performance/measures/"))
    for value in measures.values_of(council, measures.MEASURES, today):
        label = value.label[0].upper() + value.label[1:]
        assert f"{label} {value.measure.period} {value.shown}" in listing, label
        checked += 1
        if value.key in measures.HEADLINES:
            assert f"{label} {value.shown} (" in dashboard, label
            checked += 1
    return checked


def test_a_fresh_council_shows_one_value_for_each_measure(org):
    assert assert_one_value_everywhere(org.a, org.client_for("pmo")) >= 20
    assert _shown(org.a)["improvements delivered"] == "0"


@pytest.fixture
def maldon(monkeypatch, client):
    from django.contrib.auth.models import User

    monkeypatch.setenv("DEMO_PASSWORD", "demo-secret-1")
    call_command("load_demo", stdout=io.StringIO())
    client.force_login(User.objects.get(username="pmo"))
    return Council.objects.get(slug="maldon")


def test_the_demo_reproduces_seed_001s_headlines_with_one_value_everywhere(maldon, client):
    shown = _shown(maldon)
    assert shown["improvements delivered"] == "102"
    assert shown["online forms (accessible 24/7)"] == "68"
    assert shown["officer hours saved"] == "7,040"
    assert shown["working days saved"] == "938"
    assert shown["saved in officer time"] == "£258,152"
    hours = measures.value_of(maldon, "officer_hours_saved", clock.today())
    assert hours.in_app
    assert hours.in_app > 0
    assert "before the app" in hours.parts
    assert "recorded in the app" in hours.parts
    assert assert_one_value_everywhere(maldon, client) >= 30
    page = _page_text(client.get("/performance/reports/success/"))
    assert "which is 938 working days" in page


def test_working_days_follow_the_councils_rounding_rule(org):
    today = clock.today()
    opening_balance_save(
        council=org.a,
        measure="officer_hours_saved",
        value=Decimal("7040"),
        period="2021 to 2024",
        source="Framework, committee 18 November 2021",
    )
    assert measures.value_of(org.a, "working_days_saved", today).shown == "938"
    org.a.working_day_rounding = "nearest"
    org.a.save()
    assert measures.value_of(org.a, "working_days_saved", today).shown == "939"


def test_an_opening_balance_needs_a_total_to_date_a_period_and_a_source(org):
    fields = {"council": org.a, "value": Decimal("5"), "period": "2021", "source": "Committee"}
    with pytest.raises(PerformanceError, match="counts totals to date"):
        opening_balance_save(measure="working_days_saved", **fields)
    with pytest.raises(PerformanceError, match="source"):
        opening_balance_save(measure="improvements_delivered", **{**fields, "source": " "})
    response = org.client_for("pmo").post(
        "/performance/measures/",
        {"measure": "improvements_delivered", "value": "80", "period": "", "source": "x"},
    )
    assert "govuk-error-summary" in response.content.decode()
    assert _shown(org.a)["improvements delivered"] == "0"
    refused = org.client_for("project_manager").post(
        "/performance/measures/",
        {"measure": "improvements_delivered", "value": "80", "period": "2021", "source": "x"},
    )
    assert refused.status_code == 403
    saved = org.client_for("pmo").post(
        "/performance/measures/",
        {"measure": "improvements_delivered", "value": "80", "period": "2021", "source": "x"},
    )
    assert saved.status_code == 302
    assert _shown(org.a)["improvements delivered"] == "80"
    assert _shown(org.b)["improvements delivered"] == "0"


def test_a_measure_shows_its_formula_and_the_records_behind_it(org):
    rate = WageRate.objects.create(council=org.a, grade="Scale 5", hourly_cost=Decimal("20"))
    improvement = make_request(org.a, "live", went_live_at=clock.now())
    improvement_close_with_benefits(
        improvement=improvement,
        hours_saved_per_year=Decimal("100"),
        wage_rate=rate,
        one_off_costs=Decimal("0"),
        cashable_savings=Decimal("0"),
        online_form_delivered=True,
        actor=None,
    )
    page = _page_text(org.client_for("pmo").get("/performance/measures/officer_hours_saved/"))
    assert "plus the opening balance" in page
    assert f"{improvement.reference}: {improvement.process_impacted}" in page
    assert org.client_for("pmo").get("/performance/measures/no-such/").status_code == 404
    theirs = _page_text(
        org.client_for("pmo", "b").get("/performance/measures/officer_hours_saved/")
    )
    assert improvement.reference not in theirs


def test_a_computed_kpi_reads_its_measure_and_refuses_a_typed_actual(org):
    kpi = kpi_save(
        council=org.a,
        name="Online forms",
        perspective="customer",
        owner="Improvements lead",
        unit="",
        target=Decimal("70"),
        tolerance=Decimal("4"),
        polarity="higher",
        frequency="monthly",
        measure="online_forms_delivered",
    )
    with pytest.raises(PerformanceError, match="computed from the app's records"):
        kpi_actual_record(kpi=kpi, period=clock.today(), value=Decimal("68"))
    line = next(line for block in measures.scorecard(org.a, clock.today()) for line in block.lines)
    assert line.shown == "0"
    assert line.status == "red"
    with pytest.raises(PerformanceError, match="Choose a measure"):
        kpi_save(council=org.a, kpi=kpi, measure="made_up")


def test_the_success_report_quotes_only_positive_feedback(org):
    improvement = make_request(org.a, "live", went_live_at=clock.now())
    Rating.objects.create(council=org.a, improvement=improvement, stars=5, comment="So quick now")
    Rating.objects.create(council=org.a, improvement=improvement, stars=2, comment="Had to phone")
    text = _page_text(org.client_for("pmo").get("/performance/reports/success/"))
    assert "So quick now" in text
    assert "Had to phone" not in text
