"""The measures the app computes from its own records: one registry, read by the scorecard, the
exceptions report, the success headlines, the P3 headline report and the Productivity Plan
evidence, so one measure cannot show two numbers.

Each measure has a name, the period it covers, its formula in words and the records behind it.
A cumulative measure starts from the council's opening balance (its total from before the app)
and shows both parts. Values are exact until shown; `MeasureValue.shown` rounds once.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.urls import reverse

from civicp3.improvements.models import (
    Belt,
    Benefits,
    ImprovementRequest,
    Pathway,
    Tag,
    TrainingDelegate,
)
from civicp3.organisation.models import Council
from civicp3.performance import selectors
from civicp3.performance.models import KpiActual, OpeningBalance
from civicp3.performance.rag import rag
from civicp3.portfolio import selectors as portfolio
from civicp3.portfolio.lifecycle import Stage
from civicp3.portfolio.models import HealthCheck, Project
from civicp3.reports.document import money, number

COUNT, MONEY, HOURS, DAYS, PERCENT = "count", "money", "hours", "days", "percent"
ROUNDING = {"down": ROUND_FLOOR, "nearest": ROUND_HALF_UP}


@dataclass(frozen=True)
class Record:
    """One record behind a figure, with the page that shows it."""

    text: str
    url: str


@dataclass(frozen=True)
class Reading:
    """What the app's records give for a measure: the exact value (None if it cannot be
    computed, with a note saying why) and the records behind it."""

    value: Decimal | None
    records: list[Record] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    period: str
    formula: str
    unit: str
    compute: Callable[[Council, date], Reading]
    cumulative: bool = False  # starts from the council's opening balance


@dataclass(frozen=True)
class MeasureValue:
    measure: Measure
    in_app: Decimal | None
    opening: OpeningBalance | None
    records: list[Record]
    note: str
    working_day_hours: Decimal
    rounding: str

    @property
    def key(self) -> str:
        return self.measure.key

    @property
    def label(self) -> str:
        return self.measure.label

    @property
    def exact(self) -> Decimal | None:
        if self.in_app is None:
            return None
        return self.in_app + (self.opening.value if self.opening else Decimal(0))

    def show(self, value: Decimal | None) -> str:
        """A value in the measure's unit, rounded once, for display."""
        if value is None:
            return "Not available"
        unit = self.measure.unit
        if unit == MONEY:
            return money(value)
        if unit == DAYS:
            return number(value.quantize(Decimal("1"), rounding=ROUNDING[self.rounding]))
        if unit == PERCENT:
            return f"{number(value.quantize(Decimal('1'), rounding=ROUND_HALF_UP))}%"
        if unit == COUNT and value != value.to_integral_value():
            return number(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
        return number(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))

    @property
    def shown(self) -> str:
        return self.show(self.exact)

    @property
    def parts(self) -> str:
        """Both parts of a cumulative figure: before the app and in it."""
        if self.opening is None:
            return ""
        return (
            f"{self.show(self.opening.value)} before the app ({self.opening.period}, "
            f"{self.opening.source}) and {self.show(self.in_app)} recorded in the app"
        )

    @property
    def url(self) -> str:
        return reverse("performance-measure", kwargs={"key": self.key})


def _improvements(records: Iterable[ImprovementRequest]) -> list[Record]:
    return [Record(f"{i.reference}: {i.process_impacted}", i.get_absolute_url()) for i in records]


def _projects(records: Iterable[Project]) -> list[Record]:
    return [Record(str(p), p.get_absolute_url()) for p in records]


def _delivered(council: Council) -> QuerySet[ImprovementRequest]:
    return (
        ImprovementRequest.objects.for_council(council)
        .filter(went_live_at__isnull=False)
        .order_by("went_live_at", "number")
    )


def _benefits(council: Council, **filters: object) -> QuerySet[Benefits]:
    return (
        Benefits.objects.for_council(council)
        .filter(improvement__went_live_at__isnull=False, **filters)
        .select_related("improvement")
        .order_by("improvement__number")
    )


def _sum(benefits: QuerySet[Benefits], name: str) -> Reading:
    rows = list(benefits)
    return Reading(
        sum((getattr(b, name) for b in rows), Decimal(0)),
        _improvements(b.improvement for b in rows),
    )


def _year_ago(today: date) -> date:
    return today - timedelta(days=365)


