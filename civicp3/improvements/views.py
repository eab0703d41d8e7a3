import hashlib
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from civicp3.improvements import selectors, services, worklist
from civicp3.improvements.forms import (
    BenefitsForm,
    ChangeDecisionForm,
    ChangeRequestForm,
    CohortForm,
    DecisionNodeForm,
    DelegateForm,
    FeasibilityForm,
    FeasibilityQuestionForm,
    ImportForm,
    LimitsForm,
    MatrixQuestionForm,
    PathwayForm,
    PhaseReturnForm,
    QueueFilterForm,
    RaiseForm,
    RatingForm,
    ScoreForm,
    SignOffForm,
    SignOffRequestForm,
    TagsForm,
    TransitionForm,
    WaitingListFilterForm,
    WorkshopForm,
)
from civicp3.improvements.lifecycle import (
    FOR_REQUESTER,
    GATES,
    PATHWAYS,
    QUEUE,
    STEPS,
    WORDING,
    Status,
    Step,
    moves_from,
)
from civicp3.improvements.models import (
    ChangeRequest,
    DecisionNode,
    Evidence,
    FeasibilityQuestion,
    ImprovementRequest,
    Pathway,
    Phase,
    ScoringQuestion,
    TrainingCohort,
)
from civicp3.jobs import services as jobs
from civicp3.jobs.models import Job
from civicp3.lib.addresses import client_address
from civicp3.lib.forms import posted, refusal_on, submitted
from civicp3.lib.pagination import paginate
from civicp3.lib.tabular import FORMATS, table_response
from civicp3.organisation.models import Council
from civicp3.organisation.roles import can
from civicp3.organisation.scoping import (
    council_view,
    current_council,
    current_roles,
    get_scoped_or_404,
    public_view,
)
from civicp3.performance import measures


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    total: int
    continued: bool
    rows: list[ImprovementRequest]


def _filters(form: forms.Form) -> dict[str, Any]:
    """A filter form's valid choices; an invalid one is shown as an error, the rest apply."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return form.cleaned_data


def _filtered_waiting_list(request: HttpRequest) -> tuple[WaitingListFilterForm, Any]:
    council = current_council(request)
    form = WaitingListFilterForm(request.GET or None, council=council)
    filters = _filters(form)
    requests = selectors.waiting_list_for(
        council,
        pathway=filters.get("pathway") or "",
        directorate=filters.get("ad_area"),
        service_area=filters.get("service_area"),
    )
    return form, requests


@council_view("improvements.transition")
def queue(request: HttpRequest) -> HttpResponse:
    """The improvement team's work queue: every request by status, with filters."""
    council = current_council(request)
    form = QueueFilterForm(request.GET or None)
    filters = _filters(form)
    requests = selectors.queue_for(
        council,
        group=filters.get("status") or "",
        pathway=filters.get("pathway") or "",
        text=filters.get("q") or "",
    )
    counts = dict(
        ImprovementRequest.objects.for_council(council)
        .order_by()
        .values_list("status")
        .annotate(count=Count("id"))
        .values_list("status", "count")
    )
    groups = [
        {"code": code, "label": label, "count": sum(counts.get(s, 0) for s in statuses)}
        for code, label, statuses in QUEUE
    ]
    page = paginate(request, requests)
    return render(
        request,
        "improvements/queue.html",
        {"form": form, "page": page, "groups": groups, "count": page.paginator.count},
    )


@council_view("improvements.view")
def waiting_list(request: HttpRequest) -> HttpResponse:
    form, requests = _filtered_waiting_list(request)
    page = paginate(request, requests)
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
    return render(
        request,
        "improvements/detail.html",
        {
            "improvement": improvement,
            "form": form,
            "history": selectors.improvement_history(improvement),
            "records": selectors.improvement_records(improvement),
            "may_decide": can(current_roles(request), "improvements.decide_change"),
            "tags_form": _tags_form(improvement) if may_change else None,
            **_offered(request, improvement),
        },
    )


