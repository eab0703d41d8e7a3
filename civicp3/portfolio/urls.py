from django.urls import path

from civicp3.portfolio import views

P = "projects/<int:number>/"

urlpatterns = [
    path("projects/", views.register, name="project-register"),
    path("projects/export/<str:fmt>/", views.register_export, name="project-register-export"),
    path("projects/new/", views.project_create, name="project-create"),
    path("projects/by-stage/", views.by_stage, name="project-by-stage"),
    path("projects/waiting-list/", views.waiting_list, name="project-waiting-list"),
    path("projects/lessons/", views.lessons, name="project-lessons"),
    path("projects/capacity/", views.capacity, name="project-capacity"),
    path("projects/what-fits/", views.what_fits, name="project-what-fits"),
    path("projects/boards/", views.boards, name="project-boards"),
    path("projects/boards/<int:pk>/", views.board_pack, name="project-board-pack"),
    path("projects/configuration/", views.configuration, name="project-configuration"),
    path(
        "projects/configuration/edit/",
        views.configuration_edit,
        name="project-configuration-edit",
    ),
    path("projects/audit/", views.audit, name="project-audit"),
    path(P, views.project_detail, name="project-detail"),
    path(P + "classify/", views.classify, name="project-classify"),
    path(P + "brief/", views.brief, name="project-brief"),
    path(P + "business-case/", views.business_case, name="project-business-case"),
    path(
        P + "business-case/submit/",
        views.business_case_submit,
        name="project-business-case-submit",
    ),
    path(
        P + "business-case/<slug:section>/",
        views.business_case_section,
        name="project-business-case-section",
    ),
    path(P + "appraisal/", views.appraisal, name="project-appraisal"),
    path(P + "threshold/", views.threshold, name="project-threshold"),
    path(P + "prioritise/", views.prioritise, name="project-prioritise"),
    path(P + "decide/", views.decide, name="project-decide"),
    path(P + "highlight-reports/new/", views.highlight, name="project-highlight"),
    path(P + "change-requests/new/", views.change_new, name="project-change"),
    path(P + "change-requests/<int:change>/", views.change_detail, name="project-change-detail"),
    path(P + "closure/", views.closure, name="project-closure"),
    path(P + "demand/", views.demand, name="project-demand"),
    path(P + "start-window/", views.start_window, name="project-start-window"),
    path(P + "health-check/", views.health_check, name="project-health-check"),
]
