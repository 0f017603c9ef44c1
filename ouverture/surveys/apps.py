from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "ouverture.surveys"
    verbose_name = "Questionnaires"
