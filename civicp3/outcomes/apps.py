from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "civicp3.outcomes"
    verbose_name = "Outcome frameworks and the outcomes scorecard"
