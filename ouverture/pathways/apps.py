from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "ouverture.pathways"
    verbose_name = "Parcours PAM"
