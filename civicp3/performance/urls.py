from django.urls import path

from civicp3.performance import views

P = "performance/"

urlpatterns = [
    path(P + "benefits/", views.benefits, name="performance-benefits"),
    path(
        P + "benefits/export/<str:fmt>/", views.benefits_export, name="performance-benefits-export"
    ),
    path(P + "benefits/new/", views.benefit_new, name="performance-benefit-new"),
    path(P + "benefits/<int:number>/", views.benefit_detail, name="performance-benefit"),
    path(P + "channel-costs/", views.channel_costs, name="performance-channel-costs"),
    path(P + "scorecard/", views.scorecard, name="performance-scorecard"),
    path(P + "measures/", views.measure_list, name="performance-measures"),
    path(P + "measures/<str:key>/", views.measure_detail, name="performance-measure"),
    path(P + "kpis/new/", views.kpi_new, name="performance-kpi-new"),
    path(P + "kpis/<int:pk>/", views.kpi_detail, name="performance-kpi"),
    path(P + "kpis/<int:pk>/edit/", views.kpi_edit, name="performance-kpi-edit"),
    path(P + "reports/", views.reports, name="performance-reports"),
    path(P + "reports/<slug:slug>/", views.report, name="performance-report"),
    path(
        P + "reports/<slug:slug>/<str:fmt>/",
        views.report_download,
        name="performance-report-download",
    ),
    path(
        "projects/<int:number>/summary-report/",
        views.project_highlight,
        name="performance-project-report",
    ),
    path(
        "projects/<int:number>/summary-report/<str:fmt>/",
        views.project_highlight,
        name="performance-project-report-download",
    ),
]
