from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "ouverture.surveys"
    verbose_name = "Questionnaires"

    def ready(self):
        from ouverture.surveys import indicators, permissions  # noqa: F401  (registers them)
