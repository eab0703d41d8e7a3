"""Thin views: each reads through selectors, changes through services and shows a refusal in
the GOV.UK error summary."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from civicp3.jobs import services as jobs
from civicp3.jobs.models import Job
from civicp3.jobs.runners import DOCUMENT_FORMATS
from civicp3.lib.forms import refusal_on, submitted
from civicp3.lib.pagination import paginate
from civicp3.organisation.models import Council
from civicp3.organisation.roles import can
from civicp3.organisation.scoping import (
    council_view,
    current_council,
    current_roles,
    get_scoped_or_404,
    id_from,
    public_view,
)
from civicp3.productivity import selectors, services
from civicp3.productivity.documents import (
    PRINT_TEMPLATE,
    SECTION_FIELDS,
    committee_document,
    framework_document,
    plan_document,
    report_appendices,
    update_document,
)
from civicp3.productivity.evidence import EVIDENCE
from civicp3.productivity.forms import (
    AppendixNumberingForm,
    CommitmentForm,
    CommitteeAppendixForm,
    CommitteeReportForm,
    CommitteeSectionForm,
    DatedForm,
    EndorsementForm,
    FrameworkForm,
    NewVersionForm,
    PlanForm,
    PlanTextForm,
    PublicationForm,
    ReviewForm,
    SharedSectionForm,
    TemplateForm,
    ThemeForm,
    UseSharedForm,
)
from civicp3.productivity.models import (
    Commitment,
    CommitteeAppendix,
    CommitteeReport,
    CommitteeSection,
    CommitteeTemplate,
    Plan,
    PlanStatus,
    Snapshot,
)
from civicp3.reports.document import Document
from civicp3.reports.render import CONTENT_TYPES, document_pages, document_response

FORMATS = ("pdf", "docx", "html")
# The form each workflow move asks for.
MOVE_FORMS: dict[str, type[ReviewForm | EndorsementForm | DatedForm]] = {
    PlanStatus.DRAFT: ReviewForm,
    PlanStatus.REVIEW: ReviewForm,
    PlanStatus.ENDORSED: EndorsementForm,
    PlanStatus.SUBMITTED: DatedForm,
    PlanStatus.PUBLISHED: PublicationForm,
}
MOVE_BUTTONS = {
    PlanStatus.DRAFT: "Return to draft",
    PlanStatus.REVIEW: "Send for leadership team review",
    PlanStatus.ENDORSED: "Record member endorsement",
    PlanStatus.SUBMITTED: "Record submission",
    PlanStatus.PUBLISHED: "Publish",
}


def _plan(request: HttpRequest, pk: int) -> Plan:
    return get_scoped_or_404(request, selectors.plans_for(current_council(request)), pk=pk)


def download(document: Document, fmt: str, filename: str) -> HttpResponse:
    if fmt == "html":
        response = HttpResponse(render_to_string(PRINT_TEMPLATE, {"document": document}))
        response["Content-Disposition"] = f'attachment; filename="{filename}.html"'
        return response
    if fmt not in CONTENT_TYPES:
        raise Http404("No such format")
    return document_response(document, fmt, filename, PRINT_TEMPLATE)


@council_view("plans.view")
def plans(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    return render(
        request,
        "productivity/plans.html",
        {
            "page": paginate(request, selectors.plans_for(council)),
            "deadlines": selectors.deadlines(council, timezone.localdate()),
            "today": timezone.localdate(),
            "may_edit": can(current_roles(request), "plans.edit"),
        },
    )


@council_view("plans.edit")
def plan_new(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    form = PlanForm(request.POST or None, templates=selectors.templates_for(council))
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                council=council,
                template=form.cleaned_data["template"],
                title=form.cleaned_data["title"],
                actor=request.user,  # type: ignore[arg-type]
            )
        except services.PlanError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, f"{plan.title} started in draft")
            return redirect("productivity-plan-edit", plan.pk)
    return render(request, "productivity/plan_new.html", {"form": form})


def _move_forms(plan: Plan, data: Any = None, to: str = "") -> list[dict[str, Any]]:
    new_version = plan.status == PlanStatus.PUBLISHED
    return [
        {
            "to": target,
            "button": "Start a new version" if new_version else MOVE_BUTTONS[target],
            "form": (NewVersionForm if new_version else MOVE_FORMS[target])(
                data if target == to else None, prefix=target
            ),
        }
        for target in services.transitions_for(plan)
    ]


def _length(plan: Plan, document: Document) -> dict[str, Any]:
    """The PDF's page count, and whether it is within what the return expects."""
    pages = document_pages(document, PRINT_TEMPLATE)
    template = plan.template
    return {"pages": pages, "pages_ok": template.min_pages <= pages <= template.max_pages}


