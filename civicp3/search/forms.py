from django import forms

from civicp3.lib.forms import GovukErrorsMixin
from civicp3.search.sources import Source


class SearchForm(GovukErrorsMixin, forms.Form):
    q = forms.CharField(
        label="Search",
        max_length=200,
        help_text="Words from a request, project, risk, decision or lesson learned",
    )
    kind = forms.ChoiceField(label="Only", required=False)

    def __init__(self, *args: object, sources: list[Source], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kind"].choices = [("", "Everything"), *((s.key, s.label) for s in sources)]
        self.fields["kind"].error_messages["invalid_choice"] = "Select one of the options"
        self.fields["q"].error_messages["required"] = "Enter words to search for"

    def clean_q(self) -> str:
        query = " ".join(self.cleaned_data["q"].split())
        if not query:
            raise forms.ValidationError("Enter words to search for")
        return query
