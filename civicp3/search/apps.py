from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "civicp3.search"
    verbose_name = "Search"
