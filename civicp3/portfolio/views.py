"""Thin views over the portfolio services; each guarded by an action of the role table."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from civicp3.lib.forms import attempt, submitted
from civicp3.lib.pagination import paginate
from civicp3.lib.tabular import FORMATS, table_response
from civicp3.organisation.models import Board, CorporatePriority
from civicp3.organisation.roles import can
from civicp3.organisation.scoping import council_view, current_council, current_roles
from civicp3.organisation.versions import version_of
from civicp3.portfolio import forms, selectors, services
from civicp3.portfolio.lifecycle import BOARD_DECISIONS, MOVES, NEXT_GATE, STEPS, Stage, allowed
from civicp3.portfolio.models import (
    AuditSampleRecord,
    BusinessCase,
    ChangeRequest,
    HealthCheck,
    KeyCriterion,
    PriorityCriterion,
    Project,
    ProjectBrief,
    TierBand,
)


def _form_page(
    request: HttpRequest,
    form: Form,
    *,
    heading: str,
    button: str,
    project: Project | None = None,
    intro: str = "",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    context = {
        "form": form,
        "heading": heading,
        "button": button,
        "project": project,
        "intro": intro,
        **(extra or {}),
    }
    return render(request, "portfolio/form_page.html", context)


def _done(request: HttpRequest, project: Project, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(project)


# --- The register and the council-wide views ----------------------------------------------


def _filtered(request: HttpRequest) -> tuple[forms.RegisterFilterForm, Any]:
    council = current_council(request)
    form = forms.RegisterFilterForm(request.GET or None, council=council)
    filters: dict[str, str] = {}
    if form.is_bound:
        form.is_valid()
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    return form, selectors.register_filtered(selectors.register_for(request), **filters)


@council_view("projects.view")
def register(request: HttpRequest) -> HttpResponse:
    form, projects = _filtered(request)
    page = paginate(request, projects)
    return render(
        request,
        "portfolio/register.html",
        {
            "page": page,
            "form": form,
            "count": page.paginator.count,
            "may_create": can(current_roles(request), "projects.create"),
        },
    )


REGISTER_HEADERS = [
    "Reference",
    "Title",
    "Classification",
    "Part of",
    "Stage",
    "Score",
    "Tier",
    "Committed finish date",
]


@council_view("projects.view")
def register_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("No such format")
    _, projects = _filtered(request)
    council = current_council(request)
    rows = (
        [
            p.reference,
            p.title,
            p.get_kind_display(),
            p.parent.reference if p.parent else "",
            p.get_stage_display(),
            p.score,
            p.tier,
            p.committed_finish,
        ]
        for p in projects.iterator()
    )
    return table_response(
        fmt,
        f"p3-register-{council.slug}-{timezone.localdate():%Y-%m-%d}",
        REGISTER_HEADERS,
        rows,
        title="P3 register",
    )


@council_view("projects.create")
def project_create(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    form = forms.ProjectCreateForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        created: list[Project] = []
        if attempt(
            form,
            lambda: created.append(
                services.project_create(council=council, actor=request.user, **form.cleaned_data)
            ),
        ):
            return redirect(created[0])
    return render(request, "portfolio/project_form.html", {"form": form})


@council_view("projects.view")
def by_stage(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    return render(
        request,
        "portfolio/by_stage.html",
        {
            "groups": selectors.by_stage(council),
            "overdue": selectors.overdue_highlights(council, timezone.localdate()),
        },
    )


@council_view("projects.view")
def waiting_list(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    page = paginate(request, selectors.waiting_list(council))
    return render(
        request,
        "portfolio/waiting_list.html",
        {"page": page, "tiers": TierBand.objects.for_council(council)},
    )


@council_view("projects.view")
def lessons(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    found = selectors.lessons_search(current_council(request), q)
    page = paginate(request, found)
    return render(request, "portfolio/lessons.html", {"page": page, "q": q})


def _months(request: HttpRequest) -> tuple[date, int]:
    today = timezone.localdate()
    try:
        horizon = max(1, min(36, int(request.GET.get("months", "12"))))
    except ValueError:
        horizon = 12
    return today.replace(day=1), horizon


@council_view("projects.view")
def capacity(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    first, horizon = _months(request)
    months = selectors.month_starts(first, horizon)
    return render(
        request,
        "portfolio/capacity.html",
        {
            "months": months,
            "rows": selectors.capacity(council, months),
            "backlog": selectors.waiting_list(council),
        },
    )


@council_view("projects.view")
def what_fits(request: HttpRequest) -> HttpResponse:
    first, horizon = _months(request)
    result = selectors.what_fits(current_council(request), first, horizon)
    return render(request, "portfolio/what_fits.html", {"result": result, "horizon": horizon})


@council_view("projects.view")
def boards(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    return render(
        request,
        "portfolio/boards.html",
        {
            "boards": Board.objects.for_council(council),
            "decisions": selectors.decisions_log(council)[:50],
        },
    )


@council_view("projects.view")
def board_pack(request: HttpRequest, pk: int) -> HttpResponse:
    council = current_council(request)
    board = get_object_or_404(Board.objects.for_council(council), pk=pk)
    pack = selectors.board_pack(council, board, timezone.localdate())
    return render(request, "portfolio/board_pack.html", {"pack": pack, "board": board})


@council_view("projects.view")
def configuration(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    return render(
        request,
        "portfolio/configuration.html",
        {
            "settings": selectors.portfolio_settings(council),
            "key_criteria": KeyCriterion.objects.for_council(council),
            "criteria": PriorityCriterion.objects.for_council(council).select_related(
                "corporate_priority"
            ),
            "tiers": TierBand.objects.for_council(council),
            "may_change": can(current_roles(request), "projects.govern"),
        },
    )


@council_view("projects.govern")
def configuration_edit(request: HttpRequest) -> HttpResponse:
    """PMO changes the key criteria threshold, tolerances, criteria and tiers."""
    council = current_council(request)
    settings = selectors.portfolio_settings(council)
    data = request.POST or None
    form = forms.SettingsForm(data, instance=settings)
    sets = {
        "key": forms.KeyCriterionFormSet(
            data, prefix="key", queryset=KeyCriterion.objects.for_council(council)
        ),
        "criteria": forms.PriorityCriterionFormSet(
            data, prefix="criteria", queryset=PriorityCriterion.objects.for_council(council)
        ),
        "tiers": forms.TierFormSet(
            data, prefix="tiers", queryset=TierBand.objects.for_council(council)
        ),
    }
    for subform in sets["criteria"].forms:
        subform.fields["corporate_priority"].queryset = CorporatePriority.objects.for_council(
            council
        )
    if (
        request.method == "POST"
        and form.is_valid()
        and all(formset.is_valid() for formset in sets.values())
        and attempt(
            form,
            lambda: services.configuration_save(
                council=council,
                settings=dict(form.cleaned_data.items()),
                key_criteria=forms.formset_rows(sets["key"]),
                priority_criteria=forms.formset_rows(sets["criteria"]),
                tiers=forms.formset_rows(sets["tiers"]),
                actor=request.user,
            ),
        )
    ):
        messages.success(request, "Criteria, threshold and tiers saved")
        return redirect("project-configuration")
    return render(request, "portfolio/configuration_edit.html", {"form": form, "sets": sets})


@council_view("projects.govern")
def audit(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    form = forms.AuditForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.audit_draw(
                council=council,
                size=form.cleaned_data["size"],
                seed=form.cleaned_data["seed"],
                actor=request.user,
            ),
        )
    ):
        messages.success(request, "Audit sample drawn and recorded")
        return redirect("project-audit")
    samples = AuditSampleRecord.objects.for_council(council).select_related("drawn_by")[:20]
    return render(request, "portfolio/audit.html", {"form": form, "samples": samples})


# --- One project ---------------------------------------------------------------------------


def _steps(request: HttpRequest, project: Project) -> list[dict[str, str]]:
    """The pages open to this person at the project's stage, read from lifecycle.STEPS."""
    roles = current_roles(request)
    return [
        {"url": _url(step.page, project.number), "label": step.label}
        for step in STEPS.values()
        if project.stage in step.stages and can(roles, step.action)
    ]


