from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "ouverture.opendata"
    verbose_name = "Données ouvertes"
