from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "ouverture.agreements"
    verbose_name = "Conventions"
