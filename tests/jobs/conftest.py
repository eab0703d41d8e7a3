"""Jobs run inside the request here (as with TASKS_IMMEDIATE=1), unless a test queues them."""

import pytest


@pytest.fixture(autouse=True)
def jobs_run_inline(immediate_tasks, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def plan_a(org):  # type: ignore[no-untyped-def]
    from civicp3.productivity.defaults import return_templates_create
    from civicp3.productivity.services import plan_create

    return plan_create(
        council=org.a, template=return_templates_create(org.a), title="Alpha Productivity Plan"
    )
