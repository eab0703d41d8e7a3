from datetime import date
from decimal import Decimal
from typing import Any

from django import forms

from civicp3.delivery.models import CostBasis, Distribution, Holidays, LinkType, Plan, PlanTask
from civicp3.engine.montecarlo import MAX_ITERATIONS
from civicp3.lib.forms import GovukErrorsMixin, amount_field


def _days(label: str, required: bool = False, **kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=8,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"data-width": "5", "step": "any"}),
        **kwargs,
    )


class PlanStartForm(GovukErrorsMixin, forms.Form):
    start = forms.DateField(label="Plan start date", help_text="For example, 2026-01-05")


class PlanForm(PlanStartForm):
    hours_per_day = forms.DecimalField(
        label="Working hours per day",
        min_value=Decimal("0.5"),
        max_value=Decimal(24),
        decimal_places=2,
        widget=forms.NumberInput(attrs={"data-width": "4", "step": "any"}),
    )
    holidays = forms.ChoiceField(label="Bank holidays", choices=Holidays.choices, required=False)
    closures = forms.CharField(
        label="Extra closure days (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Days the council is closed besides bank holidays, such as a Christmas "
        "shutdown: one date a line, for example 2026-12-29",
    )

    def clean_closures(self) -> list[date]:
        days = []
        for number, line in enumerate(self.cleaned_data["closures"].splitlines(), start=1):
            if line.strip():
                try:
                    days.append(date.fromisoformat(line.strip()))
                except ValueError:
                    raise forms.ValidationError(
                        f"Line {number}: enter a date like 2026-12-29, not {line.strip()!r}"
                    ) from None
        return days


class TaskForm(GovukErrorsMixin, forms.Form):
    code = forms.CharField(
        label="Task ID", max_length=40, help_text="A short reference such as A1 or 2.3"
    )
    name = forms.CharField(label="Task name", max_length=200)
    duration = _days(
        "Duration (working days)",
        required=True,
        min_value=0,
        help_text="0 makes the task a milestone",
    )
    parent = forms.ModelChoiceField(
        label="Summary task (optional)",
        required=False,
        queryset=PlanTask.objects.none(),
        empty_label="Not part of a summary task",
    )
    distribution = forms.ChoiceField(
        label="Estimate for forecasting (optional)",
        required=False,
        choices=[("", "No estimate: the duration is fixed"), *Distribution.choices],
    )
    estimate_min = _days("Optimistic duration (working days)", min_value=0)
    estimate_likely = _days("Most likely duration (working days)", min_value=0)
    estimate_max = _days("Pessimistic duration (working days)", min_value=0)
    cost = amount_field("Cost in pounds (optional)", required=False, min_value=0)
    cost_basis = forms.ChoiceField(
        label="How the cost behaves in a forecast",
        required=False,
        choices=CostBasis.choices,
        initial=CostBasis.FIXED,
        widget=forms.RadioSelect,
        help_text="A time-dependent cost, such as staff time, is charged at the cost divided by "
        "the planned duration for each working day the task takes in the simulation",
    )
    start_no_earlier_than = forms.DateField(
        label="Start no earlier than (optional)", required=False
    )
    finish_no_later_than = forms.DateField(label="Finish no later than (optional)", required=False)
    percent_complete = forms.IntegerField(
        label="Percent complete",
        min_value=0,
        max_value=100,
        initial=0,
        widget=forms.NumberInput(attrs={"data-width": "3"}),
    )
    actual_start = forms.DateField(label="Actual start (optional)", required=False)
    actual_finish = forms.DateField(label="Actual finish (optional)", required=False)

    def __init__(self, *args: Any, plan: Plan, task: PlanTask | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        parents = plan.tasks.all()
        if task is not None:
            parents = parents.exclude(pk=task.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]


class LinkForm(GovukErrorsMixin, forms.Form):
    predecessor = forms.ModelChoiceField(
        label="Predecessor (the task that comes first)", queryset=PlanTask.objects.none()
    )
    successor = forms.ModelChoiceField(
        label="Successor (the task that depends on it)", queryset=PlanTask.objects.none()
    )
    type = forms.ChoiceField(label="Type of link", choices=LinkType.choices, initial="FS")
    lag = forms.DecimalField(
        label="Lag (working days)",
        initial=0,
        max_digits=8,
        decimal_places=2,
        help_text="A negative number is a lead: the successor overlaps its predecessor",
        widget=forms.NumberInput(attrs={"data-width": "5", "step": "any"}),
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("predecessor", "successor"):
            self.fields[name].queryset = plan.tasks.all()  # type: ignore[attr-defined]


class RiskForm(GovukErrorsMixin, forms.Form):
    title = forms.CharField(
        label="Risk", max_length=200, help_text="For example, Supplier delivers late"
    )
    probability = forms.DecimalField(
        label="Probability it happens (%)",
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"data-width": "3", "step": "any"}),
    )
    delay_days = _days(
        "Delay if it happens (working days)",
        required=True,
        min_value=0,
        help_text="Added to the duration of each task it hits",
    )
    cost = amount_field("Extra cost if it happens (£)", min_value=0, initial=0)
    tasks = forms.CharField(
        label="Tasks it hits",
        required=False,
        max_length=2000,
        help_text="Task IDs from the plan, separated by commas, for example A, C",
    )

    def task_codes(self) -> list[str]:
        return [c for c in self.cleaned_data.get("tasks", "").split(",") if c.strip()]


class BaselineForm(GovukErrorsMixin, forms.Form):
    name = forms.CharField(
        label="Baseline name", max_length=100, help_text="For example, Approved at gateway 2"
    )


class ImportForm(GovukErrorsMixin, forms.Form):
    file = forms.FileField(
        label="Plan file",
        help_text="A Microsoft Project XML file (.xml), an Excel workbook (.xlsx) in the "
        "layout described on this page, or a JSON plan (.json)",
    )


class ForecastForm(GovukErrorsMixin, forms.Form):
    iterations = forms.IntegerField(
        label="Number of iterations",
        min_value=100,
        max_value=MAX_ITERATIONS,
        initial=10_000,
        widget=forms.NumberInput(attrs={"data-width": "10"}),
    )
    seed = forms.IntegerField(
        label="Seed (optional)",
        required=False,
        min_value=0,
        max_value=2**62,
        help_text="Give the seed of an earlier forecast to reproduce it exactly",
        widget=forms.NumberInput(attrs={"data-width": "10"}),
    )
    by_date = forms.DateField(
        label="Finish by (optional)",
        required=False,
        help_text="The chance of finishing by this date is shown",
    )
    budget = amount_field("Budget in pounds (optional)", required=False, min_value=0)
