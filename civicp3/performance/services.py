"""Every change to benefits, channel costs, KPIs and their actuals: one transaction each."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from civicp3.lib.errors import DomainError
from civicp3.organisation.models import Council
from civicp3.organisation.services import lock_council, next_number
from civicp3.performance.measures import CUMULATIVE, measure_for
from civicp3.performance.models import (
    Benefit,
    BenefitPeriod,
    ChannelCost,
    Kpi,
    KpiActual,
    OpeningBalance,
    Valuation,
)
from civicp3.performance.rag import rag
from civicp3.performance.selectors import channel_costs


class PerformanceError(DomainError):
    """A change the performance rules refuse."""


def _check_benefit(council: Council, fields: dict[str, Any]) -> None:
    project, improvement = fields.get("project"), fields.get("improvement")
    if bool(project) == bool(improvement):
        raise PerformanceError(
            "Choose either a project or an improvement the benefit belongs to", field="project"
        )
    for record in (project, improvement, fields.get("wage_rate")):
        if record is not None and record.council_id != council.pk:
            raise PerformanceError("That record belongs to another council")
    valuation = fields.get("valuation")
    if valuation == Valuation.HOURS and not fields.get("wage_rate"):
        raise PerformanceError("Select the wage grade the hours are valued at", field="wage_rate")
    if valuation == Valuation.CHANNEL_SHIFT:
        source, target = fields.get("from_channel"), fields.get("to_channel")
        if not source or not target:
            raise PerformanceError(
                "Select the channels contacts move from and to", field="from_channel"
            )
        if source == target:
            raise PerformanceError("Contacts must move to a different channel", field="to_channel")


def benefit_create(*, council: Council, **fields: Any) -> Benefit:
    _check_benefit(council, fields)
    with transaction.atomic():
        lock_council(council)
        return Benefit.objects.create(
            council=council, number=next_number(Benefit, council), **fields
        )


def benefit_period_record(
    *, benefit: Benefit, period: date, planned: Decimal, realised: Decimal | None
) -> BenefitPeriod:
    """Planned and realised quantity for a month; recording the same month again updates it."""
    if planned < 0 or (realised is not None and realised < 0):
        raise PerformanceError("Enter amounts of 0 or more", field="planned")
    with transaction.atomic():
        record, _ = BenefitPeriod.objects.update_or_create(
            council_id=benefit.council_id,
            benefit=benefit,
            period=period.replace(day=1),
            defaults={"planned": planned, "realised": realised},
        )
    return record


def channel_costs_update(*, council: Council, costs: dict[str, Decimal], source: str) -> None:
    if any(cost < 0 for cost in costs.values()):
        raise PerformanceError("A cost per contact cannot be negative")
    if not source.strip():
        raise PerformanceError("Enter where the costs come from", field="source")
    with transaction.atomic():
        for channel, record in channel_costs(council).items():
            if channel in costs:
                record.cost_per_contact = costs[channel]
                record.source = source.strip()
                record.save()


def kpi_save(*, council: Council, kpi: Kpi | None = None, **fields: Any) -> Kpi:
    """A KPI is reported (its owner records actuals) or computed from one of the app's
    measures (named in `measure`), never both."""
    if fields.get("tolerance", Decimal("0")) < 0:
        raise PerformanceError("The tolerance cannot be negative", field="tolerance")
    if fields.get("measure") and measure_for(council, fields["measure"]) is None:
        raise PerformanceError("Choose a measure the app computes", field="measure")
    record = kpi or Kpi(council=council)
    for name, value in fields.items():
        setattr(record, name, value)
    try:
        with transaction.atomic():
            record.save()
            for actual in record.actuals.all():
                _restatus(actual)
    except IntegrityError as error:
        raise PerformanceError(
            "The council already has a KPI with that name", field="name"
        ) from error
    return record


def _restatus(actual: KpiActual) -> None:
    kpi = actual.kpi
    status = rag(actual.value, kpi.target, kpi.tolerance, kpi.polarity).value
    if status != actual.status:
        actual.status = status
        actual.save(update_fields=["status"])


def kpi_actual_record(
    *, kpi: Kpi, period: date, value: Decimal, commentary: str = "", actions: str = ""
) -> KpiActual:
    """The actual for a period with its RAG status; the same period again replaces it."""
    if kpi.measure:
        raise PerformanceError(
            f"{kpi.name} is computed from the app's records, so its actual cannot be typed in",
            field="value",
        )
    status = rag(value, kpi.target, kpi.tolerance, kpi.polarity).value
    if status != "green" and not commentary.strip():
        raise PerformanceError(
            f"Enter the owner's commentary: {kpi.name} is {status} this period",
            field="commentary",
        )
    with transaction.atomic():
        actual, _ = KpiActual.objects.update_or_create(
            council_id=kpi.council_id,
            kpi=kpi,
            period=period.replace(day=1),
            defaults={
                "value": value,
                "status": status,
                "commentary": commentary.strip(),
                "actions": actions.strip(),
            },
        )
    return actual


def opening_balance_save(
    *, council: Council, measure: str, value: Decimal, period: str, source: str
) -> OpeningBalance:
    """A measure's total from before the app, with the period it covers and where it comes
    from; saving the same measure again replaces it."""
    if measure not in CUMULATIVE:
        raise PerformanceError("Choose a measure that counts totals to date", field="measure")
    if value < 0:
        raise PerformanceError("Enter an opening balance of 0 or more", field="value")
    for name, text in (("period", period), ("source", source)):
        if not text.strip():
            raise PerformanceError(f"Enter the opening balance's {name}", field=name)
    with transaction.atomic():
        record, _ = OpeningBalance.objects.update_or_create(
            council=council,
            measure=measure,
            defaults={"value": value, "period": period.strip(), "source": source.strip()},
        )
    return record


__all__ = [
    "ChannelCost",
    "PerformanceError",
    "benefit_create",
    "benefit_period_record",
    "channel_costs_update",
    "kpi_actual_record",
    "kpi_save",
    "opening_balance_save",
]
