from django.urls import path

from civicp3.search import views

urlpatterns = [path("search/", views.search, name="search")]
