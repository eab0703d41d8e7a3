from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from civicp3.organisation.scoping import council_view, current_council
from civicp3.portfolio import selectors, services
from civicp3.portfolio.forms import ProjectCreateForm

PAGE_SIZE = 25


@council_view("projects.view")
def register(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.register_for(request), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portfolio/register.html", {"page": page})


@council_view("projects.create")
def project_create(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    form = ProjectCreateForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(
                council=council, actor=request.user, **form.cleaned_data
            )
        except services.ProjectError as error:
            form.add_error(None, str(error))
        else:
            return redirect(project)
    return render(request, "portfolio/project_form.html", {"form": form})


@council_view("projects.view")
def project_detail(request: HttpRequest, number: int) -> HttpResponse:
    project = selectors.project_for(request, number)
    return render(request, "portfolio/project_detail.html", {"project": project})
