"""Reads for plans and committee reports (each a fixed number of queries)."""

import calendar
import difflib
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.urls import reverse

from civicp3.organisation.models import Council
from civicp3.productivity.models import (
    PLAN_STANDING,
    CommitteeReport,
    CommitteeTemplate,
    Framework,
    Plan,
    PlanStatus,
    PlanVersion,
    ReturnTemplate,
    SharedSection,
    Snapshot,
    Theme,
)


def plans_for(council: Council) -> QuerySet[Plan]:
    return Plan.objects.for_council(council).select_related("template")


PUBLISHED = PLAN_STANDING[PlanStatus.PUBLISHED]


def published_plans(council: Council) -> QuerySet[Plan]:
    """Plans with a published snapshot (still on the public page while a new version is
    drafted)."""
    return plans_for(council).filter(snapshots__status=PUBLISHED).distinct()


def snapshots_for(
    *, plan: Plan | None = None, report: CommitteeReport | None = None
) -> QuerySet[Snapshot]:
    """The plan's or report's snapshots of record, oldest first."""
    if plan is not None:
        return Snapshot.objects.filter(plan=plan).select_related("created_by")
    return Snapshot.objects.filter(committee_report=report).select_related("created_by")


def latest_snapshot(
    *, plan: Plan | None = None, report: CommitteeReport | None = None, status: str = ""
) -> Snapshot | None:
    """The newest snapshot of record of the plan or report (of that status, if given)."""
    found = snapshots_for(plan=plan, report=report)
    if status:
        found = found.filter(status=status)
    return found.order_by("-number").first()


def published_snapshot(plan: Plan) -> Snapshot | None:
    """The snapshot every download of a published plan serves (None while it is not)."""
    if plan.status != PlanStatus.PUBLISHED:
        return None
    return latest_snapshot(plan=plan, status=PUBLISHED)


@dataclass(frozen=True)
class FigureChange:
    name: str
    then: str  # "" when the figure is new
    now: str  # "" when the figure has gone


def figure_changes(then: dict[str, str], now: dict[str, str]) -> list[FigureChange]:
    """Each figure that differs between a snapshot and the working copy, in the working
    copy's order, then the figures that have gone."""
    changed = [
        FigureChange(name, then.get(name, ""), value)
        for name, value in now.items()
        if then.get(name) != value
    ]
    return changed + [
        FigureChange(name, value, "") for name, value in then.items() if name not in now
    ]


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
    return CommitteeReport.objects.for_council(council).select_related("template")


def frameworks_for(council: Council) -> QuerySet[Framework]:
    return Framework.objects.for_council(council).select_related("council")


def committee_templates_for(council: Council) -> QuerySet[CommitteeTemplate]:
    return CommitteeTemplate.objects.for_council(council)


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


# A deadline shows (and is reminded) from this many days before it until it is met.
DEADLINE_NOTICE = timedelta(days=30)
UPDATE_MONTHS = 6  # members receive an update on the plan six-monthly (seed 000, 2(ii))


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@dataclass(frozen=True)
class Deadline:
    label: str
    due: date
    url: str

    def passed(self, today: date) -> bool:
        return self.due < today

    def text(self, today: date) -> str:
        """ "Submit the plan: is due 1 May 2027", or "was due" once it has passed."""
        return f"{self.label}: {'was' if self.passed(today) else 'is'} due {self.due:%-d %B %Y}"


def deadlines(council: Council, today: date) -> list[Deadline]:
    """Deadlines near (within `DEADLINE_NOTICE`) or passed: a plan's submission, the next
    six-monthly update to members after endorsement, a framework's review."""
    found = []
    for plan in plans_for(council).exclude(status__in=(PlanStatus.SUBMITTED, PlanStatus.PUBLISHED)):
        if plan.template.deadline:
            found.append(
                Deadline(
                    f"Submit the {plan.title}", plan.template.deadline, plan.get_absolute_url()
                )
            )
    for plan in plans_for(council).filter(endorsed_on__isnull=False):
        months = UPDATE_MONTHS
        while add_months(plan.endorsed_on, months) < today - DEADLINE_NOTICE:
            months += UPDATE_MONTHS
        found.append(
            Deadline(
                f"Six-monthly update on the {plan.title} to {plan.committee}",
                add_months(plan.endorsed_on, months),
                f"{plan.get_absolute_url()}update/",
            )
        )
    for framework in frameworks_for(council):
        found.append(
            Deadline(
                f"Review the {framework}",
                framework.next_review,
                reverse("productivity-framework", args=[framework.pk]),
            )
        )
    return sorted(
        (item for item in found if item.due <= today + DEADLINE_NOTICE), key=lambda item: item.due
    )
