from typing import Any

from django import forms

from civicp3.engagement.models import ChampionAppointment, EngagementSettings
from civicp3.engagement.services import SERVICE_MISSING
from civicp3.improvements.forms import RatingForm
from civicp3.lib.forms import GovukErrorsMixin
from civicp3.organisation.models import Council, ServiceArea


class FeedbackForm(RatingForm):
    """ "Rate this service": the improvement rating form's stars, comment and honeypot (and
    its checked text), with the service and an optional contact."""

    service_area = forms.ModelChoiceField(
        label="Which service did you use?",
        queryset=ServiceArea.objects.none(),
        required=False,
        empty_label="It is not in the list",
    )
    service_area_text = forms.CharField(
        label="If it is not in the list, which service was it?",
        max_length=200,
        required=False,
        help_text="For example, paying council tax or reporting fly-tipping.",
    )
    contact_name = forms.CharField(label="Your name (optional)", max_length=200, required=False)
    contact_email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        help_text="Only if you are happy for us to contact you about your feedback.",
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )

    field_order = [
        "service_area",
        "service_area_text",
        "stars",
        "comment",
        "contact_name",
        "contact_email",
    ]

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_area"].queryset = ServiceArea.objects.for_council(council)  # type: ignore[attr-defined]
        self.fields["service_area"].error_messages["invalid_choice"] = (
            "Select one of the services in the list"
        )

    def clean(self) -> dict[str, Any]:
        # Said with the other missing answers; the service refuses it too.
        data = super().clean() or {}
        described = data.get("service_area") or data.get("service_area_text", "").strip()
        if not described and "service_area" not in self.errors:
            self.add_error("service_area", SERVICE_MISSING)
        return data

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class FeedbackFilterForm(GovukErrorsMixin, forms.Form):
    service_area = forms.ModelChoiceField(
        required=False, queryset=ServiceArea.objects.none(), empty_label="All"
    )
    stars = forms.TypedChoiceField(
        label="Rating",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "All"), *[(n, f"{n} star{'s' if n > 1 else ''}") for n in range(5, 0, -1)]],
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_area"].queryset = ServiceArea.objects.for_council(council)  # type: ignore[attr-defined]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = "Select one of the options in the list"


class SettingsForm(GovukErrorsMixin, forms.ModelForm):
    class Meta:
        model = EngagementSettings
        fields = ["raise_at_or_below", "annual_council_month", "term_reminder_days"]
        widgets = {
            name: forms.NumberInput(attrs={"data-width": "3"})
            for name in ["raise_at_or_below", "annual_council_month", "term_reminder_days"]
        }


class AppointmentForm(GovukErrorsMixin, forms.Form):
    councillor = forms.CharField(
        label="Councillor", max_length=200, help_text="For example, Cllr Emma Stephens."
    )
    committee = forms.CharField(
        label="Appointing committee",
        max_length=200,
        help_text="For example, Overview and Scrutiny Committee, or Performance, Governance and "
        "Audit Committee.",
    )
    appointed_on = forms.DateField(label="Date the committee appointed them")
    term_start = forms.DateField(label="Term start")
    term_end = forms.DateField(
        label="Term end (optional)",
        required=False,
        help_text="Leave blank for a term to the end of the month of the next annual council.",
    )


class MeetingForm(GovukErrorsMixin, forms.Form):
    held_on = forms.DateField(label="Date of the meeting")
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class NotesForm(GovukErrorsMixin, forms.Form):
    notes = forms.CharField(
        label="Notes", required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 8})
    )


class ActionForm(GovukErrorsMixin, forms.Form):
    text = forms.CharField(label="Action", max_length=500)
    owner = forms.CharField(label="Owner", max_length=200, help_text="Who will do it.")
    due_on = forms.DateField(label="Due date")


class InsightForm(GovukErrorsMixin, forms.Form):
    summary = forms.CharField(label="What did customers say?", max_length=300)
    detail = forms.CharField(
        label="More detail (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    heard_on = forms.DateField(label="Date heard")
    appointment = forms.ModelChoiceField(
        label="Member champion (optional)",
        required=False,
        queryset=ChampionAppointment.objects.none(),
        empty_label="None",
    )
    service_area = forms.ModelChoiceField(
        label="Service area (optional)",
        required=False,
        queryset=ServiceArea.objects.none(),
        empty_label="Not sure",
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["appointment"].queryset = ChampionAppointment.objects.for_council(council)  # type: ignore[attr-defined]
        self.fields["service_area"].queryset = ServiceArea.objects.for_council(council)  # type: ignore[attr-defined]
