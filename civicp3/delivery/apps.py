from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "civicp3.delivery"
    verbose_name = "Plans and delivery"

    def ready(self) -> None:
        from civicp3.portfolio.tabs import ProjectTab, register

        plan_pages = (
            "delivery-plan-settings",
            "delivery-task-add",
            "delivery-task",
            "delivery-task-edit",
            "delivery-task-delete",
            "delivery-link-add",
            "delivery-link-delete",
            "delivery-baselines",
            "delivery-baseline",
            "delivery-import",
        )
        register(ProjectTab("Plan", "delivery-plan", "projects.view", 20, plan_pages))
        register(ProjectTab("Gantt chart", "delivery-gantt", "projects.view", 21))
        register(
            ProjectTab(
                "Forecast", "delivery-forecast", "projects.view", 22, ("delivery-forecast-detail",)
            )
        )
        register(ProjectTab("Earned value", "delivery-evm", "projects.view", 23))
