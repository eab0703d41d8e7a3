from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "civicp3.performance"
    verbose_name = "Benefits, KPIs and the balanced scorecard"
