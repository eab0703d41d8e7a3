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
