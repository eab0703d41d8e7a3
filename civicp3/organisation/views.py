from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from civicp3.lib.forms import refusal_on
from civicp3.lib.pagination import paginate
from civicp3.onboarding import selectors as onboarding
from civicp3.organisation import selectors, services
from civicp3.organisation.dashboard import at_a_glance
from civicp3.organisation.forms import CouncilDetailsForm, OwnPasswordChangeForm, PersonForm
from civicp3.organisation.middleware import SESSION_KEY
from civicp3.organisation.models import Council
from civicp3.organisation.roles import can
from civicp3.organisation.scoping import (
    council_view,
    current_council,
    current_roles,
    get_scoped_or_404,
    scoped,
)
from civicp3.organisation.sections import SECTIONS, Section
from civicp3.performance.attention import attention_for


def _section(kind: str) -> Section:
    try:
        return SECTIONS[kind]
    except KeyError:
        raise Http404("No such setting") from None


def _save_or_show_errors(form, council: Council) -> bool:  # type: ignore[no-untyped-def]
    """Save a valid council-owned form through the service; put refusals back on the form."""
    if not form.is_valid():
        return False
    try:
        services.council_record_save(council=council, record=form.instance)
    except ValidationError as error:
        for field, field_errors in error.message_dict.items():
            target = field if field in form.fields else None
            for message in field_errors:
                form.add_error(target, message)
        return False
    return True


@council_view("council.view")
def home(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    return render(
        request,
        "organisation/home.html",
        {
            "council": council,
            "glance": at_a_glance(council, current_roles(request)),
            "attention": attention_for(request),
            "setting_up": can(current_roles(request), "settings.change")
            and not onboarding.all_completed(council),
            "may_raise": can(current_roles(request), "improvements.raise"),
        },
    )


@require_POST
@council_view("council.view")
def council_switch(request: HttpRequest) -> HttpResponse:
    wanted = request.POST.get("council", "")
    councils = {str(c.pk): c for c in request.council_context.councils}  # type: ignore[attr-defined]
    if wanted not in councils:
        messages.error(request, "Select one of your councils")
    else:
        request.session[SESSION_KEY] = councils[wanted].pk
        messages.success(request, f"You are now working in {councils[wanted].name}")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("home")
    return redirect(target)


@council_view("settings.view")
def settings_index(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    counts = {kind: scoped(request, section.model).count() for kind, section in SECTIONS.items()}
    people = selectors.people_for(council).count()
    return render(
        request,
        "organisation/settings_index.html",
        {"council": council, "sections": SECTIONS, "counts": counts, "people_count": people},
    )


# Django's own view (it keeps this session signed in and signs out the others), in GOV.UK dress.
_password_change = auth_views.PasswordChangeView.as_view(
    form_class=OwnPasswordChangeForm,
    template_name="organisation/password_change.html",
    success_url=reverse_lazy("password-changed"),
)


@council_view("council.view")
def password_change(request: HttpRequest) -> HttpResponse:
    return _password_change(request)


@council_view("council.view")
def password_changed(request: HttpRequest) -> HttpResponse:
    return render(request, "organisation/password_changed.html")


@council_view("settings.change")
def council_edit(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    form = CouncilDetailsForm(request.POST or None, instance=council)
    if request.method == "POST" and form.is_valid():
        services.council_update(council=council, fields=form.cleaned_data)
        messages.success(request, "Council details saved")
        return redirect("settings")
    return render(request, "organisation/council_form.html", {"form": form, "council": council})


@council_view("settings.history")
def council_history(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    return render(
        request,
        "organisation/history.html",
        {
            "record": council,
            "title": f"History of {council.name}",
            "rows": selectors.history_of(council),
            "back_url": reverse("settings"),
        },
    )


@council_view("settings.view")
def section_list(request: HttpRequest, kind: str) -> HttpResponse:
    section = _section(kind)
    records = scoped(request, section.model).select_related(*section.select_related)
    page = paginate(request, records)
    return render(
        request,
        "organisation/section_list.html",
        {"section": section, "kind": kind, "page": page},
    )


@council_view("settings.change")
def section_add(request: HttpRequest, kind: str) -> HttpResponse:
    section = _section(kind)
    council = current_council(request)
    form = section.form(request.POST or None, council=council)
    if request.method == "POST" and _save_or_show_errors(form, council):
        messages.success(request, f"{section.singular.capitalize()} added")
        return redirect("settings-section", kind=kind)
    return render(
        request,
        "organisation/section_form.html",
        {"section": section, "kind": kind, "form": form, "adding": True},
    )


@council_view("settings.change")
def section_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    section = _section(kind)
    council = current_council(request)
    record = get_scoped_or_404(request, section.model, pk=pk)
    form = section.form(request.POST or None, instance=record, council=council)
    if request.method == "POST" and _save_or_show_errors(form, council):
        messages.success(request, f"{section.singular.capitalize()} saved")
        return redirect("settings-section", kind=kind)
    return render(
        request,
        "organisation/section_form.html",
        {"section": section, "kind": kind, "form": form, "record": record, "adding": False},
    )


@council_view("settings.history")
def section_history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    section = _section(kind)
    record = get_scoped_or_404(request, section.model, pk=pk)
    return render(
        request,
        "organisation/history.html",
        {
            "record": record,
            "title": f"History of {section.singular} {record}",
            "rows": selectors.history_of(record),
            "back_url": reverse("settings-section", kwargs={"kind": kind}),
        },
    )


@council_view("settings.view")
def people_list(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    page = paginate(request, selectors.people_for(council))
    return render(request, "organisation/people_list.html", {"page": page})


@council_view("settings.change")
def person_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    council = current_council(request)
    person: User | None = None
    initial = {}
    if pk is not None:
        person = get_object_or_404(selectors.people_for(council), pk=pk)
        initial = {
            "username": person.username,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "roles": [m.role for m in person.council_memberships],  # type: ignore[attr-defined]
        }
    form = PersonForm(request.POST or None, initial=initial, editing=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.person_save(
                council=council,
                user=person,
                username=person.username if person else data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                roles=data["roles"],
                actor=request.user,  # type: ignore[arg-type]
            )
        except services.PersonRefused as error:
            refusal_on(form, error)
        else:
            messages.success(request, "Person saved")
            return redirect("people")
    return render(request, "organisation/person_form.html", {"form": form, "person": person})
