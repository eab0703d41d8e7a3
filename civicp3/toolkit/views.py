"""The toolkit's pages: thin views that parse a form, call one service or selector, render."""

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from civicp3.lib.forms import attempt, posted
from civicp3.lib.pagination import paginate
from civicp3.lib.tabular import FORMATS, Cell, table_response
from civicp3.organisation.models import ServiceArea
from civicp3.organisation.roles import can
from civicp3.organisation.scoping import (
    council_view,
    current_council,
    current_roles,
    get_scoped_or_404,
    id_from,
    scoped,
)
from civicp3.organisation.versions import version_of
from civicp3.portfolio.models import Project
from civicp3.portfolio.selectors import project_for
from civicp3.toolkit import exports, selectors, services
from civicp3.toolkit import forms as toolkit_forms
from civicp3.toolkit.exports import Row
from civicp3.toolkit.models import (
    ChecklistTick,
    Decision,
    Level,
    Option,
    RaidItem,
    RaidKind,
    Requirement,
    Risk,
    RiskLevel,
)

# Shared helpers ------------------------------------------------------------------------


def _may(request: HttpRequest, action: str) -> bool:
    return can(current_roles(request), action)


def _require(request: HttpRequest, action: str) -> None:
    if not _may(request, action):
        raise PermissionDenied("Your role does not allow this.")


def _form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], object],
    *,
    title: str,
    done: str,
    success: str,
    project: Project | None = None,
    button: str = "Save",
) -> HttpResponse:
    """A one-form page: on a valid POST call `save` (a service) and go to `done`; a domain
    error from the service goes into the error summary, beside its field where there is one."""
    if request.method == "POST" and form.is_valid() and attempt(form, save):
        messages.success(request, success)
        return redirect(done)
    return render(
        request,
        "toolkit/form.html",
        {"form": form, "title": title, "back": done, "project": project, "button": button},
    )


def _project_add_view(
    form_class: type[forms.BaseForm],
    service: Callable[..., object],
    *,
    title: str,
    tab: str,
    success: str,
    button: str,
) -> Callable[..., HttpResponse]:
    """A page that adds one record to a project through `service(project=, fields=, actor=)`,
    then returns to the project's `tab`. Only the project's editors may open it."""

    @council_view("projects.edit")
    def view(request: HttpRequest, number: int) -> HttpResponse:
        project = project_for(request, number)
        form = form_class(posted(request))
        return _form_page(
            request,
            form,
            lambda: service(project=project, fields=form.cleaned_data, actor=request.user),
            title=title,
            done=reverse(tab, args=[number]),
            success=success,
            project=project,
            button=button,
        )

    return view


def _project_export_view(
    slug: str, title: str, table: Callable[[Project], tuple[Sequence[str], Iterable[Row]]]
) -> Callable[..., HttpResponse]:
    """A download of one of a project's tables (`table(project)` gives headers and rows) as
    CSV or XLSX, for anyone who may see the project."""

    @council_view("projects.view")
    def view(request: HttpRequest, number: int, fmt: str) -> HttpResponse:
        project = project_for(request, number)
        headers, rows = table(project)
        return _export(fmt, f"{slug}-{project.reference}", headers, rows, title)

    return view


def _export(
    fmt: str, filename: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]], title: str
) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("No such format")
    return table_response(fmt, filename, headers, rows, title)


# Risks ---------------------------------------------------------------------------------


def _risk_context(request: HttpRequest, risks: Any, **extra: Any) -> dict[str, Any]:
    council = current_council(request)
    risks = list(risks)
    return {
        "rows": selectors.risk_rows(council, risks),
        "heat_map": selectors.heat_map_for(council, risks),
        "matrix": selectors.risk_matrix_for(council),
        "escalation_score": selectors.escalation_score_for(council),
        **extra,
    }


