from django import template
from django.db.models import QuerySet

from civicp3.identity.models import IdentityProvider
from civicp3.identity.selectors import sign_in_providers

register = template.Library()


@register.simple_tag
def identity_providers() -> QuerySet[IdentityProvider]:
    return sign_in_providers()
