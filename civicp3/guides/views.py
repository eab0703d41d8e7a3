"""The guides for each role, and their screenshots."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from civicp3.guides import content
from civicp3.organisation.scoping import council_view, current_roles


@council_view("council.view")
def index(request: HttpRequest) -> HttpResponse:
    yours = content.for_roles(current_roles(request))
    return render(
        request,
        "guides/index.html",
        {
            "guides": [(guide, content.page(guide).title) for guide in content.GUIDES],
            "yours": yours,
        },
    )


@council_view("council.view")
def guide(request: HttpRequest, slug: str) -> HttpResponse:
    found = content.BY_SLUG.get(slug)
    if found is None:
        raise Http404("No such guide")
    return render(request, "guides/guide.html", {"guide": found, "page": content.page(found)})


@council_view("council.view")
def image(request: HttpRequest, name: str) -> HttpResponse:
    path = content.image_path(name)
    if path is None:
        raise Http404("No such picture")
    response = FileResponse(path.open("rb"), content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
