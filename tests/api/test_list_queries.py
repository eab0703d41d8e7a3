"""Every list this API adds costs the same number of queries for a few items as for many."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civicp3.performance.services import kpi_actual_record, kpi_save
from civicp3.portfolio.lifecycle import Stage
from civicp3.portfolio.models import HighlightReport, Project
from civicp3.toolkit.models import RiskLevel
from civicp3.toolkit.services import risk_save

pytestmark = pytest.mark.django_db

RAG = dict.fromkeys(("overall", "schedule", "cost", "scope", "risk"), "green")


def add_items(org, project, start: int, count: int) -> None:
    for n in range(start, start + count):
        fields = {
            "title": f"Risk {n}", "likelihood": 3, "impact": 3, "target_likelihood": 1,
            "target_impact": 1, "review_date": date(2026, 6, 30),
        }  # fmt: skip
        risk_save(council=org.a, fields=fields, actor=org.people_a["pmo"],
                  register=RiskLevel.PROJECT, project=project)  # fmt: skip
        HighlightReport.objects.create(
            council=org.a, project=project, period=date(2000 + n, 1, 1), progress="On track",
            next_steps="More", submitted_by=org.people_a["pmo"], **RAG,
        )  # fmt: skip
        kpi = kpi_save(
            council=org.a, name=f"KPI {n}", perspective="internal", owner="PMO",
            target=Decimal(95), tolerance=Decimal(5), polarity="higher", frequency="monthly",
        )  # fmt: skip
        kpi_actual_record(kpi=kpi, period=date(2026, 5, 1), value=Decimal(96))


def queries(api, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert api.get(path).status_code == 200
    return len(context)


def test_lists_do_not_grow_queries_with_their_items(org, project_for, api_for):
    project = project_for()
    Project.objects.filter(pk=project.pk).update(stage=Stage.ACTIVE)
    api = api_for("pmo", scope="read")
    paths = ["/api/risks/", f"/api/projects/{project.number}/highlights", "/api/kpis/"]
    add_items(org, project, 0, 2)
    api.get("/api/me")  # the token's last use is written once a minute, not in the count
    few = [queries(api, path) for path in paths]
    add_items(org, project, 2, 20)
    assert [queries(api, path) for path in paths] == few
