from django.apps import AppConfig


class ProductivityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "civicp3.productivity"
    verbose_name = "Productivity Plan and committee reports"

    def ready(self) -> None:
        from civicp3.productivity import reminders  # noqa: F401  (registers the source)
