from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "civicp3.organisation"
    verbose_name = "Councils and people"
