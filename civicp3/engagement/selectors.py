"""Reads for the feedback and champion pages, with the joins they need."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q, QuerySet

from civicp3.engagement.models import (
    ChampionAppointment,
    ChampionMeeting,
    InsightNote,
    MeetingAction,
    ServiceFeedback,
)
from civicp3.organisation.models import Council, ServiceArea

OTHER_SERVICES = "Other services (described by the customer)"


def feedback_for(
    council: Council, *, service_area: ServiceArea | None = None, stars: int | None = None
) -> QuerySet[ServiceFeedback]:
    rows = ServiceFeedback.objects.for_council(council).select_related(  # type: ignore[attr-defined]
        "service_area", "improvement"
    )
    if service_area is not None:
        rows = rows.filter(service_area=service_area)
    if stars is not None:
        rows = rows.filter(stars=stars)
    return rows  # type: ignore[no-any-return]


@dataclass(frozen=True)
class AreaAverage:
    name: str
    count: int
    average: Decimal  # stars, to one decimal place


def average_by_service_area(council: Council) -> list[AreaAverage]:
    """Each service area's average rating (one decimal place) and count, best first; feedback
    about a service not in the list is one row of its own."""
    rows = (
        ServiceFeedback.objects.for_council(council)  # type: ignore[attr-defined]
        .values("service_area__name")
        .annotate(count=Count("pk"), average=Avg("stars"))
    )
    averages = [
        AreaAverage(
            row["service_area__name"] or OTHER_SERVICES,
            row["count"],
            Decimal(str(row["average"])).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
        )
        for row in rows
    ]
    return sorted(averages, key=lambda a: (-a.average, a.name))


def appointments_for(council: Council) -> QuerySet[ChampionAppointment]:
    return ChampionAppointment.objects.for_council(council)  # type: ignore[attr-defined,no-any-return]


def current_appointments(council: Council, today: date) -> QuerySet[ChampionAppointment]:
    return appointments_for(council).filter(term_start__lte=today, term_end__gte=today)


def terms_ending(council: Council, today: date, days: int) -> QuerySet[ChampionAppointment]:
    """Appointments whose term ends between today and `days` from now."""
    return appointments_for(council).filter(
        term_end__gte=today, term_end__lte=today + timedelta(days=days)
    )


def last_annual_council(today: date, month: int) -> date:
    """The first day of the most recent annual council month, on or before today."""
    year = today.year if today.month >= month else today.year - 1
    return date(year, month, 1)


def awaiting_appointment(council: Council, today: date, month: int) -> date | None:
    """The annual council since which no champion has been appointed, for a council that has
    had champions before; None when the appointments are up to date (or it never had any)."""
    since = last_annual_council(today, month)
    appointments = appointments_for(council)
    if not appointments.exists() or appointments.filter(term_start__gte=since).exists():
        return None
    return since


def meetings_for(council: Council) -> QuerySet[ChampionMeeting]:
    return ChampionMeeting.objects.for_council(council).annotate(  # type: ignore[attr-defined,no-any-return]
        open_actions=Count("actions", filter=Q(actions__done=False))
    )


def actions_overdue(council: Council, today: date) -> QuerySet[MeetingAction]:
    return MeetingAction.objects.for_council(council).filter(done=False, due_on__lt=today)  # type: ignore[attr-defined,no-any-return]


def insight_for(council: Council) -> QuerySet[InsightNote]:
    return InsightNote.objects.for_council(council).select_related(  # type: ignore[attr-defined,no-any-return]
        "appointment", "service_area", "improvement"
    )
