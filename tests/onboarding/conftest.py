"""Onboarding imports run as background jobs; here they run inside the request (as with
TASKS_IMMEDIATE=1), so a test sees the import's result straight away."""

import pytest


@pytest.fixture(autouse=True)
def imports_run_inline(immediate_tasks) -> None:  # type: ignore[no-untyped-def]
    pass
