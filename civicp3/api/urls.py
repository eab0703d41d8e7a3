from django.urls import path

from civicp3.api import views
from civicp3.api.api import api

urlpatterns = [
    path("api/", api.urls),
    path("settings/api-tokens/", views.token_list, name="api-tokens"),
    path("settings/api-tokens/<int:pk>/revoke/", views.token_revoke, name="api-token-revoke"),
]
