from datetime import date
from decimal import Decimal

import pytest

from civicp3.toolkit import services
from civicp3.toolkit.models import BudgetKind, BudgetMonth
from civicp3.toolkit.selectors import monthly_actual_costs

pytestmark = pytest.mark.django_db


def _line(project, kind, name, approved="1000"):
    return services.budget_line_save(
        project=project,
        fields={"kind": kind, "name": name, "approved": Decimal(approved)},
        actor=None,
    )


def test_monthly_actual_costs_sums_capital_and_revenue_lines_per_month(project):
    capital = _line(project, BudgetKind.CAPITAL, "Vehicles")
    revenue = _line(project, BudgetKind.REVENUE, "Staff")
    services.budget_month_record(
        line=capital, month=date(2025, 4, 17), forecast=Decimal("500"),
        actual=Decimal("450.50"), actor=None,
    )  # fmt: skip
    services.budget_month_record(
        line=revenue, month=date(2025, 4, 1), forecast=Decimal("100"),
        actual=Decimal("120"), actor=None,
    )  # fmt: skip
    services.budget_month_record(
        line=revenue, month=date(2025, 5, 1), forecast=Decimal("100"), actual=None, actor=None
    )
    services.budget_month_record(
        line=revenue, month=date(2025, 6, 1), forecast=Decimal("0"),
        actual=Decimal("0"), actor=None,
    )  # fmt: skip

    assert monthly_actual_costs(project) == {
        date(2025, 4, 1): Decimal("570.50"),
        date(2025, 6, 1): Decimal("0"),
    }


def test_monthly_actual_costs_ignores_other_projects(project, org):
    from civicp3.portfolio.services import project_create

    other = project_create(council=org.a, title="Other")
    line = _line(other, BudgetKind.REVENUE, "Staff")
    services.budget_month_record(
        line=line, month=date(2025, 4, 1), forecast=Decimal("1"), actual=Decimal("9"), actor=None
    )
    assert monthly_actual_costs(project) == {}


def test_recording_a_month_again_changes_it_and_keeps_history(project, org):
    line = _line(project, BudgetKind.REVENUE, "Staff")
    pmo = org.people_a["pmo"]
    services.budget_month_record(
        line=line, month=date(2025, 4, 1), forecast=Decimal("10"), actual=None, actor=pmo
    )
    month = services.budget_month_record(
        line=line, month=date(2025, 4, 30), forecast=Decimal("10"), actual=Decimal("12"),
        actor=pmo,
    )  # fmt: skip
    assert BudgetMonth.objects.count() == 1
    assert month.variance == Decimal("-2")
    assert month.history.count() == 2
    assert month.history.first().history_user == pmo


def test_a_negative_amount_or_duplicate_line_is_refused(project):
    with pytest.raises(services.ToolkitError) as error:
        _line(project, BudgetKind.CAPITAL, "Vehicles", approved="-1")
    assert error.value.field == "approved"
    _line(project, BudgetKind.CAPITAL, "Vehicles")
    with pytest.raises(services.ToolkitError):
        _line(project, BudgetKind.CAPITAL, "Vehicles")


def test_a_decision_cannot_link_another_councils_risk(project, project_b, org):
    from civicp3.toolkit.models import RiskLevel

    other = services.risk_save(
        council=org.b,
        project=project_b,
        register=RiskLevel.PROJECT,
        fields={"title": "B's risk", "likelihood": 1, "impact": 1, "target_likelihood": 1,
                "target_impact": 1, "review_date": date(2030, 1, 1)},
        actor=None,
    )  # fmt: skip
    with pytest.raises(services.ToolkitError, match="another council"):
        services.decision_record(
            council=org.a,
            project=project,
            fields={"decision": "x", "made_by": "y", "decided_on": date(2026, 1, 1)},
            risks=[other],
            actor=None,
        )
