"""Page-numbered lists: ?page=N (and ?page_size=, at most 100), answering {items, count}."""

from collections.abc import Callable
from typing import Generic, TypeVar

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

T = TypeVar("T")
R = TypeVar("R")

MAX_PAGE = 1_000_000  # keeps the database offset inside 64 bits whatever a client sends


class Pages(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=100)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(page_size=50, max_page_size=100, **kwargs)  # type: ignore[arg-type]


class Converted(Generic[T, R]):
    """A queryset whose page is converted in one go (e.g. risks assessed on the council's
    matrix), so the pager slices the database query and converts only the page it shows."""

    def __init__(self, queryset: QuerySet[T], convert: Callable[[list[T]], list[R]]) -> None:
        self.queryset = queryset
        self.convert = convert

    def all(self) -> QuerySet[T]:  # the pager counts through .all().count()
        return self.queryset.all()

    def __getitem__(self, page: slice) -> list[R]:
        return self.convert(list(self.queryset[page]))
