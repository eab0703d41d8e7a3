from django.urls import path

from civicp3.feeds import views

urlpatterns = [
    path("settings/calendar/", views.feed_settings, name="calendar-settings"),
    path("calendar/<str:secret>.ics", views.feed, name="calendar-feed"),
]
