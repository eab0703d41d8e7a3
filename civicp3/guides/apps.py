from django.apps import AppConfig


class GuidesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "civicp3.guides"
    verbose_name = "Guides for each role"