@council_view("projects.view")
def project_risks(request: HttpRequest, number: int) -> HttpResponse:
    project = project_for(request, number)
    risks = selectors.risks_for(current_council(request), project=project, include_closed=True)
    context = _risk_context(
        request,
        risks,
        project=project,
        may_edit=_may(request, "projects.edit"),
        escalated=selectors.risks_for(
            current_council(request), register=RiskLevel.CORPORATE
        ).filter(project=project),
    )
    return render(request, "toolkit/project_risks.html", context)


project_risks_export = _project_export_view(
    "risks",
    "Risks",
    lambda project: (
        exports.RISK_HEADERS,
        exports.risk_rows(
            selectors.risk_rows(
                project.council,
                selectors.risks_for(project.council, project=project, include_closed=True),
            )
        ),
    ),
)


@council_view("projects.edit")
def project_risk_add(request: HttpRequest, number: int) -> HttpResponse:
    project = project_for(request, number)
    council = current_council(request)
    form = toolkit_forms.RiskForm(
        posted(request), council=council, matrix=selectors.risk_matrix_for(council),
        service=False,
    )  # fmt: skip
    return _form_page(
        request,
        form,
        lambda: services.risk_save(
            council=council, project=project, fields=form.cleaned_data, actor=request.user
        ),
        title="Add a risk",
        done=reverse("toolkit-project-risks", args=[number]),
        success="Risk added",
        project=project,
        button="Add risk",
    )


REGISTER_PAGES = {
    RiskLevel.SERVICE: ("Service risk register", "toolkit-service-risks"),
    RiskLevel.CORPORATE: ("Corporate risk register", "toolkit-corporate-risks"),
}


def _register_page(request: HttpRequest, register: RiskLevel) -> HttpResponse:
    council = current_council(request)
    area = None
    areas = ServiceArea.objects.for_council(council)  # type: ignore[attr-defined]
    area_id = id_from(request.GET.get("service_area"))
    if register == RiskLevel.SERVICE and area_id is not None:
        area = areas.filter(pk=area_id).first()
    risks = selectors.risks_for(council, register=register, service_area=area)
    page = paginate(request, risks)
    title, url_name = REGISTER_PAGES[register]
    context = _risk_context(
        request,
        page.object_list,
        page=page,
        title=title,
        register=register,
        areas=areas if register == RiskLevel.SERVICE else None,
        area=area,
        export_name=f"{url_name}-export",
        heat_map=selectors.heat_map_for(council, risks),
        may_edit=_may(request, "risks.edit"),
    )
    return render(request, "toolkit/register.html", context)


@council_view("risks.view")
def service_risks(request: HttpRequest) -> HttpResponse:
    return _register_page(request, RiskLevel.SERVICE)


@council_view("risks.view")
def corporate_risks(request: HttpRequest) -> HttpResponse:
    return _register_page(request, RiskLevel.CORPORATE)


def _register_export(request: HttpRequest, register: RiskLevel, fmt: str) -> HttpResponse:
    council = current_council(request)
    risks = selectors.risks_for(council, register=register)
    return _export(
        fmt,
        f"{register}-risks-{council.slug}",
        exports.RISK_HEADERS,
        exports.risk_rows(selectors.risk_rows(council, risks)),
        REGISTER_PAGES[register][0],
    )


@council_view("risks.view")
def service_risks_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return _register_export(request, RiskLevel.SERVICE, fmt)


@council_view("risks.view")
def corporate_risks_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return _register_export(request, RiskLevel.CORPORATE, fmt)


@council_view("risks.edit")
def register_risk_add(request: HttpRequest, register: str) -> HttpResponse:
    if register not in REGISTER_PAGES:
        raise Http404("No such register")
    council = current_council(request)
    form = toolkit_forms.RiskForm(
        posted(request), council=council, matrix=selectors.risk_matrix_for(council),
        service=register == RiskLevel.SERVICE,
    )  # fmt: skip
    title, url_name = REGISTER_PAGES[RiskLevel(register)]
    return _form_page(
        request,
        form,
        lambda: services.risk_save(
            council=council, register=register, fields=form.cleaned_data, actor=request.user
        ),
        title=f"Add a risk to the {title.lower()}",
        done=reverse(url_name),
        success="Risk added",
        button="Add risk",
    )