def _url(name: str, number: int) -> str:

    return reverse(name, kwargs={"number": number})


@council_view("projects.view")
def project_detail(request: HttpRequest, number: int) -> HttpResponse:
    project = selectors.project_for(request, number)
    context = {
        "project": project,
        "next_gate": NEXT_GATE[Stage(project.stage)],
        "gates": _steps(request, project),
        **selectors.project_page(project),
    }
    return render(request, "portfolio/project_detail.html", context)


@council_view("projects.govern")
def classify(request: HttpRequest, number: int) -> HttpResponse:
    project = selectors.project_for(request, number)
    form = forms.ClassifyForm(
        request.POST or None,
        council=current_council(request),
        initial={"kind": project.kind, "parent": project.parent_id},
    )
    form.fields["parent"].queryset = form.fields["parent"].queryset.exclude(pk=project.pk)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            form,
            lambda: services.project_classify(
                project=project,
                kind=data["kind"],
                parent=data["parent"],
                rationale=data["rationale"],
                actor=request.user,
            ),
        ):
            return _done(
                request,
                project,
                f"{project.reference} is classified as a {project.get_kind_display().lower()}",
            )
    return _form_page(
        request,
        form,
        heading="Classify the work",
        button="Record the classification",
        project=project,
        intro="PMO establishes whether the work is a project, a programme or a portfolio; "
        "this defines how it is reported on the register.",
    )


