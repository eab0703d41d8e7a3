"""Reads of improvement requests for pages and exports (the joins live here)."""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, QuerySet, Value, When

from civicp3.improvements.lifecycle import WAITING, Status
from civicp3.improvements.models import ImprovementRequest, Pathway
from civicp3.organisation.models import Council, Directorate, ServiceArea
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


def improvement_for(council: Council, number: int) -> QuerySet[ImprovementRequest]:
    return (
        ImprovementRequest.objects.for_council(council)
        .filter(number=number)
        .select_related("directorate", "service_area", "raised_by")
    )


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
