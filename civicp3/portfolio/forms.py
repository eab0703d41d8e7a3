from django import forms

from civicp3.forms import GovukErrorsMixin
from civicp3.organisation.models import Council
from civicp3.portfolio.models import Kind, Project


class ProjectCreateForm(GovukErrorsMixin, forms.Form):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(
        label="Is this a project, a programme or a portfolio?",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        initial=Kind.PROJECT,
    )
    parent = forms.ModelChoiceField(
        label="Part of (optional)",
        required=False,
        queryset=Project.objects.none(),
        empty_label="Not part of a programme or portfolio",
    )
    summary = forms.CharField(
        label="Summary (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["parent"].queryset = Project.objects.for_council(council).exclude(  # type: ignore[attr-defined]
            kind=Kind.PROJECT
        )
