"""Reads for the onboarding pages."""

from dataclasses import dataclass

from civicp3.onboarding.models import PendingUpload, StepProgress
from civicp3.onboarding.steps import COMPLETED, IN_PROGRESS, NOT_STARTED, STEPS, Step
from civicp3.organisation.models import Council


@dataclass(frozen=True)
class StepStatus:
    step: Step
    status: str
    count: int


def statuses(council: Council) -> list[StepStatus]:
    """Each step with its status: Completed once marked so; In progress once it holds
    something or was saved; otherwise Not yet started."""
    progress = dict(StepProgress.objects.for_council(council).values_list("step", "completed"))
    found = []
    for step in STEPS:
        count = max(step.count(council), 0)
        if progress.get(step.slug):
            status = COMPLETED
        elif step.slug in progress or count:
            status = IN_PROGRESS
        else:
            status = NOT_STARTED
        found.append(StepStatus(step, status, count))
    return found


def all_completed(council: Council) -> bool:
    return all(status.status == COMPLETED for status in statuses(council))


def pending_upload(council: Council, step: str) -> PendingUpload | None:
    return (
        PendingUpload.objects.for_council(council)
        .filter(step=step)
        .select_related("project", "job")
        .first()
    )


@dataclass(frozen=True)
class Records:
    """What a step already holds, as a table: its caption, headings and rows of text."""

    caption: str
    headers: tuple[str, ...]
    rows: list[tuple[object, ...]]
    empty: str


def records_for(council: Council, slug: str) -> Records | None:
    from django.db.models import Count

    from civicp3.delivery.models import Plan
    from civicp3.improvements.models import ImprovementRequest
    from civicp3.organisation.models import Board, CorporatePriority, ServiceArea
    from civicp3.organisation.selectors import people_for

    if slug == "service-areas":
        areas = ServiceArea.objects.for_council(council).select_related("directorate")
        return Records(
            "Service areas",
            ("Service area", "Directorate or AD area", "Monthly capacity (hours)"),
            [(a.name, a.directorate.name, a.monthly_capacity_hours) for a in areas],
            "There are no service areas yet. Add them one at a time, or import them all from "
            "a spreadsheet below.",
        )
    if slug == "priorities":
        return Records(
            "Corporate priorities",
            ("Priority", "Description"),
            list(CorporatePriority.objects.for_council(council).values_list("name", "description")),
            "There are no corporate priorities yet. Add each priority from your corporate plan.",
        )
    if slug == "boards":
        return Records(
            "Boards",
            ("Board", "Type", "Meets"),
            [(b.name, b.get_kind_display(), b.meets) for b in Board.objects.for_council(council)],
            "There are no boards yet. Add the boards that approve, start, pause and close work.",
        )
    if slug == "people":
        people = people_for(council)
        return Records(
            "People",
            ("Name", "Username", "Email address", "Roles", "Password"),
            [
                (
                    p.get_full_name(),
                    p.username,
                    p.email,
                    ", ".join(m.get_role_display() for m in p.council_memberships),  # type: ignore[attr-defined]
                    "Set" if p.has_usable_password() else "Invited",
                )
                for p in people
            ],
            "There is nobody here yet but you. Import your people from a CSV file below.",
        )
    if slug == "work-list":
        improvements = ImprovementRequest.objects.for_council(council).select_related(
            "service_area"
        )
        return Records(
            "Improvement requests",
            ("Reference", "Process impacted", "Service area", "Status"),
            [
                (i.reference, i.process_impacted, i.service_area or "", i.get_status_display())
                for i in improvements
            ],
            "There are no improvement requests yet. Import your work list below.",
        )
    if slug == "plans":
        plans = (
            Plan.objects.for_council(council)
            .select_related("project")
            .annotate(task_count=Count("tasks"))
        )
        return Records(
            "Project plans",
            ("Project", "Title", "Tasks"),
            [(p.project.reference, p.project.title, p.task_count) for p in plans],
            "No plans have been imported yet. Upload a plan saved from Microsoft Project below.",
        )
    return None


def invited_people(council: Council) -> list[object]:
    """People of the council who have not yet set a password from their invitation."""
    from civicp3.organisation.selectors import people_for

    return [p for p in people_for(council) if not p.has_usable_password() and p.email]
