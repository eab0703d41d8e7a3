from django.urls import path

from civicp3.toolkit import views

P = "projects/<int:number>/"
FMT = "<str:fmt>"

urlpatterns = [
    # A project's pages (tabs).
    path(f"{P}risks/", views.project_risks, name="toolkit-project-risks"),
    path(f"{P}risks/new/", views.project_risk_add, name="toolkit-project-risk-add"),
    path(f"{P}risks/export.{FMT}", views.project_risks_export, name="toolkit-project-risks-export"),
    path(f"{P}raid/", views.project_raid, name="toolkit-project-raid"),
    path(f"{P}raid/new/", views.project_raid_add, name="toolkit-project-raid-add"),
    path(f"{P}raid/<int:item>/", views.project_raid_edit, name="toolkit-project-raid-edit"),
    path(f"{P}raid/export.{FMT}", views.project_raid_export, name="toolkit-project-raid-export"),
    path(f"{P}decisions/", views.project_decisions, name="toolkit-project-decisions"),
    path(f"{P}decisions/new/", views.project_decision_add, name="toolkit-project-decision-add"),
    path(
        f"{P}decisions/export.{FMT}",
        views.project_decisions_export,
        name="toolkit-project-decisions-export",
    ),
    path(f"{P}requirements/", views.project_requirements, name="toolkit-project-requirements"),
    path(
        f"{P}requirements/new/",
        views.project_requirement_add,
        name="toolkit-project-requirement-add",
    ),
    path(
        f"{P}requirements/<int:requirement>/trace/",
        views.requirement_trace_add,
        name="toolkit-requirement-trace",
    ),
    path(
        f"{P}requirements/export.{FMT}",
        views.project_requirements_export,
        name="toolkit-project-requirements-export",
    ),
    path(f"{P}options/", views.project_options, name="toolkit-project-options"),
    path(
        f"{P}options/criteria/new/",
        views.project_criterion_add,
        name="toolkit-project-criterion-add",
    ),
    path(f"{P}options/new/", views.project_option_add, name="toolkit-project-option-add"),
    path(f"{P}options/<int:option>/scores/", views.option_scores, name="toolkit-option-scores"),
    path(f"{P}options/<int:option>/carry/", views.option_carry, name="toolkit-option-carry"),
    path(
        f"{P}options/export.{FMT}",
        views.project_options_export,
        name="toolkit-project-options-export",
    ),
    path(f"{P}stakeholders/", views.project_stakeholders, name="toolkit-project-stakeholders"),
    path(
        f"{P}stakeholders/new/",
        views.project_stakeholder_add,
        name="toolkit-project-stakeholder-add",
    ),
    path(
        f"{P}stakeholders/export.{FMT}",
        views.project_stakeholders_export,
        name="toolkit-project-stakeholders-export",
    ),
    path(f"{P}budget/", views.project_budget, name="toolkit-project-budget"),
    path(f"{P}budget/lines/new/", views.project_budget_line_add, name="toolkit-budget-line-add"),
    path(f"{P}budget/months/", views.project_budget_month, name="toolkit-budget-month"),
    path(
        f"{P}budget/export.{FMT}", views.project_budget_export, name="toolkit-project-budget-export"
    ),
    # Risks on any register, and the service and corporate registers.
    path("risks/service/", views.service_risks, name="toolkit-service-risks"),
    path("risks/corporate/", views.corporate_risks, name="toolkit-corporate-risks"),
    path(
        f"risks/service/export.{FMT}",
        views.service_risks_export,
        name="toolkit-service-risks-export",
    ),
    path(
        f"risks/corporate/export.{FMT}",
        views.corporate_risks_export,
        name="toolkit-corporate-risks-export",
    ),
    path("risks/<str:register>/new/", views.register_risk_add, name="toolkit-register-risk-add"),
    path("risks/matrix/", views.risk_matrix, name="toolkit-risk-matrix"),
    path("risks/RSK-<int:number>/", views.risk_detail, name="toolkit-risk"),
    path("risks/RSK-<int:number>/edit/", views.risk_edit, name="toolkit-risk-edit"),
    path(
        "risks/RSK-<int:number>/actions/new/", views.risk_action_add, name="toolkit-risk-action-add"
    ),
    path("risks/RSK-<int:number>/escalate/", views.risk_escalate, name="toolkit-risk-escalate"),
    # The decisions log across projects and boards.
    path("decisions/", views.decisions_log, name="toolkit-decisions-log"),
    path("decisions/new/", views.board_decision_add, name="toolkit-board-decision-add"),
    path(
        f"decisions/export.{FMT}", views.decisions_log_export, name="toolkit-decisions-log-export"
    ),
]