def improvements_delivered(council: Council, today: date) -> Reading:
    delivered = list(_delivered(council))
    return Reading(Decimal(len(delivered)), _improvements(delivered))


def online_forms(council: Council, today: date) -> Reading:
    rows = list(_benefits(council, online_form_delivered=True))
    return Reading(Decimal(len(rows)), _improvements(b.improvement for b in rows))


def hours_saved(council: Council, today: date) -> Reading:
    return _sum(_benefits(council), "hours_saved_per_year")


def officer_time(council: Council, today: date) -> Reading:
    return _sum(_benefits(council), "officer_time_value")


def hours_this_year(council: Council, today: date) -> Reading:
    return _sum(
        _benefits(council, improvement__went_live_at__date__gt=_year_ago(today)),
        "hours_saved_per_year",
    )


def officer_time_this_year(council: Council, today: date) -> Reading:
    return _sum(
        _benefits(council, improvement__went_live_at__date__gt=_year_ago(today)),
        "officer_time_value",
    )


def cashable_a_year(council: Council, today: date) -> Reading:
    return _sum(_benefits(council), "cashable_savings")


def working_days(council: Council, today: date) -> Reading:
    hours = value_of(council, "officer_hours_saved", today)
    exact = hours.exact
    return Reading(
        None if exact is None else exact / council.working_day_hours,
        hours.records,
        f"{hours.shown} hours saved ÷ {number(council.working_day_hours)} hours a working day, "
        f"rounded {council.get_working_day_rounding_display().lower()}.",
    )


def _register(council: Council, *, cashable: bool | None = None, planned: bool) -> Reading:
    benefits = selectors.benefits_for(council)
    if cashable is not None:
        benefits = benefits.filter(cashable=cashable)
    rows = selectors.benefit_rows(council, benefits)
    exact = sum(
        ((r.planned_quantity if planned else r.realised_quantity) * r.unit_value for r in rows),
        Decimal(0),
    )
    return Reading(exact, [Record(str(r.benefit), r.benefit.get_absolute_url()) for r in rows])


def delivered_per_month(council: Council, today: date) -> Reading:
    recent = list(_delivered(council).filter(went_live_at__date__gt=_year_ago(today)))
    return Reading(Decimal(len(recent)) / 12, _improvements(recent))


def days_to_live(council: Council, today: date) -> Reading:
    delivered = [i for i in _delivered(council) if i.went_live_at]
    if not delivered:
        return Reading(None, note="No improvement has gone live yet.")
    days = [Decimal((i.went_live_at - i.created).days) for i in delivered]  # type: ignore[operator]
    return Reading(sum(days, Decimal(0)) / len(days), _improvements(delivered))


def champions_trained(council: Council, today: date) -> Reading:
    delegates = TrainingDelegate.objects.for_council(council).filter(
        completed=True, cohort__belt=Belt.GREEN
    )
    return Reading(
        Decimal(delegates.count()),
        [Record(d.name, reverse("improvement-training")) for d in delegates],
    )


def champions_active(council: Council, today: date) -> Reading:
    work = (
        ImprovementRequest.objects.for_council(council)
        .filter(pathway=Pathway.GBC, champion__isnull=False, created__date__gt=_year_ago(today))
        .select_related("champion")
    )
    champions = {i.champion_id for i in work}
    return Reading(Decimal(len(champions)), _improvements(work))


def highlights_on_time(council: Council, today: date) -> Reading:
    active = list(Project.objects.for_council(council).filter(stage=Stage.ACTIVE))
    if not active:
        return Reading(None, note="No active project is due a highlight report.")
    overdue = {p.pk for p, _ in portfolio.overdue_highlights(council, today)}
    return Reading(Decimal(100) * (len(active) - len(overdue)) / len(active), _projects(active))


def health_checks(council: Council, today: date) -> Reading:
    checks = HealthCheck.objects.for_council(council).filter(date__gt=_year_ago(today))
    checks = checks.select_related("project").order_by("date")
    return Reading(
        Decimal(checks.count()),
        [
            Record(f"{c.project} on {c.date:%-d %B %Y}", c.project.get_absolute_url())
            for c in checks
        ],
        "Counted against no plan: the app holds no health-check schedule to measure against.",
    )


def gate_compliance(council: Council, today: date) -> Reading:
    results = selectors.gate_compliance(council)
    passed = sum(len(r.passed) for r in results)
    if not passed:
        return Reading(None, note="No project has passed a gate yet.")
    compliant = sum(r.compliant for r in results)
    projects = {p.pk: p for r in results for p in r.passed}
    return Reading(Decimal(100) * compliant / passed, _projects(projects.values()))


