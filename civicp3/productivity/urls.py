from django.urls import path

from civicp3.productivity import best_value_views, views

P = "productivity-plan/"
C = "committee-reports/"

F = "frameworks/"

urlpatterns = [
    path(F, views.frameworks, name="productivity-frameworks"),
    path(F + "new/", views.framework_edit, name="productivity-framework-new"),
    path(F + "<int:pk>/", views.framework_detail, name="productivity-framework"),
    path(F + "<int:pk>/edit/", views.framework_edit, name="productivity-framework-edit"),
    path(F + "<int:pk>/<str:fmt>/", views.framework_detail, name="productivity-framework-download"),
    path(P, views.plans, name="productivity-plans"),
    path(P + "new/", views.plan_new, name="productivity-plan-new"),
    path(P + "<int:pk>/", views.plan_detail, name="productivity-plan"),
    path(P + "<int:pk>/edit/", views.plan_edit, name="productivity-plan-edit"),
    path(P + "<int:pk>/move/<str:to>/", views.plan_move, name="productivity-plan-move"),
    path(P + "<int:pk>/commitments/new/", views.commitment_new, name="productivity-commitment"),
    path(
        P + "<int:pk>/commitments/<int:commitment>/done/",
        views.commitment_done,
        name="productivity-commitment-done",
    ),
    path(P + "<int:pk>/shared-sections/", views.plan_shared, name="productivity-plan-shared"),
    path(P + "shared-sections/", views.shared_sections, name="productivity-shared-sections"),
    path(P + "shared-sections/new/", views.shared_section_edit, name="productivity-shared-new"),
    path(
        P + "shared-sections/<int:pk>/edit/",
        views.shared_section_edit,
        name="productivity-shared-edit",
    ),
    path(P + "templates/", views.templates, name="productivity-templates"),
    path(P + "templates/new/", views.template_new, name="productivity-template-new"),
    path(P + "templates/<int:pk>/themes/new/", views.theme_new, name="productivity-theme-new"),
    path(P + "<int:pk>/versions/", views.plan_versions, name="productivity-plan-versions"),
    path(P + "<int:pk>/update/", views.plan_update, name="productivity-plan-update"),
    path(
        P + "<int:pk>/update/<str:fmt>/",
        views.plan_update,
        name="productivity-plan-update-download",
    ),
    path(P + "<int:pk>/prepare/<str:fmt>/", views.plan_prepare, name="productivity-prepare"),
    path(P + "<int:pk>/download/<str:fmt>/", views.plan_download, name="productivity-download"),
    path(
        P + "<int:pk>/record/<int:number>/<str:fmt>/",
        views.plan_record,
        name="productivity-record",
    ),
    path(
        "published/<slug:council>/productivity-plan/<int:pk>/",
        views.plan_public,
        name="productivity-plan-public",
    ),
    path(
        "published/<slug:council>/productivity-plan/<int:pk>/<str:fmt>/",
        views.plan_public_download,
        name="productivity-plan-public-download",
    ),
    path(
        P + "self-assessment/new/", best_value_views.self_assessment_new, name="self-assessment-new"
    ),
    path(
        P + "<int:pk>/ratings/<int:order>/",
        best_value_views.self_assessment_theme,
        name="self-assessment-theme",
    ),
    path(
        P + "templates/<int:pk>/characteristics/",
        best_value_views.characteristics,
        name="productivity-characteristics",
    ),
    path(
        P + "templates/<int:pk>/characteristics/upload/",
        best_value_views.characteristics_upload,
        name="productivity-characteristics-upload",
    ),
    path(
        P + "templates/<int:pk>/themes/<int:order>/characteristics/new/",
        best_value_views.characteristic_new,
        name="productivity-characteristic-new",
    ),
    path(
        P + "templates/<int:pk>/characteristics/<int:characteristic>/edit/",
        best_value_views.characteristic_edit,
        name="productivity-characteristic-edit",
    ),
    path(
        P + "templates/<int:pk>/characteristics/<int:characteristic>/remove/",
        best_value_views.characteristic_remove,
        name="productivity-characteristic-remove",
    ),
    path(C, views.committee_reports, name="committee-reports"),
    path(C + "new/", views.committee_report_edit, name="committee-report-new"),
    path(C + "templates/", views.committee_templates, name="committee-templates"),
    path(
        C + "templates/<int:pk>/numbering/",
        views.committee_template_numbering,
        name="committee-template-numbering",
    ),
    path(
        C + "templates/<int:pk>/sections/new/",
        views.committee_section_edit,
        name="committee-section-new",
    ),
    path(
        C + "templates/<int:pk>/sections/<int:section>/",
        views.committee_section_edit,
        name="committee-section-edit",
    ),
    path(
        C + "templates/<int:pk>/sections/<int:section>/<str:action>/",
        views.committee_section_action,
        name="committee-section-action",
    ),
    path(C + "<int:number>/", views.committee_report, name="committee-report"),
    path(C + "<int:number>/edit/", views.committee_report_edit, name="committee-report-edit"),
    path(C + "<int:number>/issue/", views.committee_report_issue, name="committee-report-issue"),
    path(
        C + "<int:number>/appendices/new/",
        views.committee_appendix_new,
        name="committee-appendix-new",
    ),
    path(
        C + "<int:number>/appendices/<int:appendix>/<str:action>/",
        views.committee_appendix_action,
        name="committee-appendix-action",
    ),
    path(C + "<int:number>/<str:fmt>/", views.committee_report, name="committee-report-download"),
]
