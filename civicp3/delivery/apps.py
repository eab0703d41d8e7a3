from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "civicp3.delivery"
    verbose_name = "Plans and delivery"
