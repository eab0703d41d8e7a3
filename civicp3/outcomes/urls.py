from django.urls import path

from civicp3.outcomes import views

urlpatterns = [
    path("", views.frameworks, name="outcomes"),
    path("upload/", views.framework_upload, name="outcomes-upload"),
    path("sample.csv", views.sample_file, name="outcomes-sample"),
    path("gaps/", views.gaps, name="outcomes-gaps"),
    path("gaps/<str:fmt>/", views.gaps, name="outcomes-gaps-download"),
    path("<int:pk>/", views.framework_detail, name="outcomes-framework"),
    path("<int:pk>/outcomes/<int:outcome>/kpis/", views.outcome_kpis, name="outcomes-kpis"),
    path(
        "<int:pk>/metrics/<int:metric>/values/new/",
        views.metric_value_new,
        name="outcomes-metric-value",
    ),
    path("<int:pk>/values/upload/", views.metric_values_upload, name="outcomes-values-upload"),
    path("<int:pk>/scorecard/", views.scorecard, name="outcomes-scorecard"),
    path("<int:pk>/scorecard/<str:fmt>/", views.scorecard, name="outcomes-scorecard-download"),
]