def _stage(*stages: str) -> Callable[[Council, date], Reading]:
    def compute(council: Council, today: date) -> Reading:
        projects = Project.objects.for_council(council).order_by("number")
        if stages:
            projects = projects.filter(stage__in=stages)
        rows = list(projects)
        return Reading(Decimal(len(rows)), _projects(rows))

    return compute


_TO_DATE = "Totals to date"
_YEAR = "The 12 months to today"
_CLOSED = "counted once, when the improvement is closed with its benefits"

MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        Measure(
            "improvements_delivered",
            "improvements delivered",
            _TO_DATE,
            "Improvements that have gone live, plus the opening balance.",
            COUNT,
            improvements_delivered,
            cumulative=True,
        ),
        Measure(
            "online_forms_delivered",
            "online forms (accessible 24/7)",
            _TO_DATE,
            "Improvements gone live whose benefits record an online form delivered, plus the "
            "opening balance.",
            COUNT,
            online_forms,
            cumulative=True,
        ),
        Measure(
            "officer_hours_saved",
            "officer hours saved",
            _TO_DATE,
            f"The officer hours a year each delivered improvement saves, {_CLOSED}, plus the "
            "opening balance.",
            HOURS,
            hours_saved,
            cumulative=True,
        ),
        Measure(
            "working_days_saved",
            "working days saved",
            _TO_DATE,
            "Officer hours saved to date divided by the council's hours in a working day, "
            "rounded as the council sets.",
            DAYS,
            working_days,
        ),
        Measure(
            "officer_time_saved",
            "saved in officer time",
            _TO_DATE,
            f"The value of officer time a year each delivered improvement saves (with on-cost), "
            f"{_CLOSED}, plus the opening balance.",
            MONEY,
            officer_time,
            cumulative=True,
        ),
        Measure(
            "hours_saved_this_year",
            "officer hours a year saved by this year's improvements",
            _YEAR,
            "The officer hours a year saved by improvements that went live in the last 12 months.",
            HOURS,
            hours_this_year,
        ),
        Measure(
            "officer_time_saved_this_year",
            "officer time a year saved by this year's improvements",
            _YEAR,
            "The value of officer time a year saved by improvements that went live in the last "
            "12 months.",
            MONEY,
            officer_time_this_year,
        ),
        Measure(
            "cashable_savings_a_year",
            "cashable savings a year from improvements",
            "A year, from the improvements delivered",
            "The cashable savings a year recorded when each delivered improvement was closed.",
            MONEY,
            cashable_a_year,
        ),
        Measure(
            "benefits_planned",
            "benefits planned",
            "All months on the benefits register",
            "Each register benefit's planned quantity in every month, valued at today's rates.",
            MONEY,
            lambda council, today: _register(council, planned=True),
        ),
        Measure(
            "benefits_realised",
            "benefits realised to date",
            "All months on the benefits register",
            "Each register benefit's realised quantity in every month, valued at today's rates.",
            MONEY,
            lambda council, today: _register(council, planned=False),
        ),
        Measure(
            "benefits_realised_cashable",
            "of which cashable",
            "All months on the benefits register",
            "Realised value of the register's cashable benefits.",
            MONEY,
            lambda council, today: _register(council, cashable=True, planned=False),
        ),
        Measure(
            "benefits_realised_non_cashable",
            "of which non-cashable",
            "All months on the benefits register",
            "Realised value of the register's non-cashable benefits.",
            MONEY,
            lambda council, today: _register(council, cashable=False, planned=False),
        ),
        Measure(
            "delivered_per_month",
            "improvements delivered a month",
            _YEAR,
            "Improvements that went live in the last 12 months, divided by 12.",
            COUNT,
            delivered_per_month,
        ),
        Measure(
            "days_raised_to_live",
            "average days from request to live",
            _TO_DATE,
            "For each improvement gone live, the days from its request to going live; averaged.",
            COUNT,
            days_to_live,
        ),
        Measure(
            "champions_trained",
            "green belt champions trained",
            _TO_DATE,
            "Delegates who completed a green belt cohort.",
            COUNT,
            champions_trained,
        ),
        Measure(
            "champions_active",
            "green belt champions active",
            _YEAR,
            "Champions with a self-serve (GBC) improvement raised in the last 12 months.",
            COUNT,
            champions_active,
        ),
        Measure(
            "highlights_on_time",
            "active projects with highlight reports on time",
            "Today",
            "Active projects whose last highlight report is within the council's due days, "
            "as a percentage of active projects.",
            PERCENT,
            highlights_on_time,
        ),
        Measure(
            "health_checks_recorded",
            "health checks recorded",
            _YEAR,
            "Health checks PMO recorded in the last 12 months.",
            COUNT,
            health_checks,
        ),
        Measure(
            "gate_compliance",
            "gates passed with their document",
            _TO_DATE,
            "Of every gate a project has passed, the percentage with the gate's document on "
            "record.",
            PERCENT,
            gate_compliance,
        ),
        Measure(
            "projects_on_register",
            "on the P3 register",
            "Today",
            "Projects, programmes and portfolios on the register.",
            COUNT,
            _stage(),
        ),
        Measure(
            "projects_active",
            "active projects",
            "Today",
            "Projects at the active stage.",
            COUNT,
            _stage(Stage.ACTIVE),
        ),
    )
}
CUMULATIVE = tuple(key for key, m in MEASURES.items() if m.cumulative)


