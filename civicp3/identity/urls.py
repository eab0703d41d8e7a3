from django.urls import path

from civicp3.identity import views

urlpatterns = [
    path("sign-in/sso/callback/", views.sso_callback, name="sso-callback"),
    path("sign-in/sso/<slug:slug>/", views.sso_start, name="sso-start"),
    path("settings/single-sign-on/", views.provider_settings, name="sso-settings"),
    path("settings/single-sign-on/people/<int:pk>/", views.grant_roles, name="sso-grant-roles"),
]
