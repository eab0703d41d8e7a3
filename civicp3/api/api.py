"""The Civic P3 API: OpenAPI 3 at /api/openapi.json, docs at /api/docs."""

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI, Schema

from civicp3.api import (
    forecasts,
    improvements,
    kpis,
    plans,
    problems,
    projects,
    reports,
    risks,
)
from civicp3.api.auth import TokenAuth, api_action
from civicp3.organisation.scoping import current_council, current_roles


class CivicP3Api(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        return problems.document(super().get_openapi_schema(*args, **kwargs))


api = CivicP3Api(
    title="Civic P3 API",
    version="1",
    description=(
        "Every call acts for one person in one council, with a token they issue under "
        "Council settings → API tokens. Read-only tokens may call GET operations only. "
        "Errors are problem details (application/problem+json) naming the field at fault."
    ),
    auth=TokenAuth(),
    urls_namespace="api",
)
problems.install(api)
api.add_router("/improvements", improvements.router)
api.add_router("/projects", projects.router)
api.add_router("", risks.router)
api.add_router("", plans.router)
api.add_router("", forecasts.router)
api.add_router("/kpis", kpis.router)
api.add_router("/reports", reports.router)


class WhoAmI(Schema):
    username: str
    council: str
    council_slug: str
    roles: list[str]
    scope: str


@api.get("/me", response=WhoAmI, tags=["Token"], summary="Who this token acts for")
@api_action("council.view")
def me(request: HttpRequest) -> WhoAmI:
    council = current_council(request)
    return WhoAmI(
        username=request.user.get_username(),
        council=council.name,
        council_slug=council.slug,
        roles=sorted(current_roles(request)),
        scope=request.auth.scope,  # type: ignore[attr-defined]
    )
