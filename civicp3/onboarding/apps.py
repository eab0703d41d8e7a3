from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def configure_councils(**_kwargs: Any) -> None:
    """After every `migrate`, give each existing council the configuration it lacks.

    This is the upgrade path for councils made before a piece of configuration existed: it
    runs once the whole schema is current, with today's code, which a data migration (run
    against the schema of its own day) could not promise.
    """
    from civicp3.onboarding.services import council_configure
    from civicp3.organisation.models import Council

    for council in Council.objects.all():
        council_configure(council)


class OnboardingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "civicp3.onboarding"
    verbose_name = "Onboarding"

    def ready(self) -> None:
        post_migrate.connect(configure_councils, sender=self)
