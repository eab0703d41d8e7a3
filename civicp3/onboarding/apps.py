from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "civicp3.onboarding"
    verbose_name = "Onboarding"
