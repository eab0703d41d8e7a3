"""Reads of the P3 register."""

from django.db.models import QuerySet
from django.http import HttpRequest

from civicp3.organisation.scoping import get_scoped_or_404, scoped
from civicp3.portfolio.models import Project


def register_for(request: HttpRequest) -> QuerySet[Project]:
    return scoped(request, Project).select_related("parent", "directorate", "service_area")


def project_for(request: HttpRequest, number: int) -> Project:
    """The current council's project `number` (PRJ-0001 is 1), or a 404."""
    return get_scoped_or_404(request, register_for(request), number=number)
