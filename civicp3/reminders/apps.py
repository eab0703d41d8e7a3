from django.apps import AppConfig


class RemindersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "civicp3.reminders"
    verbose_name = "Reminders"
