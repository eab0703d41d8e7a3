"""Forms for benefits, channel costs, KPIs and actuals; they render as GOV.UK form groups."""

from decimal import Decimal
from typing import Any

from django import forms

from civicp3.improvements.models import ImprovementRequest
from civicp3.lib.forms import GovukErrorsMixin, amount_field
from civicp3.organisation.models import Council, WageRate
from civicp3.performance.measures import CUMULATIVE, MEASURES
from civicp3.performance.models import Channel, Frequency, Perspective, Polarity, Valuation
from civicp3.performance.selectors import channel_costs
from civicp3.portfolio.models import Project


class BenefitFilterForm(GovukErrorsMixin, forms.Form):
    cashable = forms.ChoiceField(
        label="Cashable",
        required=False,
        choices=[("", "All"), ("yes", "Cashable"), ("no", "Non-cashable")],
    )
    valuation = forms.ChoiceField(
        label="Valued as", required=False, choices=[("", "All"), *Valuation.choices]
    )


class BenefitForm(GovukErrorsMixin, forms.Form):
    title = forms.CharField(label="Benefit", max_length=200)
    project = forms.ModelChoiceField(
        label="Project",
        required=False,
        queryset=Project.objects.none(),
        help_text="The project or the improvement the benefit belongs to: choose one.",
    )
    improvement = forms.ModelChoiceField(
        label="Improvement", required=False, queryset=ImprovementRequest.objects.none()
    )
    measure = forms.CharField(max_length=200, help_text="How the benefit is measured.")
    baseline = forms.CharField(max_length=200, help_text="Where it starts.")
    target = forms.CharField(max_length=200, help_text="Where it should get to, and by when.")
    owner = forms.CharField(label="Benefit owner", max_length=200)
    cashable = forms.BooleanField(label="This benefit is cashable", required=False)
    valuation = forms.ChoiceField(label="Valued as", choices=Valuation.choices)
    wage_rate = forms.ModelChoiceField(
        label="Wage grade (for officer hours)", required=False, queryset=WageRate.objects.none()
    )
    from_channel = forms.ChoiceField(
        label="Contacts move from (for channel shift)",
        required=False,
        choices=[("", "Not applicable"), *Channel.choices],
    )
    to_channel = forms.ChoiceField(
        label="Contacts move to (for channel shift)",
        required=False,
        choices=[("", "Not applicable"), *Channel.choices],
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.for_council(council)  # type: ignore[attr-defined]
        self.fields["improvement"].queryset = ImprovementRequest.objects.for_council(council)  # type: ignore[attr-defined]
        self.fields["wage_rate"].queryset = WageRate.objects.for_council(council)  # type: ignore[attr-defined]


class BenefitPeriodForm(GovukErrorsMixin, forms.Form):
    period = forms.DateField(label="Month", help_text="Any day in the month.")
    planned = amount_field("Planned", min_value=0)
    realised = amount_field(
        "Realised", required=False, min_value=0, help_text="Leave blank until known."
    )


class ChannelCostsForm(GovukErrorsMixin, forms.Form):
    source = forms.CharField(label="Source of the costs", max_length=300)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        costs = channel_costs(council)
        for channel, label in Channel.choices:
            self.fields[channel] = amount_field(f"{label}: cost per contact (£)", min_value=0)
            self.initial.setdefault(channel, costs[channel].cost_per_contact)
        self.initial.setdefault("source", costs[Channel.ONLINE].source)
        self.order_fields([*(code for code, _ in Channel.choices), "source"])

    def costs(self) -> dict[str, Decimal]:
        return {code: self.cleaned_data[code] for code, _ in Channel.choices}


_MEASURE_CHOICES = [(key, m.label.capitalize()) for key, m in MEASURES.items()]


class KpiForm(GovukErrorsMixin, forms.Form):
    name = forms.CharField(label="KPI", max_length=200)
    perspective = forms.ChoiceField(choices=Perspective.choices)
    owner = forms.CharField(max_length=200)
    unit = forms.CharField(max_length=30, required=False, help_text="For example, %, days or £.")
    target = amount_field("Target")
    tolerance = amount_field(
        "Tolerance",
        min_value=0,
        help_text="How far the actual may miss the target and still be amber.",
    )
    polarity = forms.ChoiceField(label="Which way is better", choices=Polarity.choices)
    frequency = forms.ChoiceField(choices=Frequency.choices)
    measure = forms.ChoiceField(
        label="Computed from",
        required=False,
        choices=[("", "Reported: the owner records each actual"), *_MEASURE_CHOICES],
        help_text="A computed KPI reads the app's own records; nobody types its actual.",
    )


class OpeningBalanceForm(GovukErrorsMixin, forms.Form):
    measure = forms.ChoiceField(
        choices=[(key, MEASURES[key].label.capitalize()) for key in CUMULATIVE]
    )
    value = amount_field("Total before the app", min_value=0)
    period = forms.CharField(max_length=100, help_text="For example, 2021 to 2024.")
    source = forms.CharField(
        max_length=300,
        help_text="For example, 2021 to 2024 framework, committee 18 November 2021.",
    )


class KpiActualForm(GovukErrorsMixin, forms.Form):
    period = forms.DateField(label="Month", help_text="Any day in the month.")
    value = amount_field("Actual")
    commentary = forms.CharField(
        label="Owner's commentary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when the KPI is red or amber.",
    )
    actions = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
