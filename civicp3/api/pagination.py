"""Page-numbered lists: ?page=N (and ?page_size=, at most 100), answering {items, count}."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE = 1_000_000  # keeps the database offset inside 64 bits whatever a client sends


class Pages(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=100)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(page_size=50, max_page_size=100, **kwargs)  # type: ignore[arg-type]
