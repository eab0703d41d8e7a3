from typing import Any

from django import forms

from civicp3.lib.forms import GovukErrorsMixin


class FrameworkUploadForm(GovukErrorsMixin, forms.Form):
    name = forms.CharField(label="Name of the framework", max_length=200)
    file = forms.FileField(
        label="Framework file",
        help_text="A CSV or Excel (.xlsx) file whose first row is the headings Outcome, "
        "Metric, Metric type, Source and Frequency",
    )


class OutcomeKpisForm(GovukErrorsMixin, forms.Form):
    kpis = forms.ModelMultipleChoiceField(
        queryset=None,  # type: ignore[arg-type]
        required=False,
        label="In-year measures",
        widget=forms.CheckboxSelectMultiple,
        help_text="The council's KPIs that show progress on this outcome during the year",
    )

    def __init__(self, *args: Any, kpis: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kpis"].queryset = kpis  # type: ignore[attr-defined]


class MetricValueForm(GovukErrorsMixin, forms.Form):
    period = forms.CharField(
        label="Period", max_length=50, help_text="The period the value is for, for example 2024/25"
    )
    value = forms.DecimalField(
        label="Value",
        max_digits=16,
        decimal_places=4,
        widget=forms.TextInput(attrs={"data-width": "10"}),
    )
    source = forms.CharField(
        label="Source", max_length=300, help_text="Where the value was published"
    )
    published_on = forms.DateField(label="Date published")


class MetricValuesUploadForm(GovukErrorsMixin, forms.Form):
    file = forms.FileField(
        label="Published values file",
        help_text="A CSV or Excel (.xlsx) file whose first row is the headings Outcome, Metric, "
        "Period, Value, Source and Date published",
    )
