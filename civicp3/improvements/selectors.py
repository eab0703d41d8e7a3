"""Reads of improvement requests for pages and exports (the joins live here)."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser, User
from django.db.models import (
    Avg,
    Case,
    Count,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)

from civicp3.improvements.lifecycle import QUEUE, WAITING, Status
from civicp3.improvements.models import (
    Belt,
    Benefits,
    ChangeRequest,
    DecisionNode,
    Evidence,
    FeasibilityAssessment,
    FeasibilityQuestion,
    GoLiveSignOff,
    ImprovementRequest,
    Pathway,
    PathwayDecision,
    PhaseCompletionReturn,
    Rating,
    Score,
    ScoringQuestion,
    TrainingCohort,
    TrainingDelegate,
    Workshop,
)
from civicp3.organisation.models import Council, Directorate, ServiceArea
from civicp3.organisation.roles import ACTION_ROLES, Role
from civicp3.organisation.selectors import HistoryRow, history_of

NO_PATHWAY = "none"
PATHWAY_ORDER = (Pathway.PIP, Pathway.QW, Pathway.GBC)


def waiting_list_for(
    council: Council,
    *,
    pathway: str = "",
    directorate: Directorate | None = None,
    service_area: ServiceArea | None = None,
) -> QuerySet[ImprovementRequest]:
    """The council's waiting list: scored requests not yet in delivery, held or ended.

    Ordered as the seed's work lists are: by pathway (PIP, QW, GBC, then any not yet decided),
    highest score first, and among equal scores by reference, which follows the order the
    requests were raised or imported.
    """
    requests = (
        ImprovementRequest.objects.for_council(council)
        .filter(status__in=WAITING, score__isnull=False)
        .select_related("directorate", "service_area")
        .annotate(
            pathway_rank=Case(
                *(When(pathway=code, then=Value(rank)) for rank, code in enumerate(PATHWAY_ORDER)),
                default=Value(len(PATHWAY_ORDER)),
                output_field=IntegerField(),
            )
        )
        .order_by("pathway_rank", "-score", "number")
    )
    if pathway == NO_PATHWAY:
        requests = requests.filter(pathway="")
    elif pathway:
        requests = requests.filter(pathway=pathway)
    if directorate is not None:
        requests = requests.filter(directorate=directorate)
    if service_area is not None:
        requests = requests.filter(service_area=service_area)
    return requests


def queue_for(
    council: Council, *, group: str = "", pathway: str = "", text: str = ""
) -> QuerySet[ImprovementRequest]:
    """Every request of the council, newest first, filtered by queue group (lifecycle.QUEUE),
    pathway and a reference (IMP-0012, or 12) or words of the process or problem."""
    found = ImprovementRequest.objects.for_council(council).select_related(
        "directorate", "service_area", "champion"
    )
    statuses = next((group_statuses for code, _, group_statuses in QUEUE if code == group), ())
    if statuses:
        found = found.filter(status__in=statuses)
    if pathway == NO_PATHWAY:
        found = found.filter(pathway="")
    elif pathway:
        found = found.filter(pathway=pathway)
    text = text.strip()
    number = text.upper().removeprefix("IMP-").removeprefix("IMP")
    if number.isascii() and number.isdigit():  # "²" is a digit to Python, not to int()
        found = found.filter(number=int(number))
    elif text:
        found = found.filter(
            Q(process_impacted__icontains=text) | Q(problem_statement__icontains=text)
        )
    return found.order_by("-number")


def improvement_for(council: Council, number: int) -> QuerySet[ImprovementRequest]:
    return (
        ImprovementRequest.objects.for_council(council)
        .filter(number=number)
        .select_related("directorate", "service_area", "raised_by")
    )


def raised_by(council: Council, user: AbstractBaseUser) -> QuerySet[ImprovementRequest]:
    """The requests `user` raised in `council`, newest first: their "Your requests" list."""
    return (
        ImprovementRequest.objects.for_council(council).filter(raised_by=user).order_by("-number")
    )


@dataclass(frozen=True)
class StatusChange:
    when: datetime
    status: str


def status_timeline(improvement: ImprovementRequest) -> list[StatusChange]:
    """When the request reached each status, newest first: what the person who raised it
    reads (no one's names, notes or reasons, which are the team's)."""
    changes: list[StatusChange] = []
    for status, when in improvement.history.order_by("history_date", "history_id").values_list(  # type: ignore[attr-defined]
        "status", "history_date"
    ):
        if not changes or changes[-1].status != Status(status).label:
            changes.append(StatusChange(when=when, status=Status(status).label))
    return changes[::-1]


@dataclass(frozen=True)
class ImprovementHistoryRow:
    row: HistoryRow
    reason: str


def improvement_history(improvement: ImprovementRequest) -> list[ImprovementHistoryRow]:
    """Who changed the request, when, what changed and why (newest first)."""
    rows = history_of(improvement)
    reasons = improvement.history.order_by("-history_date", "-history_id").values_list(  # type: ignore[attr-defined]
        "history_change_reason", flat=True
    )
    labels = dict(Status.choices)
    status_label = str(ImprovementRequest._meta.get_field("status").verbose_name).capitalize()

    def readable(row: HistoryRow) -> HistoryRow:
        changes = tuple(
            (field, labels.get(old, old), labels.get(new, new))
            if field == status_label
            else (field, old, new)
            for field, old, new in row.changes
        )
        return HistoryRow(when=row.when, who=row.who, action=row.action, changes=changes)

    return [
        ImprovementHistoryRow(row=readable(row), reason=reason or "")
        for row, reason in zip(rows, reasons, strict=True)
    ]


def matrix_for(council: Council, *, active_only: bool = False) -> QuerySet[ScoringQuestion]:
    questions = ScoringQuestion.objects.for_council(council).prefetch_related("options")
    return questions.filter(active=True) if active_only else questions


def decision_tree_for(council: Council) -> list[DecisionNode]:
    return list(DecisionNode.objects.for_council(council).select_related("yes_next", "no_next"))


def feasibility_questions_for(council: Council) -> list[FeasibilityQuestion]:
    return list(FeasibilityQuestion.objects.for_council(council))


def people_who_may(council: Council, action: str) -> QuerySet[User]:
    """The council's people whose role may take `action` (of the one role table)."""
    return (
        User.objects.filter(
            memberships__council=council, memberships__role__in=ACTION_ROLES[action]
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def champions_for(council: Council) -> QuerySet[User]:
    """The council's green belt champions (people with that role)."""
    return User.objects.filter(
        memberships__council=council, memberships__role=Role.GREEN_BELT_CHAMPION
    ).order_by("first_name", "last_name", "username")


@dataclass(frozen=True)
class RatingSummary:
    count: int
    average: Decimal | None


@dataclass(frozen=True)
class Ratings:
    before: RatingSummary
    after: RatingSummary


def ratings_for(improvement: ImprovementRequest) -> Ratings:
    """Customers' star ratings before and after the improvement went live (all are "before"
    until it goes live)."""
    ratings = Rating.objects.filter(improvement=improvement)
    live = improvement.went_live_at

    def summary(queryset: QuerySet[Rating]) -> RatingSummary:
        found = queryset.aggregate(count=Count("id"), average=Avg("stars"))
        average = found["average"]
        return RatingSummary(
            count=found["count"],
            average=None if average is None else Decimal(str(average)).quantize(Decimal("0.1")),
        )

    if live is None:
        return Ratings(before=summary(ratings), after=RatingSummary(0, None))
    return Ratings(
        before=summary(ratings.filter(created__lt=live)),
        after=summary(ratings.filter(created__gte=live)),
    )


@dataclass(frozen=True)
class ImprovementRecords:
    scores: list[Score]
    pathway_decisions: list[PathwayDecision]
    feasibility: list[FeasibilityAssessment]
    phase_returns: list[PhaseCompletionReturn]
    change_requests: list[ChangeRequest]
    sign_off: GoLiveSignOff | None
    evidence: list[Evidence]
    benefits: Benefits | None
    ratings: Ratings


def improvement_records(improvement: ImprovementRequest) -> ImprovementRecords:
    """Everything recorded about one request, for its page."""
    return ImprovementRecords(
        scores=list(improvement.scores.select_related("scored_by")),
        pathway_decisions=list(improvement.pathway_decisions.select_related("decided_by")),
        feasibility=list(improvement.feasibility_assessments.select_related("assessed_by")),
        phase_returns=list(improvement.phase_returns.select_related("filed_by")),
        change_requests=list(improvement.change_requests.select_related("raised_by", "decided_by")),
        sign_off=improvement.sign_offs.filter(withdrawn=False).select_related("owner").first(),
        evidence=list(improvement.evidence.all()),
        benefits=Benefits.objects.filter(improvement=improvement).first(),
        ratings=ratings_for(improvement),
    )


def self_serve_for(council: Council, user: AbstractBaseUser) -> QuerySet[ImprovementRequest]:
    """A green belt champion's own self-serve (GBC) improvements, in reference order."""
    return (
        ImprovementRequest.objects.for_council(council)
        .filter(pathway=Pathway.GBC, champion=user)
        .select_related("service_area", "directorate")
    )


def self_serve_all(council: Council) -> QuerySet[ImprovementRequest]:
    return (
        ImprovementRequest.objects.for_council(council)
        .filter(pathway=Pathway.GBC)
        .select_related("service_area", "directorate", "champion")
    )


@dataclass(frozen=True)
class Headlines:
    improvements_delivered: int
    online_forms_delivered: int
    hours_saved: Decimal
    working_days: Decimal
    officer_time_value: Decimal
    cashable_savings: Decimal
    one_off_costs: Decimal
    ratings: RatingSummary


def success_headlines(council: Council) -> Headlines:
    """The seed's success headlines from what has been delivered: improvements live or closed,
    online forms delivered, officer hours saved a year (and working days at the council's
    hours a day), money saved (officer time valued with on-cost, and cashable savings)."""
    delivered = ImprovementRequest.objects.for_council(council).filter(went_live_at__isnull=False)
    benefits = Benefits.objects.for_council(council).aggregate(
        hours=Sum("hours_saved_per_year"),
        value=Sum("officer_time_value"),
        cash=Sum("cashable_savings"),
        costs=Sum("one_off_costs"),
        forms=Count("id", filter=Q(online_form_delivered=True)),
    )
    hours = benefits["hours"] or Decimal("0")
    ratings = Rating.objects.for_council(council).aggregate(count=Count("id"), avg=Avg("stars"))
    return Headlines(
        improvements_delivered=delivered.count(),
        online_forms_delivered=benefits["forms"] or 0,
        hours_saved=hours,
        working_days=(hours / council.working_day_hours).quantize(Decimal("1")),
        officer_time_value=benefits["value"] or Decimal("0"),
        cashable_savings=benefits["cash"] or Decimal("0"),
        one_off_costs=benefits["costs"] or Decimal("0"),
        ratings=RatingSummary(
            count=ratings["count"],
            average=None
            if ratings["avg"] is None
            else Decimal(str(ratings["avg"])).quantize(Decimal("0.1")),
        ),
    )


def workshops_for(council: Council) -> QuerySet[Workshop]:
    return Workshop.objects.for_council(council).prefetch_related("improvements")


def cohorts_for(council: Council) -> QuerySet[TrainingCohort]:
    return TrainingCohort.objects.for_council(council).prefetch_related(
        Prefetch("delegates", queryset=TrainingDelegate.objects.select_related("service_area"))
    )


def service_areas_without_champion(council: Council) -> QuerySet[ServiceArea]:
    """Service areas with no delegate who has completed green belt training: the seed aims
    for at least one trained champion in every service area."""
    trained = TrainingDelegate.objects.for_council(council).filter(
        completed=True, cohort__belt=Belt.GREEN
    )
    return (
        ServiceArea.objects.for_council(council)
        .exclude(pk__in=trained.values("service_area"))
        .select_related("directorate")
    )
