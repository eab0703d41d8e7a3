from typing import Any

from django import forms
from django.contrib.auth.models import User

from civicp3.lib.forms import GovukErrorsMixin, VersionSeenMixin
from civicp3.organisation.models import Board, Council, ServiceArea
from civicp3.portfolio.lifecycle import MOVES, Stage
from civicp3.portfolio.models import (
    ChangeRequest,
    Closure,
    HealthCheck,
    HighlightReport,
    KeyCriterion,
    Kind,
    PortfolioSettings,
    PriorityCriterion,
    Project,
    ProjectBrief,
    TierBand,
)
from civicp3.portfolio.selectors import LOOSE_ENDS

TEXT = {"rows": 4}


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
    manager = forms.ModelChoiceField(
        label="Project manager (optional)", required=False, queryset=User.objects.none()
    )
    sponsor = forms.ModelChoiceField(
        label="Sponsor (optional)", required=False, queryset=User.objects.none()
    )

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["parent"].queryset = Project.objects.for_council(council).exclude(  # type: ignore[attr-defined]
            kind=Kind.PROJECT
        )
        people = User.objects.filter(memberships__council=council).distinct().order_by("username")
        for name, role in (("manager", "project_manager"), ("sponsor", "sponsor")):
            self.fields[name].queryset = people.filter(memberships__role=role)  # type: ignore[attr-defined]


class RegisterFilterForm(GovukErrorsMixin, forms.Form):
    q = forms.CharField(label="Search titles and summaries", required=False)
    kind = forms.ChoiceField(
        label="Classification", required=False, choices=[("", "All"), *Kind.choices]
    )
    stage = forms.ChoiceField(label="Stage", required=False, choices=[("", "All"), *Stage.choices])
    tier = forms.ChoiceField(label="Tier", required=False)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("reference", "Reference"),
            ("title", "Title"),
            ("stage", "Stage"),
            ("score", "Score, highest first"),
            ("tier", "Tier"),
        ],
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = TierBand.objects.for_council(council).values_list("name", flat=True)
        self.fields["tier"].choices = [("", "All")] + [(n, n) for n in names]  # type: ignore[attr-defined]


class ClassifyForm(ProjectCreateForm):
    rationale = forms.CharField(
        label="Why is it this classification?",
        help_text=(
            "A project is a specific, single initiative with tangible outputs; programmes and "
            "portfolios are collections of related projects."
        ),
        widget=forms.Textarea(attrs=TEXT),
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, council=council, **kwargs)
        for name in ("title", "summary", "manager", "sponsor"):
            del self.fields[name]


class BriefForm(VersionSeenMixin, GovukErrorsMixin, forms.ModelForm):
    class Meta:
        model = ProjectBrief
        fields = list(ProjectBrief.FIELDS)
        widgets = {name: forms.Textarea(attrs=TEXT) for name in ProjectBrief.FIELDS}


