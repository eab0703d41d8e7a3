"""Thin views: the benefits register, channel costs, the balanced scorecard and the reports."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from civicp3.lib.forms import refusal_on
from civicp3.lib.pagination import paginate
from civicp3.lib.tabular import FORMATS, table_response
from civicp3.organisation.roles import can
from civicp3.organisation.scoping import (
    council_view,
    current_council,
    current_roles,
    get_scoped_or_404,
)
from civicp3.performance import measures, selectors, services
from civicp3.performance.attention import attention_for
from civicp3.performance.documents import (
    REPORTS,
    benefits_table,
    kpi_trend,
    project_report,
    realisation_figure,
)
from civicp3.performance.forms import (
    BenefitFilterForm,
    BenefitForm,
    BenefitPeriodForm,
    ChannelCostsForm,
    KpiActualForm,
    KpiForm,
    OpeningBalanceForm,
)
from civicp3.performance.models import ChannelCost, Kpi
from civicp3.portfolio.selectors import project_for
from civicp3.reports.render import CONTENT_TYPES, document_response


def _refuse_unless(request: HttpRequest, action: str) -> None:
    if not can(current_roles(request), action):
        raise PermissionDenied("Your role does not allow this.")


def _filtered_benefits(request: HttpRequest) -> tuple[BenefitFilterForm, Any]:
    form = BenefitFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    benefits = selectors.benefits_for(
        current_council(request),
        cashable=data.get("cashable", ""),
        valuation=data.get("valuation", ""),
    )
    return form, benefits


@council_view("projects.view")
def benefits(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    form, found = _filtered_benefits(request)
    page = paginate(request, found)
    return render(
        request,
        "performance/benefits.html",
        {
            "form": form,
            "page": page,
            "rows": selectors.benefit_rows(council, page.object_list),
            "figure": realisation_figure(selectors.realisation(council)),
            "may_edit": can(current_roles(request), "projects.edit"),
        },
    )


@council_view("projects.view")
def benefits_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("No such format")
    council = current_council(request)
    _, found = _filtered_benefits(request)
    table = benefits_table(selectors.benefit_rows(council, found))
    return table_response(
        fmt,
        f"benefits-{council.slug}-{timezone.localdate():%Y-%m-%d}",
        table.headers,
        table.rows,
        title="Benefits register",
    )


@council_view("projects.edit")
def benefit_new(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    form = BenefitForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            benefit = services.benefit_create(council=council, **form.cleaned_data)
        except services.PerformanceError as error:
            refusal_on(form, error)
        else:
            messages.success(request, f"{benefit.reference} added to the benefits register")
            return redirect(benefit.get_absolute_url())
    return render(
        request,
        "performance/simple_form.html",
        {
            "form": form,
            "title": "Add a benefit",
            "lead": "A benefit belongs to one project or one improvement.",
            "button": "Add benefit",
            "back": reverse("performance-benefits"),
            "back_label": "Benefits register",
        },
    )


@council_view("projects.view")
def benefit_detail(request: HttpRequest, number: int) -> HttpResponse:
    council = current_council(request)
    benefit = get_scoped_or_404(request, selectors.benefits_for(council), number=number)
    form = BenefitPeriodForm(request.POST or None)
    if request.method == "POST":
        _refuse_unless(request, "projects.edit")
        if form.is_valid():
            try:
                services.benefit_period_record(benefit=benefit, **form.cleaned_data)
            except services.PerformanceError as error:
                refusal_on(form, error)
            else:
                messages.success(request, "Benefit figures recorded")
                return redirect(benefit.get_absolute_url())
    return render(
        request,
        "performance/benefit_detail.html",
        {
            "benefit": benefit,
            "row": selectors.benefit_rows(
                council, selectors.benefits_for(council).filter(pk=benefit.pk)
            )[0],
            "periods": benefit.periods.all(),
            "figure": realisation_figure(selectors.realisation(council, benefit)),
            "form": form,
            "may_edit": can(current_roles(request), "projects.edit"),
        },
    )


@council_view("projects.view")
def channel_costs(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    form = ChannelCostsForm(request.POST or None, council=council)
    if request.method == "POST":
        _refuse_unless(request, "projects.govern")
        if form.is_valid():
            try:
                services.channel_costs_update(
                    council=council, costs=form.costs(), source=form.cleaned_data["source"]
                )
            except services.PerformanceError as error:
                refusal_on(form, error)
            else:
                messages.success(request, "Costs per contact saved")
                return redirect("performance-channel-costs")
    return render(
        request,
        "performance/channel_costs.html",
        {
            "form": form,
            "costs": ChannelCost.objects.for_council(council),
            "on_cost": council.on_cost_percent,
            "may_change": can(current_roles(request), "projects.govern"),
        },
    )


@council_view("projects.view")
def scorecard(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    return render(
        request,
        "performance/scorecard.html",
        {
            "blocks": measures.scorecard(council, timezone.localdate()),
            "may_define": can(current_roles(request), "projects.govern"),
        },
    )


@council_view("projects.view")
def measure_list(request: HttpRequest) -> HttpResponse:
    """Every measure the app computes, and the opening balances PMO records for them."""
    council = current_council(request)
    form = OpeningBalanceForm(request.POST or None)
    if request.method == "POST":
        _refuse_unless(request, "projects.govern")
        if form.is_valid():
            try:
                services.opening_balance_save(council=council, **form.cleaned_data)
            except services.PerformanceError as error:
                refusal_on(form, error)
            else:
                messages.success(request, "Opening balance saved")
                return redirect("performance-measures")
    return render(
        request,
        "performance/measures.html",
        {
            "values": measures.values_of(council, measures.MEASURES, timezone.localdate()),
            "form": form,
            "may_change": can(current_roles(request), "projects.govern"),
        },
    )


@council_view("projects.view")
def measure_detail(request: HttpRequest, key: str) -> HttpResponse:
    """A measure's period, formula, both parts and every record behind the figure."""
    council = current_council(request)
    if measures.measure_for(council, key) is None:
        raise Http404("No such measure")
    value = measures.value_of(council, key, timezone.localdate())
    return render(request, "performance/measure_detail.html", {"value": value})


