"""Money as the council writes it: £1,234.50, and a minus sign before the pound sign."""

from decimal import Decimal, InvalidOperation

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def pounds(value: Decimal | str | float | None) -> str:
    if value is None or value == "":
        return "—"
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    text = floatformat(abs(amount), "2g")
    return f"\u2212£{text}" if amount < 0 else f"£{text}"
