from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "civicp3.toolkit"
    verbose_name = "PMO toolkit"
