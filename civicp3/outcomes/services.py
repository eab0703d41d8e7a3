"""Every change to outcome frameworks goes through these functions, each in a transaction.

Loading a framework is all or nothing: every bad cell is named ("Row N, Column: reason") in
`ImportRefused` and nothing is written.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction

from civicp3.lib.errors import DomainError
from civicp3.organisation.models import Council
from civicp3.organisation.services import ImportRefused, _table
from civicp3.outcomes.models import (
    MetricFrequency,
    MetricKind,
    MetricValue,
    Outcome,
    OutcomeFramework,
    OutcomeMetric,
)
from civicp3.performance.models import Kpi

FRAMEWORK_COLUMNS = ("Outcome", "Metric", "Metric type", "Source", "Frequency")
LIMITS = {"Outcome": 300, "Metric": 300, "Source": 300}
KINDS = {
    **{kind.value: kind for kind in MetricKind},
    **{str(kind.label).lower(): kind for kind in MetricKind},
}
FREQUENCIES = {
    **{f.value: f for f in MetricFrequency},
    **{str(f.label).lower(): f for f in MetricFrequency},
}


class OutcomeError(DomainError):
    """A change to an outcomes framework the rules refuse."""


@dataclass(frozen=True)
class MetricRow:
    outcome: str
    metric: str
    kind: str
    source: str
    frequency: str


def _check_framework(rows: Sequence[Sequence[str]]) -> list[MetricRow]:
    data, errors = _table(rows, FRAMEWORK_COLUMNS, set())
    seen: dict[tuple[str, str], int] = {}
    found = []
    for number, cells in data:
        for column in ("Outcome", "Metric", "Source"):
            if not cells[column]:
                errors.append(f"Row {number}, {column}: Enter the {column.lower()}")
            elif len(cells[column]) > LIMITS[column]:
                errors.append(
                    f"Row {number}, {column}: Must be {LIMITS[column]} characters or fewer"
                )
        kind = KINDS.get(cells["Metric type"].lower())
        if kind is None:
            errors.append(
                f'Row {number}, Metric type: "{cells["Metric type"]}" is not a metric type: '
                "enter Outcome or Output"
            )
        frequency = FREQUENCIES.get(cells["Frequency"].lower())
        if frequency is None:
            errors.append(
                f'Row {number}, Frequency: "{cells["Frequency"]}" is not a frequency: enter '
                "Monthly, Quarterly, Annual or Every two years"
            )
        key = (cells["Outcome"].lower(), cells["Metric"].lower())
        if all(key) and key in seen:
            errors.append(
                f'Row {number}, Metric: "{cells["Metric"]}" is already on row {seen[key]} '
                "for the same outcome"
            )
        seen.setdefault(key, number)
        found.append(
            MetricRow(
                cells["Outcome"],
                cells["Metric"],
                kind.value if kind else "",
                cells["Source"],
                frequency.value if frequency else "",
            )
        )
    if errors:
        raise ImportRefused(errors)
    return found


@transaction.atomic
def framework_import(
    *, council: Council, name: str, rows: Sequence[Sequence[str]], filename: str = ""
) -> OutcomeFramework:
    """A new framework from rows headed FRAMEWORK_COLUMNS: one outcome per distinct Outcome
    (in the order first met) and its metrics in row order."""
    name = name.strip()
    problems = []
    if not name:
        problems.append("Name: Enter the framework's name")
    elif OutcomeFramework.objects.for_council(council).filter(name__iexact=name).exists():
        problems.append(f'Name: The council already has a framework called "{name}"')
    try:
        found = _check_framework(rows)
    except ImportRefused as error:
        raise ImportRefused([*problems, *error.errors]) from error
    if problems:
        raise ImportRefused(problems)
    framework = OutcomeFramework.objects.create(
        council=council, name=name, loaded_from=filename[:255]
    )
    outcomes: dict[str, Outcome] = {}
    counts: dict[int, int] = {}
    for row in found:
        outcome = outcomes.get(row.outcome.lower())
        if outcome is None:
            outcome = outcomes[row.outcome.lower()] = Outcome.objects.create(
                council=council, framework=framework, order=len(outcomes) + 1, title=row.outcome
            )
        counts[outcome.pk] = counts.get(outcome.pk, 0) + 1
        OutcomeMetric.objects.create(
            council=council,
            outcome=outcome,
            order=counts[outcome.pk],
            name=row.metric,
            kind=row.kind,
            source=row.source,
            frequency=row.frequency,
        )
    return framework


@transaction.atomic
def outcome_kpis_set(*, outcome: Outcome, kpis: Sequence[Kpi]) -> Outcome:
    """The council's KPIs that measure the outcome in year."""
    if any(kpi.council_id != outcome.council_id for kpi in kpis):
        raise OutcomeError("Select your council's KPIs", field="kpis")
    outcome.kpis.set(kpis)
    return outcome