@council_view("projects.edit")
def brief(request: HttpRequest, number: int) -> HttpResponse:
    project = selectors.project_for(request, number)
    instance = ProjectBrief.objects.filter(project=project).first()
    form = forms.BriefForm(request.POST or None, instance=instance, version=version_of(instance))
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        seen = form.seen()

        def save() -> None:
            try:
                services.brief_save(
                    project=project, actor=request.user, seen=seen, **form.cleaned_data
                )
                if submit:
                    services.brief_submit(project=project, actor=request.user)
            except services.ProjectError:
                # The page now shows the brief's latest version (another's change, named in the
                # error, or this save if only the submit was refused): saving again is deliberate.
                form.saw(version_of(ProjectBrief.objects.filter(project=project).first()))
                raise

        if attempt(form, save):
            return _done(
                request, project, "Project brief submitted" if submit else "Project brief saved"
            )
    return _form_page(
        request,
        form,
        heading="Project brief",
        button="Save",
        project=project,
        extra={"second_button": "Save and submit the brief", "second_name": "submit"},
    )


@council_view("projects.view")
def business_case(request: HttpRequest, number: int) -> HttpResponse:
    project = selectors.project_for(request, number)
    case = BusinessCase.objects.filter(project=project).first() or BusinessCase(project=project)
    return render(
        request,
        "portfolio/business_case.html",
        {
            "project": project,
            "case": case,
            "sections": case.sections(),
            "complete": case.complete_count(),
            "may_edit": can(current_roles(request), "projects.edit"),
            "open": project.stage == Stage.BUSINESS_CASE,
            "form": Form(),
        },
    )


@require_POST
@council_view("projects.edit")
def business_case_submit(request: HttpRequest, number: int) -> HttpResponse:
    project = selectors.project_for(request, number)
    try:
        services.business_case_submit(project=project, actor=request.user)
    except services.ProjectError as error:
        case = BusinessCase.objects.filter(project=project).first() or BusinessCase(project=project)
        form = Form()
        form.add_error(None, str(error))
        return render(
            request,
            "portfolio/business_case.html",
            {
                "project": project,
                "case": case,
                "sections": case.sections(),
                "complete": case.complete_count(),
                "may_edit": True,
                "open": project.stage == Stage.BUSINESS_CASE,
                "form": form,
            },
        )
    return _done(request, project, "Business case submitted for pre-project appraisal")


@council_view("projects.edit")
def business_case_section(request: HttpRequest, number: int, section: str) -> HttpResponse:
    project = selectors.project_for(request, number)
    titles = {code: (title, hint) for code, title, hint in BusinessCase.SECTIONS}
    if section not in titles:
        raise Http404("No such case")
    title, hint = titles[section]
    case = BusinessCase.objects.filter(project=project).first()
    form = forms.SectionForm(
        request.POST or None,
        label=title,
        hint=hint,
        initial={"text": getattr(case, section) if case else ""},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.business_case_save_section(
                project=project,
                section=section,
                text=form.cleaned_data["text"],
                actor=request.user,
            ),
        )
    ):
        messages.success(request, f"{title} saved")
        return redirect("project-business-case", number=number)
    return _form_page(
        request,
        form,
        heading=title,
        button="Save",
        project=project,
        extra={
            "recommended_option": case.economic_recommended_option
            if case and section == "economic"
            else ""
        },
    )


