from django.apps import AppConfig


class RemindersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "civicp3.reminders"
    verbose_name = "Reminders"

    def ready(self) -> None:
        from civicp3.reminders import attention  # noqa: F401  (registers the source)
