from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from civicp3.api.auth import TokenAuth

EXPORT_SUFFIX = "-export"


class ExportTokenMiddleware:
    """Lets Power Query's Web connector (or any script) fetch a register's CSV or XLSX export
    with an API token in `Authorization: Bearer …`, instead of a browser session.

    Only GETs of export URLs (url names ending `-export`) take a token; the token's council and
    the person's roles there then decide what the export holds, as for the API.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        if request.method in {"GET", "HEAD"} and header.lower().startswith("bearer "):
            try:
                name = resolve(request.path_info).url_name or ""
            except Resolver404:
                name = ""
            token = header[7:].strip()
            if name.endswith(EXPORT_SUFFIX) and TokenAuth().authenticate(request, token) is None:
                response = HttpResponse(
                    "The API token is not valid, has been revoked, or its person has no "
                    "role in its council any more.\n",
                    status=401,
                    content_type="text/plain; charset=utf-8",
                )
                response["WWW-Authenticate"] = 'Bearer realm="civicp3"'
                return response
        return self.get_response(request)
