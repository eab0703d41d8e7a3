from django.urls import path

from civicp3.portfolio import views

urlpatterns = [
    path("projects/", views.register, name="project-register"),
    path("projects/new/", views.project_create, name="project-create"),
    path("projects/<int:number>/", views.project_detail, name="project-detail"),
]
