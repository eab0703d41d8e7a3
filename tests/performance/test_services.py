"""Benefits valued in pounds, hours and channel shift; KPI actuals with their RAG status."""

from datetime import date
from decimal import Decimal as D

import pytest

from civicp3.organisation.models import WageRate
from civicp3.performance import selectors, services
from civicp3.performance.models import Valuation
from civicp3.portfolio.services import project_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(org):
    return project_create(council=org.a, title="Online garden waste", actor=None)


def _benefit(org, project, **fields):
    base = {
        "title": "Fewer calls",
        "measure": "Calls",
        "baseline": "400",
        "target": "100",
        "owner": "Waste manager",
        "project": project,
    }
    return services.benefit_create(council=org.a, **{**base, **fields})


def test_hours_are_valued_at_the_wage_rate_plus_on_cost(org, project):
    rate = WageRate.objects.create(council=org.a, grade="Scale 5", hourly_cost=D("20.00"))
    benefit = _benefit(org, project, valuation=Valuation.HOURS, wage_rate=rate)
    services.benefit_period_record(
        benefit=benefit, period=date(2026, 4, 9), planned=D("10"), realised=D("8")
    )
    [row] = selectors.benefit_rows(org.a, selectors.benefits_for(org.a))
    # Council A's on-cost is the default 30%: £20 an hour costs £26.
    assert row.planned_value == D("260.00")
    assert row.realised_value == D("208.00")


def test_channel_shift_is_valued_at_the_benchmark_difference(org, project):
    benefit = _benefit(
        org,
        project,
        valuation=Valuation.CHANNEL_SHIFT,
        from_channel="telephone",
        to_channel="online",
    )
    services.benefit_period_record(
        benefit=benefit, period=date(2026, 4, 1), planned=D("100"), realised=None
    )
    [row] = selectors.benefit_rows(org.a, selectors.benefits_for(org.a))
    assert row.unit_value == D("2.68")  # telephone £2.83 less online £0.15 (Socitm)
    assert row.planned_value == D("268.00")
    assert row.realised_value == D("0.00")


def test_changed_channel_costs_change_the_value(org, project):
    benefit = _benefit(
        org,
        project,
        valuation=Valuation.CHANNEL_SHIFT,
        from_channel="face_to_face",
        to_channel="online",
    )
    services.channel_costs_update(
        council=org.a,
        costs={"face_to_face": D("10.00"), "telephone": D("3.00"), "online": D("0.50")},
        source="Our own time-and-motion study 2025",
    )
    [row] = selectors.benefit_rows(org.a, selectors.benefits_for(org.a).filter(pk=benefit.pk))
    assert row.unit_value == D("9.50")


def test_a_benefit_belongs_to_a_project_or_an_improvement_not_neither(org):
    with pytest.raises(services.PerformanceError, match="either a project or an improvement"):
        _benefit(org, None)


def test_hours_need_a_wage_grade(org, project):
    with pytest.raises(services.PerformanceError, match="wage grade"):
        _benefit(org, project, valuation=Valuation.HOURS)


def test_channel_shift_needs_two_different_channels(org, project):
    with pytest.raises(services.PerformanceError, match="different channel"):
        _benefit(
            org,
            project,
            valuation=Valuation.CHANNEL_SHIFT,
            from_channel="online",
            to_channel="online",
        )


def test_benefits_are_numbered_per_council(org, project):
    other = project_create(council=org.b, title="Parking permits", actor=None)
    assert _benefit(org, project).reference == "BEN-0001"
    assert _benefit(org, project).reference == "BEN-0002"
    assert (
        services.benefit_create(
            council=org.b,
            title="x",
            measure="x",
            baseline="x",
            target="x",
            owner="x",
            project=other,
        ).reference
        == "BEN-0001"
    )


def test_a_project_of_another_council_is_refused(org):
    other = project_create(council=org.b, title="Parking permits", actor=None)
    with pytest.raises(services.PerformanceError, match="another council"):
        _benefit(org, other)


@pytest.fixture
def kpi(org):
    return services.kpi_save(
        council=org.a,
        name="Highlight reports on time",
        perspective="internal",
        owner="PMO",
        unit="%",
        target=D("95"),
        tolerance=D("5"),
        polarity="higher",
        frequency="monthly",
    )


def test_an_actual_gets_its_rag_status(org, kpi):
    actual = services.kpi_actual_record(kpi=kpi, period=date(2026, 5, 17), value=D("96"))
    assert (actual.status, actual.period) == ("green", date(2026, 5, 1))


def test_a_red_or_amber_actual_needs_the_owners_commentary(org, kpi):
    with pytest.raises(services.PerformanceError, match="Highlight reports on time is amber"):
        services.kpi_actual_record(kpi=kpi, period=date(2026, 5, 1), value=D("91"))
    actual = services.kpi_actual_record(
        kpi=kpi, period=date(2026, 5, 1), value=D("89"), commentary="Two projects late"
    )
    assert actual.status == "red"


def test_changing_the_target_restatuses_the_actuals(org, kpi):
    actual = services.kpi_actual_record(
        kpi=kpi, period=date(2026, 5, 1), value=D("89"), commentary="Two projects late"
    )
    services.kpi_save(council=org.a, kpi=kpi, target=D("85"), tolerance=D("2"))
    actual.refresh_from_db()
    assert actual.status == "green"


def test_a_duplicate_kpi_name_is_refused(org, kpi):
    with pytest.raises(services.PerformanceError, match="already has a KPI"):
        services.kpi_save(
            council=org.a,
            name=kpi.name,
            perspective="customer",
            owner="x",
            target=D("1"),
            tolerance=D("0"),
            polarity="higher",
            frequency="monthly",
        )
