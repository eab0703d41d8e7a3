from django.urls import path

from civicp3.engagement import views

public_urlpatterns = [
    path("feedback/<slug:council>/", views.public_feedback, name="engagement-public-feedback"),
    path(
        "feedback/<slug:council>/thank-you/",
        views.public_feedback_thanks,
        name="engagement-public-feedback-thanks",
    ),
]

urlpatterns = [
    path("feedback/", views.feedback_list, name="engagement-feedback"),
    path("feedback/give/", views.feedback_give, name="engagement-feedback-give"),
    path("feedback/thank-you/", views.feedback_thanks, name="engagement-feedback-thanks"),
    path("feedback/export/<str:fmt>/", views.feedback_export, name="engagement-feedback-export"),
    path("rules/", views.settings_edit, name="engagement-settings"),
    path("champions/", views.champions, name="engagement-champions"),
    path("champions/appoint/", views.appointment_add, name="engagement-appointment-add"),
    path("champions/<int:pk>/", views.appointment_edit, name="engagement-appointment-edit"),
    path("champions/meetings/add/", views.meeting_add, name="engagement-meeting-add"),
    path("champions/meetings/<int:pk>/", views.meeting_detail, name="engagement-meeting"),
    path("champions/actions/<int:pk>/done/", views.action_done, name="engagement-action-done"),
    path("champions/insight/add/", views.insight_add, name="engagement-insight-add"),
    path("champions/insight/<int:pk>/raise/", views.insight_raise, name="engagement-insight-raise"),
]
