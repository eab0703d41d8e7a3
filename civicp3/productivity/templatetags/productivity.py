from django import template
from django.utils.safestring import SafeString, mark_safe

from civicp3.reports.markdown import markdown_html

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Markdown as sanitised HTML (nh3 removes anything unsafe)."""
    return mark_safe(markdown_html(text))