def _offered(request: HttpRequest, improvement: ImprovementRequest) -> dict[str, Any]:
    """What the page offers this person, read from the lifecycle tables: the moves whose gates
    are met (buttons, or the page that makes them), what each other move still needs, and the
    steps open at the request's status."""
    roles = current_roles(request)
    may_change = can(roles, "improvements.transition")
    actions, not_yet = [], []
    for move in moves_from(improvement.status):
        unmet = services.improvement_unmet(improvement, move)
        if unmet:
            not_yet.append(
                {"label": WORDING[move.to].button, "needs": [GATES[gate] for gate in unmet]}
            )
        elif not move.page:
            actions.append(
                {
                    "to": move.to.value,
                    "label": WORDING[move.to].button,
                    "warning": move.to in (Status.REJECTED, Status.WITHDRAWN),
                }
            )
    number = f"{improvement.number:04d}"
    steps = [
        {
            "url": reverse(step.page, kwargs={"number": number}),
            "label": step.label
            + (
                f" for the {improvement.get_phase_display().lower()} phase"  # type: ignore[attr-defined]
                if code == "phase_return"
                else ""
            ),
        }
        for code, step in STEPS.items()
        if improvement.status in step.statuses
        and _may_take(request, improvement, step)
        and not (code == "phase_return" and improvement.phase == Phase.DONE)
    ]
    pending = improvement.sign_offs.filter(withdrawn=False, confirmed_at__isnull=True).first()
    if pending is not None and pending.owner_id == request.user.pk:
        steps.append(
            {
                "url": reverse("improvement-sign-off-confirm", kwargs={"number": number}),
                "label": "Confirm the go-live sign-off",
            }
        )
    return {
        "actions": actions if may_change else [],
        "not_yet": not_yet if may_change else [],
        "steps": steps,
        "phases": [Phase(code) for code in PATHWAYS[improvement.pathway].phases]
        if improvement.pathway in PATHWAYS
        else [],
    }


def _may_take(request: HttpRequest, improvement: ImprovementRequest, step: Step) -> bool:
    """The role table's action for the step; delivery steps also by the request's champion."""
    roles = current_roles(request)
    if step.action == "improvements.deliver":
        return can(roles, "improvements.score") or (
            can(roles, step.action) and improvement.champion_id == request.user.pk
        )
    return can(roles, step.action)


# --- Intake: the staff form, the public form and their acknowledgements ---

RAISED_KEY = "improvements_raised"


def _client_key(request: HttpRequest) -> str:
    """The client's address, hashed with the site's secret: the rate limit counts these."""
    address = client_address(request)
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


def public_intake_refusal(
    request: HttpRequest, council: Council, *, kind: str
) -> HttpResponse | None:
    """Count one submission to a public form (the request, rating or service feedback form);
    the 429 page when this client is over the council's hourly limit, else None."""
    try:
        services.intake_attempt_record(council=council, client=_client_key(request), kind=kind)
    except services.RateLimited as error:
        return render(
            request,
            "improvements/rate_limited.html",
            {"council": council, "message": error.message},
            status=429,
        )
    return None


def _raise(request: HttpRequest, council: Council, *, public: bool) -> HttpResponse | RaiseForm:
    """Handle the raise form for staff or the public: a response when done, else the form."""
    limits = services.improvement_settings(council)
    data = request.POST if request.method == "POST" else None
    initial = {}
    if not public:
        user = request.user
        initial = {"contact_name": user.get_full_name(), "contact_email": user.email}  # type: ignore[union-attr]
    form = RaiseForm(
        data,
        request.FILES if data is not None else None,
        council=council,
        public=public,
        limits=limits,
        initial=initial,
    )
    if data is None or not form.is_valid():
        return form
    if public:
        if refused := public_intake_refusal(request, council, kind="request"):
            return refused
        if form.is_bot:
            # The honeypot was filled in: thank the bot and keep nothing.
            request.session[RAISED_KEY] = ""
            return redirect("improvement-public-raised", council=council.slug)
    fields = {
        name: form.cleaned_data.get(name, "")
        for name in (
            "process_impacted",
            "problem_statement",
            "what_we_require",
            "form_required",
            "contact_name",
            "contact_email",
            "contact_phone",
            "service_area_text",
        )
    }
    try:
        improvement = services.improvement_raise(
            council=council,
            service_area=form.cleaned_data.get("service_area"),
            raised_by=None if public else request.user,  # type: ignore[arg-type]
            evidence=form.cleaned_data["evidence"],
            **fields,
        )
    except services.ImprovementError as error:
        refusal_on(form, error)
        return form
    services.improvement_acknowledge(improvement=improvement)
    request.session[RAISED_KEY] = improvement.reference
    if public:
        return redirect("improvement-public-raised", council=council.slug)
    return redirect("improvement-raised")


