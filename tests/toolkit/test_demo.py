import pytest

from civicp3.toolkit.demo import load_demo
from civicp3.toolkit.models import Risk, RiskLevel
from civicp3.toolkit.selectors import heat_map_for, risk_rows, risks_for

pytestmark = pytest.mark.django_db


def test_the_eight_service_risks_load_with_the_seed_scores_and_levels(org):
    load_demo(org.a)
    load_demo(org.a)  # idempotent

    risks = Risk.objects.filter(council=org.a, register=RiskLevel.SERVICE).order_by("number")
    assert [r.score for r in risks] == [12, 8, 12, 6, 10, 12, 12, 8]
    rows = risk_rows(org.a, risks)
    assert [row.current.level for row in rows] == [
        "High", "Medium", "High", "Medium", "High", "High", "High", "Medium",
    ]  # fmt: skip
    assert rows[0].current.likelihood_label == "Likely"
    assert rows[0].current.impact_label == "Significant"
    assert all(risk.actions.count() == 1 for risk in risks)
    assert not Risk.objects.filter(council=org.b).exists()


def test_the_heat_map_counts_the_service_risks(org):
    load_demo(org.a)
    cells = {
        (cell.likelihood, cell.impact): cell.count
        for row in heat_map_for(org.a, risks_for(org.a, register=RiskLevel.SERVICE))
        for cell in row
    }
    assert cells[(3, 4)] == 4  # four risks scored L3 x I4 = 12
    assert cells[(2, 4)] == 1
    assert cells[(3, 2)] == 1
    assert cells[(2, 5)] == 1
    assert cells[(4, 2)] == 1
    assert sum(cells.values()) == 8


def test_the_service_risks_go_to_the_pmo_service_area_where_the_council_has_one(org):
    from civicp3.organisation.models import Directorate, ServiceArea

    directorate = Directorate.objects.get(council=org.a)
    area = ServiceArea.objects.create(
        council=org.a, directorate=directorate, name="PMO and Improvements"
    )
    load_demo(org.a)
    assert set(Risk.objects.filter(council=org.a).values_list("service_area", flat=True)) == {
        area.pk
    }
