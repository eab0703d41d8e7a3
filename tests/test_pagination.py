"""Long lists page the GOV.UK way: first, last and the neighbours of the current page, with
ellipses between — not a link to each of hundreds of pages."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def test_a_long_list_links_to_its_ends_and_neighbours_with_ellipses_between():
    request = RequestFactory().get("/improvements/waiting-list/", {"pathway": "QW", "page": "40"})
    page = Paginator(range(20_000), 25).get_page(40)

    html = render_to_string("includes/pagination.html", {"page": page}, request=request)

    labels = [part.split('"')[0] for part in html.split('aria-label="Page ')[1:]]
    assert labels == ["1", "39", "40", "41", "800"]
    assert html.count("govuk-pagination__item--ellipses") == 2
    assert 'href="?pathway=QW&amp;page=41" aria-label="Page 41"' in html
    assert 'aria-current="page">40<' in html


def test_a_short_list_links_to_every_page():
    request = RequestFactory().get("/projects/")
    page = Paginator(range(60), 25).get_page(1)

    html = render_to_string("includes/pagination.html", {"page": page}, request=request)

    assert [part.split('"')[0] for part in html.split('aria-label="Page ')[1:]] == ["1", "2", "3"]
    assert "ellipses" not in html
