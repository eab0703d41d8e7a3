from typing import Any

from django import forms

from civicp3.lib.forms import GovukErrorsMixin
from civicp3.organisation.models import Council
from civicp3.performance.documents import REPORTS
from civicp3.productivity.documents import SECTION_FIELDS
from civicp3.productivity.evidence import EVIDENCE
from civicp3.productivity.models import (
    COMMITTEE_REPORT_FIELDS,
    FRAMEWORK_FIELDS,
    CommitteeAppendix,
    CommitteeReport,
    CommitteeSection,
    CommitteeTemplate,
    Framework,
    Plan,
    ReturnTemplate,
    SharedSection,
    Theme,
)

MARKDOWN_HINT = (
    "You can use Markdown: a blank line starts a new paragraph, ## starts a heading, "
    "- starts a bullet point and **text** is bold."
)


class PlanForm(GovukErrorsMixin, forms.Form):
    template = forms.ModelChoiceField(queryset=ReturnTemplate.objects.none(), label="Return")
    title = forms.CharField(label="Title", max_length=200)

    def __init__(self, *args: Any, templates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]


class PlanTextForm(GovukErrorsMixin, forms.Form):
    """The foreword and a narrative per theme, each a Markdown text area."""

    foreword = forms.CharField(
        label="Foreword",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=MARKDOWN_HINT,
    )

    def __init__(self, *args: Any, themes: list[Theme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index, theme in enumerate(themes, start=1):
            self.fields[f"theme_{theme.pk}"] = forms.CharField(
                label=f"{index}. {theme.title}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=f"{theme.prompt} {MARKDOWN_HINT}".strip(),
            )

    def narratives(self) -> dict[int, str]:
        return {
            int(name.removeprefix("theme_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("theme_")
        }


class SharedSectionForm(GovukErrorsMixin, forms.Form):
    title = forms.CharField(label="Title", max_length=200)
    text = forms.CharField(
        label="Text", widget=forms.Textarea(attrs={"rows": 8}), help_text=MARKDOWN_HINT
    )
    shared_with = forms.ModelMultipleChoiceField(
        label="Councils using it",
        queryset=Council.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shared_with"].queryset = Council.objects.exclude(pk=council.pk)  # type: ignore[attr-defined]


class UseSharedForm(GovukErrorsMixin, forms.Form):
    theme = forms.ModelChoiceField(label="Theme", queryset=Theme.objects.none())
    section = forms.ModelChoiceField(
        label="Shared section",
        queryset=SharedSection.objects.none(),
        required=False,
        empty_label="None: write our own text",
    )

    def __init__(self, *args: Any, themes: Any, sections: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes  # type: ignore[attr-defined]
        self.fields["section"].queryset = sections  # type: ignore[attr-defined]


class TemplateForm(GovukErrorsMixin, forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    requested_by = forms.CharField(label="Requested by", max_length=200, required=False)
    deadline = forms.DateField(label="Deadline", required=False)
    min_pages = forms.IntegerField(label="Fewest pages expected", min_value=1, initial=3)
    max_pages = forms.IntegerField(label="Most pages expected", min_value=1, initial=4)


class ThemeForm(GovukErrorsMixin, forms.Form):
    title = forms.CharField(label="Theme", max_length=300)
    prompt = forms.CharField(
        label="Prompt", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.MultipleChoiceField(
        label="Evidence drawn from the data",
        required=False,
        choices=[(key, item.label) for key, item in EVIDENCE.items()],
        widget=forms.CheckboxSelectMultiple,
    )


class CommitmentForm(GovukErrorsMixin, forms.Form):
    text = forms.CharField(label="Commitment", max_length=500)
    owner = forms.CharField(label="Owner", max_length=200)
    due = forms.DateField(label="Due date")


class ReviewForm(GovukErrorsMixin, forms.Form):
    """Send for review, return to draft: no details needed."""


def _length_override() -> forms.CharField:
    return forms.CharField(
        label="Why the plan may be longer than the return expects",
        required=False,
        max_length=300,
        help_text="Only if the plan is longer than the return's page limit: it is recorded.",
    )


class EndorsementForm(GovukErrorsMixin, forms.Form):
    committee = forms.CharField(label="Committee", max_length=200)
    on = forms.DateField(label="Date of the meeting")
    amendments = forms.CharField(
        label="Amendments the committee made",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the addition of wording to articulate SEND challenges.",
    )
    length_override = _length_override()


class NewVersionForm(GovukErrorsMixin, forms.Form):
    """Starting a new version of a published plan is a deliberate act: say why."""

    reason = forms.CharField(
        label="Why a new version is needed",
        max_length=300,
        help_text="The published plan stays on the council's website until the new version "
        "is endorsed and published.",
    )


class DatedForm(GovukErrorsMixin, forms.Form):
    on = forms.DateField(label="Date")


class PublicationForm(DatedForm):
    length_override = _length_override()


class CommitteeReportForm(GovukErrorsMixin, forms.ModelForm):
    class Meta:
        model = CommitteeReport
        fields = COMMITTEE_REPORT_FIELDS

    def __init__(self, *args: Any, templates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3


class CommitteeAppendixForm(GovukErrorsMixin, forms.Form):
    """Attach one more appendix to a committee report: what it is, then which one."""

    kind = forms.ChoiceField(
        label="What to attach",
        choices=CommitteeAppendix.Kind.choices,
        widget=forms.RadioSelect,
    )
    plan = forms.ModelChoiceField(
        queryset=Plan.objects.none(),
        label="Plan",
        required=False,
        help_text="For a plan, or for a plan's six-monthly update",
    )
    framework = forms.ModelChoiceField(
        queryset=Framework.objects.none(), label="Strategy or framework", required=False
    )
    pmo_report = forms.ChoiceField(
        label="PMO report",
        required=False,
        choices=[("", "Choose a report"), *((slug, r.title) for slug, r in REPORTS.items())],
    )

    def __init__(self, *args: Any, plans: Any, frameworks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]
        self.fields["framework"].queryset = frameworks  # type: ignore[attr-defined]


class AppendixNumberingForm(GovukErrorsMixin, forms.ModelForm):
    class Meta:
        model = CommitteeTemplate
        fields = ["appendix_numbering"]


class CommitteeSectionForm(GovukErrorsMixin, forms.Form):
    """Add a section to a committee report template, or change one."""

    field = forms.ChoiceField(label="What it shows", choices=list(SECTION_FIELDS.items()))
    heading = forms.CharField(label="Heading", max_length=300)
    part = forms.ChoiceField(label="Set out as", choices=CommitteeSection.Part.choices)
    required = forms.BooleanField(
        label="It must be completed before the report is issued", required=False, initial=True
    )


class FrameworkForm(GovukErrorsMixin, forms.ModelForm):
    class Meta:
        model = Framework
        fields = FRAMEWORK_FIELDS
        help_texts = {"body": MARKDOWN_HINT}
