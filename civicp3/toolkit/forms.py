"""Forms for the toolkit's pages. They validate; the services save."""

from typing import Any

from django import forms

from civicp3.engine.risk import RiskMatrix
from civicp3.lib.forms import GovukErrorsMixin, VersionSeenMixin
from civicp3.organisation.models import Board, Council, ServiceArea
from civicp3.toolkit.models import (
    BudgetLine,
    ChecklistItem,
    Decision,
    Option,
    OptionCriterion,
    RaidItem,
    Requirement,
    Risk,
    RiskAction,
    RiskMatrixSettings,
    Stakeholder,
    TraceKind,
)


class ToolkitModelForm(GovukErrorsMixin, forms.ModelForm):  # type: ignore[type-arg]
    """A model form whose choices say "Select one of the options in the list"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
                field.error_messages["invalid_choice"] = "Select one of the options in the list"


RISK_SCORES = ("likelihood", "impact", "target_likelihood", "target_impact")


class RiskForm(ToolkitModelForm):
    class Meta:
        model = Risk
        fields = [
            "title", "cause", "event", "effect", "owner", "likelihood", "impact",
            "target_likelihood", "target_impact", "review_date", "service_area", "status",
        ]  # fmt: skip
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in ("cause", "event", "effect")}
        labels = {"target_likelihood": "Target likelihood", "target_impact": "Target impact"}

    def __init__(
        self, *args: Any, council: Council, matrix: RiskMatrix, service: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name in RISK_SCORES:
            labels = matrix.impact_labels if "impact" in name else matrix.likelihood_labels
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label,
                coerce=int,
                choices=[("", "Select")] + [(i, f"{i}: {t}") for i, t in enumerate(labels, 1)],
                error_messages={"required": f"Select the {self.fields[name].label.lower()}"},
            )
        self.fields["review_date"].help_text = "For example, 2026-03-31"
        if service:
            area = self.fields["service_area"]
            area.queryset = ServiceArea.objects.for_council(council)  # type: ignore[attr-defined]
            area.empty_label = "Not one service area"
        else:
            del self.fields["service_area"]
        if self.instance.pk is None:
            del self.fields["status"]


class RiskActionForm(ToolkitModelForm):
    class Meta:
        model = RiskAction
        fields = ["action", "owner", "due", "done"]
        widgets = {"action": forms.Textarea(attrs={"rows": 3})}


class RiskMatrixForm(GovukErrorsMixin, forms.ModelForm):  # type: ignore[type-arg]
    """The council's matrix: five labels each way, the level bands, the escalation score."""

    bands_text = forms.CharField(
        label="Level bands",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One band a line: name, lowest score, highest score, colour (green, yellow, "
        "orange or red). For example: High, 10, 14, orange",
    )

    class Meta:
        model = RiskMatrixSettings
        fields = ["escalation_score"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        settings = self.instance
        for axis in ("likelihood", "impact"):
            labels = getattr(settings, f"{axis}_labels")
            for i in range(1, 6):
                self.fields[f"{axis}_{i}"] = forms.CharField(
                    label=f"{axis.capitalize()} {i}",
                    max_length=60,
                    initial=labels[i - 1] if i <= len(labels) else "",
                    error_messages={"required": f"Enter the label for {axis} {i}"},
                )
        self.fields["bands_text"].initial = "\n".join(
            f"{b['name']}, {b['min_score']}, {b['max_score']}, {b['colour']}"
            for b in settings.bands
        )
        self.order_fields([*(f"likelihood_{i}" for i in range(1, 6)),
                           *(f"impact_{i}" for i in range(1, 6)), "bands_text"])  # fmt: skip

    def clean_bands_text(self) -> list[dict[str, object]]:
        bands = []
        for number, line in enumerate(self.cleaned_data["bands_text"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(",")]
            if len(parts) != 4 or not parts[1].isdigit() or not parts[2].isdigit():
                raise forms.ValidationError(
                    f"Line {number}: enter a name, lowest score, highest score and colour"
                )
            if parts[3] not in {"green", "yellow", "orange", "red"}:
                raise forms.ValidationError(
                    f"Line {number}: the colour must be green, yellow, orange or red"
                )
            bands.append(
                {"name": parts[0], "min_score": int(parts[1]), "max_score": int(parts[2]),
                 "colour": parts[3]}
            )  # fmt: skip
        return bands

    def settings_fields(self) -> dict[str, object]:
        data = self.cleaned_data
        return {
            "likelihood_labels": [data[f"likelihood_{i}"] for i in range(1, 6)],
            "impact_labels": [data[f"impact_{i}"] for i in range(1, 6)],
            "bands": data["bands_text"],
            "escalation_score": data["escalation_score"],
        }


class RaidItemForm(ToolkitModelForm):
    class Meta:
        model = RaidItem
        fields = ["kind", "description", "owner", "due", "status"]
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}


class DecisionForm(ToolkitModelForm):
    class Meta:
        model = Decision
        fields = [
            "decision", "options_considered", "made_by", "decided_on", "board", "risks",
            "other_links",
        ]  # fmt: skip
        widgets = {
            "decision": forms.Textarea(attrs={"rows": 3}),
            "options_considered": forms.Textarea(attrs={"rows": 3}),
            "other_links": forms.Textarea(attrs={"rows": 2}),
            "risks": forms.CheckboxSelectMultiple,
        }
        labels = {"risks": "Linked risks"}

    def __init__(self, *args: Any, council: Council, risks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = Board.objects.for_council(council)  # type: ignore[attr-defined]
        self.fields["board"].empty_label = "Not a board decision"
        self.fields["decided_on"].help_text = "For example, 2026-03-31"
        if risks is None:
            del self.fields["risks"]
        else:
            self.fields["risks"].queryset = risks


class BoardDecisionForm(DecisionForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["board"].required = True
        self.fields["board"].error_messages["required"] = "Select the board"


class RiskEditForm(VersionSeenMixin, RiskForm):
    """Changing a risk: the version seen guards against overwriting someone else's change."""


class RequirementForm(ToolkitModelForm):
    class Meta:
        model = Requirement
        fields = ["description", "priority"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "priority": forms.RadioSelect}
        error_messages = {"priority": {"required": "Select a MoSCoW priority"}}


class TraceLinkForm(GovukErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label="Traces to", choices=TraceKind.choices, widget=forms.RadioSelect)
    name = forms.CharField(
        label="Name", max_length=300, help_text="The objective, deliverable or acceptance test."
    )


class CriterionForm(ToolkitModelForm):
    class Meta:
        model = OptionCriterion
        fields = ["name", "weight"]


class OptionForm(ToolkitModelForm):
    class Meta:
        model = Option
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class OptionScoresForm(GovukErrorsMixin, forms.Form):
    """A score from 0 to 10 for each criterion."""

    def __init__(
        self, *args: Any, criteria: list[OptionCriterion], initial_scores: dict[int, int],
        **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (weight {criterion.weight})",
                min_value=0,
                max_value=10,
                initial=initial_scores.get(criterion.pk),
                help_text="0 (worst) to 10 (best)",
                widget=forms.NumberInput(attrs={"data-width": "2"}),
                error_messages={
                    "required": f"Enter a score for {criterion.name}",
                    "min_value": "Enter a score of 0 or more",
                    "max_value": "Enter a score of 10 or less",
                    "invalid": "Enter a whole number from 0 to 10",
                },
            )

    def scores(self) -> dict[OptionCriterion, int]:
        return {c: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class StakeholderForm(ToolkitModelForm):
    class Meta:
        model = Stakeholder
        fields = ["name", "role", "power", "interest", "engagement"]
        widgets = {
            "power": forms.RadioSelect,
            "interest": forms.RadioSelect,
            "engagement": forms.Textarea(attrs={"rows": 3}),
        }


class ChecklistForm(GovukErrorsMixin, forms.Form):
    done = forms.ModelMultipleChoiceField(
        label="Stakeholder checklist",
        queryset=ChecklistItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["done"].queryset = ChecklistItem.objects.for_council(council)  # type: ignore[attr-defined]


class BudgetLineForm(ToolkitModelForm):
    class Meta:
        model = BudgetLine
        fields = ["kind", "name", "approved"]
        widgets = {"kind": forms.RadioSelect}


class BudgetMonthForm(GovukErrorsMixin, forms.Form):
    line = forms.ModelChoiceField(label="Budget line", queryset=BudgetLine.objects.none())
    month = forms.DateField(label="Month", help_text="Any day in the month, for example 2026-04-01")
    forecast = forms.DecimalField(
        label="Forecast (£)", min_value=0, max_digits=14, decimal_places=2
    )
    actual = forms.DecimalField(
        label="Actual (£)",
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text="Leave blank until the month's spend is known.",
    )

    def __init__(self, *args: Any, lines: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines
