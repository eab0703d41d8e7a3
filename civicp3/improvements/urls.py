from django.urls import path, re_path

from civicp3.improvements import views

urlpatterns = [
    path("waiting-list/", views.waiting_list, name="improvement-waiting-list"),
    path(
        "waiting-list/export/<str:fmt>/",
        views.waiting_list_export,
        name="improvement-waiting-list-export",
    ),
    re_path(r"^IMP-(?P<number>[0-9]{4,9})/$", views.improvement_detail, name="improvement-detail"),
]
