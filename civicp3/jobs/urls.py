from django.urls import path

from civicp3.jobs import views

urlpatterns = [
    path("jobs/", views.recent, name="jobs"),
    path("jobs/<int:pk>/", views.detail, name="job"),
    path("jobs/<int:pk>/result/", views.result, name="job-result"),
]