@council_view("projects.govern")
def kpi_new(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    form = KpiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kpi = services.kpi_save(council=council, **form.cleaned_data)
        except services.PerformanceError as error:
            refusal_on(form, error)
        else:
            messages.success(request, f"{kpi.name} added to the balanced scorecard")
            return redirect(kpi.get_absolute_url())
    return render(
        request,
        "performance/simple_form.html",
        {
            "form": form,
            "title": "Define a KPI",
            "lead": "A KPI in one of the four perspectives of the balanced scorecard.",
            "button": "Add KPI",
            "back": reverse("performance-scorecard"),
            "back_label": "Balanced scorecard",
        },
    )


@council_view("projects.govern")
def kpi_edit(request: HttpRequest, pk: int) -> HttpResponse:
    kpi: Kpi = get_scoped_or_404(request, Kpi, pk=pk)
    initial = {name: getattr(kpi, name) for name in KpiForm.base_fields}
    form = KpiForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.kpi_save(council=kpi.council, kpi=kpi, **form.cleaned_data)
        except services.PerformanceError as error:
            refusal_on(form, error)
        else:
            messages.success(request, f"{kpi.name} saved; its RAG statuses are recalculated")
            return redirect(kpi.get_absolute_url())
    return render(
        request,
        "performance/simple_form.html",
        {
            "form": form,
            "title": f"Change {kpi.name}",
            "button": "Save KPI",
            "back": kpi.get_absolute_url(),
            "back_label": kpi.name,
        },
    )


@council_view("projects.view")
def kpi_detail(request: HttpRequest, pk: int) -> HttpResponse:
    kpi: Kpi = get_scoped_or_404(request, Kpi, pk=pk)
    form = KpiActualForm(request.POST or None)
    if request.method == "POST":
        _refuse_unless(request, "projects.edit")
        if form.is_valid():
            try:
                actual = services.kpi_actual_record(kpi=kpi, **form.cleaned_data)
            except services.PerformanceError as error:
                refusal_on(form, error)
            else:
                messages.success(
                    request, f"Actual recorded: {kpi.name} is {actual.status} this period"
                )
                return redirect(kpi.get_absolute_url())
    actuals = selectors.kpi_actuals(kpi)
    return render(
        request,
        "performance/kpi_detail.html",
        {
            "kpi": kpi,
            "actuals": actuals,
            "figure": kpi_trend(kpi.name, actuals, kpi.target, kpi.unit) if actuals else None,
            "form": form,
            "may_edit": can(current_roles(request), "projects.edit"),
            "may_define": can(current_roles(request), "projects.govern"),
        },
    )


@council_view("projects.view")
def reports(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/index.html",
        {"reports": REPORTS.values(), "attention": attention_for(request)},
    )


def _build(request: HttpRequest, slug: str) -> Any:
    report = REPORTS.get(slug)
    if report is None:
        raise Http404("No such report")
    return report, report.build(current_council(request), timezone.localdate())


@council_view("projects.view")
def report(request: HttpRequest, slug: str) -> HttpResponse:
    found, document = _build(request, slug)
    return render(
        request,
        "reports/page.html",
        {"report": found, "document": document, "formats": ("pdf", "docx", "xlsx")},
    )


@council_view("projects.view")
def report_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404("No such format")
    found, document = _build(request, slug)
    council = current_council(request)
    return document_response(
        document, fmt, f"{found.slug}-report-{council.slug}-{timezone.localdate():%Y-%m-%d}"
    )


@council_view("projects.view")
def project_highlight(request: HttpRequest, number: int, fmt: str = "") -> HttpResponse:
    project = project_for(request, number)
    document = project_report(project)
    if not fmt:
        return render(
            request, "performance/project_report.html", {"project": project, "document": document}
        )
    if fmt not in CONTENT_TYPES:
        raise Http404("No such format")
    return document_response(document, fmt, f"highlight-report-{project.reference}")
