"""Your recent work, one job's progress page and its result file."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from civicp3.jobs import selectors, services
from civicp3.jobs.models import Job
from civicp3.lib.pagination import paginate
from civicp3.organisation.roles import can
from civicp3.organisation.scoping import (
    council_view,
    current_council,
    current_roles,
    get_scoped_or_404,
)

REFRESH_SECONDS = 2


def _job(request: HttpRequest, pk: int) -> Job:
    """A job of the current council (404 for another council's), if the person's role allows
    that kind of work (403 otherwise): an import or a document belongs to the team doing it."""
    council = current_council(request)
    services.fail_lost(council)
    job = get_scoped_or_404(request, selectors.jobs_in(council), pk=pk)
    if not can(current_roles(request), services.KIND_ACTIONS[job.kind]):
        raise PermissionDenied("Your role no longer allows this work.")
    return job


@council_view("council.view")
def recent(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    services.fail_lost(council)
    jobs = selectors.jobs_for(council, request.user)  # type: ignore[arg-type]
    page = paginate(request, jobs)
    return render(request, "jobs/recent.html", {"page": page})


@council_view("council.view")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    return render(request, "jobs/detail.html", {"job": job, "refresh": REFRESH_SECONDS})


@council_view("council.view")
def result(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if job.status != Job.Status.DONE or not job.result_file:
        raise Http404("This work has no file to download")
    response = FileResponse(
        job.result_file.open("rb"),
        as_attachment=True,
        filename=job.result_name or "result",
        content_type=services.content_type(job),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
