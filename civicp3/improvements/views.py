from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from civicp3.improvements import selectors, services, worklist
from civicp3.improvements.forms import TransitionForm, WaitingListFilterForm
from civicp3.improvements.lifecycle import NEEDS_REASON, WORDING, Status, allowed_from
from civicp3.improvements.models import ImprovementRequest, Pathway
from civicp3.improvements.tabular import FORMATS, table_response
from civicp3.organisation.roles import can
from civicp3.organisation.scoping import council_view, current_council, current_roles

PAGE_SIZE = 25


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    total: int
    continued: bool
    rows: list[ImprovementRequest]


def _filtered_waiting_list(request: HttpRequest) -> tuple[WaitingListFilterForm, Any]:
    council = current_council(request)
    form = WaitingListFilterForm(request.GET or None, council=council)
    filters: dict[str, Any] = {}
    if form.is_bound:
        # An invalid choice is shown as an error; the valid filters still apply.
        form.is_valid()
        filters = form.cleaned_data
    requests = selectors.waiting_list_for(
        council,
        pathway=filters.get("pathway") or "",
        directorate=filters.get("ad_area"),
        service_area=filters.get("service_area"),
    )
    return form, requests


@council_view("improvements.view")
def waiting_list(request: HttpRequest) -> HttpResponse:
    form, requests = _filtered_waiting_list(request)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    totals = dict(
        requests.order_by()
        .values_list("pathway")
        .annotate(count=Count("id"))
        .values_list("pathway", "count")
    )
    previous = requests[page.start_index() - 2] if page.number > 1 else None
    sections: list[Section] = []
    for improvement in page.object_list:
        if not sections or sections[-1].code != improvement.pathway:
            code = improvement.pathway
            sections.append(
                Section(
                    code=code or "none",
                    title=Pathway(code).label if code else "Pathway not decided yet",
                    total=totals.get(code, 0),
                    continued=not sections
                    and previous is not None
                    and previous.pathway == improvement.pathway,
                    rows=[],
                )
            )
        sections[-1].rows.append(improvement)
    return render(
        request,
        "improvements/waiting_list.html",
        {"form": form, "page": page, "sections": sections, "count": page.paginator.count},
    )


@council_view("improvements.view")
def waiting_list_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("No such format")
    _, requests = _filtered_waiting_list(request)
    council = current_council(request)
    return table_response(
        fmt,
        f"waiting-list-{council.slug}-{timezone.localdate():%Y-%m-%d}",
        worklist.HEADERS,
        (worklist.worklist_row(improvement) for improvement in requests.iterator()),
        title="Waiting list",
    )


@council_view("improvements.view")
def improvement_detail(request: HttpRequest, number: str) -> HttpResponse:
    council = current_council(request)
    improvement = get_object_or_404(selectors.improvement_for(council, int(number)))
    may_change = can(current_roles(request), "improvements.transition")
    form = TransitionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied("Only the improvement team changes an improvement's status.")
        if form.is_valid():
            try:
                services.improvement_transition(
                    improvement=improvement,
                    to=form.cleaned_data["to"],
                    actor=request.user,  # type: ignore[arg-type]
                    reason=form.cleaned_data["reason"],
                )
            except services.ImprovementError as error:
                form.add_error(error.field, error.message)
            else:
                now = WORDING[Status(improvement.status)].is_phrase
                messages.success(request, f"{improvement.reference} is now {now}")
                return redirect(improvement.get_absolute_url())
    actions = [
        {
            "to": status.value,
            "label": WORDING[status].button,
            "warning": status in (Status.REJECTED, Status.WITHDRAWN),
            "needs_reason": status in NEEDS_REASON,
        }
        for status in allowed_from(improvement.status)
    ]
    return render(
        request,
        "improvements/detail.html",
        {
            "improvement": improvement,
            "form": form,
            "actions": actions if may_change else [],
            "history": selectors.improvement_history(improvement),
        },
    )
