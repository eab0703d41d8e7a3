"""Search one council's records, only of the kinds the person's roles let them see.

On PostgreSQL it is full-text search (English stemming, ranked); elsewhere (SQLite) every word
must appear somewhere in the record's fields, newest first.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from civicp3.organisation.models import Council
from civicp3.organisation.roles import can
from civicp3.search.sources import SOURCES, Source

MAX_WORDS = 12


@dataclass(frozen=True)
class Hit:
    title: str
    summary: str
    url: str


def visible_sources(roles: frozenset[str]) -> list[Source]:
    return [source for source in SOURCES if can(roles, source.action)]


def words_of(query: str) -> list[str]:
    return query.split()[:MAX_WORDS]


def matches(source: Source, council: Council, query: str) -> QuerySet[Any]:
    records = source.model.objects.for_council(council).select_related(*source.select_related)  # type: ignore[attr-defined]
    words = words_of(query)
    reference = re.fullmatch(rf"{source.prefix}-?0*([0-9]{{1,9}})", query.strip(), re.IGNORECASE)
    if source.prefix and reference:
        return records.filter(number=int(reference.group(1))).order_by("-pk")
    if connection.vendor == "postgresql":
        vector = SearchVector(*source.fields, config="english")
        search = SearchQuery(" ".join(words), config="english", search_type="plain")
        return (
            records.annotate(document=vector, rank=SearchRank(vector, search))
            .filter(document=search)
            .order_by("-rank", "-pk")
        )
    for word in words:
        anywhere = Q()
        for field in source.fields:
            anywhere |= Q(**{f"{field}__icontains": word})
        records = records.filter(anywhere)
    return records.order_by("-pk")


def hit(source: Source, record: Any) -> Hit:
    summary = source.summary(record) or ""
    if len(summary) > 200:
        summary = summary[:197].rsplit(" ", 1)[0] + "…"
    return Hit(title=source.title(record), summary=summary, url=record.get_absolute_url())
