"""The council administrator's page for the reporting login Power BI and Excel connect with."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from civicp3.organisation.scoping import council_view, current_council
from civicp3.reporting import services
from civicp3.reporting.models import ReportingAccess
from civicp3.reporting.schema import VIEWS


def _connection() -> dict[str, str]:
    database = settings.DATABASES["default"]
    return {"host": str(database.get("HOST") or "localhost"), "name": str(database["NAME"])}


@council_view("settings.change")
def reporting_access(request: HttpRequest) -> HttpResponse:
    """GET shows the login; POST `action=password` creates it or gives it a new password (the
    old one stops working at once), `action=remove` removes it."""
    council = current_council(request)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "remove":
                role = services.reporting_role_drop(council=council, actor=request.user)
                messages.success(
                    request, f"{role} removed: Power BI and Excel can no longer connect"
                )
            else:
                role, password = services.reporting_role_create(council=council, actor=request.user)
                return render(
                    request,
                    "reporting/password.html",
                    {"role_name": role, "password": password, "connection": _connection()},
                )
        except services.ReportingError as error:
            messages.error(request, error.message)
        return redirect("reporting-access")
    return render(
        request,
        "reporting/access.html",
        {
            "unavailable": services.unavailable_reason(),
            "access": ReportingAccess.objects.filter(council=council).first(),
            "role_name": services.reporting_role_name(council),
            "views": VIEWS,
            "connection": _connection(),
        },
    )