@transaction.atomic
def metric_value_record(
    *,
    metric: OutcomeMetric,
    period: str,
    value: Decimal,
    source: str,
    published_on: date,
    today: date,
) -> MetricValue:
    """Record (or correct) the value a national metric was published with for a period."""
    period, source = period.strip(), source.strip()
    if not period:
        raise OutcomeError("Enter the period the value is for", field="period")
    if not source:
        raise OutcomeError("Enter where the value was published", field="source")
    if published_on > today:
        raise OutcomeError("The date published must be today or in the past", field="published_on")
    try:
        if not Decimal(value).is_finite():
            raise InvalidOperation
    except InvalidOperation as error:
        raise OutcomeError("Enter the value as a number", field="value") from error
    found, _created = MetricValue.objects.update_or_create(
        metric=metric,
        period=period,
        defaults={
            "council": metric.council,
            "value": value,
            "source": source,
            "published_on": published_on,
        },
    )
    return found


VALUE_COLUMNS = ("Outcome", "Metric", "Period", "Value", "Source", "Date published")


def _date_text(text: str) -> date | None:
    """A date as a spreadsheet gives it (2025-03-31, 2025-03-31T00:00:00) or as typed
    (31/03/2025)."""
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    day, _, rest = text.partition("/")
    month, _, year = rest.partition("/")
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


@dataclass(frozen=True)
class ValueRow:
    metric: OutcomeMetric
    period: str
    value: Decimal
    source: str
    published_on: date


def _check_values(
    framework: OutcomeFramework, rows: Sequence[Sequence[str]], today: date
) -> list[ValueRow]:
    data, errors = _table(rows, VALUE_COLUMNS, set())
    metrics = {
        (metric.outcome.title.lower(), metric.name.lower()): metric
        for metric in OutcomeMetric.objects.filter(outcome__framework=framework).select_related(
            "outcome"
        )
    }
    seen: dict[tuple[int, str], int] = {}
    found = []
    for number, cells in data:
        metric = metrics.get((cells["Outcome"].lower(), cells["Metric"].lower()))
        if metric is None:
            errors.append(
                f'Row {number}, Metric: "{cells["Metric"]}" is not a metric of the outcome '
                f'"{cells["Outcome"]}" in {framework.name}'
            )
        for column in ("Period", "Source"):
            if not cells[column]:
                errors.append(f"Row {number}, {column}: Enter the {column.lower()}")
        try:
            value = Decimal(cells["Value"].replace(",", ""))
            if not value.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            value = Decimal(0)
            errors.append(f'Row {number}, Value: "{cells["Value"]}" is not a number')
        published = _date_text(cells["Date published"])
        if published is None:
            errors.append(
                f'Row {number}, Date published: "{cells["Date published"]}" is not a date: '
                "enter it as 31/03/2025"
            )
        elif published > today:
            errors.append(f"Row {number}, Date published: Must be today or in the past")
        if metric is not None and cells["Period"]:
            key = (metric.pk, cells["Period"].lower())
            if key in seen:
                errors.append(
                    f"Row {number}, Period: {metric.name} for {cells['Period']} is already on "
                    f"row {seen[key]}"
                )
            seen.setdefault(key, number)
        if metric is not None and published is not None:
            found.append(ValueRow(metric, cells["Period"], value, cells["Source"], published))
    if errors:
        raise ImportRefused(errors)
    return found


@transaction.atomic
def metric_values_import(
    *, framework: OutcomeFramework, rows: Sequence[Sequence[str]], today: date
) -> int:
    """Record published values from rows headed VALUE_COLUMNS (a period already recorded is
    corrected). All or nothing: `ImportRefused` names every bad cell. Returns how many."""
    found = _check_values(framework, rows, today)
    for row in found:
        metric_value_record(
            metric=row.metric,
            period=row.period,
            value=row.value,
            source=row.source,
            published_on=row.published_on,
            today=today,
        )
    return len(found)
