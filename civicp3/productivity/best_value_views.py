"""The Best Value self-assessment's own pages: starting one, rating a theme's characteristics,
and the council's list of characteristics. The self-assessment's page, workflow, downloads
and snapshots are the plan's (`productivity.views`)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from civicp3.lib.forms import attempt, submitted
from civicp3.lib.tabular import UnreadableFile, read_table
from civicp3.organisation.roles import can
from civicp3.organisation.scoping import (
    council_view,
    current_council,
    current_roles,
    get_scoped_or_404,
)
from civicp3.organisation.services import ImportRefused
from civicp3.productivity import best_value, best_value_services, selectors
from civicp3.productivity.best_value_forms import (
    CharacteristicForm,
    CharacteristicsUploadForm,
    RatingsForm,
    SelfAssessmentForm,
)
from civicp3.productivity.models import Characteristic, ReturnTemplate, Theme
from civicp3.productivity.services import EDITABLE, PlanError


@council_view("plans.edit")
def self_assessment_new(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    form = SelfAssessmentForm(request.POST or None)
    plan = submitted(
        request,
        form,
        lambda data: best_value_services.self_assessment_start(
            council=council,
            title=data["title"],
            actor=request.user,  # type: ignore[arg-type]
        ),
    )
    if plan is not None:
        messages.success(request, f"{plan.title} started in draft")
        return redirect(plan)
    return render(request, "productivity/self_assessment_new.html", {"form": form})


@council_view("plans.edit")
def self_assessment_theme(request: HttpRequest, pk: int, order: int) -> HttpResponse:
    plan = get_scoped_or_404(request, selectors.plans_for(current_council(request)), pk=pk)
    if not best_value.is_self_assessment(plan):
        raise Http404("This return has no characteristics to rate")
    theme = get_object_or_404(plan.template.themes.all(), order=order)
    characteristics = list(theme.characteristics.all())
    assessments = best_value.assessments_for(plan)
    initial = {}
    for item in characteristics:
        found = assessments.get(item.pk)
        if found:
            initial[f"rating_{item.pk}"] = found.rating
            initial[f"narrative_{item.pk}"] = found.narrative
    form = RatingsForm(
        request.POST or None,
        initial=initial,
        characteristics=characteristics,
        ratings=list(plan.template.ratings),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: best_value_services.assessment_save(
                plan=plan,
                theme=theme,
                values=form.values(),
                actor=request.user,  # type: ignore[arg-type]
            ),
        )
    ):
        messages.success(request, f"Ratings saved: {theme.title}")
        return redirect(plan)
    return render(
        request,
        "productivity/self_assessment_theme.html",
        {
            "plan": plan,
            "theme": theme,
            "form": form,
            "editable": plan.status in EDITABLE,
            "sample": any(item.sample for item in characteristics),
            "sample_note": best_value.SAMPLE_NOTE,
        },
    )


def _template(request: HttpRequest, pk: int) -> ReturnTemplate:
    return get_scoped_or_404(
        request, selectors.templates_for(current_council(request)).exclude(ratings=[]), pk=pk
    )


def _add_form(theme: Theme, data: object = None) -> CharacteristicForm:
    form = CharacteristicForm(data, prefix=f"theme{theme.order}")
    form.fields["text"].label = f"Add a characteristic to {theme.title}"
    return form


def _characteristics_page(
    request: HttpRequest,
    template: ReturnTemplate,
    add: CharacteristicForm | None = None,
    upload: CharacteristicsUploadForm | None = None,
    problem: str = "",
) -> HttpResponse:
    themes = [
        (
            theme,
            list(theme.characteristics.all()),
            add if add and add.prefix == f"theme{theme.order}" else _add_form(theme),
        )
        for theme in template.themes.prefetch_related("characteristics")
    ]
    failed = bool(problem or (add and add.errors) or (upload and upload.errors))
    return render(
        request,
        "productivity/characteristics.html",
        {
            "template": template,
            "themes": themes,
            "may_edit": can(current_roles(request), "plans.edit"),
            "form": add if add and add.errors else (upload or CharacteristicsUploadForm()),
            "upload": upload or CharacteristicsUploadForm(),
            "problem": problem,
            "sample_note": best_value.SAMPLE_NOTE,
            "ratings": template.ratings,
        },
        status=400 if failed else 200,
    )


@council_view("plans.view")
def characteristics(request: HttpRequest, pk: int) -> HttpResponse:
    return _characteristics_page(request, _template(request, pk))


@require_POST
@council_view("plans.edit")
def characteristic_new(request: HttpRequest, pk: int, order: int) -> HttpResponse:
    template = _template(request, pk)
    theme = get_object_or_404(template.themes.all(), order=order)
    form = _add_form(theme, request.POST)
    if form.is_valid():
        try:
            best_value_services.characteristic_add(theme=theme, text=form.cleaned_data["text"])
        except PlanError as error:
            form.add_error("text", error.message)
        else:
            messages.success(request, f"Characteristic added to {theme.title}")
            return redirect("productivity-characteristics", template.pk)
    return _characteristics_page(request, template, add=form)


@council_view("plans.edit")
def characteristic_edit(request: HttpRequest, pk: int, characteristic: int) -> HttpResponse:
    template = _template(request, pk)
    item = get_object_or_404(
        Characteristic.objects.filter(council=template.council, theme__template=template),
        pk=characteristic,
    )
    form = CharacteristicForm(request.POST or None, initial={"text": item.text})
    if request.method == "POST" and form.is_valid():
        try:
            best_value_services.characteristic_update(
                characteristic=item, text=form.cleaned_data["text"]
            )
        except PlanError as error:
            form.add_error("text", error.message)
        else:
            messages.success(request, "Characteristic saved")
            return redirect("productivity-characteristics", template.pk)
    return render(
        request,
        "productivity/characteristic_edit.html",
        {"template": template, "form": form, "characteristic": item},
    )


@require_POST
@council_view("plans.edit")
def characteristic_remove(request: HttpRequest, pk: int, characteristic: int) -> HttpResponse:
    template = _template(request, pk)
    item = get_object_or_404(
        Characteristic.objects.filter(council=template.council, theme__template=template),
        pk=characteristic,
    )
    try:
        best_value_services.characteristic_remove(characteristic=item)
    except PlanError as error:
        return _characteristics_page(request, template, problem=error.message)
    messages.success(request, "Characteristic removed")
    return redirect("productivity-characteristics", template.pk)


@council_view("plans.edit")
def characteristics_upload(request: HttpRequest, pk: int) -> HttpResponse:
    template = _template(request, pk)
    if request.method != "POST":
        return redirect("productivity-characteristics", template.pk)
    form = CharacteristicsUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _characteristics_page(request, template, upload=form)
    try:
        rows = read_table(form.cleaned_data["file"])
        created = best_value_services.characteristics_import(template=template, rows=rows)
    except (UnreadableFile, UnicodeDecodeError) as error:
        form.add_error("file", str(error))
        return _characteristics_page(request, template, upload=form)
    except ImportRefused as error:
        # Each bad cell beside the file field and in the error summary.
        for problem in error.errors:
            form.add_error("file", problem)
        return _characteristics_page(request, template, upload=form)
    messages.success(request, f"{len(created)} characteristics loaded")
    return redirect("productivity-characteristics", template.pk)
