"""Onboarding imports run as background jobs; here they run inside the request (as with
TASKS_IMMEDIATE=1), so a test sees the import's result straight away."""

import pytest

from tests.jobs.conftest import IMMEDIATE


@pytest.fixture(autouse=True)
def immediate_tasks(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = IMMEDIATE
