"""Every change to feedback and champion records: keyword-only, inside a transaction, with
history, checking the role table and the council of every record it is given."""

import calendar
from datetime import date

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from civicp3.engagement.models import (
    ChampionAppointment,
    ChampionMeeting,
    EngagementSettings,
    InsightNote,
    MeetingAction,
    ServiceFeedback,
)
from civicp3.improvements.models import ImprovementRequest
from civicp3.improvements.services import improvement_raise
from civicp3.lib.errors import Conflict, DomainError
from civicp3.organisation.models import Council, CouncilOwned, ServiceArea
from civicp3.organisation.roles import can

Actor = AbstractBaseUser | AnonymousUser | None


SERVICE_MISSING = "Select the service you used, or say which it was"


class EngagementError(DomainError):
    """A change the feedback and champion rules refuse."""


class NotAllowed(EngagementError):
    status = 403


def _roles(actor: Actor, council: Council) -> frozenset[str]:
    if actor is None or not actor.is_authenticated:
        return frozenset()
    return frozenset(actor.memberships.filter(council=council).values_list("role", flat=True))  # type: ignore[union-attr]


def _require(actor: Actor, council: Council, action: str) -> None:
    if not can(_roles(actor, council), action):
        raise NotAllowed("Your role does not allow this.")


def _same_council(council: Council, *records: CouncilOwned | None) -> None:
    for record in records:
        if record is not None and record.council_id != council.pk:
            raise EngagementError(f"{record} is not part of {council}")


def _save(record: CouncilOwned, actor: Actor, reason: str) -> None:
    record._history_user = actor if actor is not None and actor.is_authenticated else None  # type: ignore[attr-defined]
    record._change_reason = reason  # type: ignore[attr-defined]
    record.full_clean()
    record.save()


# --- Settings, made with the council ---


def engagement_settings(council: Council) -> EngagementSettings:
    """The council's settings, made with the council (`engagement_settings_create`)."""
    return EngagementSettings.objects.get(council=council)


@transaction.atomic
def engagement_settings_create(council: Council) -> EngagementSettings:
    """Give a new council the default rules (ratings of 2 stars or fewer become requests;
    the annual council in May); never overwrites what the council has changed."""
    record, _ = EngagementSettings.objects.get_or_create(council=council)
    return record


@transaction.atomic
def engagement_settings_update(
    *,
    council: Council,
    actor: Actor,
    raise_at_or_below: int,
    annual_council_month: int,
    term_reminder_days: int,
) -> EngagementSettings:
    _require(actor, council, "engagement.configure")
    record = EngagementSettings.objects.select_for_update().get(council=council)
    record.raise_at_or_below = raise_at_or_below
    record.annual_council_month = annual_council_month
    record.term_reminder_days = term_reminder_days
    _save(record, actor, "Rules changed")
    return record


# --- Service feedback ---


@transaction.atomic
def feedback_give(
    *,
    council: Council,
    stars: int,
    comment: str = "",
    service_area: ServiceArea | None = None,
    service_area_text: str = "",
    contact_name: str = "",
    contact_email: str = "",
    given_by: Actor = None,
) -> ServiceFeedback:
    """Record a 1 to 5 star rating of a service. Staff (`given_by`) need the role table's
    `feedback.give`; the public form passes no one. A rating at or below the council's
    threshold also raises an improvement request (status submitted, for triage) through the
    improvements app, and the feedback links to it."""
    public = given_by is None or not given_by.is_authenticated
    if not public:
        _require(given_by, council, "feedback.give")
    _same_council(council, service_area)
    if stars not in range(1, 6):
        raise EngagementError("Select a rating from 1 to 5 stars", field="stars")
    service_area_text = service_area_text.strip()
    if service_area is None and not service_area_text:
        raise EngagementError(SERVICE_MISSING, field="service_area")
    feedback = ServiceFeedback(
        council=council,
        service_area=service_area,
        service_area_text="" if service_area is not None else service_area_text,
        stars=stars,
        comment=comment.strip(),
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        channel=ServiceFeedback.Channel.PUBLIC if public else ServiceFeedback.Channel.STAFF,
        given_by=None if public else given_by,
    )
    _save(feedback, given_by, "Feedback given")
    if stars <= engagement_settings(council).raise_at_or_below:
        feedback.improvement = _raise_from_feedback(feedback)
        _save(feedback, given_by, f"Raised {feedback.improvement.reference}")
    return feedback


def _raise_from_feedback(feedback: ServiceFeedback) -> ImprovementRequest:
    stars = f"{feedback.stars} star rating given"
    return improvement_raise(
        council=feedback.council,
        process_impacted=feedback.service_name[:300],
        problem_statement=f"Low star rating: {stars}. {feedback.comment or 'No comment given.'}",
        what_we_require="Review the process the customer rated and whether the feedback is "
        "reflective.",
        service_area=feedback.service_area,
        service_area_text=feedback.service_area_text,
        contact_name=feedback.contact_name,
        contact_email=feedback.contact_email,
        raised_by=feedback.given_by,
    )


