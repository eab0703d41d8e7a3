"""The one place GOV.UK Design System form markup comes from.

Every Django form in Civic P3 renders through `GovukFormRenderer`: `{{ form }}` gives GOV.UK
form groups (label, hint, error message, input with the right classes and aria-describedby)
and `{% include "govuk/error_summary.html" %}` gives the error summary that links to them.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.forms.renderers import TemplatesSetting
from django.http import HttpRequest, QueryDict

from civicp3.lib.dates import refuse_out_of_range_dates
from civicp3.lib.errors import DomainError
from civicp3.lib.text import NAME_FIELDS, refuse_bidi_controls, refuse_control_characters


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"


class DateInput(forms.DateInput):
    """The browser's date picker, which reads and writes ISO dates (2026-03-10): a date input
    given the locale's 10/03/2026 shows blank."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class GovukErrorsMixin:
    """Required-field messages in the Design System's words: "Enter …" or "Select …".

    Text fields also refuse control characters, which no Word, Excel or Project file can hold
    (and name fields text-direction controls); date fields use the one date input and refuse
    dates outside the calendar's years (`civicp3.lib.dates`), naming the field.
    """

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            label = str(field.label or name.replace("_", " ").capitalize())
            label = label[:1].lower() + label[1:]
            if (
                field.error_messages.get("required")
                == forms.Field.default_error_messages["required"]
            ):
                verb = (
                    "Select"
                    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField)
                    else "Enter"
                )
                field.error_messages["required"] = f"{verb} {label}"
            widget = field.widget
            if isinstance(widget, forms.DateInput) and not isinstance(widget, DateInput):
                field.widget = DateInput(attrs=widget.attrs)  # a hidden date stays hidden
            if isinstance(field, forms.CharField):
                field.validators.append(refuse_control_characters)
                if name in NAME_FIELDS:
                    field.validators.append(refuse_bidi_controls)
            if isinstance(field, forms.DateField):
                field.validators.append(refuse_out_of_range_dates(label))


class VersionSeenMixin:
    """A hidden `version_seen`: the version of the record the person is editing when the page
    was drawn (`civicp3.organisation.versions`). Pass `version` (the record's version now); after
    a refused save, `saw(version)` moves it on so the person can save again over the change
    they have now been shown."""

    fields: dict[str, forms.Field]
    data: Any

    def __init__(self, *args: Any, version: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version_seen"] = forms.IntegerField(
            widget=forms.HiddenInput, initial=version, required=False, min_value=0
        )

    def seen(self) -> int | None:
        value = self.cleaned_data.pop("version_seen", None)  # type: ignore[attr-defined]
        return int(value) if value is not None else None

    def saw(self, version: int) -> None:
        self.data = self.data.copy()
        self.data["version_seen"] = str(version)


def amount_field(
    label: str, *, required: bool = True, max_digits: int = 14, **kwargs: Any
) -> forms.DecimalField:
    """An amount in pounds and pence (or any two-decimal figure), with a ten-character input."""
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=max_digits,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"data-width": "10", "step": "0.01"}),
        **kwargs,
    )


# --- A form page backed by a service: the one way a refusal gets back onto the form ---------

T = TypeVar("T")


def posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data, or None on GET: an empty POST still shows what is missing."""
    return request.POST if request.method == "POST" else None


def refusal_on(form: forms.BaseForm, error: DomainError) -> None:
    """Put a service's refusal beside the field it names, or in the error summary."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def attempt(form: forms.BaseForm, action: Callable[[], object]) -> bool:
    """Run a service call; a refusal goes onto the form and the answer is False."""
    try:
        action()
    except DomainError as error:
        refusal_on(form, error)
        return False
    return True


def submitted(
    request: HttpRequest, form: forms.BaseForm, call: Callable[[dict[str, Any]], T]
) -> T | None:
    """Run `call` with a posted form's data if it is valid, giving its result; None on GET,
    on an invalid form, or when the service refuses (the refusal is then on the form)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return call(form.cleaned_data)
    except DomainError as error:
        refusal_on(form, error)
        return None
