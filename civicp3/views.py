"""Site-wide views: the health check, the accessibility statement and the error pages."""

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader

from civicp3.organisation.scoping import public_view


def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@public_view("Public-sector websites must publish their accessibility statement to everyone.")
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accessibility.html",
        {"contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL},
    )


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", {"reason": str(exception) or ""}, status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: the database or a context processor may be what failed.
    return HttpResponse(loader.get_template("500.html").render(), status=500)