# --- Member Improvement Champions ---


def annual_council_end(after: date, month: int) -> date:
    """The last day of the annual council's month in the year after `after`: when a term
    made at (or after) one annual council ends, unless the committee says otherwise."""
    year = after.year + 1 if after.month >= month else after.year
    return date(year, month, calendar.monthrange(year, month)[1])


@transaction.atomic
def appointment_save(
    *,
    council: Council,
    actor: Actor,
    councillor: str,
    committee: str,
    appointed_on: date,
    term_start: date,
    term_end: date | None = None,
    appointment: ChampionAppointment | None = None,
) -> ChampionAppointment:
    """Record (or correct) a champion's appointment. With no `term_end` the term runs to the
    end of the next annual council's month (appointed annually, seed 001 Key Information)."""
    _require(actor, council, "champions.manage")
    _same_council(council, appointment)
    if term_end is None:
        term_end = annual_council_end(term_start, engagement_settings(council).annual_council_month)
    if term_end < term_start:
        raise EngagementError("The term must end on or after the day it starts", field="term_end")
    if appointed_on > term_start:
        raise EngagementError(
            "The committee appoints before the term starts: enter a date on or before the "
            "term start",
            field="appointed_on",
        )
    record = appointment or ChampionAppointment(council=council)
    record.councillor = councillor.strip()
    record.committee = committee.strip()
    record.appointed_on = appointed_on
    record.term_start = term_start
    record.term_end = term_end
    _save(record, actor, "Appointment changed" if appointment else "Appointed")
    return record


@transaction.atomic
def meeting_record(
    *, council: Council, actor: Actor, held_on: date, notes: str = ""
) -> ChampionMeeting:
    _require(actor, council, "champions.manage")
    meeting = ChampionMeeting(council=council, held_on=held_on, notes=notes.strip())
    _save(meeting, actor, "Meeting recorded")
    return meeting


@transaction.atomic
def meeting_update(*, meeting: ChampionMeeting, actor: Actor, notes: str) -> ChampionMeeting:
    _require(actor, meeting.council, "champions.manage")
    meeting.notes = notes.strip()
    _save(meeting, actor, "Notes changed")
    return meeting


@transaction.atomic
def action_add(
    *, meeting: ChampionMeeting, actor: Actor, text: str, owner: str, due_on: date
) -> MeetingAction:
    _require(actor, meeting.council, "champions.manage")
    if due_on < meeting.held_on:
        raise EngagementError(
            "An action is due on or after the meeting that agreed it", field="due_on"
        )
    action = MeetingAction(
        council=meeting.council,
        meeting=meeting,
        text=text.strip(),
        owner=owner.strip(),
        due_on=due_on,
    )
    _save(action, actor, "Action agreed")
    return action


@transaction.atomic
def action_complete(*, action: MeetingAction, actor: Actor) -> MeetingAction:
    _require(actor, action.council, "champions.manage")
    current = MeetingAction.objects.select_for_update().get(pk=action.pk)
    if current.done:
        raise Conflict("This action is already done")
    current.done = True
    _save(current, actor, "Done")
    return current


@transaction.atomic
def insight_record(
    *,
    council: Council,
    actor: Actor,
    heard_on: date,
    summary: str,
    detail: str = "",
    appointment: ChampionAppointment | None = None,
    service_area: ServiceArea | None = None,
) -> InsightNote:
    _require(actor, council, "champions.insight")
    _same_council(council, appointment, service_area)
    note = InsightNote(
        council=council,
        appointment=appointment,
        service_area=service_area,
        heard_on=heard_on,
        summary=summary.strip(),
        detail=detail.strip(),
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    _save(note, actor, "Insight recorded")
    return note


@transaction.atomic
def insight_raise_request(*, note: InsightNote, actor: Actor) -> ImprovementRequest:
    """Turn a customer-insight note into an improvement request for triage, once."""
    council = note.council
    _require(actor, council, "champions.insight")
    _require(actor, council, "improvements.raise")
    current = InsightNote.objects.select_for_update().get(pk=note.pk)
    if current.improvement_id is not None:
        raise Conflict(f"This note has already raised {current.improvement.reference}")  # type: ignore[union-attr]
    champion = f" (heard by {current.appointment.councillor})" if current.appointment else ""
    improvement = improvement_raise(
        council=council,
        process_impacted=current.summary[:300],
        problem_statement=f"Customer insight from a member champion{champion}: "
        f"{current.detail or current.summary}",
        service_area=current.service_area,
        raised_by=actor if actor is not None and actor.is_authenticated else None,
    )
    current.improvement = improvement
    _save(current, actor, f"Raised {improvement.reference}")
    note.improvement = improvement
    return improvement
