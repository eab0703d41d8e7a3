from django import forms
from django.contrib.auth.forms import SetPasswordForm

from civicp3.lib.forms import GovukErrorsMixin
from civicp3.organisation.models import Council
from civicp3.portfolio.models import Project

MAX_UPLOAD = 5 * 1024 * 1024


class UploadForm(GovukErrorsMixin, forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV or Excel (.xlsx) file, up to 5MB, with the headings shown above.",
        error_messages={"required": "Select a file"},
    )

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("The selected file must be smaller than 5MB")
        return upload


class PlanUploadForm(UploadForm):
    project = forms.ModelChoiceField(
        queryset=Project.objects.none(),
        required=False,
        label="Project the plan belongs to",
        empty_label="A new project (enter its title below)",
        help_text="Pick a project already on the P3 register, or leave this and enter a title.",
    )
    title = forms.CharField(
        max_length=200,
        required=False,
        label="Title of the new project",
        help_text="For example, Garden waste subscriptions online.",
    )

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["project"].queryset = Project.objects.for_council(council)  # type: ignore[attr-defined]
        self.fields["file"].label = "Microsoft Project file"
        self.fields[
            "file"
        ].help_text = "In Microsoft Project choose File, Save As, and the type XML Format (*.xml)."

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if not data.get("project") and not data.get("title"):
            self.add_error("title", "Enter the title of the new project, or pick a project")
        return data


class InvitationPasswordForm(GovukErrorsMixin, SetPasswordForm):  # type: ignore[misc]
    pass
