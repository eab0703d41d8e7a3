# The API tests' fixtures (a token per role, a project with its plan), reused by the attacks.
from tests.api.conftest import api_for, project_for  # noqa: F401
