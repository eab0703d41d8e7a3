from django.apps import AppConfig


class IdentityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "civicp3.identity"
    verbose_name = "Single sign-on"