@council_view("projects.govern")
def appraisal(request: HttpRequest, number: int) -> HttpResponse:
    project = selectors.project_for(request, number)
    form = forms.AppraisalForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.appraisal_record(
                project=project, actor=request.user, **form.cleaned_data
            ),
        )
    ):
        return _done(request, project, "Pre-project appraisal recorded")
    return _form_page(
        request,
        form,
        heading="Pre-project appraisal",
        button="Record the appraisal",
        project=project,
        intro="The meeting PMO facilitates where all key stakeholders are invited to friendly "
        "challenge the project before it goes to the CLT governance board.",
    )


@council_view("projects.govern")
def threshold(request: HttpRequest, number: int) -> HttpResponse:
    project = selectors.project_for(request, number)
    council = current_council(request)
    settings = selectors.portfolio_settings(council)
    form = forms.ThresholdForm(request.POST or None, council=council)
    outcome = submitted(
        request,
        form,
        lambda data: services.threshold_assess(
            project=project, met=data["met"], notes=data["notes"], actor=request.user
        ),
    )
    if outcome is not None:
        return _done(request, project, outcome.message)
    return _form_page(
        request,
        form,
        heading="Key criteria threshold",
        button="Record the check",
        project=project,
        intro=f"All criteria met: to the CLT governance board. At least "
        f"{settings.key_criteria_threshold} met: to the board with PMO's recommendations. "
        "Fewer: back to the initiator with reasons.",
    )


@council_view("projects.govern")
def prioritise(request: HttpRequest, number: int) -> HttpResponse:
    project = selectors.project_for(request, number)
    council = current_council(request)
    current = dict(project.priority_scores.values_list("criterion_id", "score"))
    form = forms.PrioritiseForm(request.POST or None, council=council, initial_scores=current)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.project_prioritise(
                project=project, scores=form.scores(), actor=request.user
            ),
        )
    ):
        return _done(
            request,
            project,
            f"{project.reference} scores {project.score}: {project.tier or 'no tier'}",
        )
    return _form_page(
        request,
        form,
        heading="Prioritisation matrix",
        button="Save the scores",
        project=project,
        intro="Each criterion is in line with the Corporate Plan; the weighted total places the "
        "project in a tier and orders the waiting list.",
    )


@council_view("projects.decide")
def decide(request: HttpRequest, number: int) -> HttpResponse:
    project = selectors.project_for(request, number)
    # The choices offered on the page the member saw, so a decision overtaken by another
    # member's is refused by name (below) rather than as "not one of the choices".
    seen = request.POST.get("stage_seen", project.stage)
    stage = seen if seen in Stage.values else project.stage
    codes = [code for code in BOARD_DECISIONS if code in allowed(stage)] or list(BOARD_DECISIONS)
    form = forms.DecisionForm(request.POST or None, council=current_council(request), codes=codes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            form,
            lambda: services.board_decide(
                project=project,
                actor=request.user,
                stage_seen=stage,
                **data,
            ),
        ):
            return _done(
                request,
                project,
                f"Decision recorded: {MOVES[data['decision']].label.lower()}. "
                f"{project.reference} is now {project.get_stage_display().lower()}",
            )
        project.refresh_from_db()  # a refusal shows the stage as it is now
    return _form_page(
        request,
        form,
        heading="Board decision",
        button="Record the decision",
        project=project,
        intro="The decision is written to the decisions log with the meeting and its date.",
        extra={"stage_seen": project.stage},
    )


@council_view("projects.edit")
def highlight(request: HttpRequest, number: int) -> HttpResponse:
    project = selectors.project_for(request, number)
    form = forms.HighlightForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        period = data.pop("period")
        if attempt(
            form,
            lambda: services.highlight_submit(
                project=project, period=period, actor=request.user, **data
            ),
        ):
            return _done(request, project, f"Highlight report for {period:%B %Y} submitted")
    return _form_page(
        request,
        form,
        heading="Highlight report",
        button="Submit the highlight report",
        project=project,
    )