def _plan_page(request: HttpRequest, plan: Plan, moves: list[dict[str, Any]]) -> HttpResponse:
    document = plan_document(plan)
    record = selectors.latest_snapshot(plan=plan)
    roles = current_roles(request)
    bound = next((m["form"] for m in moves if m["form"].is_bound), None)
    return render(
        request,
        "productivity/plan.html",
        {
            "plan": plan,
            "document": document,
            **_length(plan, document),
            "moves": moves if can(roles, "plans.approve") else [],
            "may_edit": can(roles, "plans.edit") and plan.status in services.EDITABLE,
            "commitments": plan.commitments.all(),
            "rate_themes": selectors.themes_for(plan) if plan.template.ratings else [],
            "record": record,
            "records": selectors.snapshots_for(plan=plan),
            "changes": selectors.figure_changes(record.figures, document.figures())
            if record
            else [],
            "formats": FORMATS,
            "form": bound,
            "errors": _error_links(bound),
        },
    )


def _error_links(form: Any) -> list[tuple[str, str]]:
    """(anchor, message) for the error summary: a field's errors link to the field, errors
    about the move itself to the workflow section."""
    if form is None:
        return []
    links = [("workflow", str(error)) for error in form.non_field_errors()]
    for field in form:
        links.extend((field.auto_id, str(error)) for error in field.errors)
    return links


@council_view("plans.view")
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    return _plan_page(request, plan, _move_forms(plan))


@council_view("plans.approve")
def plan_move(request: HttpRequest, pk: int, to: str) -> HttpResponse:
    plan = _plan(request, pk)
    if request.method != "POST":
        return redirect(plan)
    moves = _move_forms(plan, request.POST, to)
    form = next((m["form"] for m in moves if m["to"] == to), None)
    if form is None:
        form = ReviewForm(request.POST)
        moves.append({"to": to, "button": "", "form": form, "hidden": True})
    if form.is_valid():
        try:
            services.plan_move(
                plan=plan,
                to=to,
                actor=request.user,  # type: ignore[arg-type]
                **form.cleaned_data,
            )
        except services.PlanError as error:
            refusal_on(form, error)
        else:
            plan.refresh_from_db()
            messages.success(request, f"{plan.title} is now: {plan.get_status_display()}")
            return redirect(plan)
    return _plan_page(request, plan, moves)


@council_view("plans.edit")
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    texts = selectors.theme_texts(plan)
    shared = [
        (theme, texts[theme.pk]) for theme in selectors.themes_for(plan) if texts[theme.pk].shared
    ]
    themes = [theme for theme in selectors.themes_for(plan) if not texts[theme.pk].shared]
    narratives = selectors.narratives_by_theme(plan)
    initial = {"foreword": plan.foreword} | {
        f"theme_{theme_id}": text for theme_id, text in narratives.items()
    }
    form = PlanTextForm(request.POST or None, initial=initial, themes=themes)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_edit(
                plan=plan,
                foreword=form.cleaned_data["foreword"],
                narratives=form.narratives(),
                actor=request.user,  # type: ignore[arg-type]
            )
        except services.PlanError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The plan's text has been saved")
            return redirect(plan)
    return render(
        request,
        "productivity/plan_edit.html",
        {"plan": plan, "form": form, "shared": shared, **_length(plan, plan_document(plan))},
    )