def _risk(request: HttpRequest, number: int) -> Risk:
    return get_scoped_or_404(
        request, scoped(request, Risk).select_related("project", "service_area"), number=number
    )


def _risk_edit_action(risk: Risk) -> str:
    """A project's own risks follow the project's editors; registers follow risks.edit."""
    return "projects.edit" if risk.register == RiskLevel.PROJECT else "risks.edit"


@council_view("risks.view")
def risk_detail(request: HttpRequest, number: int) -> HttpResponse:
    risk = _risk(request, number)
    if risk.project is not None:
        _require(request, "projects.view")
    council = current_council(request)
    (row,) = selectors.risk_rows(council, [risk])
    context = {
        "risk": risk,
        "row": row,
        "project": risk.project,
        "actions": risk.actions.all(),
        "trend": selectors.risk_trend(risk),
        "may_edit": _may(request, _risk_edit_action(risk)),
        "may_escalate": row.may_escalate and _may(request, "risks.edit"),
        "escalation_score": selectors.escalation_score_for(council),
    }
    return render(request, "toolkit/risk_detail.html", context)


@council_view("risks.edit")
def risk_edit(request: HttpRequest, number: int) -> HttpResponse:
    risk = _risk(request, number)
    _require(request, _risk_edit_action(risk))
    council = current_council(request)
    form = toolkit_forms.RiskEditForm(
        posted(request), instance=risk, council=council, version=version_of(risk),
        matrix=selectors.risk_matrix_for(council), service=risk.register == RiskLevel.SERVICE,
    )  # fmt: skip

    def save() -> None:
        seen = form.seen()
        try:
            services.risk_save(
                council=council, risk=risk, fields=form.cleaned_data, actor=request.user, seen=seen
            )
        except services.ToolkitError:
            form.saw(version_of(risk))  # shown the change: saving again keeps theirs or yours
            raise

    return _form_page(
        request,
        form,
        save,
        title=f"Change {risk.reference}",
        done=reverse("toolkit-risk", args=[number]),
        success=f"{risk.reference} updated",
        project=risk.project,
    )


@council_view("risks.edit")
def risk_action_add(request: HttpRequest, number: int) -> HttpResponse:
    risk = _risk(request, number)
    _require(request, _risk_edit_action(risk))
    form = toolkit_forms.RiskActionForm(posted(request))
    return _form_page(
        request,
        form,
        lambda: services.risk_action_save(risk=risk, fields=form.cleaned_data, actor=request.user),
        title=f"Add a mitigating action to {risk.reference}",
        done=reverse("toolkit-risk", args=[number]),
        success="Mitigating action added",
        project=risk.project,
        button="Add action",
    )


@require_POST
@council_view("risks.edit")
def risk_escalate(request: HttpRequest, number: int) -> HttpResponse:
    risk = _risk(request, number)
    try:
        services.risk_escalate(risk=risk, actor=request.user)  # type: ignore[arg-type]
    except services.ToolkitError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{risk.reference} escalated to the corporate risk register")
    return redirect("toolkit-risk", number=number)