# A measure per tag of the council: `tagged:<slug>` counts the delivered improvements with that
# tag, so a KPI, a report or the dashboard reads it as it reads any measure.
TAGGED = "tagged:"


def _tagged(council: Council, key: str) -> Measure | None:
    tag = (
        Tag.objects.for_council(council).filter(slug=key.removeprefix(TAGGED)).first()
        if key.startswith(TAGGED)
        else None
    )
    if tag is None:
        return None

    def compute(council: Council, today: date) -> Reading:
        delivered = list(_delivered(council).filter(tags=tag))
        return Reading(Decimal(len(delivered)), _improvements(delivered))

    return Measure(
        key,
        f"improvements delivered tagged {tag.name}",
        _TO_DATE,
        f"Improvements that have gone live and are tagged {tag.name}.",
        COUNT,
        compute,
    )


def measure_for(council: Council, key: str) -> Measure | None:
    """The measure a key names for this council (a registry key or `tagged:<slug>`), or None."""
    return MEASURES.get(key) or _tagged(council, key)


def tagged_values(council: Council, today: date) -> list[MeasureValue]:
    """Improvements delivered with each of the council's tags, in the tags' order."""
    slugs = Tag.objects.for_council(council).values_list("slug", flat=True)
    return [value_of(council, f"{TAGGED}{slug}", today) for slug in slugs]


def value_of(council: Council, key: str, today: date) -> MeasureValue:
    measure = measure_for(council, key)
    if measure is None:
        raise KeyError(key)
    reading = measure.compute(council, today)
    opening = (
        OpeningBalance.objects.for_council(council).filter(measure=key).first()
        if measure.cumulative
        else None
    )
    return MeasureValue(
        measure,
        reading.value,
        opening,
        reading.records,
        reading.note,
        council.working_day_hours,
        council.working_day_rounding,
    )


def values_of(council: Council, keys: Iterable[str], today: date) -> list[MeasureValue]:
    return [value_of(council, key, today) for key in keys]


def figures(values: Iterable[MeasureValue]) -> list[tuple[str, str]]:
    """Measures as a document's key figures: the label and the value shown."""
    return [(v.label, v.shown) for v in values]


HEADLINES = (
    "improvements_delivered",
    "online_forms_delivered",
    "officer_hours_saved",
    "working_days_saved",
    "officer_time_saved",
    "cashable_savings_a_year",
)


def scorecard(council: Council, today: date) -> list[selectors.PerspectiveBlock]:
    """The balanced scorecard with each computed KPI's actual read from its measure today."""
    blocks = selectors.scorecard(council)
    for line in (line for block in blocks for line in block.lines):
        if not line.kpi.measure or measure_for(council, line.kpi.measure) is None:
            continue
        line.measure = value = value_of(council, line.kpi.measure, today)
        line.previous = None
        line.latest = None
        if value.exact is not None:
            kpi = line.kpi
            line.latest = KpiActual(
                council=council,
                kpi=kpi,
                period=today.replace(day=1),
                value=value.exact,
                status=rag(value.exact, kpi.target, kpi.tolerance, kpi.polarity).value,
                commentary=f"Computed by the app: {value.measure.formula}",
            )
    return blocks
