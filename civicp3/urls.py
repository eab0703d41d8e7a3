from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from civicp3 import views
from civicp3.engagement.urls import public_urlpatterns as public_feedback
from civicp3.organisation.forms import SignInForm

sign_in = auth_views.LoginView.as_view(
    authentication_form=SignInForm, redirect_authenticated_user=True
)

urlpatterns = [
    path("sign-in/", sign_in, name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("django-admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("improvements/", include("civicp3.improvements.urls")),
    path("engagement/", include("civicp3.engagement.urls")),
    path("", include(public_feedback)),
    path("", include("civicp3.portfolio.urls")),
    path("", include("civicp3.delivery.urls")),
    path("", include("civicp3.toolkit.urls")),
    path("", include("civicp3.performance.urls")),
    path("", include("civicp3.api.urls")),
    path("", include("civicp3.search.urls")),
    path("", include("civicp3.onboarding.urls")),
    path("", include("civicp3.productivity.urls")),
    path("outcomes/", include("civicp3.outcomes.urls")),
    path("", include("civicp3.jobs.urls")),
    path("", include("civicp3.guides.urls")),
    path("", include("civicp3.identity.urls")),
    path("", include("civicp3.feeds.urls")),
    path("", include("civicp3.reporting.urls")),
    path("", include("civicp3.organisation.urls")),
]

handler403 = "civicp3.views.permission_denied"
handler404 = "civicp3.views.page_not_found"
handler500 = "civicp3.views.server_error"
