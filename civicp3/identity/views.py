"""Single sign-on: the code flow's start and callback, and the council's settings."""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from civicp3.identity import selectors, services
from civicp3.identity.backends import REQUEST_ATTRIBUTE, oidc_setting
from civicp3.identity.discovery import endpoints_of
from civicp3.identity.errors import SignInRefused
from civicp3.identity.forms import IdentityProviderForm
from civicp3.identity.models import IdentityProvider
from civicp3.organisation import services as organisation_services
from civicp3.organisation.forms import PersonForm
from civicp3.organisation.middleware import SESSION_KEY as COUNCIL_SESSION_KEY
from civicp3.organisation.scoping import council_view, current_council, public_view

# state -> the provider a sign-in was started with, so the callback knows the council.
PENDING_SESSION_KEY = "civicp3_sso_pending"


def _refusal_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except SignInRefused as refusal:
            return render(
                request, "identity/refused.html", {"reason": str(refusal)}, status=refusal.status
            )

    return wrapped


class _Start(OIDCAuthenticationRequestView):  # type: ignore[misc]
    get_settings = staticmethod(oidc_setting)

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)  # the endpoints are the council's, set in get()

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        provider = get_object_or_404(selectors.sign_in_providers(), council__slug=slug)
        endpoints = endpoints_of(provider.issuer)
        self.OIDC_OP_AUTH_ENDPOINT = endpoints.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = provider.client_id
        response: HttpResponse = super().get(request)
        state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
        pending = request.session.get(PENDING_SESSION_KEY, {})
        pending[state] = provider.pk
        request.session[PENDING_SESSION_KEY] = pending
        return response


class _Callback(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    get_settings = staticmethod(oidc_setting)

    def get(self, request: HttpRequest) -> HttpResponse:
        pending = request.session.get(PENDING_SESSION_KEY, {})
        provider_id = pending.pop(request.GET.get("state", ""), None)
        request.session[PENDING_SESSION_KEY] = pending
        self.provider = (
            IdentityProvider.objects.select_related("council")
            .filter(pk=provider_id, enabled=True)
            .first()
        )
        if self.provider is None:
            raise SignInRefused(
                "This sign-in had already been used or had expired. Start again from the "
                "sign-in page."
            )
        if request.GET.get("error"):
            raise SignInRefused(
                f"{self.provider.name} did not sign you in: "
                f"{request.GET.get('error_description') or request.GET['error']}."
            )
        setattr(request, REQUEST_ATTRIBUTE, (self.provider, endpoints_of(self.provider.issuer)))
        return super().get(request)  # type: ignore[no-any-return]

    def login_success(self) -> HttpResponse:
        response: HttpResponse = super().login_success()
        # This session reaches the provider's council only (see selectors.sign_in_scope).
        self.request.session[selectors.SSO_COUNCIL_SESSION_KEY] = self.provider.council_id
        self.request.session[COUNCIL_SESSION_KEY] = self.provider.council_id
        return response

    def login_failure(self) -> HttpResponse:
        raise SignInRefused(
            "Civic P3 could not finish signing you in. Start again from the sign-in page."
        )


sso_start = public_view("Single sign-on starts before anyone is signed in.")(
    _refusal_page(_Start.as_view())
)
sso_callback = public_view("The identity provider sends people back here to be signed in.")(
    _refusal_page(_Callback.as_view())
)


@council_view("settings.change")
def provider_settings(request: HttpRequest) -> HttpResponse:
    council = current_council(request)
    instance = IdentityProvider.objects.filter(council=council).first()
    form = IdentityProviderForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        secret = data.pop("client_secret")
        services.identity_provider_save(council=council, fields=data, client_secret=secret)
        messages.success(request, "Single sign-on saved")
        return redirect("sso-settings")
    return render(
        request,
        "identity/settings.html",
        {
            "form": form,
            "provider": instance,
            "waiting": selectors.waiting_for_roles(council),
            "redirect_uri": request.build_absolute_uri(reverse("sso-callback")),
        },
    )


@council_view("settings.change")
def grant_roles(request: HttpRequest, pk: int) -> HttpResponse:
    """Give roles to someone who signed in with the council's provider and has none yet."""
    council = current_council(request)
    person: User = get_object_or_404(selectors.waiting_for_roles(council), pk=pk).user
    initial = {
        "username": person.username,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
    }
    form = PersonForm(request.POST or None, initial=initial, editing=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            organisation_services.person_save(
                council=council,
                user=person,
                username=person.username,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                roles=data["roles"],
                actor=request.user,
            )
        except organisation_services.PersonRefused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, "Person saved")
            return redirect("sso-settings")
    return render(request, "organisation/person_form.html", {"form": form, "person": person})
