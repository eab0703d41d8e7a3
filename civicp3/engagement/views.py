from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from civicp3.engagement import selectors, services
from civicp3.engagement.forms import (
    ActionForm,
    AppointmentForm,
    FeedbackFilterForm,
    FeedbackForm,
    InsightForm,
    MeetingForm,
    NotesForm,
    SettingsForm,
)
from civicp3.engagement.models import (
    ChampionAppointment,
    ChampionMeeting,
    InsightNote,
    MeetingAction,
)
from civicp3.improvements.views import public_intake_refusal
from civicp3.lib.errors import DomainError
from civicp3.lib.forms import attempt, posted, submitted
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

# --- Service feedback: the public and staff "rate this service" form ---


def _feedback(request: HttpRequest, council: Council, *, public: bool) -> HttpResponse:
    """The form for the public or staff: the request form's rate limit and honeypot for the
    public, then one call to the service."""
    initial: dict[str, str] = {}
    if not public:
        user = request.user
        initial = {"contact_name": user.get_full_name(), "contact_email": user.email}  # type: ignore[union-attr]
    form = FeedbackForm(posted(request), council=council, initial=initial)
    thanks = (
        reverse("engagement-public-feedback-thanks", args=[council.slug])
        if public
        else reverse("engagement-feedback-thanks")
    )
    if request.method == "POST" and form.is_valid():
        if public:
            if refused := public_intake_refusal(request, council, kind="feedback"):
                return refused
            if form.is_bot:
                return redirect(thanks)  # thank the bot and keep nothing
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        given_by = None if public else request.user
        if attempt(
            form, lambda: services.feedback_give(council=council, given_by=given_by, **data)
        ):
            return redirect(thanks)
    return render(
        request,
        "engagement/feedback_form.html",
        {"form": form, "council": council, "public": public},
    )


@public_view("Customers rate a council service (1 to 5 stars) without signing in.")
def public_feedback(request: HttpRequest, council: str) -> HttpResponse:
    return _feedback(request, get_object_or_404(Council, slug=council), public=True)


@public_view("The confirmation page of the public service feedback form.")
def public_feedback_thanks(request: HttpRequest, council: str) -> HttpResponse:
    found = get_object_or_404(Council, slug=council)
    return render(request, "engagement/feedback_thanks.html", {"council": found, "public": True})


@council_view("feedback.give")
def feedback_give(request: HttpRequest) -> HttpResponse:
    return _feedback(request, current_council(request), public=False)


@council_view("feedback.give")
def feedback_thanks(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "engagement/feedback_thanks.html",
        {"council": current_council(request), "public": False},
    )


def _filtered_feedback(request: HttpRequest) -> tuple[FeedbackFilterForm, Any]:
    council = current_council(request)
    form = FeedbackFilterForm(request.GET or None, council=council)
    filters: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()
        filters = form.cleaned_data
    rows = selectors.feedback_for(
        council, service_area=filters.get("service_area"), stars=filters.get("stars")
    )
    return form, rows


