from typing import Any

from django import forms

from civicp3.lib.forms import GovukErrorsMixin
from civicp3.productivity.forms import MARKDOWN_HINT
from civicp3.productivity.models import Characteristic


class SelfAssessmentForm(GovukErrorsMixin, forms.Form):
    title = forms.CharField(label="Title", max_length=200)


class RatingsForm(GovukErrorsMixin, forms.Form):
    """A rating (radios, or not yet rated) and a narrative for each of a theme's
    characteristics."""

    def __init__(
        self, *args: Any, characteristics: list[Characteristic], ratings: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.characteristics = characteristics
        choices = [("", "Not yet rated"), *((r, r) for r in ratings)]
        for item in characteristics:
            self.fields[f"rating_{item.pk}"] = forms.ChoiceField(
                label=item.text,
                choices=choices,
                required=False,
                widget=forms.RadioSelect(attrs={"inline": True}),
            )
            self.fields[f"narrative_{item.pk}"] = forms.CharField(
                label=f"Narrative: {item.text}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=MARKDOWN_HINT if item is characteristics[0] else "",
            )

    def values(self) -> dict[int, tuple[str, str]]:
        return {
            item.pk: (
                self.cleaned_data[f"rating_{item.pk}"],
                self.cleaned_data[f"narrative_{item.pk}"],
            )
            for item in self.characteristics
        }


class CharacteristicForm(GovukErrorsMixin, forms.Form):
    text = forms.CharField(label="Characteristic", max_length=500)


class CharacteristicsUploadForm(GovukErrorsMixin, forms.Form):
    file = forms.FileField(
        label="Characteristics file",
        help_text="A CSV or Excel (.xlsx) file whose first row is the headings Theme and "
        "Characteristic; it replaces every characteristic of the self-assessment",
    )
