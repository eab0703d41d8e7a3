"""`{% project_header project %}`: a project's caption, title and tabs, on every project page."""

from typing import Any

from django import template

from civicp3.portfolio.tabs import tabs_for

register = template.Library()


@register.inclusion_tag("portfolio/_project_header.html", takes_context=True)
def project_header(context: dict[str, Any], project: Any) -> dict[str, Any]:
    return {"project": project, "tabs": tabs_for(context["request"], project.number)}
