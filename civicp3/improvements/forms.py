from django import forms

from civicp3.forms import GovukErrorsMixin
from civicp3.improvements.lifecycle import Status
from civicp3.improvements.models import Pathway
from civicp3.improvements.selectors import NO_PATHWAY
from civicp3.organisation.models import Council, Directorate, ServiceArea


class WaitingListFilterForm(GovukErrorsMixin, forms.Form):
    pathway = forms.ChoiceField(
        required=False,
        choices=[("", "All pathways"), *Pathway.choices, (NO_PATHWAY, "Not decided yet")],
    )
    ad_area = forms.ModelChoiceField(
        label="AD area", required=False, queryset=Directorate.objects.none(), empty_label="All"
    )
    service_area = forms.ModelChoiceField(
        required=False, queryset=ServiceArea.objects.none(), empty_label="All"
    )

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["ad_area"].queryset = Directorate.objects.for_council(council)  # type: ignore[attr-defined]
        self.fields["service_area"].queryset = ServiceArea.objects.for_council(council)  # type: ignore[attr-defined]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = "Select one of the options in the list"


class TransitionForm(GovukErrorsMixin, forms.Form):
    """What the improvement team decides next: the button pressed (`to`) and why."""

    to = forms.CharField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to put it on hold, reject, withdraw or close it. Kept in its history.",
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("to") not in Status.values:
            # Hidden field: the error goes in the summary, not beside an invisible input.
            raise forms.ValidationError("Choose what happens next")
        return data
