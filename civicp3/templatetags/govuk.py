"""Template helpers for GOV.UK Frontend markup (a built-in library: no {% load %} needed)."""

from django import template
from django.core.paginator import Page
from django.forms import BoundField
from django.utils.http import url_has_allowed_host_and_scheme

register = template.Library()

_INPUT_CLASSES = {
    "select": "govuk-select",
    "selectmultiple": "govuk-select",
    "textarea": "govuk-textarea",
    "file": "govuk-file-upload",
    "clearablefile": "govuk-file-upload",
}
_ERROR_CLASSES = {
    "govuk-select": "govuk-select--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-file-upload": "govuk-file-upload--error",
    "govuk-input": "govuk-input--error",
}


def described_by(field: BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.filter
def govuk_widget(field: BoundField) -> str:
    """Render a text-like, select, textarea or file widget with GOV.UK classes."""
    base = _INPUT_CLASSES.get(field.widget_type, "govuk-input")
    classes = [base]
    width = field.field.widget.attrs.get("data-width")
    if width:
        classes.append(f"govuk-input--width-{width}")
    if field.errors:
        classes.append(_ERROR_CLASSES[base])
    attrs = {"class": " ".join(classes)}
    if field.widget_type in {"text", "email", "password", "number", "url", "date"}:
        attrs["spellcheck"] = "false" if field.widget_type != "text" else "true"
    describedby = described_by(field)
    if describedby:
        attrs["aria-describedby"] = describedby
    return field.as_widget(attrs=attrs)


@register.filter
def govuk_describedby(field: BoundField) -> str:
    return described_by(field)


@register.filter
def error_anchor(field: BoundField) -> str:
    """The id the error summary links to: the first option of radios and checkboxes."""
    if field.widget_type in {"radioselect", "checkboxselectmultiple"}:
        return f"{field.auto_id}_0"
    return field.auto_id


@register.simple_tag(takes_context=True)
def safe_next(context: template.Context, fallback: str = "") -> str:
    """The `next` parameter of the current request if it is a safe local URL."""
    request = context.get("request")
    if request is None:
        return fallback
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


@register.simple_tag
def field_display(record: object, name: str) -> str:
    """A record's field as a person reads it: choice labels, and a dash for blank."""
    display = getattr(record, f"get_{name}_display", None)
    value = display() if callable(display) else getattr(record, name)
    return "—" if value in (None, "") else str(value)


@register.filter
def page_links(page: Page) -> list[int | str]:
    """The page numbers a GOV.UK pagination shows: the first, the last, and those beside the
    current one, with an ellipsis (…) for each gap — never a link to every page of a long list."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