@council_view("risks.view")
def risk_matrix(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    settings = services.risk_matrix_settings(council) if _may(request, "settings.change") else None
    form = None
    if settings is not None:
        form = toolkit_forms.RiskMatrixForm(posted(request), instance=settings)
        if request.method == "POST" and form.is_valid():
            try:
                services.risk_matrix_update(
                    council=council, fields=form.settings_fields(), actor=request.user
                )
            except services.ToolkitError as error:
                form.add_error("bands_text", error.message)
            else:
                messages.success(request, "Risk matrix saved")
                return redirect("toolkit-risk-matrix")
    elif request.method == "POST":
        raise PermissionDenied("Only the council's administrator changes the risk matrix.")
    matrix = selectors.risk_matrix_for(council)
    context = {
        "form": form,
        "matrix": matrix,
        "heat_map": matrix.heat_map_rows([]),
        "escalation_score": selectors.escalation_score_for(council),
    }
    return render(request, "toolkit/matrix.html", context)


# RAID ----------------------------------------------------------------------------------

RAID_TITLES = {
    RaidKind.ASSUMPTION: "Assumptions",
    RaidKind.ISSUE: "Issues",
    RaidKind.DEPENDENCY: "Dependencies",
}


@council_view("projects.view")
def project_raid(request: HttpRequest, number: int) -> HttpResponse:
    project = project_for(request, number)
    items = list(project.raid_items.all())
    groups = [(title, [i for i in items if i.kind == kind]) for kind, title in RAID_TITLES.items()]
    risks = selectors.risk_rows(
        current_council(request),
        selectors.risks_for(current_council(request), project=project),
    )
    context = {
        "project": project,
        "groups": groups,
        "risk_rows": risks,
        "today": timezone.localdate(),
        "may_edit": _may(request, "projects.edit"),
    }
    return render(request, "toolkit/raid.html", context)


project_raid_export = _project_export_view(
    "raid",
    "RAID log",
    lambda project: (exports.RAID_HEADERS, exports.raid_rows(project.raid_items.all())),
)


project_raid_add = _project_add_view(
    toolkit_forms.RaidItemForm,
    services.raid_item_save,
    title="Add an assumption, issue or dependency",
    tab="toolkit-project-raid",
    success="Added to the RAID log",
    button="Add",
)


@council_view("projects.edit")
def project_raid_edit(request: HttpRequest, number: int, item: int) -> HttpResponse:
    project = project_for(request, number)
    found = get_object_or_404(RaidItem, project=project, pk=item)
    form = toolkit_forms.RaidItemForm(posted(request), instance=found)
    return _form_page(
        request,
        form,
        lambda: services.raid_item_save(
            project=project, item=found, fields=form.cleaned_data, actor=request.user
        ),
        title=f"Change this {found.get_kind_display().lower()}",
        done=reverse("toolkit-project-raid", args=[number]),
        success="RAID log updated",
        project=project,
    )


# Decisions -----------------------------------------------------------------------------


def _decisions(request: HttpRequest) -> Any:
    return scoped(request, Decision).select_related("project", "board").prefetch_related("risks")


@council_view("projects.view")
def project_decisions(request: HttpRequest, number: int) -> HttpResponse:
    project = project_for(request, number)
    context = {
        "project": project,
        "decisions": _decisions(request).filter(project=project),
        "may_edit": _may(request, "projects.edit"),
    }
    return render(request, "toolkit/project_decisions.html", context)


project_decisions_export = _project_export_view(
    "decisions",
    "Decisions log",
    lambda project: (
        exports.DECISION_HEADERS,
        exports.decision_rows(
            project.decision_log.select_related("project", "board").prefetch_related("risks")
        ),
    ),
)


@council_view("projects.edit")
def project_decision_add(request: HttpRequest, number: int) -> HttpResponse:
    project = project_for(request, number)
    council = current_council(request)
    form = toolkit_forms.DecisionForm(
        posted(request), council=council, risks=selectors.risks_for(council, project=project)
    )

    def save() -> Decision:
        data = dict(form.cleaned_data)
        risks = list(data.pop("risks", []))
        return services.decision_record(
            council=council, project=project, fields=data, risks=risks, actor=request.user
        )

    return _form_page(
        request,
        form,
        save,
        title="Record a decision",
        done=reverse("toolkit-project-decisions", args=[number]),
        success="Decision recorded",
        project=project,
        button="Record decision",
    )


@council_view("projects.view")
def decisions_log(request: HttpRequest) -> HttpResponse:
    decisions = _decisions(request)
    board = id_from(request.GET.get("board"))
    if board is not None:
        decisions = decisions.filter(board_id=board)
    page = paginate(request, decisions)
    council = current_council(request)
    from civicp3.organisation.models import Board

    context = {
        "page": page,
        "boards": Board.objects.for_council(council),  # type: ignore[attr-defined]
        "board": board,
        "may_edit": _may(request, "projects.edit"),
    }
    return render(request, "toolkit/decisions_log.html", context)


@council_view("projects.view")
def decisions_log_export(request: HttpRequest, fmt: str) -> HttpResponse:
    council = current_council(request)
    return _export(
        fmt,
        f"decisions-{council.slug}",
        exports.DECISION_HEADERS,
        exports.decision_rows(_decisions(request)),
        "Decisions log",
    )


@council_view("projects.edit")
def board_decision_add(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    form = toolkit_forms.BoardDecisionForm(posted(request), council=council, risks=None)
    return _form_page(
        request,
        form,
        lambda: services.decision_record(
            council=council, fields=form.cleaned_data, actor=request.user
        ),
        title="Record a board decision",
        done=reverse("toolkit-decisions-log"),
        success="Decision recorded",
        button="Record decision",
    )


# Requirements and traceability ---------------------------------------------------------


@council_view("projects.view")
def project_requirements(request: HttpRequest, number: int) -> HttpResponse:
    project = project_for(request, number)
    rows = selectors.traceability_for(project)
    context = {
        "project": project,
        "rows": rows,
        "gaps": sum(1 for row in rows if row.gaps),
        "may_edit": _may(request, "projects.edit"),
    }
    return render(request, "toolkit/requirements.html", context)


project_requirements_export = _project_export_view(
    "requirements",
    "Traceability matrix",
    lambda project: (
        exports.TRACE_HEADERS,
        exports.trace_rows(selectors.traceability_for(project)),
    ),
)


project_requirement_add = _project_add_view(
    toolkit_forms.RequirementForm,
    services.requirement_save,
    title="Add a requirement",
    tab="toolkit-project-requirements",
    success="Requirement added",
    button="Add requirement",
)


@council_view("projects.edit")
def requirement_trace_add(request: HttpRequest, number: int, requirement: int) -> HttpResponse:
    project = project_for(request, number)
    found = get_object_or_404(Requirement, project=project, number=requirement)
    form = toolkit_forms.TraceLinkForm(posted(request))
    return _form_page(
        request,
        form,
        lambda: services.trace_link_add(requirement=found, actor=request.user, **form.cleaned_data),
        title=f"Trace {found.reference}",
        done=reverse("toolkit-project-requirements", args=[number]),
        success=f"{found.reference} traced",
        project=project,
        button="Add link",
    )


# Options -------------------------------------------------------------------------------


@council_view("projects.view")
def project_options(request: HttpRequest, number: int) -> HttpResponse:
    project = project_for(request, number)
    context = {
        "project": project,
        "comparison": selectors.options_comparison(project),
        "may_edit": _may(request, "projects.edit"),
    }
    return render(request, "toolkit/options.html", context)


project_options_export = _project_export_view(
    "options",
    "Options comparison",
    exports.options_table,
)


project_criterion_add = _project_add_view(
    toolkit_forms.CriterionForm,
    services.criterion_save,
    title="Add a weighted criterion",
    tab="toolkit-project-options",
    success="Criterion added",
    button="Add criterion",
)


@council_view("projects.edit")
def project_option_add(request: HttpRequest, number: int) -> HttpResponse:
    project = project_for(request, number)
    form = toolkit_forms.OptionForm(posted(request))
    return _form_page(
        request,
        form,
        lambda: services.option_save(project=project, fields=form.cleaned_data, actor=request.user),
        title="Add an option",
        done=reverse("toolkit-project-options", args=[number]),
        success="Option added",
        project=project,
        button="Add option",
    )


def _option(project: Project, pk: int) -> Option:
    return get_object_or_404(Option, project=project, pk=pk)


@council_view("projects.edit")
def option_scores(request: HttpRequest, number: int, option: int) -> HttpResponse:
    project = project_for(request, number)
    found = _option(project, option)
    form = toolkit_forms.OptionScoresForm(
        posted(request),
        criteria=list(project.option_criteria.all()),
        initial_scores={s.criterion_id: s.score for s in found.scores.all()},
    )
    return _form_page(
        request,
        form,
        lambda: services.option_scores_record(
            option=found, scores=form.scores(), actor=request.user
        ),
        title=f"Score {found.name}",
        done=reverse("toolkit-project-options", args=[number]),
        success=f"Scores for {found.name} saved",
        project=project,
        button="Save scores",
    )


@require_POST
@council_view("projects.edit")
def option_carry(request: HttpRequest, number: int, option: int) -> HttpResponse:
    project = project_for(request, number)
    found = _option(project, option)
    try:
        services.option_carry_into_business_case(option=found, actor=request.user)  # type: ignore[arg-type]
    except services.ToolkitError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{found.name} carried into the business case")
    return redirect("toolkit-project-options", number=number)


# Stakeholders --------------------------------------------------------------------------


@council_view("projects.view")
def project_stakeholders(request: HttpRequest, number: int) -> HttpResponse:
    project = project_for(request, number)
    council = current_council(request)
    ticks = ChecklistTick.objects.filter(project=project).select_related("item", "done_by")
    form = toolkit_forms.ChecklistForm(
        posted(request), council=council, initial={"done": [t.item for t in ticks]}
    )
    if request.method == "POST":
        _require(request, "projects.edit")
        if form.is_valid():
            services.checklist_set(
                project=project, done=list(form.cleaned_data["done"]), actor=request.user
            )  # type: ignore[arg-type]
            messages.success(request, "Stakeholder checklist saved")
            return redirect("toolkit-project-stakeholders", number=number)
    stakeholders = list(project.stakeholders.all())
    grid = [
        (power, [(interest, [s for s in stakeholders if (s.power, s.interest) == (power, interest)])
                 for interest in (Level.LOW, Level.HIGH)])
        for power in (Level.HIGH, Level.LOW)
    ]  # fmt: skip
    context = {
        "project": project,
        "stakeholders": stakeholders,
        "grid": grid,
        "form": form,
        "ticks": {t.item_id: t for t in ticks},
        "may_edit": _may(request, "projects.edit"),
    }
    return render(request, "toolkit/stakeholders.html", context)


project_stakeholders_export = _project_export_view(
    "stakeholders",
    "Stakeholders",
    lambda project: (
        exports.STAKEHOLDER_HEADERS,
        exports.stakeholder_rows(project.stakeholders.all()),
    ),
)


project_stakeholder_add = _project_add_view(
    toolkit_forms.StakeholderForm,
    services.stakeholder_save,
    title="Add a stakeholder",
    tab="toolkit-project-stakeholders",
    success="Stakeholder added",
    button="Add stakeholder",
)


# Budget --------------------------------------------------------------------------------


@council_view("projects.view")
def project_budget(request: HttpRequest, number: int) -> HttpResponse:
    project = project_for(request, number)
    context = {
        "project": project,
        "budget": selectors.budget_for(project),
        "may_edit": _may(request, "projects.edit"),
    }
    return render(request, "toolkit/budget.html", context)


project_budget_export = _project_export_view(
    "budget",
    "Budget",
    lambda project: (exports.BUDGET_HEADERS, exports.budget_rows(selectors.budget_for(project))),
)


project_budget_line_add = _project_add_view(
    toolkit_forms.BudgetLineForm,
    services.budget_line_save,
    title="Add a budget line",
    tab="toolkit-project-budget",
    success="Budget line added",
    button="Add budget line",
)


@council_view("projects.edit")
def project_budget_month(request: HttpRequest, number: int) -> HttpResponse:
    project = project_for(request, number)
    form = toolkit_forms.BudgetMonthForm(posted(request), lines=project.budget_lines.all())
    return _form_page(
        request,
        form,
        lambda: services.budget_month_record(actor=request.user, **form.cleaned_data),
        title="Record a month's forecast and actual spend",
        done=reverse("toolkit-project-budget", args=[number]),
        success="Month recorded",
        project=project,
    )
