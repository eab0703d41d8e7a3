from django.urls import path

from civicp3.delivery import views

P = "projects/<int:number>/"

urlpatterns = [
    path(f"{P}plan/", views.plan, name="delivery-plan"),
    path(f"{P}plan/settings/", views.plan_settings, name="delivery-plan-settings"),
    path(f"{P}plan/tasks/new/", views.task_add, name="delivery-task-add"),
    path(f"{P}plan/tasks/<str:code>/", views.task_detail, name="delivery-task"),
    path(f"{P}plan/tasks/<str:code>/edit/", views.task_edit, name="delivery-task-edit"),
    path(f"{P}plan/tasks/<str:code>/delete/", views.task_delete, name="delivery-task-delete"),
    path(f"{P}plan/links/new/", views.link_add, name="delivery-link-add"),
    path(f"{P}plan/links/<int:pk>/delete/", views.link_delete, name="delivery-link-delete"),
    path(f"{P}plan/risks/", views.risks, name="delivery-risks"),
    path(f"{P}plan/risks/new/", views.risk_add, name="delivery-risk-add"),
    path(f"{P}plan/risks/<int:pk>/edit/", views.risk_edit, name="delivery-risk-edit"),
    path(f"{P}plan/risks/<int:pk>/delete/", views.risk_delete, name="delivery-risk-delete"),
    path(f"{P}plan/baselines/", views.baselines, name="delivery-baselines"),
    path(f"{P}plan/baselines/<int:pk>/", views.baseline_compare, name="delivery-baseline"),
    path(f"{P}plan/import/", views.plan_import, name="delivery-import"),
    path(f"{P}plan/export/<str:fmt>/", views.plan_export, name="delivery-export"),
    path(f"{P}gantt/", views.gantt, name="delivery-gantt"),
    path(f"{P}forecast/", views.forecast, name="delivery-forecast"),
    path(f"{P}forecast/<int:pk>/", views.forecast_detail, name="delivery-forecast-detail"),
    path(f"{P}earned-value/", views.earned_value, name="delivery-evm"),
    path("programmes/forecast/", views.programmes, name="delivery-programmes"),
]
