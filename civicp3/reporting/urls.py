from django.urls import path

from civicp3.reporting import views

urlpatterns = [
    path("settings/reporting/", views.reporting_access, name="reporting-access"),
]
