"""The fixed registry of evidence blocks a template's themes may show, each drawn live from
the other apps' selectors (read only). A theme names blocks by key; a new template picks from
the same registry, so a new return needs data, not code."""

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from civicp3.organisation.models import Council
from civicp3.performance import measures
from civicp3.portfolio.models import PriorityScore, Project, TierBand
from civicp3.productivity.best_value_evidence import BEST_VALUE_EVIDENCE
from civicp3.reports.document import Block, Figures, Paragraph, Table

TECHNOLOGY_WORDS = ("digital", "technology", "data", "system", "online", "software", "ict")


def _figures(council: Council, keys: tuple[str, ...]) -> Figures:
    return Figures(measures.figures(measures.values_of(council, keys, timezone.localdate())))


def improvements_delivered(council: Council) -> list[Block]:
    return [_figures(council, ("improvements_delivered", "online_forms_delivered"))]


def hours_and_money_saved(council: Council) -> list[Block]:
    keys = ("officer_hours_saved", "working_days_saved", "officer_time_saved")
    return [_figures(council, (*keys, "cashable_savings_a_year"))]


def channel_shift(council: Council) -> list[Block]:
    forms = measures.value_of(council, "online_forms_delivered", timezone.localdate())
    return [
        Paragraph(
            f"Channel shift: {forms.shown} online forms delivered "
            f"(accessible 24/7), moving contact from phone, email and paper to online."
        )
    ]


def _tier_columns(council: Council) -> list[str]:
    return [*TierBand.objects.for_council(council).values_list("name", flat=True), "No tier"]


def projects_by_priority(council: Council) -> list[Block]:
    tiers = _tier_columns(council)
    projects = {p.pk: p for p in Project.objects.for_council(council).only("pk", "tier")}
    by_priority: dict[str, set[int]] = defaultdict(set)
    scores = (
        PriorityScore.objects.for_council(council)
        .filter(score__gt=0, criterion__corporate_priority__isnull=False)
        .values_list("criterion__corporate_priority__name", "project_id")
    )
    for priority, project_id in scores:
        by_priority[priority].add(project_id)
    rows = []
    for priority in sorted(by_priority):
        counts = Counter(projects[pk].tier or "No tier" for pk in by_priority[priority])
        rows.append((priority, *(counts.get(tier, 0) for tier in tiers)))
    return [
        Table(
            "Projects by corporate priority and tier",
            ("Corporate priority", *tiers),
            rows,
            numeric=frozenset(range(1, len(tiers) + 1)),
        )
    ]


def technology_projects(council: Council) -> list[Block]:
    projects = [
        project
        for project in Project.objects.for_council(council).order_by("number")
        if any(word in f"{project.title} {project.summary}".lower() for word in TECHNOLOGY_WORDS)
    ]
    return [
        Table(
            "Technology and data projects",
            ("Project", "Stage", "Tier"),
            [
                (f"{p.reference}: {p.title}", p.get_stage_display(), p.tier or "No tier")
                for p in projects
            ],
        )
    ]


def savings_realised_planned(council: Council) -> list[Block]:
    keys = ("benefits_realised", "benefits_realised_cashable", "benefits_planned")
    return [_figures(council, keys)]


@dataclass(frozen=True)
class Evidence:
    key: str
    label: str
    build: Callable[[Council], list[Block]]


EVIDENCE: dict[str, Evidence] = {
    item.key: item
    for item in (
        Evidence("improvements_delivered", "Improvements delivered", improvements_delivered),
        Evidence("hours_and_money_saved", "Hours and money saved", hours_and_money_saved),
        Evidence("channel_shift", "Channel shift to online forms", channel_shift),
        Evidence(
            "projects_by_priority", "Projects by corporate priority and tier", projects_by_priority
        ),
        Evidence("technology_projects", "Technology and data projects", technology_projects),
        Evidence(
            "savings_realised_planned", "Savings realised and planned", savings_realised_planned
        ),
        *(Evidence(key, label, build) for key, label, build in BEST_VALUE_EVIDENCE),
    )
}


def evidence_blocks(council: Council, keys: list[str]) -> list[Block]:
    """The blocks for a theme's keys, in order; an unknown key is skipped (templates are data)."""
    blocks: list[Block] = []
    for key in keys:
        if key in EVIDENCE:
            blocks.extend(EVIDENCE[key].build(council))
    return blocks
