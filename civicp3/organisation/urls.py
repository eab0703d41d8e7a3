from django.urls import path

from civicp3.organisation import views

urlpatterns = [
    path("", views.home, name="home"),
    path("council/switch/", views.council_switch, name="council-switch"),
    path("settings/", views.settings_index, name="settings"),
    path("settings/password/", views.password_change, name="password-change"),
    path("settings/password/changed/", views.password_changed, name="password-changed"),
    path("settings/council/", views.council_edit, name="council-edit"),
    path("settings/council/history/", views.council_history, name="council-history"),
    path("settings/people/", views.people_list, name="people"),
    path("settings/people/add/", views.person_edit, name="person-add"),
    path("settings/people/<int:pk>/", views.person_edit, name="person-edit"),
    path("settings/<slug:kind>/", views.section_list, name="settings-section"),
    path("settings/<slug:kind>/add/", views.section_add, name="settings-add"),
    path("settings/<slug:kind>/<int:pk>/", views.section_edit, name="settings-edit"),
    path("settings/<slug:kind>/<int:pk>/history/", views.section_history, name="settings-history"),
]
