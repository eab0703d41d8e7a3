"""Reads for plans and committee reports (each a fixed number of queries)."""

import difflib
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from civicp3.organisation.models import Council
from civicp3.productivity.models import (
    CommitteeReport,
    Plan,
    PlanStatus,
    PlanVersion,
    ReturnTemplate,
    SharedSection,
    Theme,
)


def plans_for(council: Council) -> QuerySet[Plan]:
    return Plan.objects.for_council(council).select_related("template")


def published_plans(council: Council) -> QuerySet[Plan]:
    return plans_for(council).filter(status=PlanStatus.PUBLISHED)


def templates_for(council: Council) -> QuerySet[ReturnTemplate]:
    return ReturnTemplate.objects.for_council(council)


def themes_for(plan: Plan) -> list[Theme]:
    return list(plan.template.themes.all())


def narratives_by_theme(plan: Plan) -> dict[int, str]:
    return dict(plan.narratives.values_list("theme_id", "text"))


@dataclass(frozen=True)
class ThemeText:
    text: str
    shared: SharedSection | None = None


def theme_texts(plan: Plan) -> dict[int, ThemeText]:
    """Each theme's text: the plan's own narrative, or the shared section it uses."""
    return {
        narrative.theme_id: ThemeText(
            narrative.shared.text if narrative.shared else narrative.text, narrative.shared
        )
        for narrative in plan.narratives.select_related("shared__council")
    }


def shared_sections_for(council: Council) -> QuerySet[SharedSection]:
    """Sections the council owns or that another council shares with it."""
    return (
        SharedSection.objects.filter(Q(council=council) | Q(shared_with=council))
        .select_related("council")
        .distinct()
    )


def owned_sections(council: Council) -> QuerySet[SharedSection]:
    return SharedSection.objects.for_council(council).prefetch_related("shared_with")


def versions_for(plan: Plan) -> QuerySet[PlanVersion]:
    return plan.versions.select_related("created_by")


def committee_reports_for(council: Council) -> QuerySet[CommitteeReport]:
    return CommitteeReport.objects.for_council(council).select_related("appendix_plan")


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed" or "same"
    text: str


def compare(older: PlanVersion, newer: PlanVersion) -> list[DiffLine]:
    """Line by line, what changed from the older version to the newer one."""
    kinds = {"+": "added", "-": "removed", " ": "same"}
    return [
        DiffLine(kinds[line[0]], line[2:])
        for line in difflib.ndiff(older.text.splitlines(), newer.text.splitlines())
        if line[0] in kinds
    ]