@council_view("feedback.view")
def feedback_list(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    form, rows = _filtered_feedback(request)
    return render(
        request,
        "engagement/feedback_list.html",
        {
            "form": form,
            "page": paginate(request, rows),
            "averages": selectors.average_by_service_area(council),
            "public_url": request.build_absolute_uri(
                reverse("engagement-public-feedback", args=[council.slug])
            ),
            "query": request.GET.urlencode(),
            "may_configure": can(current_roles(request), "engagement.configure"),
        },
    )


@council_view("feedback.view")
def feedback_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("Download as CSV or XLSX")
    _form, rows = _filtered_feedback(request)
    return table_response(
        fmt,
        "service-feedback",
        ["Given", "Service", "Stars", "Comment", "Channel", "Improvement request"],
        (
            [
                timezone.localtime(row.created).replace(tzinfo=None),
                row.service_name,
                row.stars,
                row.comment,
                row.get_channel_display(),
                row.improvement.reference if row.improvement else "",
            ]
            for row in rows
        ),
        "Service feedback",
    )


@council_view("engagement.configure")
def settings_edit(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    form = SettingsForm(posted(request), instance=services.engagement_settings(council))
    saved = submitted(
        request,
        form,
        lambda data: services.engagement_settings_update(
            council=council, actor=request.user, **data
        ),
    )
    if saved is not None:
        messages.success(request, "Feedback and champion rules saved")
        return redirect("engagement-feedback")
    return _simple(
        request, form, "Feedback and champion rules", "Save rules", "engagement-feedback"
    )


def _simple(
    request: HttpRequest, form: Any, title: str, button: str, back: str, **context: Any
) -> HttpResponse:
    back_label = "Service feedback" if back == "engagement-feedback" else "Member champions"
    return render(
        request,
        "improvements/simple_form.html",
        {
            "form": form,
            "title": title,
            "button": button,
            "back": reverse(back),
            "back_label": back_label,
            **context,
        },
    )


# --- Member Improvement Champions ---


@council_view("champions.view")
def champions(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    today = timezone.localdate()
    roles = current_roles(request)
    return render(
        request,
        "engagement/champions.html",
        {
            "current": selectors.current_appointments(council, today),
            "appointments": paginate(request, selectors.appointments_for(council)),
            "meetings": selectors.meetings_for(council)[:12],
            "insight": selectors.insight_for(council)[:12],
            "today": today,
            "may_manage": can(roles, "champions.manage"),
            "may_insight": can(roles, "champions.insight"),
        },
    )


@council_view("champions.manage")
def appointment_add(request: HttpRequest) -> HttpResponse:
    return _appointment(request, None)


@council_view("champions.manage")
def appointment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _appointment(request, get_scoped_or_404(request, ChampionAppointment, pk=pk))


def _appointment(request: HttpRequest, appointment: ChampionAppointment | None) -> HttpResponse:
    council = current_council(request)
    initial = {}
    if appointment is not None:
        initial = {
            name: getattr(appointment, name)
            for name in ("councillor", "committee", "appointed_on", "term_start", "term_end")
        }
    form = AppointmentForm(posted(request), initial=initial)
    saved = submitted(
        request,
        form,
        lambda data: services.appointment_save(
            council=council, actor=request.user, appointment=appointment, **data
        ),
    )
    if saved is not None:
        messages.success(request, f"{saved.councillor}'s appointment recorded")
        return redirect("engagement-champions")
    title = "Record a champion's appointment" if appointment is None else f"Change {appointment}"
    return _simple(request, form, title, "Save appointment", "engagement-champions")


@council_view("champions.manage")
def meeting_add(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    form = MeetingForm(posted(request))
    meeting = submitted(
        request,
        form,
        lambda data: services.meeting_record(council=council, actor=request.user, **data),
    )
    if meeting is not None:
        messages.success(request, "Meeting recorded")
        return redirect(meeting.get_absolute_url())
    return _simple(
        request, form, "Record a champions' meeting", "Save meeting", "engagement-champions"
    )


@council_view("champions.view")
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_scoped_or_404(request, ChampionMeeting, pk=pk)
    may_manage = can(current_roles(request), "champions.manage")
    action_form = ActionForm(posted(request) if may_manage else None)
    notes_form = NotesForm(None, initial={"notes": meeting.notes})
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied("Only the improvement team changes a meeting's record.")
        if request.POST.get("form") == "notes":
            notes_form = NotesForm(request.POST)
            action_form = ActionForm(None)
            if submitted(
                request,
                notes_form,
                lambda data: services.meeting_update(
                    meeting=meeting, actor=request.user, notes=data["notes"]
                ),
            ):
                messages.success(request, "Notes saved")
                return redirect(meeting.get_absolute_url())
        elif submitted(
            request,
            action_form,
            lambda data: services.action_add(meeting=meeting, actor=request.user, **data),
        ):
            messages.success(request, "Action added")
            return redirect(meeting.get_absolute_url())
    return render(
        request,
        "engagement/meeting.html",
        {
            "meeting": meeting,
            "actions": meeting.actions.all(),
            "action_form": action_form,
            "notes_form": notes_form,
            "may_manage": may_manage,
            "today": timezone.localdate(),
        },
    )


@require_POST
@council_view("champions.manage")
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_scoped_or_404(request, MeetingAction.objects.select_related("meeting"), pk=pk)
    try:
        services.action_complete(action=action, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"“{action.text}” marked done")
    return redirect(action.meeting.get_absolute_url())


@council_view("champions.insight")
def insight_add(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    form = InsightForm(posted(request), council=council)
    note = submitted(
        request,
        form,
        lambda data: services.insight_record(council=council, actor=request.user, **data),
    )
    if note is not None:
        messages.success(request, "Customer insight recorded")
        return redirect("engagement-champions")
    return _simple(request, form, "Record customer insight", "Save insight", "engagement-champions")


@require_POST
@council_view("champions.insight")
def insight_raise(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_scoped_or_404(request, InsightNote, pk=pk)
    try:
        improvement = services.insight_raise_request(note=note, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{improvement.reference} raised for the improvement team")
    return redirect("engagement-champions")
