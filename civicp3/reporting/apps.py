from django.apps import AppConfig


class ReportingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "civicp3.reporting"
    verbose_name = "Reporting for Power BI and Excel"
