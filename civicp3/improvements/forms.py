from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.db.models import QuerySet

from civicp3.improvements.lifecycle import QUEUE, Status
from civicp3.improvements.models import (
    Belt,
    DecisionNode,
    FeasibilityCategory,
    FeasibilityOutcome,
    FeasibilityQuestion,
    FormRequired,
    ImprovementRequest,
    ImprovementSettings,
    Pathway,
    RetentionUnit,
    ScoringQuestion,
)
from civicp3.improvements.selectors import NO_PATHWAY
from civicp3.improvements.worklist import HEADERS
from civicp3.lib.forms import GovukErrorsMixin, amount_field
from civicp3.organisation.models import Council, Directorate, ServiceArea, WageRate


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


class FileInput(forms.ClearableFileInput):
    """A file input that takes several files (rendered as a GOV.UK file upload)."""

    allow_multiple_selected = True
    template_name = "django/forms/widgets/file.html"


class EvidenceField(forms.FileField):
    """Zero or more files. What they are is checked by the service, by content."""

    widget = FileInput

    def clean(self, data: object, initial: object = None) -> list[object]:  # type: ignore[override]
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(EvidenceField, self).clean(item, initial) for item in files]


YES_NO = [("yes", "Yes"), ("no", "No")]


class RaiseForm(GovukErrorsMixin, forms.Form):
    """The improvement request form. Staff choose a service area; the public describe it."""

    process_impacted = forms.CharField(
        label="Which process needs improving?",
        max_length=300,
        help_text="For example, reporting a missed bin or applying for a parking permit.",
    )
    service_area = forms.ModelChoiceField(
        label="Service area",
        queryset=ServiceArea.objects.none(),
        required=False,
        help_text="The service that runs the process. The work list groups requests by AD area "
        "and service area.",
    )
    service_area_text = forms.CharField(
        label="Which council service is it about? (optional)", max_length=200, required=False
    )
    problem_statement = forms.CharField(
        label="Problem statement: what is the issue?",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text="What goes wrong now and who it affects: delays, keying the same details twice, "
        "residents chasing. The improvement team scores the request on this.",
    )
    what_we_require = forms.CharField(
        label="What is required?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="What would fix the issue, as far as you know.",
    )
    form_required = forms.ChoiceField(
        label="Is an online form required?",
        choices=FormRequired.choices,
        widget=forms.RadioSelect(attrs={"inline": True}),
        help_text="Whether residents or staff need a new or changed online form to fix this.",
    )
    evidence = EvidenceField(
        label="Evidence (optional)",
        required=False,
        widget=FileInput(attrs={"multiple": True}),
        help_text=(
            "Upload PDFs, images or Word, Excel or PowerPoint files, each smaller than the "
            "limit shown. You can choose more than one."
        ),
    )
    contact_name = forms.CharField(label="Your name", max_length=200)
    contact_email = forms.EmailField(
        label="Email address",
        help_text="We will send your reference number here.",
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    contact_phone = forms.CharField(label="Phone number (optional)", max_length=40, required=False)
    # The honeypot: hidden from people by CSS; a bot that fills it in is quietly ignored.
    website = forms.CharField(label="Leave this blank", required=False)

    def __init__(
        self,
        *args: object,
        council: Council,
        public: bool,
        limits: ImprovementSettings,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["evidence"].help_text = (
            "Upload PDFs, images (JPEG, PNG, GIF or WebP) or Word, Excel or PowerPoint files, "
            f"each smaller than {limits.max_upload_mb}MB. You can choose up to "
            f"{limits.max_evidence_files}, smaller than {limits.max_evidence_total_mb}MB together."
        )
        if public:
            del self.fields["service_area"]
        else:
            del self.fields["service_area_text"]
            self.fields["service_area"].queryset = ServiceArea.objects.for_council(council)  # type: ignore[attr-defined]
            self.fields["service_area"].empty_label = "Not sure"

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ScoreForm(GovukErrorsMixin, forms.Form):
    """One set of radios per active question of the council's technical matrix."""

    def __init__(self, *args: object, questions: list[ScoringQuestion], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for question in questions:
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                coerce=int,
                choices=[
                    (option.pk, f"{option.label} ({option.points * question.weight:g} points)")
                    for option in question.options.all()
                ],
                widget=forms.RadioSelect,
                error_messages={"required": f"Select an answer to “{question.text}”"},
            )

    def answers(self) -> dict[int, int]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class MatrixQuestionForm(GovukErrorsMixin, forms.Form):
    text = forms.CharField(label="Question", max_length=300)
    weight = forms.DecimalField(
        label="Weight",
        min_value=0,
        max_digits=5,
        decimal_places=2,
        initial=1,
        help_text="Each answer's points are multiplied by this.",
        widget=forms.NumberInput(attrs={"data-width": "4", "step": "0.01"}),
    )
    options = forms.CharField(
        label="Answers and their points",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One answer a line, with its points after a colon, like “Many: 10”.",
    )
    active = forms.BooleanField(label="Use this question when scoring", required=False)

    def clean_options(self) -> list[tuple[str, Decimal]]:
        parsed = []
        for number, line in enumerate(self.cleaned_data["options"].splitlines(), start=1):
            if not line.strip():
                continue
            label, _, points = line.rpartition(":")
            try:
                value = Decimal(points.strip())
            except InvalidOperation:
                value = None
            if not label.strip() or value is None or not value.is_finite():
                raise forms.ValidationError(
                    f"Line {number}: write the answer, a colon and its points, like “Many: 10”"
                )
            parsed.append((label.strip()[:200], value))
        if len(parsed) < 2:
            raise forms.ValidationError("Enter at least two answers")
        return parsed


class PathwayForm(GovukErrorsMixin, forms.Form):
    chosen = forms.ChoiceField(
        label="Pathway",
        choices=Pathway.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Fully managed (PIP): the improvement team runs it as a project. Supported quick "
        "win (QW): a small change the team supports. Self-serve (GBC): a trained green belt "
        "champion runs it through DMAIC in their own service.",
    )
    reason = forms.CharField(
        label="Reason for choosing a different pathway",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed only if you do not follow the recommendation.",
    )
    champion = forms.ModelChoiceField(
        label="Green belt champion (self-serve only)",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not yet chosen",
        help_text="A member of staff trained as a green belt champion, who runs the improvement "
        "and files a return at the end of each DMAIC phase.",
    )

    def __init__(
        self,
        *args: object,
        nodes: list[DecisionNode],
        champions: Any,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        questions = {
            f"node{node.pk}": forms.ChoiceField(
                label=node.text,
                choices=YES_NO,
                widget=forms.RadioSelect(attrs={"inline": True}),
                required=False,
            )
            for node in nodes
        }
        self.fields = {**questions, **self.fields}
        self.fields["champion"].queryset = champions  # type: ignore[attr-defined]
        self.fields["champion"].label_from_instance = lambda user: (
            user.get_full_name() or user.username
        )

    def answers(self) -> dict[int, bool]:
        return {
            int(name[4:]): value == "yes"
            for name, value in self.cleaned_data.items()
            if name.startswith("node") and value
        }


class FeasibilityForm(GovukErrorsMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=FeasibilityOutcome.choices,
        widget=forms.RadioSelect,
        help_text="Whether the request can go ahead on its pathway, after the feasibility "
        "questions below.",
    )
    on_hold_until = forms.DateField(
        label="On hold until (if on hold)",
        required=False,
        error_messages={"invalid": "Enter the date it is on hold until as a real date"},
    )
    reason = forms.CharField(
        label="Reason (needed to close it)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self, *args: object, questions: list[FeasibilityQuestion], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        own: dict[str, forms.Field] = {}
        self.groups: list[tuple[str, list[tuple[str, str]]]] = []
        for question in questions:
            own[f"feasible_{question.pk}"] = forms.ChoiceField(
                label=question.text,
                choices=YES_NO,
                widget=forms.RadioSelect(attrs={"inline": True}),
                error_messages={"required": f"Select yes or no for “{question.text}”"},
            )
            own[f"feedback_{question.pk}"] = forms.CharField(
                label="Feasibility feedback (optional)",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            category = question.get_category_display()
            if not self.groups or self.groups[-1][0] != category:
                self.groups.append((category, []))
            self.groups[-1][1].append((f"feasible_{question.pk}", f"feedback_{question.pk}"))
        self.fields = {**own, **self.fields}

    def answers(self) -> dict[int, tuple[bool, str]]:
        data = self.cleaned_data
        return {
            int(name.removeprefix("feasible_")): (
                value == "yes",
                data.get(f"feedback_{name[9:]}", ""),
            )
            for name, value in data.items()
            if name.startswith("feasible_")
        }


class PhaseReturnForm(GovukErrorsMixin, forms.Form):
    templates_used = forms.CharField(
        label="Which templates did you use in this phase?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="The DMAIC templates from the improvement toolkit, for example the project "
        "charter, SIPOC or process map.",
    )
    documentation_complete = forms.TypedChoiceField(
        label="Has all the correct documentation been completed or considered?",
        choices=YES_NO,
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect(attrs={"inline": True}),
    )
    template_suggestions = forms.CharField(
        label="Could any improvements be made to the templates? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    communications_needed = forms.CharField(
        label="What communications need to be sent? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ChangeRequestForm(GovukErrorsMixin, forms.Form):
    change = forms.CharField(
        label="What needs to change?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text="A change to the agreed scope, timescale or cost. The service's sponsor agrees "
        "or declines it.",
    )
    reason = forms.CharField(
        label="Why is it needed?", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class TagsForm(GovukErrorsMixin, forms.Form):
    tags = forms.CharField(
        label="Tags",
        required=False,
        max_length=1000,
        help_text='Separate tags with commas, for example "Covid-19 response, Website". '
        "Leave it empty to remove every tag.",
    )


class ChangeDecisionForm(GovukErrorsMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("agree", "Agree"), ("decline", "Decline")],
        widget=forms.RadioSelect(attrs={"inline": True}),
    )
    decision_reason = forms.CharField(
        label="Reason for the decision", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class SignOffRequestForm(GovukErrorsMixin, forms.Form):
    owner = forms.ModelChoiceField(
        label="Process owner",
        queryset=User.objects.none(),
        empty_label="Choose the process owner",
        help_text=(
            "The manager in the service who owns the process once it goes live. They test it "
            "and confirm the sign-off themselves."
        ),
    )

    def __init__(self, *args: Any, owners: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        field.queryset = owners  # type: ignore[attr-defined]
        field.label_from_instance = lambda user: user.get_full_name() or user.username  # type: ignore[attr-defined]


class SignOffForm(GovukErrorsMixin, forms.Form):
    testing_confirmed = forms.BooleanField(
        label=(
            "I have carried out testing and I am happy that the form is fully working and "
            "ready to go live"
        ),
        required=False,
    )
    retention_number = forms.IntegerField(
        label="Case retention period",
        required=False,
        min_value=1,
        widget=forms.NumberInput(attrs={"data-width": "4"}),
        help_text="A number, with days, weeks, months or years below.",
    )
    retention_unit = forms.ChoiceField(
        label="Retention period in",
        choices=RetentionUnit.choices,
        widget=forms.RadioSelect(attrs={"inline": True}),
    )


class RatingForm(GovukErrorsMixin, forms.Form):
    stars = forms.TypedChoiceField(
        label="How would you rate this service?",
        coerce=int,
        choices=[(n, f"{n} star{'s' if n > 1 else ''}") for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
        error_messages={"required": "Select a rating from 1 to 5 stars"},
    )
    comment = forms.CharField(
        label="Tell us about your experience (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    website = forms.CharField(label="Leave this blank", required=False)


class BenefitsForm(GovukErrorsMixin, forms.Form):
    hours_saved_per_year = forms.DecimalField(
        label="Officer hours saved a year",
        help_text="Officer time the change frees up each year. It is valued at the wage rate "
        "below, with the council's on-costs, as a non-cashable saving.",
        min_value=0,
        max_digits=9,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"data-width": "5", "step": "0.5"}),
    )
    wage_rate = forms.ModelChoiceField(
        label="Wage rate of the officers whose time is saved",
        queryset=WageRate.objects.none(),
        help_text="The pay grade, for example Scale 4 or SO1, from the council's wage rates.",
    )
    one_off_costs = amount_field("One-off costs (£)", min_value=0, max_digits=12, initial=0)
    cashable_savings = amount_field(
        "Cashable savings a year (£)",
        help_text="Money the council no longer spends each year, for example on postage, "
        "printing or a licence.",
        min_value=0,
        max_digits=12,
        initial=0,
    )
    online_form_delivered = forms.BooleanField(label="An online form was delivered", required=False)

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["wage_rate"].queryset = WageRate.objects.for_council(council)  # type: ignore[attr-defined]


class ImportForm(GovukErrorsMixin, forms.Form):
    file = forms.FileField(
        label="Work list file",
        help_text="A CSV or Excel (XLSX) file in the work list's layout: " + ", ".join(HEADERS),
        error_messages={"required": "Select a CSV or XLSX file"},
    )


class WorkshopForm(GovukErrorsMixin, forms.Form):
    held_on = forms.DateField(
        label="Date of the workshop",
        error_messages={"invalid": "Enter the date of the workshop as a real date"},
    )
    attendance = forms.CharField(
        label="Who attended?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One name a line.",
    )
    improvements = forms.ModelMultipleChoiceField(
        label="Projects discussed",
        help_text="The self-serve improvements the champions talked about at this workshop.",
        queryset=ImprovementRequest.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lessons_learnt = forms.CharField(
        label="Lessons learnt", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: object, improvements: Any, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["improvements"].queryset = improvements  # type: ignore[attr-defined]


class CohortForm(GovukErrorsMixin, forms.Form):
    belt = forms.ChoiceField(
        label="Course",
        choices=Belt.choices,
        widget=forms.RadioSelect,
        help_text="Green belt trains the champions who run self-serve improvements in their own "
        "service.",
    )
    name = forms.CharField(
        label="Cohort name", max_length=200, help_text="For example, Green belt 2024."
    )
    starts_on = forms.DateField(label="Starts on")
    ends_on = forms.DateField(label="Ends on (optional)", required=False)


class DelegateForm(GovukErrorsMixin, forms.Form):
    name = forms.CharField(label="Delegate's name", max_length=200)
    service_area = forms.ModelChoiceField(
        label="Service area",
        queryset=ServiceArea.objects.none(),
        help_text="Each service area should have at least one trained green belt champion.",
    )
    completed = forms.BooleanField(label="Completed the course", required=False)

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["service_area"].queryset = ServiceArea.objects.for_council(council)  # type: ignore[attr-defined]


class LimitsForm(GovukErrorsMixin, forms.ModelForm):
    class Meta:
        model = ImprovementSettings
        fields = [
            "public_submissions_per_hour",
            "max_upload_mb",
            "max_evidence_files",
            "max_evidence_total_mb",
        ]
        widgets = {name: forms.NumberInput(attrs={"data-width": "4"}) for name in fields}


class FeasibilityQuestionForm(GovukErrorsMixin, forms.Form):
    category = forms.ChoiceField(
        label="Category", choices=FeasibilityCategory.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(label="Feasibility question", max_length=300)


class DecisionNodeForm(GovukErrorsMixin, forms.Form):
    text = forms.CharField(label="Question", max_length=300)
    yes_next = forms.ModelChoiceField(
        label="If yes, ask next", queryset=DecisionNode.objects.none(), required=False
    )
    yes_pathway = forms.ChoiceField(
        label="If yes, recommend",
        choices=[("", "No pathway yet"), *Pathway.choices],
        required=False,
    )
    no_next = forms.ModelChoiceField(
        label="If no, ask next", queryset=DecisionNode.objects.none(), required=False
    )
    no_pathway = forms.ChoiceField(
        label="If no, recommend", choices=[("", "No pathway yet"), *Pathway.choices], required=False
    )

    def __init__(self, *args: object, others: Any, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in ("yes_next", "no_next"):
            self.fields[name].queryset = others  # type: ignore[attr-defined]
            self.fields[name].empty_label = "No further question"  # type: ignore[attr-defined]


class QueueFilterForm(GovukErrorsMixin, forms.Form):
    """The improvement team's work queue: every request, by where it is in the lifecycle."""

    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *((code, label) for code, label, _ in QUEUE)],
    )
    pathway = forms.ChoiceField(
        label="Pathway",
        required=False,
        choices=[("", "Any pathway"), *Pathway.choices, (NO_PATHWAY, "Not decided yet")],
    )
    q = forms.CharField(
        label="Reference or words",
        required=False,
        max_length=200,
        help_text="For example, IMP-0012",
    )
