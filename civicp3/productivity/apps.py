from django.apps import AppConfig


class ProductivityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "civicp3.productivity"
    verbose_name = "Productivity Plan and committee reports"
