"""The dates in a person's calendar feed, chosen by their roles in the council.

Each event's UID names the record it comes from, never its date, so when a date moves the
calendar moves the event instead of adding a second one.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from civicp3.improvements.lifecycle import Status as ImprovementStatus
from civicp3.improvements.models import ImprovementRequest, Phase
from civicp3.organisation.models import Council
from civicp3.organisation.roles import can
from civicp3.portfolio.lifecycle import Stage
from civicp3.portfolio.models import BenefitHandover, Decision, Project
from civicp3.productivity.models import Commitment, CommitteeReport, ReturnTemplate
from civicp3.toolkit.models import Risk, RiskStatus


@dataclass(frozen=True)
class Event:
    uid: str
    day: date
    summary: str
    path: str


def events_for(council: Council, roles: frozenset[str], today: date) -> list[Event]:
    """Board and committee meetings, deadlines, reviews, returns due and sign-offs waiting."""
    events: list[Event] = []

    def add(kind: str, pk: object, day: date, summary: str, path: str) -> None:
        events.append(Event(f"{kind}-{pk}@{council.slug}.civicp3", day, summary, path))

    if can(roles, "projects.view"):
        meetings = (
            Decision.objects.for_council(council)
            .filter(board__isnull=False)
            .values_list("board_id", "board__name", "meeting_date")
            .distinct()
        )
        for board_id, board_name, day in meetings:
            add(f"board-{board_id}", day.isoformat(), day, board_name, reverse("project-boards"))
        live = Project.objects.for_council(council).exclude(stage__in=[Stage.CLOSED])
        for project in live.filter(committed_finish__isnull=False):
            add(
                "project-finish",
                project.pk,
                project.committed_finish,
                f"Deadline: {project.reference} {project.title} to finish",
                project.get_absolute_url(),
            )
        for benefit in BenefitHandover.objects.for_council(council).select_related("project"):
            add(
                "benefit-review",
                benefit.pk,
                benefit.review_date,
                f"Benefits review: {benefit.project.reference} {benefit.project.title}",
                benefit.project.get_absolute_url(),
            )
    if can(roles, "risks.view"):
        for risk in Risk.objects.for_council(council).filter(status=RiskStatus.OPEN):
            add(
                "risk-review",
                risk.pk,
                risk.review_date,
                f"Risk review: {risk.reference} {risk.title}",
                reverse("toolkit-risk", args=[risk.number]),
            )
    if can(roles, "plans.view"):
        for report in CommitteeReport.objects.for_council(council):
            add(
                "committee",
                report.pk,
                report.meeting_date,
                f"{report.committee}: {report.title}",
                report.get_absolute_url(),
            )
        for template in ReturnTemplate.objects.for_council(council).filter(deadline__isnull=False):
            add(
                "return",
                template.pk,
                template.deadline,
                f"Return due: {template.name}",
                reverse("productivity-plans"),
            )
        commitments = Commitment.objects.for_council(council).filter(status=Commitment.Status.OPEN)
        for commitment in commitments.select_related("plan"):
            add(
                "commitment",
                commitment.pk,
                commitment.due,
                f"Due: {commitment.text}",
                commitment.plan.get_absolute_url(),
            )
    if can(roles, "improvements.sign_off"):
        ready = ImprovementRequest.objects.for_council(council).filter(
            status=ImprovementStatus.IN_DELIVERY, phase=Phase.DONE
        )
        for improvement in ready:
            # Waiting now: it shows on today until it is signed off.
            add(
                "sign-off",
                improvement.pk,
                today,
                f"Sign-off waiting: {improvement.reference} {improvement.process_impacted}",
                improvement.get_absolute_url(),
            )
    return sorted(events, key=lambda event: (event.day, event.uid))
