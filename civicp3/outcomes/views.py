"""Thin views for outcome frameworks, the outcomes scorecard and the gap report."""

from pathlib import Path

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from civicp3.lib.forms import submitted
from civicp3.lib.tabular import UnreadableFile, read_table
from civicp3.organisation.roles import can
from civicp3.organisation.scoping import (
    council_view,
    current_council,
    current_roles,
    get_scoped_or_404,
)
from civicp3.organisation.services import ImportRefused
from civicp3.outcomes import selectors, services
from civicp3.outcomes.documents import gaps_document, scorecard_document
from civicp3.outcomes.forms import (
    FrameworkUploadForm,
    MetricValueForm,
    MetricValuesUploadForm,
    OutcomeKpisForm,
)
from civicp3.outcomes.models import OutcomeFramework, OutcomeMetric
from civicp3.performance.models import Kpi
from civicp3.reports.document import Document
from civicp3.reports.render import document_response

SAMPLE = Path(__file__).resolve().parent / "sample" / "SAMPLE-outcomes-framework.csv"
FORMATS = ("pdf", "docx", "xlsx")


def _frameworks_page(request: HttpRequest, form: FrameworkUploadForm | None = None) -> HttpResponse:
    council = current_council(request)
    return render(
        request,
        "outcomes/frameworks.html",
        {
            "frameworks": selectors.frameworks_for(council),
            "may_edit": can(current_roles(request), "outcomes.edit"),
            "form": form or FrameworkUploadForm(),
        },
        status=400 if form and form.errors else 200,
    )


@council_view("outcomes.view")
def frameworks(request: HttpRequest) -> HttpResponse:
    return _frameworks_page(request)


@council_view("outcomes.edit")
def framework_upload(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _frameworks_page(request)
    form = FrameworkUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _frameworks_page(request, form)
    upload = form.cleaned_data["file"]
    try:
        framework = services.framework_import(
            council=current_council(request),
            name=form.cleaned_data["name"],
            rows=read_table(upload),
            filename=upload.name,
        )
    except (UnreadableFile, UnicodeDecodeError) as error:
        form.add_error("file", str(error))
        return _frameworks_page(request, form)
    except ImportRefused as error:
        # Each problem beside its field and in the error summary: the name's, then each cell's.
        for problem in error.errors:
            if problem.startswith("Name: "):
                form.add_error("name", problem.removeprefix("Name: "))
            else:
                form.add_error("file", problem)
        return _frameworks_page(request, form)
    messages.success(request, f"{framework.name} loaded: {framework.outcomes.count()} outcomes")
    return redirect(framework)


@council_view("outcomes.view")
def sample_file(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(SAMPLE.read_bytes(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{SAMPLE.name}"'
    return response


def _framework(request: HttpRequest, pk: int) -> OutcomeFramework:
    return get_scoped_or_404(request, selectors.frameworks_for(current_council(request)), pk=pk)


def _framework_page(
    request: HttpRequest, framework: OutcomeFramework, form: MetricValuesUploadForm | None = None
) -> HttpResponse:
    return render(
        request,
        "outcomes/framework.html",
        {
            "framework": framework,
            "lines": selectors.scorecard(framework, timezone.localdate()),
            "may_edit": can(current_roles(request), "outcomes.edit"),
            "form": form or MetricValuesUploadForm(),
        },
        status=400 if form and form.errors else 200,
    )


@council_view("outcomes.view")
def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _framework_page(request, _framework(request, pk))


@council_view("outcomes.edit")
def metric_values_upload(request: HttpRequest, pk: int) -> HttpResponse:
    framework = _framework(request, pk)
    if request.method != "POST":
        return redirect(framework)
    form = MetricValuesUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _framework_page(request, framework, form)
    try:
        count = services.metric_values_import(
            framework=framework,
            rows=read_table(form.cleaned_data["file"]),
            today=timezone.localdate(),
        )
    except (UnreadableFile, UnicodeDecodeError) as error:
        form.add_error("file", str(error))
        return _framework_page(request, framework, form)
    except ImportRefused as error:
        for problem in error.errors:
            form.add_error("file", problem)
        return _framework_page(request, framework, form)
    messages.success(request, f"{count} published values recorded")
    return redirect(framework)


@council_view("outcomes.edit")
def outcome_kpis(request: HttpRequest, pk: int, outcome: int) -> HttpResponse:
    framework = _framework(request, pk)
    found = get_object_or_404(framework.outcomes.all(), pk=outcome)
    kpis = Kpi.objects.for_council(framework.council).order_by("name")
    form = OutcomeKpisForm(request.POST or None, kpis=kpis, initial={"kpis": found.kpis.all()})
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_kpis_set(outcome=found, kpis=list(form.cleaned_data["kpis"]))
        except services.OutcomeError as error:
            form.add_error("kpis", error.message)
        else:
            messages.success(request, f"In-year measures saved for {found.title}")
            return redirect(framework)
    return render(
        request,
        "outcomes/form.html",
        {
            "framework": framework,
            "form": form,
            "caption": found.title,
            "heading": "Map in-year measures",
            "button": "Save the measures",
        },
    )


@council_view("outcomes.edit")
def metric_value_new(request: HttpRequest, pk: int, metric: int) -> HttpResponse:
    framework = _framework(request, pk)
    found = get_object_or_404(
        OutcomeMetric.objects.filter(council=framework.council, outcome__framework=framework),
        pk=metric,
    )
    form = MetricValueForm(request.POST or None, initial={"source": found.source})
    recorded = submitted(
        request,
        form,
        lambda data: services.metric_value_record(metric=found, today=timezone.localdate(), **data),
    )
    if recorded is not None:
        messages.success(request, f"Value recorded for {found.name}")
        return redirect(framework)
    return render(
        request,
        "outcomes/form.html",
        {
            "framework": framework,
            "form": form,
            "caption": found.name,
            "heading": "Record a published value",
            "button": "Record the value",
        },
    )


def _document_page(
    request: HttpRequest, document: Document, fmt: str, filename: str, links: dict[str, str]
) -> HttpResponse:
    if not fmt:
        return render(request, "outcomes/document.html", {"document": document, "links": links})
    if fmt not in FORMATS:
        raise Http404("No such format")
    return document_response(document, fmt, filename)


@council_view("outcomes.view")
def scorecard(request: HttpRequest, pk: int, fmt: str = "") -> HttpResponse:
    framework = _framework(request, pk)
    today = timezone.localdate()
    return _document_page(
        request,
        scorecard_document(framework, today),
        fmt,
        f"outcomes-scorecard-{framework.council.slug}-{today:%Y-%m-%d}",
        {f: reverse("outcomes-scorecard-download", args=[framework.pk, f]) for f in FORMATS},
    )


@council_view("outcomes.view")
def gaps(request: HttpRequest, fmt: str = "") -> HttpResponse:
    council = current_council(request)
    today = timezone.localdate()
    return _document_page(
        request,
        gaps_document(council, today),
        fmt,
        f"gap-report-{council.slug}-{today:%Y-%m-%d}",
        {f: reverse("outcomes-gaps-download", args=[f]) for f in FORMATS},
    )
