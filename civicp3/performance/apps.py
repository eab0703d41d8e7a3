from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "civicp3.performance"
    verbose_name = "Benefits, KPIs and the balanced scorecard"

    def ready(self) -> None:
        from civicp3.portfolio.tabs import ProjectTab, register

        register(
            ProjectTab(
                "Summary report",
                "performance-project-report",
                "projects.view",
                order=60,
            )
        )
