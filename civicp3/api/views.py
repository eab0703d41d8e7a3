"""Each person's API tokens in their current council: issue (shown once) and revoke."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from civicp3.api import services
from civicp3.api.forms import TokenForm
from civicp3.api.models import ApiToken
from civicp3.organisation.roles import can
from civicp3.organisation.scoping import (
    council_view,
    current_council,
    current_roles,
    get_scoped_or_404,
)


def _tokens(request: HttpRequest) -> list[ApiToken]:
    return list(
        ApiToken.objects.for_council(current_council(request)).filter(user=request.user)  # type: ignore[attr-defined]
    )


@council_view("api.tokens")
def token_list(request: HttpRequest) -> HttpResponse:
    may_write = can(current_roles(request), "api.write")
    form = TokenForm(request.POST or None, may_write=may_write)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, issued = services.token_issue(
                council=current_council(request), user=request.user, **form.cleaned_data
            )
        except services.TokenError as error:
            form.add_error(None, str(error))
        else:
            form = TokenForm(may_write=may_write)
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": _tokens(request), "issued": issued},
    )


@require_POST
@council_view("api.tokens")
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_scoped_or_404(request, ApiToken.objects.filter(user=request.user), pk=pk)
    try:
        services.token_revoke(token=token, actor=request.user)
    except services.TokenError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Token “{token.name}” revoked: it no longer works")
    return redirect("api-tokens")
