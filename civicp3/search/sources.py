"""What the one search box searches: each kind of record, its words, and who may see it.

Each source names the model, the text fields searched, the action from the role table a person
needs to see its records, and how a hit is shown. Add a record type here to make it searchable.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from civicp3.improvements.models import ImprovementRequest
from civicp3.portfolio.models import Project


@dataclass(frozen=True)
class Source:
    key: str  # in the URL: ?kind=improvements
    label: str  # plural, shown as the heading of its results
    model: type[models.Model]
    fields: tuple[str, ...]
    action: str
    title: Callable[[Any], str]
    summary: Callable[[Any], str]
    select_related: tuple[str, ...] = ()
    prefix: str = ""  # of the records' references, IMP-0012: searching one finds the record


SOURCES: tuple[Source, ...] = (
    Source(
        key="improvements",
        label="Improvement requests",
        model=ImprovementRequest,
        fields=("process_impacted", "problem_statement", "what_we_require", "service_area_text"),
        action="improvements.view",
        title=lambda r: f"{r.reference}: {r.process_impacted}",
        summary=lambda r: r.problem_statement,
        prefix="IMP",
    ),
    Source(
        key="projects",
        label="Projects, programmes and portfolios",
        model=Project,
        fields=("title", "summary"),
        action="projects.view",
        title=lambda p: f"{p.reference}: {p.title}",
        summary=lambda p: p.summary,
        prefix="PRJ",
    ),
)
BY_KEY = {source.key: source for source in SOURCES}
