from django.apps import AppConfig


class TwinningsConfig(AppConfig):
    name = "ouverture.twinnings"
    verbose_name = "Jumelages"
