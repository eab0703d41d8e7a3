"""Plan, Gantt chart, import/export, forecast and earned value pages of a project."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from civicp3.delivery import charts, earned, exchange, selectors, services
from civicp3.delivery.forms import (
    BaselineForm,
    ForecastForm,
    ImportForm,
    LinkForm,
    PlanForm,
    PlanStartForm,
    RiskForm,
    TaskForm,
)
from civicp3.delivery.gantt import gantt_svg
from civicp3.delivery.models import Forecast, Plan
from civicp3.delivery.services import TASK_FIELDS, DeliveryError
from civicp3.lib.pagination import paginate
from civicp3.lib.tabular import FORMATS
from civicp3.organisation.roles import can
from civicp3.organisation.scoping import council_view, current_roles
from civicp3.portfolio.models import Project
from civicp3.portfolio.selectors import project_for

TASK_TEMPLATE = "delivery/task_form.html"

TASKS_PER_PAGE = 50  # a plan's tasks: more to a page than other lists


def _may_edit(request: HttpRequest) -> bool:
    return can(current_roles(request), "projects.edit")


def _require_edit(request: HttpRequest) -> None:
    if not _may_edit(request):
        raise PermissionDenied("Only the project manager or PMO changes the plan.")


def _plan(request: HttpRequest, number: int) -> tuple[Project, Plan]:
    project = project_for(request, number)
    plan = selectors.plan_of(project)
    if plan is None:
        raise Http404("This project has no plan yet")
    return project, plan


def _plan_url(project: Project) -> str:
    return reverse("delivery-plan", kwargs={"number": project.number})


def _form_page(
    request: HttpRequest,
    project: Project,
    form: Form,
    heading: str,
    button: str,
    template: str = "delivery/form.html",
    **extra: Any,
) -> HttpResponse:
    return render(
        request,
        template,
        {"project": project, "form": form, "heading": heading, "button": button, **extra},
    )


@council_view("projects.view")
def plan(request: HttpRequest, number: int) -> HttpResponse:
    project = project_for(request, number)
    existing = selectors.plan_of(project)
    if existing is None:
        form = PlanStartForm(request.POST or None)
        if request.method == "POST":
            _require_edit(request)
            if form.is_valid():
                try:
                    services.plan_create(
                        project=project, start=form.cleaned_data["start"], actor=request.user
                    )
                except DeliveryError as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(request, "The plan has been started: now add its tasks")
                    return redirect(_plan_url(project))
        return render(
            request,
            "delivery/plan_start.html",
            {"project": project, "form": form, "may_edit": _may_edit(request)},
        )
    view = selectors.plan_view(existing)
    return render(
        request,
        "delivery/plan.html",
        {
            "project": project,
            "view": view,
            "page": paginate(request, view.scheduled.rows, per_page=TASKS_PER_PAGE),
            "may_edit": _may_edit(request),
        },
    )


@council_view("projects.edit")
def plan_settings(request: HttpRequest, number: int) -> HttpResponse:
    project, plan_ = _plan(request, number)
    initial = {
        "start": plan_.start,
        "hours_per_day": plan_.hours_per_day,
        "holidays": plan_.holidays,
        "closures": "\n".join(plan_.closures),
    }
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan_, actor=request.user, **form.cleaned_data)
        except DeliveryError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, "The plan's dates and calendar have been saved")
            return redirect(_plan_url(project))
    return _form_page(request, project, form, "Plan start and calendar", "Save")


def _task_values(form: TaskForm) -> dict[str, Any]:
    data = form.cleaned_data
    values = {name: data.get(name) for name in TASK_FIELDS}
    values["distribution"] = data.get("distribution") or ""
    values["percent_complete"] = data.get("percent_complete") or 0
    values["cost_basis"] = data.get("cost_basis") or "fixed"
    return values


@council_view("projects.edit")
def task_add(request: HttpRequest, number: int) -> HttpResponse:
    project, plan_ = _plan(request, number)
    form = TaskForm(request.POST or None, plan=plan_)
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_save(
                plan=plan_,
                task=None,
                code=form.cleaned_data["code"],
                parent=form.cleaned_data["parent"],
                actor=request.user,
                **_task_values(form),
            )
        except DeliveryError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, f"Task {task.code} has been added")
            return redirect(_plan_url(project))
    return _form_page(request, project, form, "Add a task", "Add task", TASK_TEMPLATE)


@council_view("projects.view")
def task_detail(request: HttpRequest, number: int, code: str) -> HttpResponse:
    project, plan_ = _plan(request, number)
    task = selectors.task_for(plan_, code)
    view = selectors.plan_view(plan_)
    row = next(r for r in view.scheduled.rows if r.task.pk == task.pk)
    links_in = [x for x in view.links if x.successor_id == task.pk]
    links_out = [x for x in view.links if x.predecessor_id == task.pk]
    return render(
        request,
        "delivery/task_detail.html",
        {
            "project": project,
            "row": row,
            "task": task,
            "links_in": links_in,
            "links_out": links_out,
            "baseline": view.baseline,
            "may_edit": _may_edit(request),
        },
    )


@council_view("projects.edit")
def task_edit(request: HttpRequest, number: int, code: str) -> HttpResponse:
    project, plan_ = _plan(request, number)
    task = selectors.task_for(plan_, code)
    initial = {name: getattr(task, name) for name in TASK_FIELDS}
    initial.update(code=task.code, parent=task.parent_id)
    form = TaskForm(request.POST or None, plan=plan_, task=task, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_save(
                plan=plan_,
                task=task,
                code=form.cleaned_data["code"],
                parent=form.cleaned_data["parent"],
                actor=request.user,
                **_task_values(form),
            )
        except DeliveryError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, f"Task {task.code} has been saved")
            return redirect("delivery-task", number=project.number, code=task.code)
    return _form_page(
        request, project, form, f"Change task {task.code}", "Save task", TASK_TEMPLATE
    )


@council_view("projects.edit")
def task_delete(request: HttpRequest, number: int, code: str) -> HttpResponse:
    project, plan_ = _plan(request, number)
    task = selectors.task_for(plan_, code)
    form = Form(request.POST or None)
    if request.method == "POST":
        try:
            services.task_delete(task=task, actor=request.user)
        except DeliveryError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Task {code} and its links have been deleted")
            return redirect(_plan_url(project))
    return _form_page(
        request,
        project,
        form,
        f"Delete task {task.code}: {task.name}?",
        "Delete task",
        warning=True,
    )


@council_view("projects.edit")
def link_add(request: HttpRequest, number: int) -> HttpResponse:
    project, plan_ = _plan(request, number)
    form = LinkForm(request.POST or None, plan=plan_)
    if request.method == "POST" and form.is_valid():
        try:
            link = services.link_add(plan=plan_, actor=request.user, **form.cleaned_data)
        except DeliveryError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, f"Link {link} has been added")
            return redirect(_plan_url(project))
    return _form_page(request, project, form, "Add a link between tasks", "Add link")


@council_view("projects.edit")
def link_delete(request: HttpRequest, number: int, pk: int) -> HttpResponse:
    project, plan_ = _plan(request, number)
    link = selectors.link_for(plan_, pk)
    if request.method == "POST":
        services.link_delete(link=link, actor=request.user)
        messages.success(request, f"Link {link} has been deleted")
        return redirect(_plan_url(project))
    return _form_page(
        request, project, Form(), f"Delete the link {link}?", "Delete link", warning=True
    )


@council_view("projects.view")
def baselines(request: HttpRequest, number: int) -> HttpResponse:
    project, plan_ = _plan(request, number)
    form = BaselineForm(request.POST or None)
    if request.method == "POST":
        _require_edit(request)
        if form.is_valid():
            try:
                baseline = services.baseline_set(
                    plan=plan_, name=form.cleaned_data["name"], actor=request.user
                )
            except DeliveryError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, f"Baseline {baseline.name} has been set")
                return redirect("delivery-baselines", number=project.number)
    return render(
        request,
        "delivery/baselines.html",
        {
            "project": project,
            "baselines": selectors.baselines_of(plan_),
            "form": form,
            "may_edit": _may_edit(request),
        },
    )


@council_view("projects.view")
def baseline_compare(request: HttpRequest, number: int, pk: int) -> HttpResponse:
    project, plan_ = _plan(request, number)
    baseline = selectors.baseline_for(plan_, pk)
    view = selectors.plan_view(plan_, baseline)
    return render(
        request,
        "delivery/baseline_compare.html",
        {
            "project": project,
            "view": view,
            "page": paginate(request, view.scheduled.rows, per_page=TASKS_PER_PAGE),
        },
    )


@council_view("projects.view")
def gantt(request: HttpRequest, number: int) -> HttpResponse:
    project = project_for(request, number)
    plan_ = selectors.plan_of(project)
    if plan_ is None:
        return render(request, "delivery/gantt.html", {"project": project, "view": None})
    baseline = None
    if request.GET.get("baseline"):
        try:
            baseline = selectors.baseline_for(plan_, int(request.GET["baseline"]))
        except ValueError:
            raise Http404("No such baseline") from None
    view = selectors.plan_view(plan_, baseline)
    page = paginate(request, view.scheduled.rows, per_page=TASKS_PER_PAGE)
    title = (
        f"Gantt chart of tasks {page.start_index()} to {page.end_index()}; "
        "the table below gives the same dates"
    )
    return render(
        request,
        "delivery/gantt.html",
        {
            "project": project,
            "view": view,
            "page": page,
            "baselines": selectors.baselines_of(plan_),
            "svg": gantt_svg(page.object_list, view.links, timezone.localdate(), title),
        },
    )


@council_view("projects.edit")
def plan_import(request: HttpRequest, number: int) -> HttpResponse:
    project, plan_ = _plan(request, number)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            head = upload.read(2048)
            upload.seek(0)
            start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
            if start.startswith(b"<"):
                imported = exchange.read_mspdi_upload(upload.read())
            elif start.startswith(b"{"):
                imported = exchange.read_json_upload(upload.read())
            else:
                imported = exchange.read_xlsx_upload(upload, plan_)
            services.plan_replace(plan=plan_, imported=imported, actor=request.user)
        except exchange.ImportProblem as error:
            problems = error.errors
            form.add_error("file", "The file could not be imported: nothing has been changed")
        except DeliveryError as error:
            problems = [error.message]
            form.add_error("file", "The file could not be imported: nothing has been changed")
        else:
            count = len(imported.data["tasks"])
            messages.success(request, f"The plan has been replaced by the file's {count} tasks")
            return redirect(_plan_url(project))
    return render(
        request,
        "delivery/import.html",
        {"project": project, "form": form, "problems": problems, "columns": exchange.COLUMNS},
    )


@council_view("projects.view")
def plan_export(request: HttpRequest, number: int, fmt: str) -> HttpResponse:
    project, plan_ = _plan(request, number)
    view = selectors.plan_view(plan_)
    name = f"{project.reference}-plan-{timezone.localdate():%Y-%m-%d}"
    if fmt == "xml":
        body = exchange.write_plan_mspdi(plan_, view.scheduled.rows, view.links, view.baseline)
        content_type = "application/xml"
    elif fmt == "xlsx":
        body = exchange.xlsx_bytes(view.scheduled.rows, view.links)
        content_type = FORMATS["xlsx"]
    elif fmt == "json":
        body = exchange.plan_json_bytes(plan_)
        content_type = "application/json"
    else:
        raise Http404("No such format")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


RISK_TEMPLATE = "delivery/risk_form.html"


@council_view("projects.view")
def risks(request: HttpRequest, number: int) -> HttpResponse:
    project, plan_ = _plan(request, number)
    return render(
        request,
        "delivery/risks.html",
        {"project": project, "risks": selectors.risks_of(plan_), "may_edit": _may_edit(request)},
    )


def _risk_form_page(
    request: HttpRequest, number: int, pk: int | None, heading: str, button: str
) -> HttpResponse:
    project, plan_ = _plan(request, number)
    risk = None if pk is None else selectors.risk_for(plan_, pk)
    initial: dict[str, Any] = {"delay_days": 0, "cost": 0}
    if risk is not None:
        initial = {
            "title": risk.title,
            "probability": risk.probability,
            "delay_days": risk.delay_days,
            "cost": risk.cost,
            "tasks": ", ".join(t.code for t in risk.tasks.all()),
        }
    form = RiskForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.risk_save(
                plan=plan_,
                risk=risk,
                title=data["title"],
                probability=data["probability"],
                delay_days=data["delay_days"],
                cost=data["cost"],
                task_codes=form.task_codes(),
                actor=request.user,
            )
        except DeliveryError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, f"Risk saved: {saved.title}")
            return redirect("delivery-risks", number=project.number)
    return _form_page(request, project, form, heading, button, RISK_TEMPLATE)


@council_view("projects.edit")
def risk_add(request: HttpRequest, number: int) -> HttpResponse:
    return _risk_form_page(request, number, None, "Add a risk event", "Add risk")


@council_view("projects.edit")
def risk_edit(request: HttpRequest, number: int, pk: int) -> HttpResponse:
    return _risk_form_page(request, number, pk, "Change a risk event", "Save risk")


@council_view("projects.edit")
def risk_delete(request: HttpRequest, number: int, pk: int) -> HttpResponse:
    project, plan_ = _plan(request, number)
    risk = selectors.risk_for(plan_, pk)
    form = Form(request.POST or None)
    if request.method == "POST":
        services.risk_delete(risk=risk, actor=request.user)
        messages.success(request, f"Risk deleted: {risk.title}")
        return redirect("delivery-risks", number=project.number)
    return _form_page(
        request, project, form, f"Delete the risk: {risk.title}?", "Delete risk", warning=True
    )


@council_view("projects.view")
def forecast(request: HttpRequest, number: int) -> HttpResponse:
    project = project_for(request, number)
    plan_ = selectors.plan_of(project)
    form = ForecastForm(request.POST or None)
    if request.method == "POST":
        _require_edit(request)
        if form.is_valid():
            try:
                run = services.forecast_request(
                    project=project, actor=request.user, **form.cleaned_data
                )
            except DeliveryError as error:
                form.add_error(error.field, error.message)
            else:
                return redirect("delivery-forecast-detail", number=project.number, pk=run.pk)
    return render(
        request,
        "delivery/forecast.html",
        {
            "project": project,
            "form": form,
            "forecasts": selectors.forecasts_of(project),
            "has_plan": plan_ is not None,
            "risks": selectors.risks_of(plan_) if plan_ is not None else [],
            "time_costs": selectors.time_cost_tasks(plan_) if plan_ is not None else [],
            "may_edit": _may_edit(request),
        },
    )


@council_view("projects.view")
def forecast_detail(request: HttpRequest, number: int, pk: int) -> HttpResponse:
    project = project_for(request, number)
    run = selectors.forecast_for(project, pk)
    if request.method == "POST":
        _require_edit(request)
        again = services.forecast_repeat(forecast=run, actor=request.user)
        return redirect("delivery-forecast-detail", number=project.number, pk=again.pk)
    context: dict[str, Any] = {"project": project, "run": run, "may_edit": _may_edit(request)}
    if run.status == Forecast.Status.DONE and run.result:
        context.update(_forecast_charts(run.result))
    return render(request, "delivery/forecast_detail.html", context)


def _forecast_charts(result: dict[str, Any]) -> dict[str, Any]:
    edges, counts = result["histogram"]["edges"], result["histogram"]["counts"]
    bins = [
        {"low": lo, "high": hi, "count": c}
        for lo, hi, c in zip(edges, edges[1:], counts, strict=False)
    ]
    curve = result["s_curve"][::5]
    tasks = result["tasks"]
    sensitive = sorted(
        (t for t in tasks if t["sensitivity"] is not None),
        key=lambda t: -abs(t["sensitivity"]),
    )[:15]
    critical = sorted(tasks, key=lambda t: -t["criticality"])[:15]
    return {
        "bins": bins,
        "curve": curve,
        "sensitive": sensitive,
        "critical": critical,
        "histogram_svg": charts.column_chart(
            "Histogram of finish (working days from the plan start); the table gives the counts",
            [f"{b['low']:.0f}" for b in bins],
            [b["count"] for b in bins],
            every=max(len(bins) // 10, 1),
        ),
        "s_curve_svg": charts.line_chart(
            "S-curve: chance of finishing by each date; the table gives the values",
            [p["date"] for p in curve],
            [("Chance of finishing by", [p["p"] * 100 for p in curve])],
            y_fmt=lambda v: f"{v:.0f}%",
            markers=False,
            every=max(len(curve) // 4, 1),
            x_values=[p["days"] for p in curve],
        ),
        "tornado_svg": charts.hbar_chart(
            "Tornado of sensitivities: rank correlation of each task's duration with the finish",
            [(f"{t['id']} {t['name']}", t["sensitivity"]) for t in sensitive],
            lo=-1.0,
            hi=1.0,
            fmt=lambda v: f"{v:.2f}",
        ),
        "criticality_svg": charts.hbar_chart(
            "Criticality: share of iterations in which each task was on the critical path",
            [(f"{t['id']} {t['name']}", t["criticality"]) for t in critical],
            lo=0.0,
            hi=1.0,
            fmt=lambda v: f"{v:.0%}",
        ),
    }


@council_view("projects.view")
def earned_value(request: HttpRequest, number: int) -> HttpResponse:
    project = project_for(request, number)
    plan_ = selectors.plan_of(project)
    view = earned.earned_value_view(plan_) if plan_ is not None else None
    context: dict[str, Any] = {"project": project, "view": view}
    if view is not None and not view.problem:
        labels = [m.strftime("%b %Y") for m in view.months]
        every = max(len(labels) // 8, 1)
        context["curve_svg"] = charts.line_chart(
            "S-curves of planned value, earned value and actual cost by month; the table gives "
            "the values",
            labels,
            [
                ("Planned value (PV)", [float(v) for v in view.pv]),
                ("Earned value (EV)", [None if v is None else float(v) for v in view.ev]),
                ("Actual cost (AC)", [None if v is None else float(v) for v in view.ac]),
            ],
            y_fmt=lambda v: f"£{v:,.0f}",
            every=every,
        )
        months = view.months[: len(view.statuses)]
        context["index_rows"] = list(zip(months, view.statuses, strict=True))
        context["month_rows"] = list(zip(view.months, view.pv, view.ev, view.ac, strict=True))
        context["index_svg"] = charts.line_chart(
            "Trend of the schedule and cost performance indices; the table gives the values",
            [m.strftime("%b %Y") for m in months],
            [
                ("SPI", [None if s.spi is None else float(s.spi) for s in view.statuses]),
                ("CPI", [None if s.cpi is None else float(s.cpi) for s in view.statuses]),
            ],
            y_fmt=lambda v: f"{v:.2f}",
            every=max(len(months) // 8, 1),
        )
    return render(request, "delivery/earned_value.html", context)


@council_view("projects.view")
def programmes(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "delivery/programmes.html",
        {"programmes": selectors.programme_rollup(request)},
    )
