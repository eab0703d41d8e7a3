from django.apps import AppConfig

TABS = [
    ("Risks", "toolkit-project-risks", ("toolkit-project-risk-add",)),
    ("RAID", "toolkit-project-raid", ("toolkit-project-raid-add", "toolkit-project-raid-edit")),
    ("Decisions", "toolkit-project-decisions", ("toolkit-project-decision-add",)),
    (
        "Requirements",
        "toolkit-project-requirements",
        ("toolkit-project-requirement-add", "toolkit-requirement-trace"),
    ),
    (
        "Options",
        "toolkit-project-options",
        ("toolkit-project-criterion-add", "toolkit-project-option-add", "toolkit-option-scores"),
    ),
    ("Stakeholders", "toolkit-project-stakeholders", ("toolkit-project-stakeholder-add",)),
    ("Budget", "toolkit-project-budget", ("toolkit-budget-line-add", "toolkit-budget-month")),
]


class ToolkitConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "civicp3.toolkit"
    verbose_name = "PMO toolkit"

    def ready(self) -> None:
        from civicp3.portfolio.tabs import ProjectTab, register

        for order, (label, url_name, also) in enumerate(TABS, start=40):
            register(ProjectTab(label, url_name, "projects.view", order=order, also_active=also))

        from civicp3.portfolio.signals import board_decided
        from civicp3.toolkit.services import log_board_decision

        board_decided.connect(log_board_decision, dispatch_uid="toolkit-log-board-decision")
