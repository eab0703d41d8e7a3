"""Every list page's pages: 25 rows to a page, the page number from `?page=`."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 25


def paginate(request: HttpRequest, rows: Any, *, per_page: int = PAGE_SIZE) -> Page:  # type: ignore[type-arg]
    """The page of `rows` the request asks for; the last page for a number past the end, the
    first for one that is not a number."""
    return Paginator(rows, per_page).get_page(request.GET.get("page"))
