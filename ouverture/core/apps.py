from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ouverture.core"
    verbose_name = "Socle"
