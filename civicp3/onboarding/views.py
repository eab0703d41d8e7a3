"""The onboarding task list, its steps, and the invitation page where a person sets a password."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.http import require_POST

from civicp3.improvements.models import ScoringQuestion
from civicp3.jobs import services as jobs
from civicp3.jobs.models import Job
from civicp3.lib.pagination import paginate
from civicp3.onboarding import selectors, services
from civicp3.onboarding.forms import InvitationPasswordForm, PlanUploadForm, UploadForm
from civicp3.onboarding.imports import IMPORTERS, ImportFailed
from civicp3.onboarding.models import PendingUpload
from civicp3.onboarding.steps import BY_SLUG, STEPS, Step
from civicp3.organisation import services as organisation
from civicp3.organisation.forms import CouncilDetailsForm
from civicp3.organisation.models import Council
from civicp3.organisation.roles import Role, can
from civicp3.organisation.scoping import (
    council_view,
    current_council,
    current_roles,
    public_view,
)
from civicp3.organisation.sections import SECTIONS
from civicp3.organisation.selectors import people_for
from civicp3.portfolio.models import KeyCriterion, PriorityCriterion, TierBand
from civicp3.portfolio.services import ProjectError, project_create

# Which council settings each step lets the administrator type in, one record at a time.
TYPED_IN = {
    "service-areas": ("directorates", "service-areas"),
    "priorities": ("priorities",),
    "boards": ("boards",),
}


def _step(slug: str) -> Step:
    try:
        return BY_SLUG[slug]
    except KeyError:
        raise Http404("No such onboarding step") from None


def _next(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


@council_view("settings.change")
def task_list(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    found = selectors.statuses(council)
    done = sum(1 for s in found if s.status == "Completed")
    return render(
        request,
        "onboarding/task_list.html",
        {"council": council, "statuses": found, "done": done, "total": len(found)},
    )


@council_view("settings.change")
def council_step(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    form = CouncilDetailsForm(request.POST or None, instance=council)
    if request.method == "POST" and form.is_valid():
        organisation.council_update(council=council, fields=form.cleaned_data)
        services.step_mark(council=council, step="council", completed=True)
        messages.success(request, "Council details saved")
        return redirect("onboarding")
    return render(request, "onboarding/council.html", {"form": form, "step": BY_SLUG["council"]})


@council_view("settings.change")
def scoring_step(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    if request.method == "POST":
        services.defaults_apply(council=council)
        messages.success(request, "Your council now starts from the seed council's defaults")
        return redirect("onboarding-step", slug="scoring")
    counts = {
        "Technical matrix questions": ScoringQuestion.objects.for_council(council).count(),
        "Key criteria": KeyCriterion.objects.for_council(council).count(),
        "Prioritisation criteria": PriorityCriterion.objects.for_council(council).count(),
        "Priority tiers (Gold, Silver, Bronze)": TierBand.objects.for_council(council).count(),
    }
    return render(
        request,
        "onboarding/scoring.html",
        {
            "step": BY_SLUG["scoring"],
            "counts": counts,
            "started": any(counts.values()),
            "can_matrix": can(current_roles(request), "improvements.configure"),
        },
    )


@council_view("settings.change")
def step(request: HttpRequest, slug: str) -> HttpResponse:
    if slug == "council":
        return council_step(request)
    if slug == "scoring":
        return scoring_step(request)
    the_step = _step(slug)
    council = current_council(request)
    jobs.fail_lost(council)  # an import whose worker died is not "being imported"
    importer = IMPORTERS.get(slug)
    form_class = PlanUploadForm if slug == "plans" else UploadForm
    kwargs = {"council": council} if slug == "plans" else {}
    form = form_class(request.POST or None, request.FILES or None, **kwargs)
    problems: list[str] = []
    if request.method == "POST" and importer is not None and form.is_valid():
        waiting = selectors.pending_upload(council, slug)
        if waiting is not None and _importing(waiting):
            form.add_error("file", "Wait until the import already running has finished")
    if request.method == "POST" and importer is not None and form.is_valid():
        try:
            problems = _upload(request, council, slug, form.cleaned_data)
        except ProjectError as error:
            form.add_error("title", str(error))
        if not problems and not form.errors:
            return redirect("onboarding-step", slug=slug)
        if problems:
            form.add_error(
                "file",
                f"The file has {len(problems)} problem"
                f"{'s' if len(problems) != 1 else ''}: nothing has been imported",
            )
    pending = selectors.pending_upload(council, slug) if importer else None
    preview = None
    if pending is not None and importer is not None and not _importing(pending):
        try:
            preview = importer.check(council, pending)
        except ImportFailed as error:
            # The waiting file no longer passes (the council's records changed since): show
            # why and offer no import; the next upload replaces it. A GET changes nothing.
            problems = error.errors
            pending = None
    records = selectors.records_for(council, slug)
    page = paginate(request, records.rows if records else [])
    return render(
        request,
        "onboarding/step.html",
        {
            "step": the_step,
            "next_step": _next(the_step),
            "records": records,
            "page": page,
            "typed_in": [(kind, SECTIONS[kind]) for kind in TYPED_IN.get(slug, ())],
            "importer": importer,
            "form": form,
            "problems": problems,
            "pending": pending,
            "preview": preview,
            "importing": pending is not None and _importing(pending),
            "invited": selectors.invited_people(council) if slug == "people" else [],
        },
    )


def _importing(pending: PendingUpload) -> bool:
    return pending.job is not None and pending.job.active


def _upload(
    request: HttpRequest, council: Council, slug: str, data: dict[str, object]
) -> list[str]:
    """Check an uploaded file; keep it for the preview if it passes, else give its problems."""
    upload = data["file"]
    project = data.get("project")
    pending = services.upload_keep(
        council=council,
        step=slug,
        name=upload.name or "",  # type: ignore[attr-defined]
        data=upload.read(),  # type: ignore[attr-defined]
        actor=request.user,  # type: ignore[arg-type]
        project=project,  # type: ignore[arg-type]
    )
    try:
        IMPORTERS[slug].check(council, pending)
    except ImportFailed as error:
        services.upload_discard(council=council, step=slug)
        return error.errors
    if slug == "plans" and project is None:
        pending.project = project_create(
            council=council,
            title=str(data["title"]),
            actor=request.user,  # type: ignore[arg-type]
        )
        services.upload_keep(
            council=council,
            step=slug,
            name=pending.name,
            data=bytes(pending.data),
            actor=request.user,  # type: ignore[arg-type]
            project=pending.project,
        )
    return []


@require_POST
@council_view("settings.change")
def confirm(request: HttpRequest, slug: str) -> HttpResponse:
    """Start the import as a background job and show its progress page."""
    the_step = _step(slug)
    council = current_council(request)
    jobs.fail_lost(council)
    pending = selectors.pending_upload(council, slug)
    importer = IMPORTERS.get(slug)
    if pending is None or importer is None:
        messages.error(request, "There is no file waiting to be imported: upload it again")
        return redirect("onboarding-step", slug=slug)
    if request.POST.get("action") == "cancel" and (pending.job is None or not pending.job.active):
        services.upload_discard(council=council, step=slug)
        messages.success(request, "The import was cancelled: nothing has been changed")
        return redirect("onboarding-step", slug=slug)
    if pending.job is None or not pending.job.active:
        pending.job = jobs.start(
            council,
            request.user,  # type: ignore[arg-type]
            Job.Kind.ONBOARDING_IMPORT,
            f"{the_step.title}: import of {pending.name or 'a file'}",
            "civicp3.onboarding.imports.run_import",
            unit=importer.unit,
            upload_id=pending.pk,
            base_url=request.build_absolute_uri("/"),
        )
        services.upload_importing(upload=pending, job=pending.job)
    return redirect("job", pk=pending.job.pk)


@require_POST
@council_view("settings.change")
def complete(request: HttpRequest, slug: str) -> HttpResponse:
    the_step = _step(slug)
    services.step_mark(council=current_council(request), step=slug, completed=True)
    messages.success(request, f"{the_step.title} marked as completed")
    return redirect("onboarding")


@council_view("settings.change")
def add_record(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    the_step = _step(slug)
    if kind not in TYPED_IN.get(slug, ()):
        raise Http404("No such setting")
    section = SECTIONS[kind]
    council = current_council(request)
    form = section.form(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            organisation.council_record_save(council=council, record=form.instance)
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                for message in field_errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            services.step_mark(council=council, step=slug, completed=False)
            messages.success(request, f"{section.singular.capitalize()} added")
            return redirect("onboarding-step", slug=slug)
    return render(
        request,
        "onboarding/add.html",
        {"step": the_step, "section": section, "form": form},
    )


@require_POST
@council_view("settings.change")
def invite_again(request: HttpRequest, pk: int) -> HttpResponse:
    council = current_council(request)
    person = get_object_or_404(people_for(council), pk=pk)
    try:
        services.invitation_resend(
            user=person,
            council=council,
            actor=request.user,  # type: ignore[arg-type]
            base_url=request.build_absolute_uri("/"),
        )
    except services.OnboardingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"A new invitation has been sent to {person.email}")
    return redirect("onboarding-step", slug="people")


INVITATION_REFUSED = (
    "This invitation link has expired or has already been used. Ask your council's "
    "administrator to send you a new invitation."
)


@public_view("A person invited by email has no password yet, so cannot sign in to set one.")
def invitation(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(
            request,
            "onboarding/invitation_refused.html",
            {"reason": INVITATION_REFUSED},
            status=410,
        )
    form = InvitationPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your password has been set and you are signed in")
        admin = user.memberships.filter(role__in=_admin_roles()).exists()  # type: ignore[attr-defined]
        return redirect(reverse("onboarding") if admin else reverse("home"))
    return render(request, "onboarding/invitation.html", {"form": form, "invited": user})


def _admin_roles() -> list[str]:
    return [role.value for role in Role if can({role.value}, "settings.change")]
