from django.urls import path

from civicp3.guides import views

urlpatterns = [
    path("guides/", views.index, name="guides"),
    path("guides/images/<str:name>", views.image, name="guide-image"),
    path("guides/<slug:slug>/", views.guide, name="guide"),
]
