from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from civicp3.lib.pagination import paginate
from civicp3.organisation.scoping import council_view, current_council, current_roles
from civicp3.search import selectors
from civicp3.search.forms import SearchForm

PREVIEW = 5


@council_view("council.view")
def search(request: HttpRequest) -> HttpResponse:
    sources = selectors.visible_sources(current_roles(request))
    form = SearchForm(request.GET or None, sources=sources)
    context: dict[str, object] = {"form": form, "sources": sources}
    if form.is_bound and form.is_valid():
        council, query = current_council(request), form.cleaned_data["q"]
        chosen = form.cleaned_data["kind"]
        groups = []
        for source in sources:
            if chosen and source.key != chosen:
                continue
            records = selectors.matches(source, council, query)
            if chosen:
                page = paginate(request, records, per_page=20)
                hits, total = page.object_list, page.paginator.count
                context["page"] = page
            else:
                hits, total = records[:PREVIEW], records.count()
            groups.append(
                {
                    "source": source,
                    "total": total,
                    "hits": [selectors.hit(source, record) for record in hits],
                }
            )
        context.update(query=query, chosen=chosen, groups=groups)
    return render(request, "search/results.html", context)