@council_view("projects.edit")
def change_new(request: HttpRequest, number: int) -> HttpResponse:
    project = selectors.project_for(request, number)
    form = forms.ChangeRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made: list[Any] = []
        if attempt(
            form,
            lambda: made.append(
                services.change_request_raise(
                    project=project, actor=request.user, **form.cleaned_data
                )
            ),
        ):
            change = made[0]
            return _done(
                request,
                project,
                f"{change.reference} raised: {change.get_route_display().lower()}",
            )
    settings = selectors.portfolio_settings(current_council(request))
    return _form_page(
        request,
        form,
        heading="Change request",
        button="Raise the change request",
        project=project,
        intro=f"Within £{settings.manager_cost_tolerance:,.0f} and "
        f"{settings.manager_time_tolerance_days} days the project manager decides; within "
        f"£{settings.sponsor_cost_tolerance:,.0f} and {settings.sponsor_time_tolerance_days} "
        "days the sponsor; beyond that the CLT governance board.",
    )


@council_view("projects.view")
def change_detail(request: HttpRequest, number: int, change: int) -> HttpResponse:
    project = selectors.project_for(request, number)
    record = get_object_or_404(project.change_requests.all(), number=change)
    roles = current_roles(request)
    may_decide = record.status == "pending" and can(
        roles,
        services.ROUTE_ACTION[record.route],  # type: ignore[index]
    )
    form = forms.ChangeDecisionForm(
        request.POST or None,
        council=current_council(request),
        at_board=record.route == ChangeRequest.Route.BOARD,
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.change_request_decide(
                change=record, roles=roles, actor=request.user, **form.cleaned_data
            ),
        )
    ):
        return _done(request, project, f"{record.reference} {record.get_status_display().lower()}")
    return render(
        request,
        "portfolio/change_detail.html",
        {"project": project, "change": record, "form": form, "may_decide": may_decide},
    )


@council_view("projects.edit")
def closure(request: HttpRequest, number: int) -> HttpResponse:
    project = selectors.project_for(request, number)
    form = forms.ClosureForm(request.POST or None, loose_ends=selectors.closure_loose_ends(project))
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.closure_record(
                project=project, actor=request.user, **form.cleaned_data
            ),
        )
    ):
        return _done(
            request,
            project,
            "Closure recorded: the CLT governance board can now close the project",
        )
    return _form_page(
        request,
        form,
        heading="Project closure",
        button="Record the closure",
        project=project,
    )


@council_view("projects.edit")
def demand(request: HttpRequest, number: int) -> HttpResponse:
    project = selectors.project_for(request, number)
    form = forms.DemandForm(request.POST or None, council=current_council(request))
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.demand_set(project=project, actor=request.user, **form.cleaned_data),
        )
    ):
        messages.success(request, "Resource demand saved")
        return redirect("project-demand", number=number)
    return _form_page(
        request,
        form,
        heading="Resource demand",
        button="Save the demand",
        project=project,
        intro="Hours a month this project needs from each service area.",
        extra={"demands": project.demands.select_related("service_area")},
    )


@council_view("projects.edit")
def start_window(request: HttpRequest, number: int) -> HttpResponse:
    project = selectors.project_for(request, number)
    form = forms.StartWindowForm(
        request.POST or None,
        initial={"earliest_start": project.earliest_start, "latest_start": project.latest_start},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.start_window_set(
                project=project, actor=request.user, **form.cleaned_data
            ),
        )
    ):
        return _done(request, project, "Start window saved")
    return _form_page(
        request,
        form,
        heading="Start window",
        button="Save the start window",
        project=project,
        intro="The months this project may start in, used by “what fits”.",
    )


@council_view("projects.govern")
def health_check(request: HttpRequest, number: int) -> HttpResponse:
    project = selectors.project_for(request, number)
    form = forms.HealthCheckForm(request.POST or None)
    recorded: list[HealthCheck] = []
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: recorded.append(
                services.health_check_record(
                    project=project, actor=request.user, **form.cleaned_data
                )
            ),
        )
    ):
        failed = ": it failed, so a red flag is raised to the board" if recorded[0].failed else ""
        return _done(request, project, f"Health check recorded{failed}")
    return _form_page(
        request,
        form,
        heading="Project health check",
        button="Record the health check",
        project=project,
        intro="Identify support needs, check viability, and check governance is in place and "
        "the PMO process is followed.",
    )
