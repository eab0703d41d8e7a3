"""Schemathesis drives every API operation from its OpenAPI schema against a loopback server.

It sends generated valid and invalid requests with a read and write token and fails on any 5xx
and on any response that breaks the schema (status codes, content types and bodies).
"""

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

pytestmark = pytest.mark.django_db(transaction=True)


def test_no_operation_fails_or_breaks_its_schema(live_server, org):
    for n in range(3):
        improvement_raise(council=org.a, process_impacted=f"Process {n}", problem_statement="Why")
    # The improvement team may read and move requests; its token may also raise them.
    _token, raw = token_issue(
        council=org.a, user=org.people_a["improvement_team"], name="fuzz", scope="write"
    )
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 7

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
        def fuzz(case):
            case.call_and_validate(
                headers={"Authorization": f"Bearer {raw}"},
                checks=[
                    not_a_server_error,
                    status_code_conformance,
                    content_type_conformance,
                    response_schema_conformance,
                ],
            )

        fuzz()
