from typing import Any

from django import forms

from civicp3.api.models import Scope
from civicp3.lib.forms import GovukErrorsMixin


class TokenForm(GovukErrorsMixin, forms.Form):
    name = forms.CharField(
        max_length=100, help_text="What will use it, for example “Forms platform” or “Reports”."
    )
    scope = forms.ChoiceField(
        label="What may it do?",
        choices=Scope.choices,
        initial=Scope.READ,
        widget=forms.RadioSelect,
        help_text="Read and write tokens can raise and move requests as you.",
    )

    def __init__(self, *args: Any, may_write: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_write:
            # A role that only reads is offered only what it may have (the service refuses
            # the rest).
            field = self.fields["scope"]
            field.choices = [(Scope.READ.value, Scope.READ.label)]  # type: ignore[attr-defined]
            field.help_text = "Your role reads records, so its tokens only read."
