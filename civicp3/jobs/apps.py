from django.apps import AppConfig


class JobsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "civicp3.jobs"
    verbose_name = "Background work and its progress"