class SectionForm(GovukErrorsMixin, forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args: Any, label: str, hint: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = label
        self.fields["text"].help_text = hint
        self.fields["text"].error_messages["required"] = f"Enter the {label.lower()}"


class AppraisalForm(GovukErrorsMixin, forms.Form):
    meeting_date = forms.DateField(label="Date of the meeting")
    invited_stakeholders = forms.CharField(
        label="Invited stakeholders",
        help_text="One person or team a line.",
        widget=forms.Textarea(attrs=TEXT),
    )
    challenges = forms.CharField(
        label="Challenges raised and the responses", widget=forms.Textarea(attrs=TEXT)
    )
    pmo_recommendation = forms.CharField(
        label="PMO's recommendation", widget=forms.Textarea(attrs=TEXT)
    )


class ThresholdForm(GovukErrorsMixin, forms.Form):
    met = forms.ModelMultipleChoiceField(
        label="Which key criteria does it meet?",
        queryset=KeyCriterion.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label="PMO's recommendations to the board, or the reasons for the initiator",
        help_text="Needed unless it meets every key criterion.",
        required=False,
        widget=forms.Textarea(attrs=TEXT),
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["met"].queryset = KeyCriterion.objects.for_council(council)  # type: ignore[attr-defined]


class PrioritiseForm(GovukErrorsMixin, forms.Form):
    def __init__(self, *args: Any, council: Council, initial_scores: dict[int, int], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.criteria = list(
            PriorityCriterion.objects.for_council(council).select_related("corporate_priority")
        )
        for criterion in self.criteria:
            hint = f"Weight {criterion.weight.normalize()}; score 0 to {criterion.max_score}."
            if criterion.corporate_priority:
                hint = f"Corporate priority: {criterion.corporate_priority}. " + hint
            self.fields[f"c{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                help_text=hint,
                min_value=0,
                max_value=criterion.max_score,
                initial=initial_scores.get(criterion.pk),
                widget=forms.NumberInput(attrs={"data-width": "2"}),
            )

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}


class DecisionForm(GovukErrorsMixin, forms.Form):
    decision = forms.ChoiceField(label="The board's decision", widget=forms.RadioSelect)
    board = forms.ModelChoiceField(label="Board", queryset=Board.objects.none())
    meeting_date = forms.DateField(label="Date of the meeting")
    notes = forms.CharField(
        label="Notes and reasons",
        help_text="Needed to defer, reject or pause, and to decide at the board's discretion.",
        required=False,
        widget=forms.Textarea(attrs=TEXT),
    )
    at_discretion = forms.BooleanField(
        label=(
            "The board decides this at its discretion (for example, to start a project "
            "before PMO has scored it); the reason above goes to the decisions log"
        ),
        required=False,
    )

    def __init__(self, *args: Any, council: Council, codes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [(c, MOVES[c].label) for c in codes]  # type: ignore[attr-defined]
        boards = Board.objects.for_council(council)
        self.fields["board"].queryset = boards  # type: ignore[attr-defined]
        clt = boards.filter(kind=Board.Kind.CLT_GOVERNANCE).first()
        if clt:
            self.fields["board"].initial = clt.pk


# The RAG measures of a highlight report, each judged against the project's tolerances.
HIGHLIGHT_RAG_FIELDS = ("overall", "schedule", "cost", "scope", "quality", "benefits", "risk")


class HighlightForm(GovukErrorsMixin, forms.ModelForm):
    class Meta:
        model = HighlightReport
        fields = [
            "period",
            *HIGHLIGHT_RAG_FIELDS,
            "progress",
            "next_steps",
            "issues",
            "decisions_needed",
        ]
        widgets = {
            **{name: forms.RadioSelect(attrs={"inline": True}) for name in HIGHLIGHT_RAG_FIELDS},
            **{
                name: forms.Textarea(attrs=TEXT)
                for name in ("progress", "next_steps", "issues", "decisions_needed")
            },
        }
        labels = {
            "overall": "Overall RAG",
            "schedule": "Schedule RAG",
            "cost": "Cost RAG",
            "scope": "Scope RAG",
            "quality": "Quality RAG",
            "benefits": "Benefits RAG",
            "risk": "Risk RAG",
            "issues": "Issues and risks",
        }
        help_texts = {
            "overall": "Your view of the project as a whole this month.",
            "schedule": (
                "Time: green if on track for the committed finish date, amber if it will slip "
                "within your tolerance, red if beyond it."
            ),
            "cost": (
                "Green if within budget, amber if over within your tolerance, red if beyond it."
            ),
            "scope": "Are the agreed deliverables still what the project will produce?",
            "quality": (
                "Are the products meeting the quality agreed in the brief, so the service "
                "can use them?"
            ),
            "benefits": (
                "Will the project still deliver the benefits in its business case, "
                "as recorded on the benefits register?"
            ),
            "risk": "How exposed the project is to its open risks and issues.",
            "progress": "What was done this period.",
            "next_steps": "What will be done next period.",
            "issues": "Issues and risks the sponsor or board should know about (optional).",
            "decisions_needed": "Decisions you need from the sponsor or the board (optional).",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in HIGHLIGHT_RAG_FIELDS:
            field = self.fields[name]
            field.choices = [c for c in field.choices if c[0]]  # type: ignore[attr-defined]
            field.required = True  # quality and benefits are optional only for older reports
            measure = str(field.label).removesuffix(" RAG").lower()
            field.error_messages["required"] = f"Select the {measure} RAG status"


class ChangeRequestForm(GovukErrorsMixin, forms.ModelForm):
    class Meta:
        model = ChangeRequest
        fields = ["title", "scope_impact", "time_impact_days", "cost_impact", "benefit_impact"]
        labels = {"title": "What is the change?"}
        widgets = {
            "scope_impact": forms.Textarea(attrs=TEXT),
            "benefit_impact": forms.Textarea(attrs=TEXT),
            "time_impact_days": forms.NumberInput(attrs={"data-width": "5"}),
            "cost_impact": forms.NumberInput(attrs={"data-width": "10"}),
        }


class ChangeDecisionForm(GovukErrorsMixin, forms.Form):
    approve = forms.TypedChoiceField(
        label="Decision",
        choices=[("yes", "Approve the change"), ("no", "Decline the change")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(
        label="Notes",
        help_text="Needed to decline.",
        required=False,
        widget=forms.Textarea(attrs=TEXT),
    )
    board = forms.ModelChoiceField(label="Board", queryset=Board.objects.none())
    meeting_date = forms.DateField(label="Date of the board meeting")

    def __init__(self, *args: Any, council: Council, at_board: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not at_board:
            del self.fields["board"], self.fields["meeting_date"]
            return
        boards = Board.objects.for_council(council)
        self.fields["board"].queryset = boards  # type: ignore[attr-defined]
        clt = boards.filter(kind=Board.Kind.CLT_GOVERNANCE).first()
        if clt:
            self.fields["board"].initial = clt.pk


class ClosureForm(GovukErrorsMixin, forms.Form):
    report = forms.CharField(
        label="Closure report",
        help_text="What was delivered against the business case, and what was not.",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    lessons = forms.CharField(
        label="Lessons learned", help_text="One lesson a line.", widget=forms.Textarea(attrs=TEXT)
    )
    benefit = forms.CharField(label="Benefit to hand over", widget=forms.Textarea(attrs=TEXT))
    bau_owner = forms.CharField(label="Business-as-usual owner", max_length=200)
    review_date = forms.DateField(label="First benefits review date")
    checklist = forms.MultipleChoiceField(
        label="Business-as-usual transition checklist",
        choices=Closure.CHECKLIST,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    acknowledged = forms.MultipleChoiceField(
        label="Still open as it closes",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, loose_ends: dict[str, list[str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not loose_ends:
            del self.fields["acknowledged"]
            return
        field = self.fields["acknowledged"]
        field.choices = [(code, LOOSE_ENDS[code]) for code in loose_ends]  # type: ignore[attr-defined]
        field.help_text = " ".join(  # type: ignore[assignment]
            f"{code.replace('_', ' ').capitalize()}: {', '.join(lines)}."
            for code, lines in loose_ends.items()
        )


class DemandForm(GovukErrorsMixin, forms.Form):
    service_area = forms.ModelChoiceField(label="Service area", queryset=ServiceArea.objects.none())
    month = forms.DateField(label="Month", help_text="Any day in the month.")
    hours = forms.DecimalField(
        label="Hours needed that month",
        help_text="0 removes the demand.",
        min_value=0,
        max_digits=8,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"data-width": "5"}),
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_area"].queryset = ServiceArea.objects.for_council(council)  # type: ignore[attr-defined]


def _yes_or_no(label: str) -> forms.TypedChoiceField:
    """A question answered yes or no, with neither chosen until the person chooses."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect(attrs={"inline": True}),
        error_messages={"required": f"Answer yes or no: {label[:1].lower()}{label[1:]}?"},
    )


class HealthCheckForm(GovukErrorsMixin, forms.ModelForm):
    viable = _yes_or_no("Is the project still viable")
    governance_in_place = _yes_or_no("Are governance processes in place")
    process_followed = _yes_or_no("Are PMO governance processes followed")

    class Meta:
        model = HealthCheck
        fields = [
            "date",
            "support_needs",
            "viable",
            "governance_in_place",
            "process_followed",
            "actions",
        ]
        widgets = {
            "support_needs": forms.Textarea(attrs=TEXT),
            "actions": forms.Textarea(attrs=TEXT),
        }


class AuditForm(GovukErrorsMixin, forms.Form):
    size = forms.IntegerField(
        label="How many projects to sample",
        min_value=1,
        max_value=500,
        widget=forms.NumberInput(attrs={"data-width": "3"}),
    )
    seed = forms.IntegerField(
        label="Seed (optional)",
        help_text="Leave blank for a new random draw; enter a recorded seed to repeat one.",
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"data-width": "20"}),
    )


class SettingsForm(GovukErrorsMixin, forms.ModelForm):
    class Meta:
        model = PortfolioSettings
        fields = [
            "key_criteria_threshold",
            "manager_cost_tolerance",
            "manager_time_tolerance_days",
            "sponsor_cost_tolerance",
            "sponsor_time_tolerance_days",
            "highlight_due_days",
        ]
        widgets = {name: forms.NumberInput(attrs={"data-width": "10"}) for name in fields}


class CouncilRowsFormSet(forms.BaseModelFormSet):
    """Rows of one council's table: a row's hidden id must be one of the rows shown (Django
    otherwise accepts the id of any row of the model, another council's included)."""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields[self.model._meta.pk.name].queryset = self.get_queryset()  # type: ignore[attr-defined]


def _rows_formset(model: type, fields: list[str], labels: dict[str, str]) -> type:
    class RowForm(GovukErrorsMixin, forms.ModelForm):
        class Meta:
            pass

    RowForm.Meta.model = model  # type: ignore[attr-defined]
    RowForm.Meta.fields = fields  # type: ignore[attr-defined]
    RowForm.Meta.labels = labels  # type: ignore[attr-defined]
    return forms.modelformset_factory(
        model,
        form=RowForm,
        formset=CouncilRowsFormSet,
        fields=fields,
        extra=1,
        can_delete=True,
    )


KeyCriterionFormSet = _rows_formset(
    KeyCriterion, ["name", "order"], {"name": "Key criterion", "order": "Order"}
)
PriorityCriterionFormSet = _rows_formset(
    PriorityCriterion,
    ["name", "corporate_priority", "weight", "max_score", "order"],
    {"name": "Prioritisation criterion"},
)
TierFormSet = _rows_formset(TierBand, ["name", "min_score"], {"name": "Tier"})


def formset_rows(formset: Any) -> list[tuple[int | None, dict[str, object], bool]]:
    """The formset's changed rows as (pk, values, delete) for `services.configuration_save`."""
    rows = []
    for form in formset.forms:
        if not form.has_changed():
            continue
        data = dict(form.cleaned_data)
        delete = bool(data.pop("DELETE", False))
        instance = data.pop("id", None)
        rows.append((instance.pk if instance else None, data, delete))
    return rows


class StartWindowForm(GovukErrorsMixin, forms.Form):
    earliest_start = forms.DateField(
        label="Earliest start month",
        help_text="Any day in the month. Leave blank if it can start now.",
        required=False,
    )
    latest_start = forms.DateField(
        label="Latest start month",
        help_text="Any day in the month. Leave blank if it has no deadline.",
        required=False,
    )
