from django.urls import path

from civicp3.onboarding import views

urlpatterns = [
    path("onboarding/", views.task_list, name="onboarding"),
    path(
        "onboarding/invitation/<str:uidb64>/<str:token>/",
        views.invitation,
        name="onboarding-invitation",
    ),
    path("onboarding/people/<int:pk>/invite/", views.invite_again, name="onboarding-invite"),
    path("onboarding/<slug:slug>/", views.step, name="onboarding-step"),
    path("onboarding/<slug:slug>/import/", views.confirm, name="onboarding-confirm"),
    path("onboarding/<slug:slug>/complete/", views.complete, name="onboarding-complete"),
    path("onboarding/<slug:slug>/add/<slug:kind>/", views.add_record, name="onboarding-add"),
]
