"""Errors as RFC 9457 problem details: a status, a title, a detail, and the fields at fault."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from civicp3.lib.errors import DomainError

TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    409: "Conflict",
    422: "The request has a problem",
    429: "Too many requests",
}


def problem(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    detail: str,
    errors: list[dict[str, str]] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = "application/problem+json"
    return response


# Every operation may answer with these; the schema says so, so clients (and schema fuzzing)
# know the shape of an error.
PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}
PROBLEM_STATUSES = (400, 401, 403, 404, 409, 422, 429)


def document(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the problem-details responses to every operation of an OpenAPI schema."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    reference = {"$ref": "#/components/schemas/Problem"}
    for operations in schema["paths"].values():
        for operation in operations.values():
            for status in PROBLEM_STATUSES:
                operation["responses"].setdefault(
                    str(status),
                    {
                        "description": TITLES[status],
                        "content": {"application/problem+json": {"schema": reference}},
                    },
                )
    return schema


def _field(location: tuple[Any, ...]) -> str:
    # ninja reports ("body", "payload", "title"); people need "title" (or "query.page").
    parts = [str(part) for part in location]
    if parts[:1] == ["body"] and len(parts) > 2:
        parts = parts[2:]
    return ".".join(parts)


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
        errors = [
            {"field": _field(tuple(item.get("loc", ()))), "message": str(item.get("msg", ""))}
            for item in error.errors
        ]
        fields = ", ".join(e["field"] for e in errors if e["field"]) or "the request"
        return problem(api, request, 422, f"Check {fields}", errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
        response = problem(
            api, request, 401, "Send a valid API token: Authorization: Bearer <token>"
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(PermissionDenied)
    def denied(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
        return problem(api, request, 403, str(error) or "Your role does not allow this.")

    @api.exception_handler(Http404)
    def missing(request: HttpRequest, error: Http404) -> HttpResponse:
        return problem(api, request, 404, "There is no such record in your council")

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
        return problem(api, request, error.status_code, str(error))

    @api.exception_handler(DomainError)
    def refused(request: HttpRequest, error: DomainError) -> HttpResponse:
        """Every app's refusal: 422 naming the field at fault, or 409 when the record moved on."""
        errors = [{"field": error.field, "message": error.message}] if error.field else None
        return problem(api, request, error.status, error.message, errors)
