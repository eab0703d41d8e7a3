from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "civicp3.portfolio"
    verbose_name = "Projects, programmes and portfolios"

    def ready(self) -> None:
        from civicp3.portfolio.tabs import ProjectTab, register

        register(ProjectTab("Overview", "project-detail", "projects.view", order=0))
        register(
            ProjectTab(
                "Business case",
                "project-business-case",
                "projects.view",
                order=5,
                also_active=("project-business-case-section", "project-business-case-submit"),
            )
        )
