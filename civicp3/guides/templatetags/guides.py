from django import template

from civicp3.guides.content import Guide, for_roles

register = template.Library()


@register.simple_tag
def guides_for(roles: frozenset[str]) -> list[Guide]:
    """The guides written for any of these roles (for a person's home page)."""
    return for_roles(roles or frozenset())