@council_view("plans.edit")
def plan_shared(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    form = UseSharedForm(
        request.POST or None,
        themes=plan.template.themes.all(),
        sections=selectors.shared_sections_for(plan.council),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.shared_section_use(
                plan=plan,
                theme_id=form.cleaned_data["theme"].pk,
                section=form.cleaned_data["section"],
                actor=request.user,  # type: ignore[arg-type]
            )
        except services.PlanError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, "The theme's text has been updated")
            return redirect(plan)
    return render(request, "productivity/plan_shared.html", {"plan": plan, "form": form})


@council_view("plans.view")
def shared_sections(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    return render(
        request,
        "productivity/shared_sections.html",
        {
            "owned": selectors.owned_sections(council),
            "shared": selectors.shared_sections_for(council).exclude(council=council),
            "may_edit": can(current_roles(request), "plans.edit"),
        },
    )


@council_view("plans.edit")
def shared_section_edit(request: HttpRequest, pk: int = 0) -> HttpResponse:
    council = current_council(request)
    section = get_scoped_or_404(request, selectors.owned_sections(council), pk=pk) if pk else None
    initial = (
        {"title": section.title, "text": section.text, "shared_with": section.shared_with.all()}
        if section
        else None
    )
    form = SharedSectionForm(request.POST or None, initial=initial, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            services.shared_section_save(council=council, section=section, **form.cleaned_data)
        except services.PlanError as error:
            refusal_on(form, error)
        else:
            messages.success(request, f"Shared section saved: {form.cleaned_data['title']}")
            return redirect("productivity-shared-sections")
    return render(
        request, "productivity/shared_section_edit.html", {"form": form, "section": section}
    )


@council_view("plans.edit")
def commitment_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    form = CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_add(
                plan=plan,
                actor=request.user,
                **form.cleaned_data,  # type: ignore[arg-type]
            )
        except services.PlanError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Commitment added")
            return redirect(plan)
    return render(request, "productivity/commitment_new.html", {"plan": plan, "form": form})


@council_view("plans.edit")
def commitment_done(request: HttpRequest, pk: int, commitment: int) -> HttpResponse:
    plan = _plan(request, pk)
    item = get_object_or_404(Commitment, plan=plan, council=plan.council, pk=commitment)
    if request.method == "POST":
        services.commitment_status_set(commitment=item, status=Commitment.Status.DONE)
        messages.success(request, f"Commitment marked as done: {item.text}")
    return redirect(plan)


def snapshot_download(snapshot: Snapshot, fmt: str, filename: str) -> HttpResponse:
    """The stored file of record, byte for byte."""
    if fmt not in Snapshot.FORMATS:
        raise Http404("No such format")
    response = HttpResponse(
        snapshot.read(fmt), content_type=CONTENT_TYPES.get(fmt, "text/html; charset=utf-8")
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _plan_filename(plan: Plan) -> str:
    return f"productivity-plan-{plan.council.slug}-{plan.pk}"


@council_view("plans.view")
def plan_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan = _plan(request, pk)
    record = selectors.published_snapshot(plan)
    if record is not None:
        return snapshot_download(record, fmt, _plan_filename(plan))
    return download(plan_document(plan), fmt, _plan_filename(plan))


@council_view("plans.view")
def plan_record(request: HttpRequest, pk: int, number: int, fmt: str) -> HttpResponse:
    """A snapshot of record of the plan (endorsed, submitted or published)."""
    plan = _plan(request, pk)
    record = get_object_or_404(selectors.snapshots_for(plan=plan), number=number)
    return snapshot_download(record, fmt, f"{_plan_filename(plan)}-{record.status.lower()}")


@require_POST
@council_view("plans.view")
def plan_prepare(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Prepare the plan as a PDF or Word file in the background; its page links to the file."""
    plan = _plan(request, pk)
    if fmt not in DOCUMENT_FORMATS:
        raise Http404("No such format")
    if selectors.published_snapshot(plan) is not None:  # the file of record is stored already
        return redirect("productivity-download", pk=plan.pk, fmt=fmt)
    job = jobs.start(
        current_council(request),
        request.user,  # type: ignore[arg-type]
        Job.Kind.DOCUMENT,
        f"{plan.title} as a {DOCUMENT_FORMATS[fmt]} file",
        "civicp3.jobs.runners.productivity_document",
        unit="steps",
        plan_id=plan.pk,
        fmt=fmt,
    )
    return redirect("job", pk=job.pk)


@council_view("plans.view")
def plan_versions(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    versions = list(selectors.versions_for(plan))
    by_number = {version.number: version for version in versions}
    older = by_number.get(_int(request.GET.get("from")))
    newer = by_number.get(_int(request.GET.get("to")))
    diff = selectors.compare(older, newer) if older and newer else None
    return render(
        request,
        "productivity/versions.html",
        {"plan": plan, "versions": versions, "older": older, "newer": newer, "diff": diff},
    )


def _int(value: str | None) -> int:
    return id_from(value) or 0


@council_view("plans.view")
def plan_update(request: HttpRequest, pk: int, fmt: str = "") -> HttpResponse:
    plan = _plan(request, pk)
    document = update_document(plan, timezone.localdate())
    if fmt:
        return download(document, fmt, f"productivity-plan-update-{plan.council.slug}")
    return render(request, "productivity/update.html", {"plan": plan, "document": document})


def _public_record(council: str, pk: int) -> tuple[Plan, Snapshot]:
    found = get_object_or_404(Council, slug=council)
    plan = get_object_or_404(selectors.published_plans(found), pk=pk)
    record = selectors.latest_snapshot(plan=plan, status=selectors.PUBLISHED)
    if record is None:
        raise Http404("The plan has not been published")
    return plan, record


@public_view("The council publishes its endorsed Productivity Plan on its website.")
def plan_public(request: HttpRequest, council: str, pk: int) -> HttpResponse:
    """The plan exactly as published (its stored snapshot), however the data has moved on."""
    plan, record = _public_record(council, pk)
    return render(
        request,
        "productivity/public.html",
        {"plan": plan, "record": record, "record_html": record.page_html()},
    )


@public_view("The published plan's PDF and Word files, as published, for the public.")
def plan_public_download(request: HttpRequest, council: str, pk: int, fmt: str) -> HttpResponse:
    plan, record = _public_record(council, pk)
    return snapshot_download(record, fmt, _plan_filename(plan))


# --- Committee reports ---


def _report(request: HttpRequest, number: int) -> CommitteeReport:
    return get_scoped_or_404(
        request, selectors.committee_reports_for(current_council(request)), number=number
    )


@council_view("plans.view")
def committee_reports(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    return render(
        request,
        "productivity/committee_reports.html",
        {
            "page": paginate(request, selectors.committee_reports_for(council)),
            "may_edit": can(current_roles(request), "plans.edit"),
        },
    )


@council_view("plans.edit")
def committee_report_edit(request: HttpRequest, number: int = 0) -> HttpResponse:
    council = current_council(request)
    report = _report(request, number) if number else None
    form = CommitteeReportForm(
        request.POST or None,
        instance=report,
        templates=selectors.committee_templates_for(council),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.committee_report_save(
                council=council, values=form.cleaned_data, report=report
            )
        except services.PlanError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, f"Committee report saved: {saved.title}")
            return redirect(saved)
    return render(
        request, "productivity/committee_report_edit.html", {"form": form, "report": report}
    )


def _committee_page(
    request: HttpRequest, report: CommitteeReport, errors: list[tuple[str, str]] | None = None
) -> HttpResponse:
    council = current_council(request)
    record = selectors.latest_snapshot(report=report)
    editable = report.status == CommitteeReport.Status.DRAFT
    return render(
        request,
        "productivity/committee_report.html",
        {
            "report": report,
            "record": record,
            "record_html": record.page_html() if record else "",
            "document": None
            if record
            else committee_document(report, council, timezone.localdate()),
            "formats": FORMATS,
            "appendices": report_appendices(report),
            "appendix_actions": (("up", "Up"), ("down", "Down"), ("remove", "Remove")),
            "may_edit": editable and can(current_roles(request), "plans.edit"),
            "errors": errors or [],
        },
        status=400 if errors else 200,
    )


@council_view("plans.view")
def committee_report(request: HttpRequest, number: int, fmt: str = "") -> HttpResponse:
    """The draft as it reads now; once issued, the stored snapshot of record."""
    report = _report(request, number)
    council = current_council(request)
    if fmt:
        filename = f"committee-report-{council.slug}-{report.number}"
        record = selectors.latest_snapshot(report=report)
        if record is not None:
            return snapshot_download(record, fmt, filename)
        return download(committee_document(report, council, timezone.localdate()), fmt, filename)
    return _committee_page(request, report)


@require_POST
@council_view("plans.edit")
def committee_report_issue(request: HttpRequest, number: int) -> HttpResponse:
    report = _report(request, number)
    try:
        services.committee_report_issue(report=report, actor=request.user)  # type: ignore[arg-type]
    except services.PlanError as error:
        edit = reverse("committee-report-edit", args=[report.number])
        gaps = [(f"{edit}#id_{name}", message) for name, message in error.gaps]
        return _committee_page(request, report, gaps or [("issue", error.message)])
    messages.success(request, f"Committee report issued: {report.title}")
    return redirect(report)


@council_view("plans.edit")
def committee_appendix_new(request: HttpRequest, number: int) -> HttpResponse:
    """Attach a framework, a plan, a plan's six-monthly update or a PMO report after the
    report's other appendices."""
    council = current_council(request)
    report = _report(request, number)
    form = CommitteeAppendixForm(
        request.POST or None,
        plans=selectors.plans_for(council),
        frameworks=selectors.frameworks_for(council),
    )
    appendix = submitted(
        request, form, lambda data: services.committee_appendix_add(report=report, **data)
    )
    if appendix is not None:
        messages.success(request, f"Appendix attached: {appendix}")
        return redirect(report)
    return render(
        request, "productivity/committee_appendix_new.html", {"form": form, "report": report}
    )


@require_POST
@council_view("plans.edit")
def committee_appendix_action(
    request: HttpRequest, number: int, appendix: int, action: str
) -> HttpResponse:
    """Number an appendix earlier or later, or take it off the report."""
    report = _report(request, number)
    item = get_object_or_404(CommitteeAppendix, report=report, council=report.council, pk=appendix)
    _reorder(
        request,
        action,
        move=lambda up: services.committee_appendix_move(appendix=item, up=up),
        remove=lambda: services.committee_appendix_remove(appendix=item),
        named=("Appendix", str(item)),
    )
    return redirect(report)


def _reorder(
    request: HttpRequest,
    action: str,
    *,
    move: Callable[[bool], object],
    remove: Callable[[], object],
    named: tuple[str, str],
) -> None:
    """Move an item of an ordered list up or down, or remove it; the outcome as a message
    ("Section moved: Background", from `named` ("Section", "Background"))."""
    try:
        if action in ("up", "down"):
            move(action == "up")
        elif action == "remove":
            remove()
        else:
            raise Http404("No such action")
    except services.PlanError as error:
        messages.error(request, error.message)
    else:
        kind, name = named
        messages.success(request, f"{kind} {'removed' if action == 'remove' else 'moved'}: {name}")


# --- Strategies and frameworks (documents of record members adopt) ---


@council_view("plans.view")
def frameworks(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    return render(
        request,
        "productivity/frameworks.html",
        {
            "frameworks": selectors.frameworks_for(council),
            "today": timezone.localdate(),
            "may_edit": can(current_roles(request), "plans.edit"),
        },
    )


@council_view("plans.edit")
def framework_edit(request: HttpRequest, pk: int = 0) -> HttpResponse:
    council = current_council(request)
    found = get_scoped_or_404(request, selectors.frameworks_for(council), pk=pk) if pk else None
    form = FrameworkForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.framework_save(
                council=council, values=form.cleaned_data, framework=found
            )
        except services.PlanError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, f"Framework saved: {saved}")
            return redirect("productivity-framework", saved.pk)
    return render(request, "productivity/framework_edit.html", {"form": form, "framework": found})


@council_view("plans.view")
def framework_detail(request: HttpRequest, pk: int, fmt: str = "") -> HttpResponse:
    found = get_scoped_or_404(request, selectors.frameworks_for(current_council(request)), pk=pk)
    document = framework_document(found)
    if fmt:
        return download(document, fmt, f"framework-{found.council.slug}-{found.pk}")
    return render(
        request,
        "productivity/framework.html",
        {
            "framework": found,
            "document": document,
            "formats": FORMATS,
            "may_edit": can(current_roles(request), "plans.edit"),
        },
    )


# --- Committee report templates (data, not code) ---


@council_view("plans.view")
def committee_templates(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    return render(
        request,
        "productivity/committee_templates.html",
        {
            "templates": selectors.committee_templates_for(council).prefetch_related("sections"),
            "labels": SECTION_FIELDS,
            "numberings": CommitteeTemplate.Numbering.choices,
            "may_edit": can(current_roles(request), "plans.edit"),
        },
    )


def _committee_template(request: HttpRequest, pk: int) -> CommitteeTemplate:
    council = current_council(request)
    return get_scoped_or_404(request, selectors.committee_templates_for(council), pk=pk)


def _committee_section(request: HttpRequest, pk: int, section: int) -> CommitteeSection:
    template = _committee_template(request, pk)
    return get_object_or_404(
        CommitteeSection, template=template, council=template.council, pk=section
    )


@council_view("plans.edit")
def committee_section_edit(request: HttpRequest, pk: int, section: int = 0) -> HttpResponse:
    """Add a section to the template (no `section`) or rename and re-set one."""
    template = _committee_template(request, pk)
    item = _committee_section(request, pk, section) if section else None
    initial = (
        {"field": item.field, "heading": item.heading, "part": item.part, "required": item.required}
        if item
        else None
    )
    form = CommitteeSectionForm(request.POST or None, initial=initial)
    if item:
        form.fields["field"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if item:
                services.committee_section_update(
                    section=item,
                    heading=data["heading"],
                    part=data["part"],
                    required=data["required"],
                )
            else:
                services.committee_section_add(template=template, **data)
        except services.PlanError as error:
            refusal_on(form, error)
        else:
            messages.success(request, f"Section saved: {data['heading']}")
            return redirect("committee-templates")
    return render(
        request,
        "productivity/committee_section_edit.html",
        {"form": form, "template": template, "section": item},
    )


@require_POST
@council_view("plans.edit")
def committee_section_action(
    request: HttpRequest, pk: int, section: int, action: str
) -> HttpResponse:
    """Move a section up or down, or remove it."""
    item = _committee_section(request, pk, section)
    _reorder(
        request,
        action,
        move=lambda up: services.committee_section_move(section=item, up=up),
        remove=lambda: services.committee_section_remove(section=item),
        named=("Section", item.heading),
    )
    return redirect("committee-templates")


@require_POST
@council_view("plans.edit")
def committee_template_numbering(request: HttpRequest, pk: int) -> HttpResponse:
    """How the template's reports number their appendices (1, 2 … or A, B … or i, ii …)."""
    template = _committee_template(request, pk)
    form = AppendixNumberingForm(request.POST)
    if form.is_valid():
        services.committee_template_numbering(
            template=template, numbering=form.cleaned_data["appendix_numbering"]
        )
        messages.success(request, f"{template.name}: {template.get_appendix_numbering_display()}")
    else:
        messages.error(request, "Select how the appendices are numbered")
    return redirect("committee-templates")


# --- Return templates (data, not code) ---


@council_view("plans.view")
def templates(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    return render(
        request,
        "productivity/templates.html",
        {
            "templates": selectors.templates_for(council).prefetch_related("themes"),
            "evidence": EVIDENCE,
            "may_edit": can(current_roles(request), "plans.edit"),
        },
    )


@council_view("plans.edit")
def template_new(request: HttpRequest) -> HttpResponse:
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            template = services.template_add(council=current_council(request), **form.cleaned_data)
        except services.PlanError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, f"Template added: {template.name}. Now add its themes.")
            return redirect("productivity-theme-new", template.pk)
    return render(request, "productivity/template_new.html", {"form": form})


@council_view("plans.edit")
def theme_new(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_scoped_or_404(request, selectors.templates_for(current_council(request)), pk=pk)
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            theme = services.theme_add(template=template, **form.cleaned_data)
        except services.PlanError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, f"Theme {theme.order} added to {template.name}")
            return redirect("productivity-templates")
    return render(request, "productivity/theme_new.html", {"form": form, "template": template})