@council_view("improvements.raise")
def raise_request(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    result = _raise(request, council, public=False)
    if isinstance(result, HttpResponse):
        return result
    return render(
        request,
        "improvements/raise.html",
        {"form": result, "council": council, "public": False},
    )


@public_view("Anyone, staff or public, may raise an improvement request without signing in.")
def public_raise_request(request: HttpRequest, council: str) -> HttpResponse:
    found = get_object_or_404(Council, slug=council)
    result = _raise(request, found, public=True)
    if isinstance(result, HttpResponse):
        return result
    return render(
        request,
        "improvements/raise.html",
        {"form": result, "council": found, "public": True},
    )


def _raised(request: HttpRequest, council: Council, public: bool) -> HttpResponse:
    return render(
        request,
        "improvements/raised.html",
        {"reference": request.session.get(RAISED_KEY, ""), "council": council, "public": public},
    )


@council_view("improvements.raise")
def raised(request: HttpRequest) -> HttpResponse:
    return _raised(request, current_council(request), public=False)


@public_view("The confirmation page of the public improvement request form.")
def public_raised(request: HttpRequest, council: str) -> HttpResponse:
    return _raised(request, get_object_or_404(Council, slug=council), public=True)


# --- The person who raised a request follows it ---


def _status_page(
    request: HttpRequest, improvement: ImprovementRequest, council: Council
) -> HttpResponse:
    return render(
        request,
        "improvements/status.html",
        {
            "council": council,
            "improvement": improvement,
            "next": FOR_REQUESTER[Status(improvement.status)],
            "timeline": selectors.status_timeline(improvement),
            "rating_url": services.rating_url(improvement=improvement)
            if improvement.status in services.RATEABLE
            else "",
        },
    )


@council_view("improvements.own")
def mine(request: HttpRequest) -> HttpResponse:
    """Your requests: those the signed-in person raised, whatever their role."""
    page = paginate(request, selectors.raised_by(current_council(request), request.user))
    may_raise = can(current_roles(request), "improvements.raise")
    return render(request, "improvements/mine.html", {"page": page, "may_raise": may_raise})


@council_view("improvements.own")
def mine_detail(request: HttpRequest, number: str) -> HttpResponse:
    """One of your requests: where it has got to. Someone else's is not found."""
    council = current_council(request)
    improvement = get_object_or_404(
        selectors.raised_by(council, request.user).filter(number=int(number))
    )
    return _status_page(request, improvement, council)


def _by_requester_token(
    council: str, number: str, token: str
) -> tuple[Council, ImprovementRequest]:
    """The council and the request a requester's link names; not found, saying nothing of the
    request (not even its title), unless the link's secret is the request's."""
    found = get_object_or_404(Council, slug=council)
    improvement = get_object_or_404(selectors.improvement_for(found, int(number)))
    if not services.requester_token_valid(improvement=improvement, token=token):
        raise Http404("No such link")
    return found, improvement


@public_view(
    "The person who raised a request follows it without signing in; the secret in the link "
    "of their acknowledgement e-mail is the key."
)
def public_status(request: HttpRequest, council: str, number: str, token: str) -> HttpResponse:
    found, improvement = _by_requester_token(council, number, token)
    return _status_page(request, improvement, found)


# --- Customer feedback: the public star rating ---


@public_view(
    "The person who raised a request rates the finished work (1 to 5 stars) without signing "
    "in; the secret in the link of their acknowledgement e-mail is the key."
)
def public_rate(request: HttpRequest, council: str, number: str, token: str) -> HttpResponse:
    found, improvement = _by_requester_token(council, number, token)
    context = {"council": found, "improvement": improvement}
    if improvement.status not in services.RATEABLE:
        return render(request, "improvements/rate.html", {**context, "not_yet": True})
    form = RatingForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if refused := public_intake_refusal(request, found, kind="rating"):
            return refused
        if not form.cleaned_data["website"]:
            try:
                services.rating_give(
                    improvement=improvement,
                    token=token,
                    stars=form.cleaned_data["stars"],
                    comment=form.cleaned_data["comment"],
                )
            except services.ImprovementError as error:
                refusal_on(form, error)
                return render(request, "improvements/rate.html", {**context, "form": form})
        return render(request, "improvements/rated.html", context)
    return render(request, "improvements/rate.html", {**context, "form": form})


# --- The improvement team's steps on one request ---


def _improvement(request: HttpRequest, number: str) -> ImprovementRequest:
    return get_object_or_404(selectors.improvement_for(current_council(request), int(number)))


def _form_page(
    request: HttpRequest, improvement: ImprovementRequest, form: Any, **context: Any
) -> HttpResponse:
    return render(
        request,
        context.pop("template", "improvements/step_form.html"),
        {"improvement": improvement, "form": form, **context},
    )


def _done(request: HttpRequest, improvement: ImprovementRequest, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(improvement.get_absolute_url())


@council_view("improvements.score")
def score(request: HttpRequest, number: str) -> HttpResponse:
    improvement = _improvement(request, number)
    council = improvement.council
    form = ScoreForm(
        posted(request), questions=list(selectors.matrix_for(council, active_only=True))
    )
    result = submitted(
        request,
        form,
        lambda _: services.improvement_score(
            improvement=improvement,
            answers=form.answers(),
            actor=request.user,  # type: ignore[arg-type]
        ),
    )
    if result is not None:
        return _done(request, improvement, f"{improvement.reference} scored {result.total:g}")
    return _form_page(
        request,
        improvement,
        form,
        title="Score against the technical matrix",
        button="Save score",
        intro=(
            "Answer every question. The score is kept with its answers and the version of "
            "the matrix; scoring again adds a new score beside the old one."
        ),
    )


@council_view("improvements.score")
def pathway(request: HttpRequest, number: str) -> HttpResponse:
    improvement = _improvement(request, number)
    council = improvement.council
    form = PathwayForm(
        posted(request),
        nodes=selectors.decision_tree_for(council),
        champions=selectors.champions_for(council),
    )
    recommended = ""
    if request.method == "POST" and form.is_valid():
        recommended, _ = services.pathway_recommend(council, form.answers())
        if request.POST.get("step") == "confirm":
            try:
                services.improvement_decide_pathway(
                    improvement=improvement,
                    answers=form.answers(),
                    chosen=form.cleaned_data["chosen"],
                    reason=form.cleaned_data["reason"],
                    champion=form.cleaned_data["champion"],
                    actor=request.user,  # type: ignore[arg-type]
                )
            except services.ImprovementError as error:
                refusal_on(form, error)
            else:
                chosen = Pathway(form.cleaned_data["chosen"]).label
                return _done(request, improvement, f"{improvement.reference} pathway: {chosen}")
        elif not recommended:
            form.add_error(None, "Answer the triage questions to get a recommendation")
    return render(
        request,
        "improvements/pathway.html",
        {
            "improvement": improvement,
            "form": form,
            "recommended": recommended,
            "recommended_label": Pathway(recommended).label if recommended else "",
        },
    )


@council_view("improvements.score")
def feasibility(request: HttpRequest, number: str) -> HttpResponse:
    improvement = _improvement(request, number)
    council = improvement.council
    form = FeasibilityForm(posted(request), questions=selectors.feasibility_questions_for(council))
    done = submitted(
        request,
        form,
        lambda data: services.improvement_assess_feasibility(
            improvement=improvement,
            answers=form.answers(),
            outcome=data["outcome"],
            on_hold_until=data["on_hold_until"],
            reason=data["reason"],
            actor=request.user,  # type: ignore[arg-type]
        ),
    )
    if done is not None:
        now = WORDING[Status(improvement.status)].is_phrase
        return _done(request, improvement, f"{improvement.reference} is now {now}")
    return render(
        request, "improvements/feasibility.html", {"improvement": improvement, "form": form}
    )


def _may_run(request: HttpRequest, improvement: ImprovementRequest) -> None:
    """The improvement team runs any delivery; a green belt champion only their own."""
    if can(current_roles(request), "improvements.score"):
        return
    if improvement.champion_id != request.user.pk:
        raise PermissionDenied(
            "Only the improvement's green belt champion or the team can do this."
        )


@council_view("improvements.deliver")
def phase_return(request: HttpRequest, number: str) -> HttpResponse:
    improvement = _improvement(request, number)
    _may_run(request, improvement)
    form = PhaseReturnForm(posted(request))
    filed = submitted(
        request,
        form,
        lambda data: services.phase_completion_file(
            improvement=improvement,
            actor=request.user,
            **data,  # type: ignore[arg-type]
        ),
    )
    if filed is not None:
        phase = filed.get_phase_display()  # type: ignore[attr-defined]
        return _done(request, improvement, f"{improvement.reference}: {phase} phase complete")
    phase = improvement.get_phase_display() if improvement.phase else "current"
    return _form_page(
        request,
        improvement,
        form,
        title=f"Phase-completion return: {phase} phase",
        button="Submit phase-completion return",
        intro="Filed at the end of each DMAIC phase. Submitting it completes the phase.",
    )


@council_view("improvements.deliver")
def change_request_new(request: HttpRequest, number: str) -> HttpResponse:
    improvement = _improvement(request, number)
    _may_run(request, improvement)
    form = ChangeRequestForm(posted(request))
    raised = submitted(
        request,
        form,
        lambda data: services.change_request_raise(
            improvement=improvement,
            actor=request.user,
            **data,  # type: ignore[arg-type]
        ),
    )
    if raised is not None:
        return _done(request, improvement, "Change request sent to the sponsor")
    return _form_page(
        request,
        improvement,
        form,
        title="Raise a change request",
        button="Send to the sponsor",
        intro="The improvement sponsor agrees or declines each change request.",
    )


def _tags_form(improvement: ImprovementRequest, data: Any = None) -> TagsForm:
    shown = ", ".join(tag.name for tag in improvement.tags.all())
    return TagsForm(data, initial={"tags": shown})


@council_view("improvements.transition")
def tags(request: HttpRequest, number: str) -> HttpResponse:
    """The improvement team sets a request's tags (the detail page carries the same form)."""
    improvement = _improvement(request, number)
    form = _tags_form(improvement, posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.improvement_set_tags(
            improvement=improvement,
            names=data["tags"],
            actor=request.user,  # type: ignore[arg-type]
        ),
    )
    if done is not None:
        return _done(request, improvement, f"{improvement.reference}: tags saved")
    return _form_page(request, improvement, form, title="Tags", button="Save tags")


@council_view("improvements.decide_change")
def change_request_decide(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    improvement = _improvement(request, number)
    change = get_scoped_or_404(request, ChangeRequest, pk=pk, improvement=improvement)
    form = ChangeDecisionForm(posted(request))
    decided = submitted(
        request,
        form,
        lambda data: services.change_request_decide(
            change_request=change,
            agree=data["decision"] == "agree",
            reason=data["decision_reason"],
            actor=request.user,  # type: ignore[arg-type]
        ),
    )
    if decided is not None:
        return _done(
            request, improvement, f"Change request {decided.get_decision_display().lower()}"
        )
    return _form_page(
        request,
        improvement,
        form,
        title="Decide a change request",
        button="Save decision",
        change=change,
    )


@council_view("improvements.deliver")
def sign_off(request: HttpRequest, number: str) -> HttpResponse:
    """The delivery team asks the process owner to test the work and sign it off."""
    improvement = _improvement(request, number)
    _may_run(request, improvement)
    form = SignOffRequestForm(
        posted(request),
        owners=selectors.people_who_may(improvement.council, "improvements.sign_off"),
    )
    asked = submitted(
        request,
        form,
        lambda data: services.improvement_sign_off_request(
            improvement=improvement, owner=data["owner"], actor=request.user
        ),
    )
    if asked is not None:
        return _done(request, improvement, f"Go-live sign-off requested from {asked.process_owner}")
    return _form_page(
        request,
        improvement,
        form,
        title=f"Request go-live sign-off for {improvement.process_impacted}",
        button="Request sign-off",
        intro=(
            "Before any improvement goes live, the team who own the process test it, and it "
            "does not go live until it has been signed off. The process owner confirms the "
            "sign-off on this site themselves."
        ),
    )


@council_view("improvements.sign_off")
def sign_off_confirm(request: HttpRequest, number: str) -> HttpResponse:
    """The named process owner confirms testing and the case retention period."""
    improvement = _improvement(request, number)
    form = SignOffForm(posted(request))
    signed = submitted(
        request,
        form,
        lambda data: services.improvement_sign_off_confirm(
            improvement=improvement,
            actor=request.user,
            **data,  # type: ignore[arg-type]
        ),
    )
    if signed is not None:
        return _done(request, improvement, f"{improvement.reference} is now signed off")
    return _form_page(
        request,
        improvement,
        form,
        title=f"Go-live sign-off for {improvement.process_impacted}",
        button="Confirm go-live sign-off",
        intro=(
            "By confirming you, the process owner, say that you have carried out testing and "
            "you are happy that the form is fully working and is ready to go live."
        ),
    )


@council_view("improvements.transition")
def close(request: HttpRequest, number: str) -> HttpResponse:
    improvement = _improvement(request, number)
    form = BenefitsForm(posted(request), council=improvement.council)
    benefits = submitted(
        request,
        form,
        lambda data: services.improvement_close_with_benefits(
            improvement=improvement,
            actor=request.user,
            **data,  # type: ignore[arg-type]
        ),
    )
    if benefits is not None:
        return _done(request, improvement, f"{improvement.reference} is now closed")
    return _form_page(
        request,
        improvement,
        form,
        title="Close with benefits",
        button="Close and record benefits",
        intro=(
            f"Officer hours are valued at the wage rate plus {improvement.council}'s on-cost "
            f"of {improvement.council.on_cost_percent:g}%."
        ),
    )


# --- Configuration, dashboards and champions' pages ---


@council_view("improvements.configure")
def matrix(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    record = services.improvement_settings(council)
    return render(
        request,
        "improvements/matrix.html",
        {
            "questions": selectors.matrix_for(council),
            "settings_record": record,
            "tree": selectors.decision_tree_for(council),
            "feasibility_questions": selectors.feasibility_questions_for(council),
        },
    )


@council_view("improvements.configure")
def matrix_question(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    council = current_council(request)
    question = get_scoped_or_404(request, ScoringQuestion, pk=pk) if pk else None
    initial: dict[str, object] = {"active": True}
    if question is not None:
        initial = {
            "text": question.text,
            "weight": question.weight,
            "active": question.active,
            "options": "\n".join(f"{o.label}: {o.points:g}" for o in question.options.all()),
        }
    form = MatrixQuestionForm(posted(request), initial=initial)
    saved = submitted(
        request,
        form,
        lambda data: services.scoring_question_save(council=council, question=question, **data),
    )
    if saved is not None:
        messages.success(request, "Technical matrix saved: new scores use the new version")
        return redirect("improvement-matrix")
    title = "Change a matrix question" if question else "Add a matrix question"
    return _simple_form(request, form, title, "Save question")


@council_view("improvements.configure")
def limits(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    record = services.improvement_settings(council)
    form = LimitsForm(posted(request), instance=record)
    saved = submitted(
        request,
        form,
        lambda data: services.improvement_settings_update(council=council, **data),
    )
    if saved is not None:
        messages.success(request, "Limits saved")
        return redirect("improvement-matrix")
    return _simple_form(request, form, "Public form limits", "Save limits")


@council_view("improvements.configure")
def feasibility_question(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    council = current_council(request)
    question = get_scoped_or_404(request, FeasibilityQuestion, pk=pk) if pk else None
    initial = {"category": question.category, "text": question.text} if question else {}
    form = FeasibilityQuestionForm(posted(request), initial=initial)
    saved = submitted(
        request,
        form,
        lambda data: services.feasibility_question_save(council=council, question=question, **data),
    )
    if saved is not None:
        messages.success(request, "Feasibility question saved")
        return redirect("improvement-matrix")
    title = "Change a feasibility question" if question else "Add a feasibility question"
    return _simple_form(request, form, title, "Save question")


@council_view("improvements.configure")
def decision_node(request: HttpRequest, pk: int) -> HttpResponse:
    council = current_council(request)
    node = get_scoped_or_404(request, DecisionNode, pk=pk)
    initial = {
        "text": node.text,
        "yes_next": node.yes_next_id,
        "yes_pathway": node.yes_pathway,
        "no_next": node.no_next_id,
        "no_pathway": node.no_pathway,
    }
    others = DecisionNode.objects.for_council(council).exclude(pk=node.pk)
    form = DecisionNodeForm(posted(request), initial=initial, others=others)
    saved = submitted(request, form, lambda data: services.decision_node_save(node=node, **data))
    if saved is not None:
        messages.success(request, "Decision tree saved")
        return redirect("improvement-matrix")
    return _simple_form(request, form, "Change a decision tree question", "Save question")


def _simple_form(request: HttpRequest, form: forms.Form, title: str, button: str) -> HttpResponse:
    return render(
        request,
        "improvements/simple_form.html",
        {"form": form, "title": title, "button": button, "back": reverse("improvement-matrix")},
    )


@council_view("improvements.view")
def dashboard(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    return render(
        request,
        "improvements/dashboard.html",
        {
            "headlines": selectors.success_headlines(council),
            "measures": measures.values_of(council, measures.HEADLINES, timezone.localdate()),
            "tagged": measures.tagged_values(council, timezone.localdate()),
            "council": council,
        },
    )


def _self_serve(request: HttpRequest) -> tuple[bool, Any]:
    """The team sees every self-serve improvement; a champion sees their own. `?status=`
    filters by status."""
    council = current_council(request)
    team = can(current_roles(request), "improvements.score")
    requests = (
        selectors.self_serve_all(council)
        if team
        else selectors.self_serve_for(council, request.user)  # type: ignore[arg-type]
    )
    status = request.GET.get("status", "")
    if status in Status.values:
        requests = requests.filter(status=status)
    return team, requests


@council_view("improvements.deliver")
def self_serve(request: HttpRequest) -> HttpResponse:
    team, requests = _self_serve(request)
    page = paginate(request, requests)
    return render(
        request,
        "improvements/self_serve.html",
        {
            "page": page,
            "team": team,
            "statuses": Status.choices,
            "status": request.GET.get("status", ""),
        },
    )


@council_view("improvements.deliver")
def self_serve_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("No such format")
    _, requests = _self_serve(request)
    rows = (
        (
            item.reference,
            item.process_impacted,
            item.service_area_shown,
            item.get_status_display(),
            item.get_phase_display() if item.phase else "",
            (item.champion.get_full_name() or item.champion.username) if item.champion else "",
        )
        for item in requests.iterator()
    )
    return table_response(
        fmt,
        f"self-serve-{timezone.localdate():%Y-%m-%d}",
        ("Reference", "Process impacted", "Service area", "Status", "DMAIC phase", "Champion"),
        rows,
        title="Self-serve improvements",
    )


@council_view("improvements.view")
def evidence_file(request: HttpRequest, number: str, pk: int) -> FileResponse:
    """An evidence file, as a download (never shown inline), of this council's request only."""
    improvement = _improvement(request, number)
    item = get_scoped_or_404(request, Evidence, pk=pk, improvement=improvement)
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name,
        content_type=item.content_type,
    )


@council_view("improvements.deliver")
def workshops(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    form = WorkshopForm(posted(request), improvements=selectors.self_serve_all(council))
    recorded = submitted(
        request,
        form,
        lambda data: services.workshop_record(
            council=council,
            actor=request.user,
            **data,  # type: ignore[arg-type]
        ),
    )
    if recorded is not None:
        messages.success(request, "Workshop recorded")
        return redirect("improvement-workshops")
    page = paginate(request, selectors.workshops_for(council))
    return render(request, "improvements/workshops.html", {"form": form, "page": page})


@council_view("improvements.view")
def training(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    may_change = can(current_roles(request), "improvements.score")
    form = CohortForm(posted(request))
    if request.method == "POST" and not may_change:
        raise PermissionDenied("Only the improvement team records training.")
    cohort = submitted(
        request, form, lambda data: services.training_cohort_add(council=council, **data)
    )
    if cohort is not None:
        messages.success(request, "Cohort added")
        return redirect("improvement-training")
    return render(
        request,
        "improvements/training.html",
        {
            "form": form,
            "may_change": may_change,
            "cohorts": selectors.cohorts_for(council),
            "uncovered": selectors.service_areas_without_champion(council),
        },
    )


@council_view("improvements.score")
def delegate_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = current_council(request)
    cohort = get_scoped_or_404(request, TrainingCohort, pk=pk)
    form = DelegateForm(posted(request), council=council)
    delegate = submitted(
        request, form, lambda data: services.training_delegate_add(cohort=cohort, **data)
    )
    if delegate is not None:
        messages.success(request, f"Delegate added to {cohort.name}")
        return redirect("improvement-training")
    return render(
        request,
        "improvements/simple_form.html",
        {
            "form": form,
            "title": f"Add a delegate to {cohort}",
            "button": "Add delegate",
            "back": reverse("improvement-training"),
        },
    )


IMPORT_KEY = "improvements_import_file"
# The preview shows the first rows and problems only, so a 100,000-row file is a small page;
# every row is still checked, and the counts say how many more there are.
PREVIEW_ROWS = 50
PROBLEMS_SHOWN = 100


@council_view("improvements.import")
def import_work_list(request: HttpRequest) -> HttpResponse:
    """Upload a work list, see what would be imported, then confirm. The upload is kept in
    the default storage between the two steps (its name in the session)."""
    council = current_council(request)
    confirming = request.method == "POST" and request.POST.get("step") == "confirm"
    form = ImportForm(None if confirming else posted(request), request.FILES or None)
    preview: list[ImprovementRequest] = []
    errors: list[services.RowError] = []
    stored = request.session.get(IMPORT_KEY, "")
    if confirming and stored:
        # All or nothing, in the background: the job page shows the rows done and links on.
        job = jobs.start(
            council,
            request.user,  # type: ignore[arg-type]
            Job.Kind.WORK_LIST_IMPORT,
            f"Import of {request.session.get(IMPORT_KEY + '_name', '') or 'a work list'}",
            "civicp3.jobs.runners.work_list_import",
            path=stored,
            source_name=request.session.get(IMPORT_KEY + "_name", ""),
        )
        request.session.pop(IMPORT_KEY, None)
        return redirect("job", pk=job.pk)
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            preview = services.improvements_import(
                council=council,
                rows_or_file=upload,
                actor=request.user,
                check_only=True,  # type: ignore[arg-type]
            )
        except services.ImportRejected as error:
            errors = error.errors
        else:
            upload.seek(0)
            request.session[IMPORT_KEY] = default_storage.save(
                f"improvements/imports/{council.slug}.upload", upload
            )
            request.session[IMPORT_KEY + "_name"] = (upload.name or "")[:200]
    return render(
        request,
        "improvements/import.html",
        {
            "form": form,
            "preview": preview[:PREVIEW_ROWS],
            "preview_count": len(preview),
            "preview_more": max(len(preview) - PREVIEW_ROWS, 0),
            "errors": errors[:PROBLEMS_SHOWN],
            "errors_count": len(errors),
            "errors_more": max(len(errors) - PROBLEMS_SHOWN, 0),
        },
    )
