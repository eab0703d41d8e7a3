"""Schemathesis drives every API operation from its OpenAPI schema against a loopback server.

It sends generated valid and invalid requests with a read and write token and fails on any 5xx
and on any response that breaks the schema (status codes, content types and bodies).
"""

import itertools

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from civicp3.api.services import token_issue
from civicp3.improvements.services import improvement_raise
from civicp3.performance.services import kpi_save
from civicp3.portfolio.lifecycle import Stage
from civicp3.portfolio.models import Project

from .conftest import PLAN

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.usefixtures("queued_tasks")
def test_no_operation_fails_or_breaks_its_schema(live_server, org, project_for):
    for n in range(3):
        improvement_raise(council=org.a, process_impacted=f"Process {n}", problem_statement="Why")
    # A project with a plan, active so it takes highlight reports, for the project operations.
    project = project_for(plan=PLAN)
    Project.objects.filter(pk=project.pk).update(stage=Stage.ACTIVE)
    kpi_save(
        council=org.a, name="Highlight reports on time", perspective="internal", owner="PMO",
        target=95, tolerance=5, polarity="higher", frequency="monthly",
    )  # fmt: skip
    # The improvement team may read and move requests; PMO may change projects, plans and
    # risks and start forecasts. Both tokens may write.
    tokens = [
        token_issue(council=org.a, user=org.people_a[role], name="fuzz", scope="write")[1]
        for role in ("improvement_team", "pmo")
    ]
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 21

    for raw, operation in itertools.product(tokens, operations):
        fuzz(operation, raw)


def fuzz(operation, raw: str) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    def check(case):
        case.call_and_validate(
            headers={"Authorization": f"Bearer {raw}"},
            checks=[
                not_a_server_error,
                status_code_conformance,
                content_type_conformance,
                response_schema_conformance,
            ],
        )

    check()
