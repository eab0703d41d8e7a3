import pytest

from civicp3.portfolio.models import Project
from civicp3.portfolio.services import project_create


@pytest.fixture
def project(org) -> Project:  # type: ignore[no-untyped-def]
    return project_create(council=org.a, title="New waste round")


@pytest.fixture
def project_b(org) -> Project:  # type: ignore[no-untyped-def]
    return project_create(council=org.b, title="Beta's project")
